"""Cross-document boilerplate: two passes, order- and split-independent, per source."""

from __future__ import annotations

import functools
import random
from concurrent.futures import ProcessPoolExecutor

import pytest

from cleaner import Cleaner
from cleaner.boilerplate import LineCounts

NAV = "Home | News | Sport | Weather"
FOOTER = "© 2024 Harbour Herald. All rights reserved."
QUOTE = "“We will rebuild the harbour, whatever it takes,” the mayor said."


def _docs() -> list[tuple[str, str]]:
    docs = []
    for n in range(6):
        body = f"Story {n}: the council met again on Monday to discuss the harbour plan."
        docs.append(("herald.example", f"{NAV}\n\n{body}\n\n{QUOTE}\n\n{FOOTER}"))
        other = f"Report {n}: workers at the port described the new plan to our reporter."
        docs.append((f"site{n}.example", f"{other}\n\n{QUOTE}"))
    return docs


def _counts(docs: list[tuple[str, str]]) -> LineCounts:
    counts = LineCounts()
    for source, text in docs:
        counts.add(source, text)
    return counts


def test_recurring_lines_of_one_source_are_found() -> None:
    found = _counts(_docs()).boilerplate()
    assert {"home news sport weather", "2024 harbour herald all rights reserved"} <= found[
        "herald.example"
    ]


def test_a_quotation_printed_by_different_sources_is_kept() -> None:
    docs = _docs()
    found = _counts(docs).boilerplate()
    for source, text in docs:
        if source != "herald.example":
            assert QUOTE in Cleaner.default().clean(text, boilerplate=found[source]).text


def test_order_and_partitioning_do_not_change_the_result() -> None:
    docs = _docs()
    expected = _counts(docs).boilerplate()
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    halves = _counts(shuffled[:5]).merge(_counts(shuffled[5:]))
    assert halves.boilerplate() == expected
    assert _counts(shuffled).boilerplate() == expected


def test_removed_with_its_own_rule() -> None:
    docs = _docs()
    found = _counts(docs).boilerplate()
    doc = Cleaner.default().clean(docs[0][1], boilerplate=found["herald.example"])
    assert [r.rule for r in doc.removed if r.text == NAV] == ["boilerplate"]
    assert NAV not in doc.text and FOOTER not in doc.text


def _count_partition(docs: list[tuple[str, str]]) -> LineCounts:
    return _counts(docs)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_worker_processes_give_the_same_result(workers: int) -> None:
    docs = _docs()
    expected = _counts(docs).boilerplate()
    parts = [docs[n::workers] for n in range(workers)]
    with ProcessPoolExecutor(max_workers=min(workers, 2)) as pool:
        counted = list(pool.map(_count_partition, parts))
    merged = functools.reduce(LineCounts.merge, counted, LineCounts())
    assert merged.boilerplate() == expected
    cleaner = Cleaner.default()
    for source, text in docs:
        assert (
            cleaner.clean(text, boilerplate=merged.boilerplate()[source]).text
            == cleaner.clean(text, boilerplate=expected[source]).text
        )


def test_a_line_below_the_thresholds_is_not_boilerplate() -> None:
    counts = LineCounts()
    for n in range(10):
        extra = "\n\nSee also: the harbour archive" if n < 2 else ""
        counts.add("herald.example", f"{NAV}\n\nStory {n} about the harbour plan.{extra}")
    found = counts.boilerplate()["herald.example"]
    assert "home news sport weather" in found
    assert "see also the harbour archive" not in found
    assert (
        "see also the harbour archive"
        in counts.boilerplate(min_documents=2, min_share=0.2)["herald.example"]
    )
