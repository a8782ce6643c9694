"""Tests of the snippet benchmark's reader of an extractor's real-world tests (``pytest bench``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from snippet_pages import Check, read_checks

TESTS = """
MOCK_PAGES = {"https://a.example/x": "a.html", "https://b.example/y": "b.html"}

def load_mock_page(url, xmloutput=False):
    raise AssertionError("never run")

def test_extract(xmloutput):
    result = load_mock_page("https://a.example/x", xmloutput)
    assert "Kept  text" in result and "Menu" not in result  # and "commented out" in result
    #result = load_mock_page("https://b.example/y", xmloutput)
    #assert "skipped" in result
    result = load_mock_page("https://b.example/y", xmloutput)
    if xmloutput is False:
        assert "Cafe\\u0301" in result and len(result) > 10
"""


def test_phrases_are_read_per_page_without_running_the_file(tmp_path: Path) -> None:
    tests = tmp_path / "realworld_tests.py"
    tests.write_text(TESTS, encoding="utf-8")
    pages, checks = read_checks(tests)
    assert pages == {"https://a.example/x": "a.html", "https://b.example/y": "b.html"}
    assert checks == [
        Check("https://a.example/x", "Kept text", True),
        Check("https://a.example/x", "Menu", False),
        Check("https://b.example/y", "Café", True),
    ]


def test_a_file_without_phrase_checks_is_a_clear_exit(tmp_path: Path) -> None:
    tests = tmp_path / "tests.py"
    tests.write_text("def test_nothing():\n    assert True\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no 'load_mock_page' page with phrase assertions"):
        read_checks(tests)
