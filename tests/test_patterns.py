"""PatternSet: RE2 narrows, Python re decides, so the answer is always Python's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import patterns
from cleaner.patterns import PatternSet, re2_superset
from cleaner.regex_safety import needs_non_latin1
from cleaner.repair import repair
from tests.patterns import shipped_vocabulary_patterns

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LABELLED = [(f"p{n}", pattern) for n, (_, pattern) in enumerate(shipped_vocabulary_patterns())]
PYTHON = [re.compile(pattern, re.IGNORECASE) for _, pattern in LABELLED]
SHIPPED = PatternSet(LABELLED)


@pytest.fixture(autouse=True)
def _re2_from_the_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are of the RE2 path, which a set takes after its first characters."""
    monkeypatch.setattr(patterns, "_SCAN_CHARS", 0)


def first_python_match(line: str) -> str | None:
    """The reference: the label of the first pattern, in order, that Python re finds."""
    for (label, _), compiled in zip(LABELLED, PYTHON, strict=True):
        if compiled.search(line):
            return label
    return None


def fixture_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(FIXTURES.glob("*/*/input.txt")):
        text, _ = repair(path.read_text(encoding="utf-8"))
        lines.extend(line for line in text.split("\n") if line)
    return lines


def test_fixture_lines_match_as_python_does() -> None:
    lines = fixture_lines()
    expected = [first_python_match(line) for line in lines]
    assert any(expected), "the fixtures hold residue the vocabulary matches"
    assert [SHIPPED.find(line) for line in lines] == expected


def test_a_new_set_matches_with_python_alone_then_builds_its_re2_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = fixture_lines()
    expected = [first_python_match(line) for line in lines]
    first = len(iter_until(lines, 2000))
    monkeypatch.setattr(patterns, "_SCAN_CHARS", 2000)
    monkeypatch.setattr(patterns, "_scanned", 0)  # a new process
    fresh = PatternSet(LABELLED)
    assert [fresh.find(line) for line in lines[:first]] == expected[:first]
    assert not fresh._compiled, "no RE2 set for the first characters"
    assert [fresh.find(line) for line in lines[first:]] == expected[first:]
    assert fresh._compiled, "the RE2 set once past them"


def test_a_batch_builds_each_set_at_its_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_SCAN_CHARS", 2000)
    monkeypatch.setattr(patterns, "_scanned", 0)  # a new process
    patterns.expect_many_documents()
    fresh = PatternSet(LABELLED)
    assert fresh.find("Share this article") == first_python_match("Share this article") is not None
    assert fresh._compiled, "the RE2 set from the first line"


def iter_until(lines: list[str], chars: int) -> list[str]:
    """The first lines that hold ``chars`` characters."""
    taken: list[str] = []
    for line in lines:
        if chars <= 0:
            break
        taken.append(line)
        chars -= len(line)
    return taken


@given(
    st.lists(
        st.text(alphabet="Ad vertismn:|-0123456789éÉİı.()©’–€ſKµРекламаподписка광고ệ", max_size=40),
        max_size=8,
    )
)
def test_generated_lines_match_as_python_does(lines: list[str]) -> None:
    assert [SHIPPED.find(line) for line in lines] == [first_python_match(line) for line in lines]


@pytest.mark.parametrize(
    ("pattern", "lines", "expected"),
    [
        # Python's \A and \Z are RE2's ^ and $ on one line.
        (r"\Aread more\Z", ["intro", "Read more", "x"], [None, "p", None]),
        (r"^\d+ comments$", ["see 4 comments", "12 Comments"], [None, "p"]),
        # Lines are matched one by one: no match joins two of them.
        (r"^foo[^x]bar$", ["foo", "bar", "foo-bar"], [None, None, "p"]),
        (r"\w\s*\w", ["x", "yz"], [None, "p"]),
        # Lookaround is beyond RE2: such a pattern is tried with Python re on every line.
        (r"^(?=share)\w+$", ["share", "shared story"], ["p", None]),
        # Python takes i, I, İ and ı for one another; RE2 must not rule those lines out.
        (r"^ilgili haberler$", ["İLGİLİ HABERLER", "ILGILI HABERLER", "x"], ["p", "p", None]),
        (r"^yay[ı]nlanma\b", ["YAYINLANMA", "Yayinlanma", "yayınlanma"], ["p", "p", "p"]),
        # ... while the letters of group syntax stay syntax.
        (r"^(?P<word>in)(?-i:X)$", ["INX", "inx"], ["p", None]),
        # A pattern that needs Cyrillic is left out on Latin-1 lines, and only there.
        (r"^реклама$", ["РЕКЛАМА", "reklama", "Реклама – 2"], ["p", None, None]),
        (r"^(?:реклама|ad)$", ["AD", "Реклама"], ["p", "p"]),
        # ... but not one whose letter Python's re.IGNORECASE takes for a Latin-1 one:
        # "ſ" for "s", Greek "μ" for the micro sign.
        (r"^ſale’s$", ["SALE’S", "sale's"], ["p", None]),
        (r"^μ$", ["µ", "Μ"], ["p", "p"]),
        # Patterns anchored at the start go to a set of their own; an alternative outside
        # a group, or a "|" escaped or in a class, is read as Python reads it.
        (r"^ad|sponsored", ["ad here", "a sponsored post", "bad"], ["p", "p", None]),
        (r"^[|(]x|y", ["|x", "a y", "a |x"], ["p", "p", None]),
        (r"^[]|]x$", ["]x", "|x", "a]x"], ["p", "p", None]),
        (r"^a\|b", ["a|b", "xa|b"], ["p", None]),
        (r"^(?:a|b)c$", ["bc", "xbc"], ["p", None]),
    ],
)
def test_find_handles_anchors_and_lookaround(
    pattern: str, lines: list[str], expected: list[str | None]
) -> None:
    patterns = PatternSet([("p", pattern)])
    assert [patterns.find(line) for line in lines] == expected


