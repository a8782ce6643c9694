"""The WCXB metric as the data's README defines it, on hand-made pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from wcxb import Output, Scored, load_pages, metadata_correct, snippet_share, summarise, word_prf


def test_word_overlap_is_a_multiset_intersection_of_lowercased_words() -> None:
    precision, recall, f1 = word_prf("The ferry, the harbour.", "the FERRY sails")
    assert (precision, recall) == (2 / 3, 2 / 4)
    assert f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_empty_predictions_and_empty_gold() -> None:
    assert word_prf("some words", "") == (0.0, 0.0, 0.0)
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf("", "residue") == (0.0, 0.0, 0.0)


def test_snippets_are_found_without_case() -> None:
    assert snippet_share(("Ferry Line", "missing bit"), "the ferry line opens") == 0.5
    assert snippet_share((), "anything") is None


@pytest.mark.parametrize(
    ("name", "predicted", "gold", "right"),
    [
        ("title", "Harbour plan: wins!", "harbour plan wins", True),
        ("title", "Harbour plan wins | Courier", "Harbour plan wins", False),
        ("author", "Omar Haddad and Jane Doe", "Jane Doe, Omar Haddad", True),
        ("date", "2024-03-14T09:30+01:00", "2024-03-14", True),
        ("date", None, None, True),
        ("author", "Site Name", None, False),
        ("date", None, "2024-03-14", False),
    ],
)
def test_metadata_fields(name: str, predicted: str | None, gold: str | None, right: bool) -> None:
    assert metadata_correct(name, predicted, gold) is right


def _write_page(root: Path, key: str, kind: str, html: str, gold: str) -> None:
    (root / "html").mkdir(exist_ok=True)
    (root / "ground-truth").mkdir(exist_ok=True)
    (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
    record = {
        "url": f"https://example.org/{key}",
        "ground_truth": {"main_content": gold, "with": ["ferry line"], "without": ["menu"]},
        "_internal": {"page_type": {"primary": kind}},
    }
    (root / "ground-truth" / f"{key}.json").write_text(json.dumps(record), "utf-8")


def test_pages_load_by_type_and_a_lost_page_is_counted(tmp_path: Path) -> None:
    _write_page(tmp_path, "0001", "article", "<p>The ferry line opens.</p>", "The ferry line opens")
    _write_page(tmp_path, "0002", "category", "<p>Planters</p>", "Planters in stone")
    pages = load_pages(tmp_path)
    assert [(p.key, p.page_type) for p in pages] == [("0001", "article"), ("0002", "collection")]
    assert [p.key for p in load_pages(tmp_path, types=["collection"])] == ["0002"]
    reference = Scored("trafilatura", {"0001": Output("The ferry line opens"), "0002": Output("")})
    system = Scored("cleaner", {"0001": Output("menu"), "0002": Output("Planters in stone")})
    figures = summarise(system, pages, reference)
    assert figures["lost"] == ["0001"]
    assert figures["scores"]["collection"]["f1"] == 1.0
    assert figures["without"] == 0.5 and figures["with"] == 0.0  # means over both pages
