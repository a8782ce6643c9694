"""Line measures: the fast paths give the same answers as the plain definitions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.limits import normalized
from cleaner.shape import match_key, measure_lines, word_count

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Latin-1, the punctuation the Latin-1 fast path replaces, and some characters it must not
# take for Latin-1 ones (Polish, Greek, a fraction, a dotted capital I).
WESTERN = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=255, exclude_characters="\n"),
        st.sampled_from("’‘“”„–—…€łŁαΩ½İ ﬁ'"),
    ),
    max_size=60,
)


def regex_word_count(line: str) -> int:
    """The definition: words, with each CJK run counted as half its length, rounded up."""
    runs = CJK.findall(line)
    return len(WORD.findall(CJK.sub(" ", line))) + sum((len(run) + 1) // 2 for run in runs)


def regex_key(line: str) -> str:
    """The definition: NFKC (of Stream-Safe text), case-folded with Turkish "İ" and "ı"
    folded to "i", every run of non-word characters one space."""
    line = normalized(line, "NFKC")
    folded = line.casefold().replace("i\u0307", "i").replace("ı", "i")
    return re.sub(r"[\W_]+", " ", folded).strip()


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
    assert match_key(line) == regex_key(line)


@given(WESTERN)
def test_western_word_count_is_the_regex_count(line: str) -> None:
    assert word_count(line) == regex_word_count(line)


@given(WESTERN)
def test_western_key_is_the_regex_key(line: str) -> None:
    assert match_key(line) == regex_key(line)


@given(st.text(max_size=40))
def test_any_line_measures_as_defined(line: str) -> None:
    assert word_count(line) == regex_word_count(line)
    assert match_key(line) == regex_key(line)


LINES = st.lists(st.one_of(WESTERN, st.text(max_size=30)), max_size=8)


@given(st.one_of(st.lists(st.text(st.characters(max_codepoint=127)), max_size=8), LINES))
def test_measuring_a_document_measures_each_line(lines: list[str]) -> None:
    # The whole-document fast paths equal the line-by-line measures, whatever the lines hold
    # (a "line" with a line break in it included).
    assert measure_lines(lines) == (
        [word_count(line) for line in lines],
        [match_key(line) for line in lines],
    )


def test_measuring_a_latin1_document_at_once() -> None:
    lines = ["Él dijo: “sí”, y l’homme a ri.", "", "Straße — 3,5 km", "rock'n'roll"]
    assert measure_lines(lines) == (
        [7, 0, 4, 1],
        ["él dijo sí y l homme a ri", "", "strasse 3 5 km", "rock n roll"],
    )


def test_turkish_dotted_and_dotless_i_fold_like_i() -> None:
    lines = ["İLGİLİ HABERLER", "İlgili Haberler", "ILGILI HABERLER", "YAYINLANMA", "Yayınlanma"]
    assert measure_lines(lines)[1] == [
        "ilgili haberler",
        "ilgili haberler",
        "ilgili haberler",
        "yayinlanma",
        "yayinlanma",
    ]
    assert [match_key(line) for line in lines] == measure_lines(lines)[1]


def test_measuring_a_document_in_other_scripts_at_once() -> None:
    # Cyrillic, CJK with full-width forms, Greek: the UTF-8 path; "№" folds to letters.
    lines = [
        "Москва — «столица» России.",
        "",
        "東京の天気は晴れです，２０２６年",
        "ΑΘΗΝΑ’s café…",
        "Straße № 5",
    ]
    assert measure_lines(lines) == (
        [3, 0, 7, 2, 2],
        [
            "москва столица россии",
            "",
            "東京の天気は晴れです 2026年",
            "αθηνα s café",
            "strasse no 5",
        ],
    )
