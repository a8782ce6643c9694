"""Composed pages of every page type (``fixtures/page_types``): the HTML path keeps each
page's main content, keeps none of its residue, records every residue line in ``removed``
with the rule that removed it, and reports the page type and the metadata a reader expects.

Each fixture folder holds ``input.html`` and ``url.txt`` (the page and its invented URL),
``main.txt`` (the lines a careful reader calls the page's content, the ``<h1>`` title
aside: it goes to metadata), ``residue.txt`` (lines that are clearly not content),
``expected.json`` (page type and metadata) and the exact snapshot of today's output,
``expected.txt`` (the text) and ``removed.json`` (``[rule, text]`` per removed line).

Regenerate the snapshots after a deliberate change, then read the diff:

    python tests/test_page_types.py --regenerate
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.html.visible import flat_visible_text

PAGE_TYPES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "page_types"
PAGES = sorted(p for p in PAGE_TYPES_DIR.iterdir() if p.is_dir())
# A removal's rule: a markup rule (``markup.nav``), the extractor's choice
# (``extractor.trafilatura``) or a text-chain rule (``teasers.item``).
RULE = re.compile(r"[a-z_]+\.[a-z0-9_.:-]+")
# Residue lines this short ("Like", "Sport") are looked for as whole output lines, not
# inside sentences where the same words may be content.
SHORT_LINE_TOKENS = 4

# What the code cannot do yet, by (fixture, check): each one is a strict xfail, so a fix
# shows up as XPASS and its entry must go.
KNOWN_MISSES: dict[tuple[str, str], str] = {
    ("02_de_qa_durchlauferhitzer", "residue"): (
        "the answers' sort bar 'Sortiert nach: Höchste Punktzahl Neueste' is kept: it sits "
        "inside #answers and no markup rule matches .answers-sort"
    ),
    ("05_en_service_bookkeeping", "residue"): (
        "call-to-action links styled as buttons (<a class='btn'>: 'Book a free 20-minute "
        "call See pricing', 'Get a quote') are kept: markup.button only drops <button>"
    ),
    ("06_es_listing_huerto_urbano", "main"): (
        "7 of the 8 item titles are removed by the text chain's teasers.item (with their "
        "category and date), only the first title survives"
    ),
    ("06_es_listing_huerto_urbano", "residue"): (
        "the archive filters ('Filtrar por:', 'Todas', 'Guías (6)' ...) are kept: "
        "div.archive-filters > ul.filter-list matches no markup rule"
    ),
    ("08_en_news_lighthouse_museum", "main"): (
        "the standfirst (p.article__standfirst in the article header) is dropped as "
        "extractor.trafilatura"
    ),
}


def _cases(check: str) -> list[pytest.ParameterSet]:
    return [
        pytest.param(
            page,
            id=page.name,
            marks=[pytest.mark.xfail(reason=KNOWN_MISSES[page.name, check], strict=True)]
            if (page.name, check) in KNOWN_MISSES
            else [],
        )
        for page in PAGES
    ]


@functools.cache
def _cleaner() -> Cleaner:
    return Cleaner.default()


@functools.cache
def _clean(fixture: Path) -> Document:
    url = (fixture / "url.txt").read_text("utf-8").strip()
    return _cleaner().clean((fixture / "input.html").read_bytes(), url=url)


def _lines(fixture: Path, name: str) -> list[str]:
    return [line for line in (fixture / name).read_text("utf-8").splitlines() if line.strip()]


def _words(text: str) -> str:
    """Text as its lower-case word tokens joined by single spaces, padded for whole-word
    substring tests: layout (table bars, markdown, line breaks) does not count."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def _expected(fixture: Path) -> dict[str, str | None]:
    data: dict[str, str | None] = json.loads((fixture / "expected.json").read_text("utf-8"))
    return data


