"""Line measures: the fast paths give the same answers as the plain definitions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.shape import match_key, word_count

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_word_count_is_the_regex_count(line: str) -> None:
    assert word_count(line) == len(WORD.findall(line))


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Don't stop: it's 9:30 a.m. in the U.S.", 11),
        ("'quoted' words_with_underscores", 4),
        ("rock''n''roll", 3),
        ("— Reuters", 1),
        ("L’économie française résiste", 3),
        ("東京の天気は晴れです", 5),
    ],
)
def test_word_count(line: str, words: int) -> None:
    assert word_count(line) == words


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_key_is_the_regex_key(line: str) -> None:
    assert match_key(line) == re.sub(r"[\W_]+", " ", line.casefold()).strip()
