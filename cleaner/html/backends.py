"""Main-content extractors behind one interface: a parsed page in, plain text out.

trafilatura is the default; readability-lxml ("readability", also the default's recall
fallback) is a dependency too; resiliparse ("fast") is an optional extra. All are imported
on first use. Every backend returns paragraphs
as lines; an empty string means it found nothing.
"""

from __future__ import annotations

import contextlib
import copy
import functools
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

from lxml import html

from cleaner.errors import CleanerError, InputError
from cleaner.html.markup import unlimited_parser

Extractor = Callable[[html.HtmlElement], str]

DEFAULT_BACKEND = "trafilatura"
# Backend name -> (module to import, the extra that installs it).
# Backend -> (package, extra) named in the error when its import fails.
_OPTIONAL = {"fast": ("resiliparse", "fast"), "readability": ("readability-lxml", "")}
BACKENDS = ("trafilatura", "fast", "readability")


def _trafilatura(*, recall: bool = False) -> Extractor:
    import trafilatura

    def extract(root: html.HtmlElement) -> str:
        # Reader comments are never article text. By default favour precision: the text
        # chain and the recall fallback (cleaner.html.page) make up for what it leaves out.
        text = trafilatura.extract(
            root,
            include_comments=False,
            favor_precision=not recall,
            favor_recall=recall,
            include_images=False,
            with_metadata=False,
            deduplicate=False,
        )
        return text or ""

    return extract


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    def extract(root: html.HtmlElement) -> str:
        # Only the body: the head holds no content, and scripts and styles there would be
        # serialised and parsed again for nothing (same output on the 181 benchmark pages).
        body = root.find("body")
        page = html.tostring(root if body is None else body, encoding="unicode")
        text: str = extract_plain_text(page, main_content=True, alt_texts=False, noscript=False)
        return text

    return extract


def _readability() -> Extractor:
    from readability import Document

    def extract(root: html.HtmlElement) -> str:
        # A copy of the tree, which readability changes: serialised, the page would be parsed
        # again with libxml2's default limits, which stop at a 10 MB attribute.
        summary = Document(copy.deepcopy(root)).summary(html_partial=True)
        parser = unlimited_parser()
        return visible_text(html.fragment_fromstring(summary, create_parent="div", parser=parser))

    return extract


_FACTORIES: dict[str, Callable[[], Extractor]] = {
    "trafilatura": _trafilatura,
    "fast": _resiliparse,
    "readability": _readability,
}


def recall_backends() -> list[tuple[str, Extractor]]:
    """Second extractors for a page whose default extraction looks truncated, best first:
    readability-lxml (a dependency, but an install may lack it), then trafilatura favouring
    recall."""
    found: list[tuple[str, Extractor]] = []
    with contextlib.suppress(CleanerError):
        found.append(("readability", get_backend("readability")))
    found.append(("trafilatura-recall", _trafilatura_recall()))
    return found


@functools.cache
def _trafilatura_recall() -> Extractor:
    return _trafilatura(recall=True)


def check_backend(name: str) -> None:
    """InputError unless ``name`` is a backend's (checked for text input too, where no
    backend runs, so that a misspelt name never passes unseen)."""
    if name not in _FACTORIES:
        raise InputError(f"unknown backend {name!r} (expected one of: {', '.join(BACKENDS)})")


@functools.cache
def get_backend(name: str | None) -> Extractor:
    """The extractor called ``name`` (``None``: the default), imported on first use."""
    name = name or DEFAULT_BACKEND
    check_backend(name)
    factory = _FACTORIES[name]
    try:
        return factory()
    except ImportError:
        module, extra = _OPTIONAL.get(name, (name, ""))
        hint = f"pip install 'cleaner[{extra}]'" if extra else f"pip install {module}"
        raise CleanerError(f"backend {name!r} needs {module}: {hint}") from None


# Elements after which visible text starts a new line.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})


def visible_text(root: html.HtmlElement) -> str:
    """The text a reader sees, one line per block element: the fallback when an extractor
    finds nothing, left for the text chain to clean."""
    parts: list[str] = []
    stack: list[tuple[html.HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        if closing or not tag or tag in _INVISIBLE:
            if closing and tag in _BLOCKS:
                parts.append("\n")
            if element is not root:
                parts.append(element.tail or "")
            continue
        if tag in _BLOCKS:
            parts.append("\n")
        parts.append(element.text or "")
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return _as_lines(parts)


class _TextReader(HTMLParser):
    """Collects the visible text of markup as ``visible_text`` does, without a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: Counter[str] = Counter()  # open invisible elements, by tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden["head"] = 0  # the end of a head may be left out
        if tag in _INVISIBLE:
            self.hidden[tag] += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden[tag]:
            self.hidden[tag] -= 1
        elif tag in _BLOCKS:
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
    return _as_lines(reader.parts)


def _as_lines(parts: list[str]) -> str:
    """Text pieces and line breaks joined into lines, each with its spaces collapsed."""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
