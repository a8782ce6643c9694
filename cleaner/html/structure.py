"""What the lines of a page are in its markup: headings, list items, table rows, quotes, code.

The text chain works on plain lines whichever extractor chose them; Markdown output
(``cleaner.markdown``) needs to know which of those lines were a heading or a list item.
Walking the page once for its structural elements, after its residue markup is dropped,
gives each of their lines with its ``Block``; the renderer matches the document's lines to
them by their text, in page order. Everything else is a paragraph. The walk is on every
page's path, so it only collects: the renderer computes the keys when Markdown is asked for.
"""

from __future__ import annotations

from collections import Counter

from lxml import html

from cleaner.html.visible import page_lines
from cleaner.markdown import Block

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})
# A cell holding one of these, or more than one paragraph, is page layout, not data.
_LAYOUT_IN_CELL = frozenset(
    {"table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre"}
)
# Blocks that make a list item's text more than one line (a tutorial's step and its notes).
_ITEM_BLOCKS = frozenset({"p", "div", "pre", "blockquote", "table", "dl", "figure"})
_STRUCTURAL = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "blockquote", "pre")


class _Lists:
    """Each list's group (that of its outermost list), depth, and items numbered so far."""

    def __init__(self) -> None:
        self.groups: dict[html.HtmlElement, tuple[int, int]] = {}
        self.numbers: Counter[html.HtmlElement] = Counter()

    def place(self, parent: html.HtmlElement) -> tuple[int, int]:
        """The group and depth of the items of list ``parent``."""
        found = self.groups.get(parent)
        if found is None:
            outer = next(parent.iterancestors("li"), None)
            outer_list = None if outer is None else outer.getparent()
            if outer_list is not None and outer_list.tag in _LISTS:
                group, depth = self.place(outer_list)
                found = (group, depth + 1)
            else:
                found = (len(self.groups) + 1, 0)
            self.groups[parent] = found
        return found


def page_blocks(root: html.HtmlElement) -> list[tuple[str, Block]]:
    """Every line of the page's structural elements and its Block, in page order."""
    found: list[tuple[str, Block]] = []
    lists = _Lists()
    for group, element in enumerate(root.iter(*_STRUCTURAL), start=1):
        tag = element.tag
        if tag in _HEADINGS:
            found.append((_text(element), Block("heading", level=_HEADINGS[tag])))
        elif tag == "li":
            found.extend(_item(element, lists))
        elif tag == "table":
            found.extend(_table(element, group))
        elif tag == "blockquote":
            quote = Block("quote", group=group)
            found.extend((line.text, quote) for line in page_lines(element))
        else:  # pre
            source = "".join(element.itertext()).strip("\n")
            code = Block("code", group=group, source=source)
            found.extend((line, code) for line in source.splitlines() if line.strip())
    return found


def _text(element: html.HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def _item(element: html.HtmlElement, lists: _Lists) -> list[tuple[str, Block]]:
    """A list item's own text (its nested lists are items of their own) and its Block; for
    an item of several blocks (paragraphs), also its lines as the page's visible text has
    them: the first is the item, the others more paragraphs of it."""
    parent = element.getparent()
    if parent is None or parent.tag not in _LISTS:
        return []
    group, depth = lists.place(parent)
    number = 0
    if parent.tag == "ol":
        start = parent.get("start", "1").strip()
        number = (int(start) if start.isdigit() else 1) + lists.numbers[parent]
        lists.numbers[parent] += 1
    parts = [element.text or ""]
    blocks = 0  # paragraphs and other blocks in the item, nested lists aside
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _LISTS:  # not a comment
            parts.extend(child.itertext())
            blocks += tag in _ITEM_BLOCKS
        parts.append(child.tail or "")
    item = Block("item", level=depth, number=number, group=group)
    found = [(" ".join("".join(parts).split()), item)]
    if blocks > 1:
        nested = Counter(
            line.text for child in element if child.tag in _LISTS for line in page_lines(child)
        )
        lines = [line.text for line in page_lines(element)]
        own = list((Counter(lines) - nested).elements())
        own.sort(key=lines.index)
        if own and own[0] != found[0][0]:
            found.append((own[0], item))
            more = Block("more", level=depth, group=group)
            found.extend((line, more) for line in own[1:])
    return found


def _table(table: html.HtmlElement, group: int) -> list[tuple[str, Block]]:
    """A data table's rows (as an extractor writes them, ``| a | b |``: the key ignores the
    pipes) and cells (as the page's visible text has them, one a line); nothing for a table
    that lays out a page."""
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    found: list[tuple[str, Block]] = []
    for number, row in enumerate(rows):
        cells = [cell for cell in row if cell.tag in _CELLS]
        for cell in cells:
            paragraphs = 0
            for inner in cell.iter(*_LAYOUT_IN_CELL, "p"):
                if inner.tag != "p":
                    return []
                paragraphs += 1
            if paragraphs > 1:
                return []
        texts = tuple(_text(cell) for cell in cells)
        found.append((" ".join(texts), Block("row", level=number, group=group, cells=texts)))
        found.extend(
            (text, Block("cell", level=number, group=group, number=column))
            for column, text in enumerate(texts)
            if text
        )
    return found
