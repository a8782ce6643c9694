"""Tests of the held-out reference-pages benchmark's loader (run with ``pytest bench``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reference_pages import load_reference_pages


def test_pages_pair_with_their_reference_and_the_rest_are_left_out(tmp_path: Path) -> None:
    html, text = tmp_path / "html", tmp_path / "txt"
    html.mkdir()
    text.mkdir()
    (html / "b.html").write_bytes("<p>Bé</p>".encode())
    (html / "a.html").write_bytes(b"<p>A</p>")
    (html / "no_reference.html").write_bytes(b"<p>C</p>")
    (text / "a.txt").write_text("A", encoding="utf-8")
    (text / "b.txt").write_text("Bé", encoding="utf-8")
    pages = load_reference_pages(html, text)
    assert [(p.key, p.html, p.gold) for p in pages] == [
        ("a", "<p>A</p>", "A"),
        ("b", "<p>Bé</p>", "Bé"),
    ]


def test_no_pair_is_a_clear_exit(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"no page in .* has a reference text"):
        load_reference_pages(tmp_path, tmp_path)
