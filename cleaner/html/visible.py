"""A page's visible text, as a reader sees it: one line per block element.

It is the fallback when an extractor finds nothing, the text of a page too deep for a tree,
and the reference of the page's audit trail (``cleaner.html.audit``): every line here is
either in the body or recorded as removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from lxml import etree, html

# Elements after which visible text starts a new line.
BLOCK_TAGS = frozenset(
    [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    ]
)  # fmt: skip
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})


@dataclass(frozen=True, slots=True)
class PageLine:
    """One line of a page's visible text, and the rule that dropped its element (if any)."""

    text: str
    rule: str | None = None


def page_lines(
    root: html.HtmlElement, dropped: Mapping[html.HtmlElement, str] | None = None
) -> list[PageLine]:
    """The visible lines under ``root``; the text of an element in ``dropped`` forms lines
    of its own, tagged with the rule that element is dropped by."""
    dropped = dropped or {}
    # Runs of text pieces ("\n" between blocks), one run per change of rule.
    runs: list[tuple[str | None, list[str]]] = [(None, [])]
    rules: list[str | None] = [None]  # the rule of the innermost dropped element open
    parts = runs[0][1]
    # lxml's walk (C) instead of a stack in Python: a quarter less time on a page.
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        if event == "start":
            tag = element.tag
            if tag in INVISIBLE_TAGS:
                walk.skip_subtree()  # its end comes next, with its tail
                continue
            if element in dropped:
                rules.append(dropped[element])
                runs.append((rules[-1], []))
                parts = runs[-1][1]
            elif tag in BLOCK_TAGS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
            continue
        if event == "end" and element.tag not in INVISIBLE_TAGS:
            if element.tag in BLOCK_TAGS:
                parts.append("\n")
            if element in dropped:
                rules.pop()
                runs.append((rules[-1], []))
                parts = runs[-1][1]
        if element.tail and element is not root:  # comments and processing instructions too
            parts.append(element.tail)
    lines: list[PageLine] = []
    for rule, pieces in runs:
        for line in "".join(pieces).split("\n"):
            text = " ".join(line.split())
            if text:
                lines.append(PageLine(text, rule))
    return lines


def visible_text(root: html.HtmlElement) -> str:
    """The text a reader sees under ``root``, one line per block element."""
    return "\n".join(line.text for line in page_lines(root))


def visible_lines(root: html.HtmlElement) -> Iterator[str]:
    """The lines of ``visible_text``, read as they are needed: a reader of a few lines of a
    large element stops without laying out the rest."""
    parts: list[str] = []
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        boundary = False
        if event == "start":
            if element.tag in INVISIBLE_TAGS:
                walk.skip_subtree()  # its end comes next, with its tail
                continue
            boundary = element.tag in BLOCK_TAGS
            text = element.text
        else:
            if event == "end" and element.tag not in INVISIBLE_TAGS:
                boundary = element.tag in BLOCK_TAGS
            text = element.tail if element is not root else None
        if boundary and parts:
            yield from _joined_lines(parts)
            parts.clear()
        if text:
            parts.append(text)
    yield from _joined_lines(parts)


def _joined_lines(parts: list[str]) -> Iterator[str]:
    """The non-empty lines, spaces collapsed, of text pieces between two block edges."""
    for line in "".join(parts).split("\n"):
        text = " ".join(line.split())
        if text:
            yield text


class _TextReader(HTMLParser):
    """Collects the visible text of markup as ``visible_text`` does, without a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: Counter[str] = Counter()  # open invisible elements, by tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden["head"] = 0  # the end of a head may be left out
        if tag in INVISIBLE_TAGS:
            self.hidden[tag] += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden[tag]:
            self.hidden[tag] -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden.total():
            self.parts.append(data)


def flat_visible_text(markup: str) -> str:
    """The visible text of markup read as a stream of tags, one line per block element: for
    a page nested deeper than a tree can hold, whose tree lacks its deepest text. Slower
    than ``visible_text`` (the tokenizer is Python), but with no limit on nesting."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)
