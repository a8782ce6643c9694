"""Tests of the throughput benchmark's timing loop (run with ``pytest bench``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from throughput import time_systems


@pytest.mark.parametrize("slices", [1, 3, 20])
def test_every_system_cleans_every_document_once_in_order(slices: int) -> None:
    corpus = [f"doc {n}" for n in range(7)]
    seen: list[tuple[str, str]] = []

    def system(name: str) -> Callable[[str], str]:
        def run(doc: str) -> str:
            seen.append((name, doc))
            return doc.upper()

        return run

    timings, outputs = time_systems("c", {"a": system("a"), "b": system("b")}, corpus, slices)
    assert [t.system for t in timings] == ["a", "b"]
    for name in ("a", "b"):
        assert outputs[name] == [doc.upper() for doc in corpus]
        # one warm-up call on the first document, then each document once
        assert [doc for who, doc in seen if who == name] == [corpus[0], *corpus]


def test_the_warm_up_pass_is_untimed_and_reported_apart() -> None:
    seen: list[str] = []

    def slow_once(doc: str) -> None:
        seen.append(doc)
        if doc == "compile":  # what a system does once: burn CPU time
            sum(range(2_000_000))

    timings, outputs = time_systems("c", {"s": slow_once}, ["a", "b", "a"], 2, ["compile", "b"])
    assert seen == ["compile", "b", "a", "b", "a"]
    assert len(outputs["s"]) == 3
    assert timings[0].warm_up_seconds > 10 * timings[0].seconds


def test_systems_take_turns_in_alternating_order() -> None:
    order: list[str] = []
    systems = {"a": lambda doc: order.append("a"), "b": lambda doc: order.append("b")}
    time_systems("c", systems, ["x", "y", "z", "w"], 2)
    assert order == ["a", "b", "a", "a", "b", "b", "b", "b", "a", "a"]


def test_a_failing_document_is_counted_and_the_run_goes_on() -> None:
    def fails_on_b(doc: str) -> str:
        if doc == "b":
            raise ValueError(doc)
        return doc

    timings, outputs = time_systems("c", {"s": fails_on_b}, ["a", "b", "c"], 2)
    assert timings[0].errors == 1
    assert outputs["s"] == ["a", None, "c"]
