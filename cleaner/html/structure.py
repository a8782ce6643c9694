"""What the lines of a page are in its markup: headings, list items, table rows, quotes, code.

The text chain works on plain lines whichever extractor chose them; Markdown output
(``cleaner.markdown``) needs to know which of those lines were a heading or a list item.
Walking the page once for its structural elements, after its residue markup is dropped,
gives each of their lines with its ``Block``; the renderer matches the document's lines to
them by their text, in page order. Everything else is a paragraph.
"""

from __future__ import annotations

from lxml import html

from cleaner.html.visible import BLOCK_TAGS, page_lines
from cleaner.markdown import Block, structure_key
from cleaner.shape import match_keys

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})
# A cell holding one of these, or more than one paragraph, is page layout, not data.
_LAYOUT_IN_CELL = ("table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre")
_STRUCTURAL = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "blockquote", "pre")


def page_blocks(root: html.HtmlElement) -> list[tuple[str, Block]]:
    """The key (``markdown.structure_key``) of every line of the page's structural elements
    and its Block, in page order."""
    found: list[tuple[str, Block]] = []
    lists: dict[html.HtmlElement, int] = {}  # outermost list -> its group
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
    keys = match_keys([text for text, _ in found])
    return [
        (structure_key(text, key), block) for key, (text, block) in zip(keys, found, strict=True)
    ]


def _text(element: html.HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def _item(element: html.HtmlElement, lists: dict[html.HtmlElement, int]) -> list[tuple[str, Block]]:
    """A list item's own text (its nested lists are items of their own) and its Block, in
    the group of its outermost list; for an item of several blocks (paragraphs), also its
    first line, which is what the page's visible text has as the item (the rest are
    paragraphs)."""
    parent = element.getparent()
    if parent is None or parent.tag not in _LISTS:
        return []
    outermost = parent
    for ancestor in parent.iterancestors("ul", "ol"):
        outermost = ancestor
    group = lists.setdefault(outermost, len(lists) + 1)
    parts = [element.text or ""]
    blocks = False  # whether the item holds block elements besides nested lists
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _LISTS:  # not a comment
            parts.extend(child.itertext())
            blocks = blocks or child.tag in BLOCK_TAGS
        parts.append(child.tail or "")
    depth = sum(1 for ancestor in element.iterancestors("li"))
    number = 0
    if parent.tag == "ol":
        start = parent.get("start", "1").strip()
        number = (int(start) if start.isdigit() else 1) + sum(
            1 for _ in element.itersiblings("li", preceding=True)
        )
    item = Block("item", level=depth, number=number, group=group)
    found = [(" ".join("".join(parts).split()), item)]
    if blocks:
        lines = page_lines(element)
        if lines and lines[0].text != found[0][0]:
            found.append((lines[0].text, item))
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
            if any(True for _ in cell.iter(*_LAYOUT_IN_CELL)) or len(cell.findall(".//p")) > 1:
                return []
        texts = tuple(_text(cell) for cell in cells)
        header = bool(cells) and all(cell.tag == "th" for cell in cells)
        found.append(
            (" ".join(texts), Block("row", level=number, group=group, header=header, cells=texts))
        )
        found.extend(
            (text, Block("cell", level=number, group=group, number=column))
            for column, text in enumerate(texts)
            if text
        )
    return found
