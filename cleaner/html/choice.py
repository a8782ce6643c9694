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

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree, html

from cleaner.errors import RulesError
from cleaner.html.visible import INVISIBLE_TAGS, visible_text
from cleaner.rule_files import PageData, shipped_page_data
from cleaner.shape import compared_words

MAIN_BLOCK = "main-block"


@dataclass(frozen=True, slots=True)
class ExtractionRules:
    """How the default backend extracts, by the page type a page declares: ``[extraction]``
    of ``rules/html.toml``, where each setting is explained."""

    main_block_shares: tuple[float, ...]  # ascending
    keep_extraction: frozenset[str]
    favor_precision: frozenset[str]
    stripped_kinds: dict[str, frozenset[str]]
    heading_titles: frozenset[str]
    min_block_share: float
    min_block_holds: float
    holds_min_words: int
    recall_block_share: float
    fuller_block_share: float
    fuller_min_words: int
    fuller_gain: tuple[float, float]
    fuller_prose_words: int
    content_kinds: dict[str, frozenset[str]]
    typed_kinds: dict[str, frozenset[str]]
    discussion_kinds: frozenset[str]
    teaser_kinds: frozenset[str]
    listing_max_share: float
    listing_min_items: int
    listing_min_spread: int
    listing_intro_words: int
    described_types: frozenset[str]
    description_min_words: int
    description_missing_share: float
    prose_types: frozenset[str]
    prose_min_words: int


@functools.lru_cache(maxsize=8)
def extraction_rules(data: PageData | None = None) -> ExtractionRules:
    """The ``[extraction]`` table of ``rules/html.toml`` (or of ``data``), compiled once."""
    data = data or shipped_page_data()
    path = data.html_source
    table = data.html.get("extraction", {})
    try:
        return ExtractionRules(
            main_block_shares=tuple(sorted(float(x) for x in table["main_block_shares"])),
            keep_extraction=frozenset(table["keep_extraction"]),
            favor_precision=frozenset(table["favor_precision"]),
            stripped_kinds={
                kind: frozenset(kinds) for kind, kinds in table["stripped_kinds"].items()
            },
            heading_titles=frozenset(table["heading_titles"]),
            min_block_share=float(table["min_block_share"]),
            min_block_holds=float(table["min_block_holds"]),
            holds_min_words=int(table["holds_min_words"]),
            recall_block_share=float(table["recall_block_share"]),
            fuller_block_share=float(table["fuller_block_share"]),
            fuller_min_words=int(table["fuller_min_words"]),
            fuller_gain=(float(table["fuller_gain"][0]), float(table["fuller_gain"][1])),
            fuller_prose_words=int(table["fuller_prose_words"]),
            content_kinds={
                kind: frozenset(kinds) for kind, kinds in table["content_kinds"].items()
            },
            typed_kinds={kind: frozenset(types) for kind, types in table["typed_kinds"].items()},
            discussion_kinds=frozenset(table["discussion_kinds"]),
            teaser_kinds=frozenset(table["teaser_kinds"]),
            listing_max_share=float(table["listing_max_share"]),
            listing_min_items=int(table["listing_min_items"]),
            listing_min_spread=int(table["listing_min_spread"]),
            listing_intro_words=int(table["listing_intro_words"]),
            described_types=frozenset(table["described_types"]),
            description_min_words=int(table["description_min_words"]),
            description_missing_share=float(table["description_missing_share"]),
            prose_types=frozenset(table["prose_types"]),
            prose_min_words=int(table["prose_min_words"]),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise RulesError(str(path), "extraction", f"malformed ({error})") from None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An extraction of the page and the name of what made it."""

    name: str
    text: str


def main_blocks(root: html.HtmlElement, shares: Sequence[float]) -> list[html.HtmlElement]:
    """For each share, the deepest element under ``<body>`` that holds at least that share of
    the body's visible characters.

    The page's invisible elements (scripts, styles) are dropped first: this runs after
    extraction, when nothing reads them any more, and their text would count as the page's.
    """
    body = root.find("body")
    if body is None:
        return [root for _ in shares]
    etree.strip_elements(body, *INVISIBLE_TAGS, with_tail=False)
    total = _chars(body) or 1
    found: list[html.HtmlElement] = [body for _ in shares]
    element = body
    least = min(shares) * total
    while True:
        # Measured with lxml's text_content (C), child by child down the path: each level
        # reads the subtrees beside the path once.
        sized = ((child, _chars(child)) for child in element if isinstance(child.tag, str))
        child, size = next(((c, n) for c, n in sized if n >= least), (None, 0))
        if child is None:
            break
        element = child
        for i, share in enumerate(shares):
            if size >= share * total:
                found[i] = child
    return found


def block_texts(blocks: Sequence[html.HtmlElement]) -> list[str]:
    """The visible text of each block, each distinct block read once."""
    texts: dict[html.HtmlElement, str] = {}
    for block in blocks:
        if block not in texts:
            texts[block] = visible_text(block)
    return [texts[block] for block in blocks]


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def list_items(block: html.HtmlElement, least: int) -> list[str]:
    """The visible texts of the largest run of sibling items in ``block``: children of one
    element sharing a tag and class, each holding a link and a heading (a listing's entries),
    when there are at least ``least`` of them; else none."""
    best: list[html.HtmlElement] = []
    for element in block.iter():
        if len(element) < least or not isinstance(element.tag, str):
            continue
        kinds = Counter((child.tag, child.get("class")) for child in element)
        kind, count = kinds.most_common(1)[0]
        if count < max(least, len(best) + 1) or not isinstance(kind[0], str):
            continue
        items = [
            child
            for child in element
            if (child.tag, child.get("class")) == kind
            and child.find(".//a") is not None
            and next(child.iter(*_HEADINGS), None) is not None
        ]
        if len(items) >= least and len(items) > len(best):
            best = items
    return [" ".join(item.text_content().split()) for item in best]


def block_words(block: html.HtmlElement) -> int:
    """The number of words in a block, without laying out its lines."""
    text: str = block.text_content()
    return len(text.split())


def _chars(element: html.HtmlElement) -> int:
    """Characters of an element's text, spaces excluded."""
    text: str = element.text_content()
    return len(text) - sum(text.count(space) for space in " \n\t\r")


@functools.lru_cache(maxsize=8)
def _words(text: str) -> Counter[str]:
    """The word multiset of a text, kept for the few texts one page compares (the vote's
    candidates, then the winner's hold on the extraction); callers never change it."""
    return Counter(compared_words(text))


def _agreement(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two word multisets: 1 for the same words, 0 for none shared."""
    shared = sum((a & b).values())
    return 2 * shared / (a.total() + b.total()) if shared else 0.0


def held_share(part: str, whole: str) -> float:
    """The share of ``part``'s words (as a multiset) that ``whole`` holds: 1 when ``whole``
    holds all of them, 0 for none; 1 for an empty ``part``."""
    words = _words(part)
    total = words.total()
    return sum((words & _words(whole)).values()) / total if total else 1.0


def most_agreed(candidates: Sequence[Candidate]) -> Candidate:
    """The candidate with the highest total agreement with the others; the first on a tie."""
    words = [_words(c.text) for c in candidates]
    scores = [
        sum(_agreement(words[i], words[j]) for j in range(len(words)) if j != i)
        for i in range(len(words))
    ]
    return candidates[max(range(len(candidates)), key=lambda i: (scores[i], -i))]
