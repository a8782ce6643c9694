"""Markdown of a Document: its kept lines with the structure they had.

The document stays a list of lines with marks; Markdown is one more reading of the kept
lines. Each kept line gets a ``Block``: for a page, the one of the structural element that
held it (``cleaner.html.structure``, matched by the line's key in page order); otherwise
what the line itself shows (``- item``, ``1. step`` in a numbered run, ``| a | b |``) or,
for text input, a subheading (a short title-like line above a paragraph). Lines without
structure are paragraphs. Text that Markdown would read as syntax is escaped, and nothing
else, so the Markdown reads like the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cleaner.shape import ends_sentence, match_key, match_keys

if TYPE_CHECKING:
    from cleaner.document import Document


class Block(NamedTuple):
    """What a line is in the document's structure."""

    # "paragraph", "heading", "item", "more" (a list item's next paragraph), "row" (a table
    # row on one line), "cell" (a table cell on a line of its own), "quote", "code", or
    # "separator" (a pipe table's |---| line).
    kind: str
    # heading: 1-6; item, more: nesting depth from 0; row and cell: the row's number.
    level: int = 0
    # item: its number in a numbered list (0: a bullet); cell: its column.
    number: int = 0
    # The list, table, quote or code block the line belongs to (-1: found in the text alone).
    group: int = 0
    # row: its cells in the page, for a line that has them without pipes (resiliparse's).
    cells: tuple[str, ...] = ()
    source: str = ""  # code: the block as written, indentation and blank lines kept


PARAGRAPH = Block("paragraph")
_MARKER = re.compile(r"^(?:([-*•])\s+(?=\S)|(\d{1,3})[.)]\s+(?=\S))")
_ROW = re.compile(r"^\|.*\|$")
_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
_PIPE = re.compile(r"(?<!\\)\|")
# A news agency's subheading: "- Title -" (AFP's wires).
_DASHED_HEADING = re.compile(r"^-\s+(\S.*?)\s+-$")
# A subheading in text input: at most this many words, above a paragraph of at least
# _HEADED_WORDS words.
_HEADING_WORDS = 10
_HEADED_WORDS = 12
_CLAUSE_ENDS = (":", ",", ";", "-", "–", "—")

# Markdown syntax at the start of a line: ATX headings, quotes, bullets, numbered items,
# thematic breaks and setext underlines, fences, HTML blocks.
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|[-=_*](?:\s*[-=_*]){2,}\s*$|`{3}|~{3}|<)"
)
# Inline syntax: a backslash before punctuation, code spans, emphasis delimiters touching
# a word, HTML tags and entities, link brackets, strikethrough.
_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])|`|(?<!\s)\*|\*(?!\s)|(?<![^\W_])_|_(?![^\W_])|<(?=[A-Za-z/!?])"
    r"|&(?=#?\w{1,32};)|\](?=[(\[])|~~"
)


def structure_key(text: str, key: str) -> str:
    """The key a line is matched by: its comparison key, or for a line of punctuation only
    ("}", "* * *"), whose comparison key is empty, its text."""
    return key or "\x00" + " ".join(text.split())


def render_markdown(doc: Document) -> str:
    """The document's kept lines as Markdown, blocks separated by one blank line."""
    lines = [(text, block) for text, block in _kept_blocks(doc) if block.kind != "separator"]
    out: list[str] = []
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and _same_block(lines[start][1], lines[end][1]):
            end += 1
        out.append(_RENDER[lines[start][1].kind](lines[start:end]))
        start = end
    return "\n\n".join(part for part in out if part)


