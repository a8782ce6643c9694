"""Tests of the benchmark metric (run with ``pytest bench/test_metric.py``)."""

from __future__ import annotations

import pytest
from metric import (
    PageCounts,
    accuracy,
    page_counts,
    page_precision,
    page_recall,
    score_pages,
    shingles,
    tokenize,
)

GOLD = "The quick brown fox jumps over the lazy dog."  # 9 tokens, 6 shingles


def test_tokenize_unicode_case_kept() -> None:
    assert tokenize("Grüße, Åsa! naïve-café 3.14 日本語") == [
        "Grüße",
        "Åsa",
        "naïve",
        "café",
        "3",
        "14",
        "日本語",
    ]
    assert tokenize("") == []
    assert tokenize(None) == []


def test_shingles_counts_repeats() -> None:
    sh = shingles(["a", "b", "c", "d", "a", "b", "c", "d"])
    assert sum(sh.values()) == 5
    assert sh[("a", "b", "c", "d")] == 2


def test_shingles_short_and_empty() -> None:
    assert shingles(["one", "two", "three"]) == {("one", "two", "three"): 1}
    assert shingles(["a", "b", "c", "d"]) == {("a", "b", "c", "d"): 1}
    assert shingles([]) == {}


def test_identical_texts() -> None:
    c = page_counts(GOLD, "the quick".replace("the", "The") + " brown fox jumps over the lazy dog")
    assert c == PageCounts(1.0, 0.0, 0.0)
    assert page_precision(c) == page_recall(c) == 1.0
    s = score_pages([(GOLD, GOLD)])
    assert (s.f1, s.precision, s.recall, s.accuracy) == (1.0, 1.0, 1.0, 1.0)


def test_case_matters() -> None:
    assert not accuracy(GOLD, GOLD.lower())
    assert page_counts(GOLD, GOLD.lower()).tp < 1.0


def test_counts_are_normalised() -> None:
    # prediction = gold + 3 extra tokens: 6 shared shingles, 3 surplus ones.
    c = page_counts(GOLD, GOLD + " And then some")
    assert c.tp == pytest.approx(6 / 9)
    assert c.fp == pytest.approx(3 / 9)
    assert c.fn == 0.0
    assert page_precision(c) == pytest.approx(6 / 9)
    assert page_recall(c) == 1.0


def test_multiset_min_counts() -> None:
    # Gold: (a b c d) once. Prediction: (a b c d) twice plus 3 other shingles.
    c = page_counts("a b c d", "a b c d a b c d")
    assert c == pytest.approx(PageCounts(1 / 5, 4 / 5, 0.0))


def test_empty_prediction() -> None:
    c = page_counts(GOLD, "")
    assert c == PageCounts(0.0, 0.0, 1.0)
    s = score_pages([(GOLD, "")])
    # Precision has no page with TP+FP > 0: undefined, reported as 0.
    assert (s.precision, s.recall, s.f1, s.accuracy) == (0.0, 0.0, 0.0, 0.0)


def test_empty_prediction_excluded_from_precision_mean() -> None:
    s = score_pages([(GOLD, GOLD), (GOLD, "")])
    assert s.precision == 1.0  # only the first page has TP+FP > 0
    assert s.recall == 0.5
    assert s.f1 == pytest.approx(2 / 3)
    assert s.accuracy == 0.5


def test_empty_gold() -> None:
    c = page_counts("", GOLD)
    assert c == PageCounts(0.0, 1.0, 0.0)
    s = score_pages([(GOLD, GOLD), ("", GOLD)])
    assert s.precision == 0.5
    assert s.recall == 1.0  # the empty-gold page has TP+FN = 0 and is left out of recall
    assert s.accuracy == 0.5


def test_both_empty() -> None:
    c = page_counts("", "  ... ")
    assert c == PageCounts(0.0, 0.0, 0.0)
    s = score_pages([(GOLD, GOLD), ("", "")])
    assert (s.precision, s.recall) == (1.0, 1.0)  # the empty page enters neither mean
    assert s.accuracy == 1.0  # but its (empty) token lists are identical
    assert s.pages == 2


def test_short_texts() -> None:
    # Fewer than 4 tokens: a single shingle of all tokens, so any difference is a full miss.
    assert page_counts("Hello world", "Hello, world!") == PageCounts(1.0, 0.0, 0.0)
    assert page_counts("Hello world", "Hello") == PageCounts(0.0, 0.5, 0.5)
    # A short prediction against a long gold matches nothing.
    assert page_counts(GOLD, "The quick brown").tp == 0.0


def test_punctuation_and_whitespace_ignored() -> None:
    assert accuracy("Hello,\n\n  world — again!", "Hello world again")
    assert page_counts("Hello,\n\n  world — again!", "Hello world again").tp == 1.0


def test_no_pages() -> None:
    s = score_pages([])
    assert (s.f1, s.precision, s.recall, s.accuracy, s.pages) == (0.0, 0.0, 0.0, 0.0, 0)
