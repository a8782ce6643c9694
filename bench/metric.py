"""Shingle metric of the article-extraction benchmark (see the benchmark's README.md).

Per page: tokenize gold and prediction with ``\\w+``, build multisets of word 4-grams
("shingles"), count TP/FP/FN over them and normalise the three by their sum so that every page
weighs the same. Over pages: precision and recall are means over the pages where they are
defined, F1 is the harmonic mean of those two means, and accuracy is the share of pages whose
token lists are identical.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "PageCounts",
    "Scores",
    "accuracy",
    "page_counts",
    "page_precision",
    "page_recall",
    "score_pages",
    "shingles",
    "tokenize",
]

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+")  # str patterns are Unicode-aware; case is kept


@dataclass(frozen=True)
class PageCounts:
    """Normalised true positives, false positives and false negatives of one page."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Scores:
    """Benchmark scores over a set of pages."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int


def tokenize(text: str | None) -> list[str]:
    """Return the ``\\w+`` tokens of ``text`` (Unicode word characters, case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(tokens: Sequence[str], n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Return the multiset of word ``n``-grams of ``tokens``.

    Fewer than ``n`` tokens give a single shingle made of all of them; no tokens give none.
    """
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(gold: str | None, predicted: str | None, n: int = NGRAM) -> PageCounts:
    """Return TP/FP/FN of one page, normalised by their sum (all zero when both are empty)."""
    gold_sh = shingles(tokenize(gold), n)
    pred_sh = shingles(tokenize(predicted), n)
    tp = fp = fn = 0
    for key in gold_sh.keys() | pred_sh.keys():
        g, p = gold_sh.get(key, 0), pred_sh.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def page_precision(c: PageCounts) -> float:
    """Precision of one page: 1 when FP = FN = 0, 0 when TP = FP = 0, else TP/(TP+FP)."""
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp == 0 and c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def page_recall(c: PageCounts) -> float:
    """Recall of one page: 1 when FP = FN = 0, 0 when TP = FN = 0, else TP/(TP+FN)."""
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp == 0 and c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


def _mean(values: Sequence[float]) -> float:
    """Arithmetic mean; 0.0 for no values (the score is undefined, count it as failure)."""
    return sum(values) / len(values) if values else 0.0


def accuracy(gold: str | None, predicted: str | None) -> bool:
    """Return whether the token lists of ``gold`` and ``predicted`` are identical."""
    return tokenize(gold) == tokenize(predicted)


def score_pages(pairs: Iterable[tuple[str | None, str | None]]) -> Scores:
    """Score ``(gold, predicted)`` pairs, one per page.

    Precision is the mean page precision over pages with TP+FP > 0 and recall the mean page
    recall over pages with TP+FN > 0, so a page where gold and prediction are both empty enters
    neither mean (it still counts as accurate). A page with FP = FN = 0 and TP > 0 counts 1 for
    both. F1 is the harmonic mean of the two means (0 when both are 0).
    """
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    n_pages = 0
    for gold, predicted in pairs:
        n_pages += 1
        c = page_counts(gold, predicted)
        if c.tp + c.fp > 0:
            precisions.append(page_precision(c))
        if c.tp + c.fn > 0:
            recalls.append(page_recall(c))
        exact += accuracy(gold, predicted)
    p, r = _mean(precisions), _mean(recalls)
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return Scores(
        f1=f1, precision=p, recall=r, accuracy=exact / n_pages if n_pages else 0.0, pages=n_pages
    )