def _kept_blocks(doc: Document) -> list[tuple[str, Block]]:
    """Each kept line's text (its list marker taken off) and Block."""
    structure = doc.structure
    positions: dict[str, list[int]] = {}
    if structure:
        texts = [text for text, _ in structure]
        for at, (text, key) in enumerate(zip(texts, match_keys(texts), strict=True)):
            positions.setdefault(structure_key(text, key), []).append(at)
    found: list[tuple[int, str, Block]] = []
    after = 0  # the structure is matched in page order
    for index, line in enumerate(doc.lines):
        if not line:
            continue
        text, block = _recognised(line)
        if structure:
            key = structure_key(line, doc.key(index))
            bare = structure_key(text, match_key(text)) if text is not line else key
            for candidate in (key, bare) if block.kind == "item" else (key,):
                position = _find(positions.get(candidate), after)
                if position is not None:
                    after = max(after, position + 1)
                    block = _merged(structure[position][1], block)
                    if block.kind not in ("item", "row", "separator"):
                        text = line  # a marker in code or a quote is its text
                    break
        if not doc.is_removed(index):
            found.append((index, text, block))
    found = _item_runs(doc, found)
    if structure is None:
        found = _subheadings(doc, found)
    return [(text, block) for _, text, block in found]


def _find(positions: list[int] | None, after: int) -> int | None:
    """The first position at or after ``after``, else the first of all (a line an extractor
    moved), else None."""
    if not positions:
        return None
    at = bisect.bisect_left(positions, after)
    return positions[at] if at < len(positions) else positions[0]


def _merged(page: Block, line: Block) -> Block:
    """The page's Block of a line, but the line's own when it is a pipe-table row or its
    separator that the page has as cells."""
    if line.kind in ("row", "separator") and page.kind in ("row", "cell"):
        return line._replace(group=page.group)
    return page


def _recognised(line: str) -> tuple[str, Block]:
    """What the line itself shows: a pipe-table row, a "- Title -" subheading, a list item
    (marker taken off), or a paragraph. An item stands only in a run (``_item_runs``)."""
    if _ROW.fullmatch(line):
        kind = "separator" if _SEPARATOR.fullmatch(line) else "row"
        return line, Block(kind, group=-1)
    dashed = _DASHED_HEADING.fullmatch(line)
    if dashed is not None:
        return dashed.group(1), Block("heading", level=2, group=-1)
    marker = _MARKER.match(line)
    if marker is None:
        return line, PARAGRAPH
    number = int(marker.group(2)) if marker.group(2) else 0
    return line[marker.end() :], Block("item", number=number, group=-1)


def _item_runs(doc: Document, found: list[tuple[int, str, Block]]) -> list[tuple[int, str, Block]]:
    """Items found in the text alone stay items only next to another (a bulleted one) or to
    the item numbered one more or less: alone, "1. FC Köln won" is a sentence and "- Yes,
    he said." a quotation (Scandinavian news); those are paragraphs again, as written."""
    out = list(found)
    for n, (index, _, block) in enumerate(found):
        if block.kind != "item" or block.group != -1:
            continue
        neighbours = [found[m][2] for m in (n - 1, n + 1) if 0 <= m < len(found)]
        if not any(
            b.kind == "item"
            and b.group == -1
            and (abs(b.number - block.number) == 1 if block.number else not b.number)
            for b in neighbours
        ):
            out[n] = (index, doc.lines[index], PARAGRAPH)
    return out


def _subheadings(
    doc: Document, found: list[tuple[int, str, Block]]
) -> list[tuple[int, str, Block]]:
    """In text input, a short title-like line (no sentence or clause end, a capital or digit
    first) above a paragraph of some length, and not under another subheading, is one."""
    out = list(found)
    for n in range(len(found) - 1):
        index, text, block = found[n]
        after_index, after_text, after = found[n + 1]
        before = found[n - 1][2] if n else None
        if (
            block is PARAGRAPH
            and after is PARAGRAPH
            and (before is None or before.kind != "heading")
            and doc.words(index) <= _HEADING_WORDS
            and (text[0].isupper() or text[0].isdigit())
            and not ends_sentence(text)
            and not text.endswith(_CLAUSE_ENDS)
            and ends_sentence(after_text)
            and doc.words(after_index) >= _HEADED_WORDS
        ):
            out[n] = (index, text, Block("heading", level=2))
    return out


