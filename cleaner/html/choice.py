"""Which extraction of a page to keep, by agreement between independent candidates.

One extractor's choice fails in its own way: trafilatura keeps a forum thread's first post,
a guide's introduction, or drops a listing's items as link lists. The page's *main block*
(the deepest element holding most of the page's text, after residue markup is gone) fails
the other way: it keeps a block's menus and small print. The candidates are trafilatura's
extraction and the main blocks at two shares of the page's text; the one that agrees most
with the others (mean word overlap, F1 of their word multisets) is kept: where the
extractor and the page's structure agree, the extraction's precision is kept, and where the
extractor lost the content, the structure outvotes it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import html

from cleaner.html.visible import INVISIBLE_TAGS, visible_text

_WORD = re.compile(r"\w+")
MAIN_BLOCK = "main-block"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An extraction of the page and the name of what made it."""

    name: str
    text: str


def main_blocks(root: html.HtmlElement, shares: Sequence[float]) -> list[str]:
    """For each share, the visible text of the deepest element under ``<body>`` that holds at
    least that share of the body's visible characters."""
    body = root.find("body")
    if body is None:
        return ["" for _ in shares]
    sizes = _text_sizes(body)
    total = sizes.get(body, 0) or 1
    found: list[html.HtmlElement] = [body for _ in shares]
    element = body
    while True:
        child = next((c for c in element if sizes.get(c, 0) >= min(shares) * total), None)
        if child is None:
            break
        element = child
        for i, share in enumerate(shares):
            if sizes[child] >= share * total:
                found[i] = child
    texts: dict[html.HtmlElement, str] = {}
    for element in found:
        if element not in texts:
            texts[element] = visible_text(element)
    return [texts[element] for element in found]


def _text_sizes(body: html.HtmlElement) -> dict[html.HtmlElement, int]:
    """Visible characters (spaces excluded) under each element, tails excluded."""
    sizes: dict[html.HtmlElement, int] = {}
    stack: list[tuple[html.HtmlElement, bool]] = [(body, False)]
    while stack:
        element, done = stack.pop()
        if done:
            size = _chars(element.text) + sum(
                sizes.get(child, 0) + _chars(child.tail) for child in element
            )
            sizes[element] = size
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in INVISIBLE_TAGS:
            sizes[element] = 0
            continue
        stack.append((element, True))
        stack.extend((child, False) for child in element)
    return sizes


def _chars(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") if text else 0


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def _agreement(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two word multisets: 1 for the same words, 0 for none shared."""
    shared = sum((a & b).values())
    return 2 * shared / (a.total() + b.total()) if shared else 0.0


def most_agreed(candidates: Sequence[Candidate]) -> Candidate:
    """The candidate with the highest total agreement with the others; the first on a tie."""
    words = [_words(c.text) for c in candidates]
    scores = [
        sum(_agreement(words[i], words[j]) for j in range(len(words)) if j != i)
        for i in range(len(words))
    ]
    return candidates[max(range(len(candidates)), key=lambda i: (scores[i], -i))]
