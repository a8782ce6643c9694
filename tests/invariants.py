"""What must hold for every input: shared by the tests, the fuzz target and the benchmark."""

from __future__ import annotations

import json
from collections import Counter

from cleaner import Cleaner, CleanerError, Document
from cleaner.shape import match_key


def assert_accounted(doc: Document) -> None:
    """Nothing invented, nothing lost: the output is the repaired lines no rule removed, in
    order, and the removals name exactly the other non-blank lines, with their text."""
    removed = {r.line - 1: r for r in doc.removed}
    nonblank = [i for i, line in enumerate(doc.lines) if line]
    assert set(removed) <= set(nonblank), "a removal names a blank or missing line"
    assert all(removed[i].text == doc.lines[i] for i in removed), "a removal misquotes its line"
    kept = [doc.lines[i] for i in nonblank if i not in removed]
    assert (doc.text.split("\n\n") if doc.text else []) == kept, "output is not the kept lines"
    assert all("\n" not in line for line in doc.lines), "a line holds a line break"


def assert_markdown_holds_the_text(doc: Document) -> None:
    """The Markdown drops no word of the clean text (it adds only markers and escapes)."""
    words = Counter(match_key(doc.text).split())
    assert words <= Counter(match_key(doc.markdown).split()), "the Markdown lost words"


def document_of(data: bytes) -> str | bytes:
    """A fuzzer's bytes as a document: the bytes themselves, or, after a first byte 0x01,
    UTF-16 code units read as a str (lone surrogates included)."""
    if data[:1] != b"\x01":
        return data
    units = data[1 : 1 + (len(data) - 1) // 2 * 2]
    return units.decode("utf-16-le", "surrogatepass")


def clean_or_error(cleaner: Cleaner, data: str | bytes) -> Document | None:
    """Clean ``data``: a document whose every line is accounted for and which serialises to
    UTF-8 JSON, or None when the library refused it with its documented error."""
    try:
        doc = cleaner.clean(data)
    except CleanerError:
        return None
    assert_accounted(doc)
    assert_markdown_holds_the_text(doc)
    json.dumps(doc.as_dict(), ensure_ascii=False).encode("utf-8")
    return doc