def _same_block(first: Block, other: Block) -> bool:
    """Whether ``other`` continues the Markdown block that ``first`` opened."""
    joined = other.group == first.group or -1 in (other.group, first.group)
    if first.kind == "item":  # one list; a numbered one after bullets is another
        return (other.kind == "more" and other.group == first.group) or (
            other.kind == "item"
            and joined
            and (other.level > 0 or (other.number > 0) == (first.number > 0))
        )
    if first.kind in ("row", "cell"):
        return other.kind in ("row", "cell") and joined
    return first.kind in ("quote", "code") and other == first


def escape(text: str) -> str:
    """``text`` with what Markdown would read as syntax escaped: a block marker at its start
    and inline delimiters; ordinary punctuation stays as it is."""
    text = _inline(text)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    marker = start.group()
    if marker[0].isdigit():
        digits = len(marker) - len(marker.lstrip("0123456789"))
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def _inline(text: str) -> str:
    return _INLINE.sub(lambda m: "\\" + m.group(), text)


def _heading(lines: Sequence[tuple[str, Block]]) -> str:
    (text, block) = lines[0]
    body = _inline(text)
    if body.endswith("#"):  # a closing sequence would be dropped
        body = body[:-1] + "\\#"
    return f"{'#' * block.level} {body}"


def _paragraph(lines: Sequence[tuple[str, Block]]) -> str:
    return escape(lines[0][0])


def _list(lines: Sequence[tuple[str, Block]]) -> str:
    """Items, nested under the last item one level up (indented by its marker's width); an
    item's further paragraphs indented under it, a blank line apart."""
    out: list[str] = []
    indents: list[int] = []  # the content column of the last item at each depth
    for text, block in lines:
        if block.kind == "more":
            depth = min(block.level, len(indents) - 1)
            if out[-1]:
                out.append("")
            out.extend((" " * indents[depth] + escape(text), ""))
            continue
        depth = min(block.level, len(indents))
        del indents[depth:]
        marker = f"{block.number}. " if block.number else "- "
        indent = indents[-1] if indents else 0
        out.append(" " * indent + marker + escape(text))
        indents.append(indent + len(marker))
    return "\n".join(out).strip("\n")


def _table(lines: Sequence[tuple[str, Block]]) -> str:
    """A GitHub pipe table: its first row is the header row; short rows are padded. Cells on
    lines of their own join their row; a lone cell is a paragraph."""
    if len(lines) == 1 and lines[0][1].kind == "cell":
        return escape(lines[0][0])
    rows: list[list[str]] = []
    current: int | None = None  # the row number the last cell line was in
    for text, block in lines:
        if block.kind == "row" and _ROW.fullmatch(text):
            rows.append([cell.replace("\\|", "|").strip() for cell in _PIPE.split(text)[1:-1]])
            current = None
        elif block.kind == "row":
            rows.append(list(block.cells))
            current = None
        else:
            if current != block.level:
                rows.append([])
                current = block.level
            rows[-1].extend([""] * (block.number + 1 - len(rows[-1])))
            rows[-1][block.number] = text
    width = max(len(row) for row in rows)
    cells = [[_inline(cell).replace("|", "\\|") for cell in row] for row in rows]
    rendered = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in cells]
    rendered.insert(1, "|" + "---|" * width)
    return "\n".join(rendered)


def _quote(lines: Sequence[tuple[str, Block]]) -> str:
    return "\n>\n".join(f"> {escape(text)}" for text, _ in lines)


def _code(lines: Sequence[tuple[str, Block]]) -> str:
    """A fenced block: as the page wrote it when all its lines are kept, else the kept lines."""
    source = lines[0][1].source
    kept = [text for text, _ in lines]
    written = [line for line in source.splitlines() if line.strip()]
    body = (
        source
        if [match_key(s) for s in written] == [match_key(k) for k in kept]
        else "\n".join(kept)
    )
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{body}\n{fence}"


_RENDER: dict[str, Callable[[Sequence[tuple[str, Block]]], str]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "item": _list,
    "more": _paragraph,  # an item's paragraph whose item was removed
    "row": _table,
    "cell": _table,
    "quote": _quote,
    "code": _code,
}
