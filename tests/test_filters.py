"""Each filter alone, with the default options and vocabulary, on the cases in
cases/filters.json: exactly the listed lines are removed, in order, with the listed rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.document import Document
from cleaner.filters import KINDS, Context, Filter
from cleaner.filters.duplicate import is_glued_twice
from cleaner.repair import repair
from cleaner.rules import load_rules

CASES = json.loads((Path(__file__).parent / "cases" / "filters.json").read_text("utf-8"))
RULES = load_rules()


def build(name: str) -> Filter:
    spec = next(s for s in RULES.chain if s.name == name)
    context = Context(RULES.vocabulary, RULES.settings.min_body_words)
    return KINDS[spec.kind](spec.name, context, spec.options)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['filter']}: {c['name']}" for c in CASES])
def test_filter_case(case: dict[str, Any]) -> None:
    text, _ = repair("\n".join(case["input"]))
    doc = Document(text.split("\n"), mode=case.get("mode", "auto"))
    build(case["filter"]).apply(doc)
    assert [[r.text, r.rule] for r in doc.removed] == case["removed"]
    for field, value in case.get("metadata", {}).items():
        assert getattr(doc.metadata, field) == value


def test_every_filter_of_the_default_chain_has_cases() -> None:
    assert {spec.name for spec in RULES.chain} <= {case["filter"] for case in CASES}


@pytest.mark.parametrize(
    ("line", "glued"),
    [
        ("Same text here.Same text here.", True),
        ("Same text here. Same text here.", True),
        ("ab ab", False),
        ("Same text here. Other text.", False),
    ],
)
def test_glued_twice(line: str, glued: bool) -> None:
    assert is_glued_twice(line, 12) is glued
