"""The audit trail of a page: every line of its visible text, kept or removed with a rule.

An extractor returns the text it keeps and says nothing of the rest. To account for the
whole page, the visible text is read before extraction, each line tagged with the markup
rule whose element held it (``markup.comment``, ...), and the lines the extraction does not
hold are then found by aligning the two texts: those were the extractor's choice
(``extractor.trafilatura``, ...). The cleaner records them as removed, beside the text
chain's removals, so ``removed`` and ``--explain`` cover the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from cleaner.html.visible import PageLine
from cleaner.shape import compared_words

# Above this many line pairs, alignment by sequence matching costs more than it is worth:
# a visible line then counts as kept when the extraction has a line of the same words.
_MAX_ALIGNED_PAIRS = 4_000_000


class PageRemoval(NamedTuple):
    """A line of the page the body does not hold: it goes before body line ``before``."""

    before: int
    rule: str
    text: str


def _key(text: str) -> str:
    """The words of a line, lower-cased, each with a space either side: a key found in
    another is found as whole words."""
    words = compared_words(text)
    return f" {' '.join(words)} " if words else ""


def _keys(texts: Iterable[str], keyed: dict[str, str]) -> list[str]:
    """``_key`` of each text, each text keyed once: the body repeats most of the page's
    lines (a fifth of the audit's time on WCXB pages)."""
    keys: list[str] = []
    for text in texts:
        key = keyed.get(text)
        if key is None:
            key = keyed[text] = _key(text)
        keys.append(key)
    return keys


def page_removals(
    lines: Sequence[PageLine], body: Sequence[str], extractor_rule: str
) -> list[PageRemoval]:
    """The page's lines the body does not hold, placed among the body's lines.

    Lines a markup rule dropped keep that rule; the others the body lacks were left out by
    the extractor (``extractor_rule``). The body's lines are matched to the page's in order;
    where they differ (an extractor joins, splits or rewrites lines), a page line counts as
    kept when its words occur in the body's lines there.
    """
    keyed: dict[str, str] = {}
    keys = _keys((line.text for line in lines), keyed)
    visible = [i for i, line in enumerate(lines) if line.rule is None]
    page_keys = [keys[i] for i in visible]
    body_keys = _keys(body, keyed)
    # For each visible line: the body line a removal found there goes before, and whether
    # the line itself is kept.
    place: list[int] = [0] * len(visible)
    kept = [False] * len(visible)
    if len(page_keys) * len(body_keys) <= _MAX_ALIGNED_PAIRS:
        matcher = SequenceMatcher(None, page_keys, body_keys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for i in range(i1, i2):
                    kept[i], place[i] = True, j1 + (i - i1) + 1
                continue
            joined = "".join(body_keys[j1:j2]).replace("  ", " ")
            cursor = j1  # the body line after the last one a kept page line was found in
            for i in range(i1, i2):
                key = page_keys[i]
                found = next((j for j in range(cursor, j2) if key and key in body_keys[j]), None)
                if found is not None:
                    cursor = found + 1
                kept[i] = found is not None or (bool(key) and key in joined)
                place[i] = cursor
    else:
        known = set(body_keys)
        found = 0
        for i, key in enumerate(page_keys):
            kept[i] = not key or key in known
            found += kept[i]
            place[i] = min(found, len(body_keys))
    removals: list[PageRemoval] = []
    position = 0
    visible_at = {line_index: n for n, line_index in enumerate(visible)}
    for line_index, line in enumerate(lines):
        n = visible_at.get(line_index)
        if n is not None:
            position = max(position, place[n])
            if kept[n]:
                continue
        if keys[line_index]:  # a line of symbols alone is nothing a reader loses
            removals.append(PageRemoval(position, line.rule or extractor_rule, line.text))
    return removals