def _removed_runs(doc: Document) -> list[str]:
    """The removed lines, runs of consecutive lines joined: a residue line whose links
    the page reader splits into lines of their own is found across them."""
    runs: list[list[str]] = []
    last = -1
    for removal in doc.removed:
        if removal.line != last + 1 or not runs:
            runs.append([])
        runs[-1].append(removal.text)
        last = removal.line
    return [_words(" ".join(run)) for run in runs]


@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_fixture_lines_are_on_the_page(fixture: Path) -> None:
    """Guards the fixtures themselves: every main and residue line is visible text of the
    page, so a check below cannot pass on a line the page never showed."""
    visible = _words(flat_visible_text((fixture / "input.html").read_text("utf-8")))
    lines = _lines(fixture, "main.txt") + _lines(fixture, "residue.txt")
    assert [line for line in lines if _words(line) not in visible] == []


@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_page_type(fixture: Path) -> None:
    expected = _expected(fixture)
    metadata = _clean(fixture).metadata
    assert (metadata.page_type, metadata.page_type_source) == (
        expected["page_type"],
        expected["page_type_source"],
    )


@pytest.mark.parametrize("fixture", _cases("metadata"))
def test_metadata(fixture: Path) -> None:
    """Title and author as the page states them; the date's day (its time may follow)."""
    expected = _expected(fixture)
    metadata = _clean(fixture).metadata
    day = metadata.date[:10] if metadata.date else None
    assert (metadata.title, metadata.author, day) == (
        expected["title"],
        expected["author"],
        expected["date"],
    )


@pytest.mark.parametrize("fixture", _cases("main"))
def test_main_content_is_kept(fixture: Path) -> None:
    text = _words(_clean(fixture).text)
    assert [line for line in _lines(fixture, "main.txt") if _words(line) not in text] == []


@pytest.mark.parametrize("fixture", _cases("residue"))
def test_residue_is_not_kept(fixture: Path) -> None:
    doc = _clean(fixture)
    text = _words(doc.text)
    kept_lines = {_words(line) for line in doc.kept_lines()}

    def kept(line: str) -> bool:
        words = _words(line)
        return words in kept_lines if len(words.split()) < SHORT_LINE_TOKENS else words in text

    assert [line for line in _lines(fixture, "residue.txt") if kept(line)] == []


@pytest.mark.parametrize("fixture", _cases("residue"))
def test_residue_is_recorded_with_its_rule(fixture: Path) -> None:
    """The audit trail covers the residue: each line is in ``removed``, under a rule of
    the form ``<source>.<rule>``."""
    doc = _clean(fixture)
    assert [r.rule for r in doc.removed if not RULE.fullmatch(r.rule) and r.rule != "title"] == []
    runs = _removed_runs(doc)
    missing = [
        line
        for line in _lines(fixture, "residue.txt")
        if not any(_words(line) in run for run in runs)
    ]
    assert missing == []


@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_snapshot(fixture: Path) -> None:
    """Today's exact output; regenerate with ``python tests/test_page_types.py
    --regenerate`` after a deliberate change."""
    doc = _clean(fixture)
    assert doc.text == (fixture / "expected.txt").read_text("utf-8").removesuffix("\n")
    removed = [[r.rule, r.text] for r in doc.removed]
    assert removed == json.loads((fixture / "removed.json").read_text("utf-8"))


def _regenerate(report: Callable[[str], object] = print) -> None:
    for fixture in PAGES:
        doc = _clean(fixture)
        (fixture / "expected.txt").write_text(doc.text + "\n", encoding="utf-8")
        removed = [[r.rule, r.text] for r in doc.removed]
        pairs = ",\n".join(" " + json.dumps(pair, ensure_ascii=False) for pair in removed)
        (fixture / "removed.json").write_text(f"[\n{pairs}\n]\n", encoding="utf-8")
        report(f"{fixture.name}: {len(doc.text.split())} words kept, {len(removed)} removed")


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit(f"usage: python {sys.argv[0]} --regenerate")
    _regenerate()
