"""Limits: input size, line length and combining-mark runs, as options with clear errors."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError, RulesError, load_rules
from cleaner.decoding import decode
from cleaner.limits import (
    _LAST_NON_STARTER,
    MAX_NON_STARTERS,
    Limits,
    bounded_lines,
    check_input_size,
    normalized,
    split_line,
    stream_safe,
)
from tests.conftest import write_rules
from tests.nasty import SENTENCE, html_bombs


def cleaner_with(**limits: Any) -> Cleaner:
    return Cleaner(dataclasses.replace(load_rules(), limits=Limits(**limits)))


def test_defaults_come_from_the_rules_file() -> None:
    assert load_rules().limits == Limits(
        max_input_bytes=64 * 1024 * 1024,
        max_lines=2_000_000,
        max_line_chars=20_000,
        long_lines="split",
    )


@pytest.mark.parametrize(
    ("data", "refused"),
    [
        (b"x" * 100, False),
        (b"x" * 101, True),
        ("x" * 100, False),
        ("é" * 50, False),  # 100 bytes in UTF-8
        ("é" * 51, True),  # 51 characters, 102 bytes
        ("\ud800" * 34, True),  # lone surrogates count as the 3 bytes they would take
    ],
)
def test_input_size_counts_bytes(data: str | bytes, refused: bool) -> None:
    limits = Limits(max_input_bytes=100)
    if refused:
        with pytest.raises(InputError, match=r"over the limit of 100 \(limits.max_input_bytes\)"):
            check_input_size(data, limits)
    else:
        check_input_size(data, limits)


def test_oversized_input_is_refused_before_decoding() -> None:
    page = html_bombs(0.0001)["page_200mb"]
    assert len(page) > 1000
    with pytest.raises(InputError, match=f"input is {len(page)} bytes"):
        cleaner_with(max_input_bytes=1000).clean(page)


def test_split_prefers_sentence_ends_then_spaces() -> None:
    line = "One two three. Four five six seven eight nine ten eleven."
    assert split_line(line, 24) == [
        "One two three.",
        "Four five six seven",
        "eight nine ten eleven.",
    ]


def test_split_without_spaces_keeps_combining_marks_with_their_letter() -> None:
    line = "a" * 9 + "e\u0301" + "b" * 10
    pieces = split_line(line, 10)
    assert pieces == ["a" * 9, "e\u0301" + "b" * 8, "bb"]
    assert all(not unicodedata.combining(piece[0]) for piece in pieces)


def test_split_of_a_line_of_marks_only_cuts_at_the_limit() -> None:
    # Found by hypothesis: the back-off for a combining mark ran past the line's start.
    assert split_line("\u0300\u200c\u200c", 2) == ["\u0300\u200c", "\u200c"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=300),
    st.integers(min_value=2, max_value=40),
)
def test_split_loses_nothing_but_spaces_at_cuts(line: str, limit: int) -> None:
    pieces = split_line(line, limit)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")


def test_short_lines_are_left_alone() -> None:
    assert bounded_lines("short\n\nlines", Limits(max_line_chars=10)) == (
        ["short", "", "lines"],
        False,
    )


def test_long_line_reject_names_the_line() -> None:
    with pytest.raises(InputError, match=r"line 2 is longer than 10 characters"):
        bounded_lines("ok\n" + "x" * 11, Limits(max_line_chars=10, long_lines="reject"))


def test_too_many_lines_are_refused() -> None:
    bounded_lines("a\n" * 9, Limits(max_lines=10))
    with pytest.raises(InputError, match=r"input has 11 lines, over the limit of 10"):
        bounded_lines("a\n" * 10, Limits(max_lines=10))


def test_clean_splits_a_long_line_and_reports_it() -> None:
    words = f"{SENTENCE} " * 40
    doc = cleaner_with(max_line_chars=200).clean(words, language="en")
    assert "long_lines" in doc.metadata.repairs
    assert max(map(len, doc.lines)) <= 200
    assert "".join(doc.lines).replace(" ", "") == words.replace(" ", "")


def test_stream_safe_inserts_a_joiner_every_30_marks() -> None:
    text = "Z" + "\u0301\u0323" * 5_000 + "algo"
    safe = stream_safe(text)
    assert safe.replace("\u034f", "") == text
    runs = safe[1:-4].split("\u034f")
    assert {len(run) for run in runs} == {MAX_NON_STARTERS, 10_000 % MAX_NON_STARTERS}
    assert stream_safe(safe) == safe


def test_normalised_text_is_left_alone() -> None:
    text = "Café crème, 東京, ﬁ"
    assert stream_safe(text) is text
    assert normalized(text) is text
    assert normalized(text, "NFKC") == "Café crème, 東京, fi"


def test_normalizing_a_flood_of_marks_keeps_the_joiners() -> None:
    text = "Z" + "\u0301\u0323" * 5_000 + "algo"
    assert normalized(text) == unicodedata.normalize("NFC", stream_safe(text))
    assert normalized(text).count("\u034f") == 10_000 // MAX_NON_STARTERS


def test_a_flood_of_combining_marks_cleans() -> None:
    marks = "\u0301\u0323" * 5_000
    doc = Cleaner.default().clean(f"{SENTENCE}\nZ{marks}algo.\n", language="en")
    assert "nfc" in doc.metadata.repairs
    assert doc.lines[1].startswith("\u1e92")  # Z with the dot below composed
    assert unicodedata.is_normalized("NFC", doc.lines[1])


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        ("[limits]\nmax_line_chars = 0\n", "limits.max_line_chars", "at least 1"),
        ("[limits]\nmax_input_bytes = '1 MB'\n", "limits.max_input_bytes", "an integer"),
        ("[limits]\nlong_lines = 'truncate'\n", "limits.long_lines", "'split' or 'reject'"),
        ("[limits]\nmax_pages = 5\n", "limits.max_pages", "unknown key"),
        ("limits = 5\n", "limits", "must be a table"),
    ],
)
def test_bad_limits_are_refused(tmp_path: Path, content: str, key: str, problem: str) -> None:
    path = write_rules(tmp_path, content)
    with pytest.raises(RulesError) as raised:
        Cleaner.from_rules(path)
    assert raised.value.key == key
    assert problem in raised.value.problem


def test_limits_from_a_rules_file(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "[limits]\nmax_input_bytes = 10\n")
    with pytest.raises(InputError):
        Cleaner.from_rules(path).clean("more than ten bytes")


@pytest.mark.parametrize("name", ["nested_elements_100k", "giant_attribute", "entity_flood"])
def test_html_bombs_as_text_give_bounded_lines(name: str) -> None:
    page = html_bombs(0.01)[name]
    doc = cleaner_with(max_line_chars=1_000).clean(page)
    assert max(map(len, doc.lines)) <= 1_000


def test_every_non_starter_is_in_the_scanned_range() -> None:
    outside = [
        code
        for code in (*range(0x300), *range(_LAST_NON_STARTER + 1, 0x110000))
        if unicodedata.combining(chr(code))
    ]
    assert outside == []


def test_too_many_mixed_lines_are_refused_without_decoding_each() -> None:
    mixed = "Grüße\n".encode() + b"caf\xe9\n" * 20
    assert decode(mixed)[1] == "utf-8+cp1252"
    assert decode(mixed, max_lines=21)[1] != "utf-8+cp1252"
    with pytest.raises(InputError, match="input has 22 lines, over the limit of 21"):
        cleaner_with(max_lines=21).clean(mixed)
