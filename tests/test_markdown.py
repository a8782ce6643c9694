"""Markdown output: exact Markdown of the fixtures in fixtures/markdown, the structure of HTML
and text input, escaping, and the command's --format markdown (single documents and batch)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.markdown import escape
from cleaner.shape import match_key
from tests.conftest import FIXTURES
from tests.invariants import assert_markdown_holds_the_text
from tests.test_cli import run

CASES = sorted(p for p in (FIXTURES / "markdown").iterdir() if p.is_dir())


def _input(case: Path) -> Path:
    (found,) = case.glob("input.*")
    return found


def _expected(case: Path) -> str:
    return (case / "expected.md").read_text("utf-8").removesuffix("\n")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_markdown(case: Path, default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean(_input(case).read_bytes())
    assert doc.markdown == _expected(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_removed_lines_stay_out_of_the_markdown(case: Path, default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean(_input(case).read_bytes())
    kept = {match_key(line) for line in doc.text.split("\n\n")}
    shown = {match_key(line) for line in doc.markdown.splitlines()}
    removed = {match_key(r.text) for r in doc.removed} - kept
    assert doc.removed and not removed & shown


def test_the_fixtures_cover_every_structure_in_three_languages() -> None:
    markdown = "\n".join(_expected(case) for case in CASES)
    for syntax in ("\n## ", "\n### ", "\n- ", "\n  - ", "\n1. ", "\n|---|", "\n> ", "```"):
        assert syntax in "\n" + markdown, syntax
    languages = {case.name.split("_")[1] for case in CASES}
    assert {"en", "de", "es"} <= languages
    assert {_input(case).suffix for case in CASES} == {".html", ".txt"}


@pytest.mark.parametrize("backend", ["readability", "fast"])
def test_page_table_from_other_backends(backend: str, default_cleaner: Cleaner) -> None:
    # readability-lxml gives each cell a line of its own, resiliparse a row without pipes:
    # the page's rows make the table again.
    pytest.importorskip({"fast": "resiliparse", "readability": "readability"}[backend])
    page = (FIXTURES / "markdown" / "01_en_guide_html" / "input.html").read_bytes()
    doc = default_cleaner.clean(page, backend=backend)
    assert (
        "| Ratio | Peak after | Best for |\n|---|---|---|\n| 1:1:1 | 4 to 6 hours | Warm kitchens |"
    ) in doc.markdown


def test_layout_table_is_not_a_markdown_table(default_cleaner: Cleaner) -> None:
    prose = " ".join(["The committee met again and the long report was read aloud to all."] * 3)
    page = (
        "<html><body><table><tr><td><h1>Report of the year</h1>"
        f"<p>{prose}</p><p>{prose}</p></td><td><p>Menu</p></td></tr></table></body></html>"
    )
    doc = default_cleaner.clean(page, input="html")
    assert "|" not in doc.markdown
    assert prose in doc.markdown


def test_ordered_list_keeps_its_start_number(default_cleaner: Cleaner) -> None:
    prose = "The steps below continue the long guide that the previous page of it began."
    page = (
        f"<html><body><article><p>{prose}</p><ol start='4'><li>Cut the board to size.</li>"
        f"<li>Sand both of its faces.</li></ol><p>{prose}</p></article></body></html>"
    )
    doc = default_cleaner.clean(page, input="html")
    assert "4. Cut the board to size.\n5. Sand both of its faces." in doc.markdown


def test_text_items_and_subheadings_are_recognised_conservatively(
    default_cleaner: Cleaner,
) -> None:
    first = "The quarterly figures came in above what the analysts had expected for the firm."
    second = "Its board will meet in the spring to decide how the new money is to be spent."
    last = "Nobody at the firm would say more about the plans before that meeting takes place."
    text = (
        f"{first}\n\nWhat comes next\n\n{second}\n\n"
        "3. Mai war der Tag, an dem alles begann, sagte der Sprecher der Firma.\n\n"
        "• first point\n• second point\n\nshort lower line\n\n"
        "- Vi er ikke imod planen, siger han.\n\n- Un marché immense -\n\n"
        f"{last}\n"
    )
    doc = default_cleaner.clean(text, input="text", language="en")
    assert doc.markdown == (
        f"{first}\n\n## What comes next\n\n{second}\n\n"
        "3\\. Mai war der Tag, an dem alles begann, sagte der Sprecher der Firma.\n\n"
        "- first point\n- second point\n\nshort lower line\n\n"
        "\\- Vi er ikke imod planen, siger han.\n\n## Un marché immense\n\n"
        f"{last}"
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Plain prose, with punctuation: (a) 3.5 - x; 50% off!", None),
        ("# hashtag", "\\# hashtag"),
        ("#hashtag stays", None),
        ("> quoted", "\\> quoted"),
        ("- dash", "\\- dash"),
        ("+ plus", "\\+ plus"),
        ("1999. A year", "1999\\. A year"),
        ("12) twelve", "12\\) twelve"),
        ("***", "\\*\\*\\*"),
        ("===", "\\==="),
        ("```", "\\`\\`\\`"),
        ("a * b * c", None),
        ("*bold*", "\\*bold\\*"),
        ("snake_case_name", None),
        ("_private", "\\_private"),
        ("<div> tag", "\\<div> tag"),
        ("a < b", None),
        ("[x](y)", "[x\\](y)"),
        ("C:\\temp", None),
        ("a \\* b", "a \\\\\\* b"),
        ("&amp; entity", "\\&amp; entity"),
        ("R&D", None),
    ],
)
def test_escape(text: str, escaped: str | None) -> None:
    assert escape(text) == (text if escaped is None else escaped)


def test_document_keeps_its_structure_when_pickled(default_cleaner: Cleaner) -> None:
    # clean_many on worker processes sends Documents back pickled.
    doc = default_cleaner.clean(
        (FIXTURES / "markdown" / "02_de_rezept_html" / "input.html").read_bytes()
    )
    assert pickle.loads(pickle.dumps(doc)).markdown == doc.markdown


def test_cli_format_markdown() -> None:
    case = FIXTURES / "markdown" / "03_es_noticia_html"
    result = run("--format", "markdown", str(_input(case)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == _expected(case) + "\n"


def test_cli_explain_takes_no_markdown_format_but_still_lists_lines() -> None:
    path = str(_input(FIXTURES / "markdown" / "01_en_guide_html"))
    refused = run("--explain", "--format", "markdown", path)
    assert refused.returncode == 2
    assert b"--explain prints a listing of the lines; it takes no --format" in refused.stderr
    listing = run("--explain", path)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.decode().splitlines()
    assert any(" - markup.newsletter " in line and "Sign up" in line for line in lines)
    assert any(" + " in line and line.endswith("Feeding ratios") for line in lines)


def test_batch_markdown_field_and_md_files(tmp_path: Path, default_cleaner: Cleaner) -> None:
    case = FIXTURES / "markdown" / "02_de_rezept_html"
    page = _input(case).read_text("utf-8")
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "r1", "html": page}) + "\n", encoding="utf-8")
    result = run(str(records), "--html-field", "html", "--format", "markdown", "-q")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert list(record)[:4] == ["id", "html", "text", "markdown"]
    assert record["markdown"] == _expected(case)
    assert record["text"] == default_cleaner.clean(page, input="html").text
    out = tmp_path / "out"
    result = run(str(records), "--html-field", "html", "-f", "markdown", "-o", f"{out}/", "-q")
    assert result.returncode == 0, result.stderr
    assert (out / "00000001-r1.md").read_text("utf-8") == _expected(case) + "\n"


@pytest.mark.parametrize("backend", [None, "readability"])
def test_item_of_several_paragraphs(backend: str | None, default_cleaner: Cleaner) -> None:
    # trafilatura joins an item's paragraphs on one line; readability-lxml keeps them apart.
    page = (
        "<html><body><article><p>A long paragraph that opens the article and gives it some"
        " body text here.</p><ol><li><p>Open the lid of the box carefully.</p><p>It may stick"
        " a little at first.</p><ul><li>Use a knife if needed</li><li>Mind your fingers</li>"
        "</ul></li><li><p>Take out the parts.</p></li></ol><p>Another long paragraph closes the"
        " article and gives it even more body text.</p></article></body></html>"
    )
    doc = default_cleaner.clean(page, input="html", backend=backend)
    first = (
        "1. Open the lid of the box carefully. It may stick a little at first."
        if backend is None
        else "1. Open the lid of the box carefully.\n\n   It may stick a little at first.\n"
    )
    assert (
        f"{first}\n   - Use a knife if needed\n   - Mind your fingers\n2. Take out the parts."
    ) in doc.markdown


OTHER_FIXTURES = sorted(
    [
        *(FIXTURES / "articles").glob("*/input.txt"),
        *(FIXTURES / "html").glob("*/input.html"),
        *(FIXTURES / "page_types").glob("*/input.html"),
    ]
)


@pytest.mark.parametrize("path", OTHER_FIXTURES, ids=[p.parent.name for p in OTHER_FIXTURES])
def test_markdown_of_every_fixture_holds_its_text(path: Path, default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean(path.read_bytes())
    assert_markdown_holds_the_text(doc)
    assert ("\n\n\n" not in doc.markdown) and doc.markdown == doc.markdown.strip()
