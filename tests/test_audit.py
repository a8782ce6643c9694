"""A page's audit trail: every line of its visible text is kept or removed with a rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.html.audit import PageRemoval, page_removals
from cleaner.html.markup import parse_page
from cleaner.html.visible import PageLine, visible_text

from .conftest import FIXTURES

PAGES = sorted(p for p in (FIXTURES / "html").iterdir() if p.is_dir())
_WORD = re.compile(r"\w+")

ARTICLE = (
    "The two ferry operators serving the islands agreed on Tuesday to merge their fleets, "
    "ending a decade of competition on the busiest routes in the region."
)
SECOND = (
    "Shareholders of both companies will vote on the deal in May, and regulators are "
    "expected to examine the combined timetable closely before approving it."
)
THIRD = (
    "Passengers have long complained about duplicated sailings at peak hours and empty "
    "boats in winter, according to a survey published last year by the council."
)
PAGE = f"""<html><head><title>Ferry deal</title></head><body>
<nav><a href=/>Home</a> <a href=/news>News</a></nav>
<div class="menu">Sections</div>
<div class="topline">Breaking: storms expected along the coast tonight</div>
<article><h1>Ferry operators agree to merge</h1><p>{ARTICLE}</p><p>{SECOND}</p>
<div class="share-bar">Share on Facebook</div><p>{THIRD}</p></article>
<div class="comments"><p>Great news, finally!</p></div>
<footer>Copyright 2024 Island Post</footer></body></html>"""


def test_markup_and_extractor_removals_are_recorded_in_page_order(
    default_cleaner: Cleaner,
) -> None:
    doc = default_cleaner.clean(PAGE)
    assert doc.text == "\n\n".join(["Ferry operators agree to merge", ARTICLE, SECOND, THIRD])
    assert [(r.line, r.rule, r.text) for r in doc.removed] == [
        (1, "markup.nav", "Home News"),
        (2, "markup.navigation", "Sections"),
        (3, "extractor.trafilatura", "Breaking: storms expected along the coast tonight"),
        (7, "markup.share", "Share on Facebook"),
        (9, "markup.comment", "Great news, finally!"),
        (10, "markup.footer", "Copyright 2024 Island Post"),
    ]
    counts = doc.removal_counts()
    assert counts["markup.nav"] == 1 and counts["extractor.trafilatura"] == 1


def test_text_input_has_no_page_removals(default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean(f"{ARTICLE}\n\n{SECOND}")
    assert doc.removed == []


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_every_visible_line_of_a_fixture_page_is_accounted_for(
    fixture: Path, default_cleaner: Cleaner
) -> None:
    data = (fixture / "input.html").read_bytes()
    doc = default_cleaner.clean(data)
    root, _ = parse_page(data.decode(doc.metadata.encoding or "utf-8"))
    assert root is not None
    record = " ".join(_words(line) for line in doc.lines)
    removed = {r.text for r in doc.removed}
    for line in visible_text(root).splitlines():
        assert line in removed or _words(line) in record, line


def test_lines_an_extractor_joins_or_rewrites_count_as_kept() -> None:
    lines = [PageLine("Menu"), PageLine("First half of"), PageLine("a sentence."), PageLine("Ad")]
    body = ["First half of a sentence."]
    assert page_removals(lines, body, "extractor.x") == [
        PageRemoval(0, "extractor.x", "Menu"),
        PageRemoval(1, "extractor.x", "Ad"),
    ]


def test_markup_rules_keep_their_rule_and_lines_without_words_are_skipped() -> None:
    lines = [PageLine("Body text here."), PageLine("Share", "markup.share"), PageLine("|")]
    assert page_removals(lines, ["Body text here."], "extractor.x") == [
        PageRemoval(1, "markup.share", "Share")
    ]