def test_superset_rewrite_reads_string_anchors_as_line_ends() -> None:
    assert re2_superset(r"\Afoo\b\Z") == "^foo$"


LATIN1_WORD = (
    r"\x{30}-\x{39}\x{41}-\x{5a}\x{5f}\x{61}-\x{7a}\x{aa}\x{b2}-\x{b3}\x{b5}\x{b9}-\x{ba}"
    r"\x{bc}-\x{be}\x{c0}-\x{d6}\x{d8}-\x{f6}\x{f8}-\x{ff}"
)
BEYOND_LATIN1 = r"\x{100}-\x{1fff}\x{2070}-\x{209f}\x{20d0}-\x{10ffff}"


def test_word_and_digit_classes_are_exact_on_latin1_and_take_all_beyond() -> None:
    # A Latin-1 line meets the exact class (Python's "\w" holds "²" and "º", not "«" or
    # "—"); beyond it any character may be a word character, and Python re confirms. In a
    # negated class only the exact part stays, which can only widen the class.
    assert re2_superset(r"^\w+ \d") == (
        f"^[{LATIN1_WORD}{BEYOND_LATIN1}]+ [\\x{{30}}-\\x{{39}}{BEYOND_LATIN1}]"
    )
    assert re2_superset(r"^[^\w\s]+$") == (
        f"^[^{LATIN1_WORD}\\s\\pZ\\x{{1c}}-\\x{{1f}}\\x{{85}}]+$"
    )
    marks = PatternSet([("mark", r"^[^\w\s]{1,3} \w+ \d$")])
    assert [marks.find(line) for line in ("— Москва 5", "«» Ελλάδα ٣", "Я Москва 5")] == [
        "mark",
        "mark",
        None,
    ]


def test_a_line_beyond_latin1_meets_every_pattern_in_order() -> None:
    # Patterns that need Cyrillic are a set of their own; a line with Cyrillic is matched
    # against both sets, and the first pattern in the order given still wins.
    captions = PatternSet([("latin", r"\bphoto\b"), ("cyrillic", r"^фото:"), ("any", r":")])
    assert captions.find("Фото: photo AP") == "latin"
    assert captions.find("Фото: AP") == "cyrillic"
    assert captions.find("Photo: AP") == "latin"
    assert captions.find("Credit: AP") == "any"
    assert captions.find("Источник: ТАСС") == "any"


def test_turkish_i_widens_the_rewrite_only_where_it_can_matter() -> None:
    # Text without İ or ı: only a pattern's own İ and ı need widening.
    assert re2_superset(r"^bilgi[a-z]") == "^bilgi[a-z]"
    assert re2_superset(r"^yayın[ı]") == "^yay[iIİı]n[ıiIİı]"
    # Text with them: every i and every class, for Python reads "a-z" as holding İ and ı.
    assert re2_superset(r"^bilgi[a-z]", turkish_i=True) == "^b[iIİı]lg[iIİı][a-ziIİı]"


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("^реклама$", True),
        ("광고", True),
        ("[가-힣]{2,5}", True),
        ("^(?:реклама|advert)$", False),  # one alternative is Latin
        ("(?:реклама)*x", False),  # the Cyrillic part is optional
        ("^publicité$", False),  # Latin-1
        ("^chia sẻ$", True),  # "ẻ" is beyond Latin-1
        ("^reklam[aı]$", False),  # "ı" is "i" to re.IGNORECASE
        ("^[ā-ž]+$", False),  # the range holds "ı" and "İ"
        ("^\\u0436$", True),  # a named character
        ("^\\w+ – \\d+$", False),  # the dash is typographic, allowed in a Latin-1 line
    ],
)
def test_needs_non_latin1(pattern: str, needs: bool) -> None:
    assert needs_non_latin1(pattern) is needs
