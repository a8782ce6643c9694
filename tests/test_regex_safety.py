"""The static check for catastrophic backtracking: what it refuses, and that ours pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, RulesError
from cleaner.regex_safety import UnsafePattern, check_pattern
from tests.conftest import write_rules
from tests.patterns import SCANNED, code_patterns, shipped_vocabulary_patterns

UNSAFE = {
    r"(x)\1": "backreference",
    r"^(?P<q>['\"]).{0,40}(?P=q)$": "backreference",
    r"^(a)?(?(1)b|c)$": "conditional group",
    r"^(a|a)*$": "more than one way",
    r"^(?:a|ab|ba)*c$": "more than one way",
    r"^(?:news|letter|newsletter)+!$": "more than one way",
    r"^(?:\w|\d\d)+!$": "more than one way",
    r"^(?:\w\w\w|\w\w)*!$": "more than one way",
    r"^(?:\d+x|\w+y)*!$": "overlapping alternatives",
    r"^(?:\d+|[a-z])*!$": "nested quantifier",
    r"^(a+)+$": "nested quantifier",
    r"^(?:\w+\s?)*$": "nested quantifier",
    r"^(?:[a-z]{1,9}){1,9}$": "nested quantifier",
    r"^\s*,?\s*x": "two unbounded quantifiers",
    r"^.*.*=.*$": "two unbounded quantifiers",
    r"\s*x": "not anchored",
    r"\bcookies\b.*$": "not anchored",
}
SAFE = [
    r"^(?:\w|\d)+!$",  # re merges the two into one class
    r"^(?:, \w+)*$",
    r"^(?:\d+\.)*\d+$",
    r"^(?:[a-z]+ )*[a-z]+$",
    r"^(?:ab|a)*c$",
    r"^(?:facebook|x|x\.com|e-mail|mail|[\s,;|/-])*$",
    r"^\s*x?\s*$",
    r"^[\s:.,|-]*(?P<rest>.*)$",
    r"\s{0,40}x",
    r"\bcookies\b[^.!?]{0,80}$",
    r"(?:^|[.!?]\s|\()(?:afp|ap) (?:photo|foto)\s?/\s?[^!?;:]{1,60}$",
]


@pytest.mark.parametrize(("pattern", "reason"), UNSAFE.items())
def test_unsafe_shapes_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafePattern, match=reason):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_shapes_pass(pattern: str) -> None:
    check_pattern(pattern)


def test_a_pattern_only_matched_may_start_unanchored() -> None:
    check_pattern(r"[^\W_]+(?:['’][^\W_]+)*", searched=False)
    with pytest.raises(UnsafePattern):
        check_pattern(r"[^\W_]+(?:['’][^\W_]+)*")


def test_every_shipped_vocabulary_pattern_passes() -> None:
    patterns = shipped_vocabulary_patterns()
    assert len(patterns) > 300
    for where, pattern in patterns:
        try:
            check_pattern(pattern)
        except UnsafePattern as error:  # pragma: no cover - the failure message
            pytest.fail(f"{where}: {pattern!r}: {error}")


def test_every_code_pattern_passes() -> None:
    patterns = code_patterns()
    assert {"cleaner.filters.dateline._DATELINE", "dates._reader._parser.form0"} <= set(patterns)
    for where, pattern in patterns.items():
        try:
            check_pattern(pattern.pattern, flags=pattern.flags, searched=where not in SCANNED)
        except UnsafePattern as error:  # pragma: no cover - the failure message
            pytest.fail(f"{where}: {pattern.pattern!r}: {error}")


def test_user_rules_with_an_unsafe_pattern_are_refused(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "[vocabulary.ad_label]\npatterns = ['^(a+)+$']\n")
    with pytest.raises(RulesError) as raised:
        Cleaner.from_rules(path)
    error = raised.value
    assert (error.source, error.key) == (str(path), "vocabulary.ad_label.patterns")
    assert "could backtrack catastrophically: nested quantifier" in error.problem


def test_user_vocabulary_file_with_an_unsafe_pattern_is_refused(tmp_path: Path) -> None:
    write_rules(tmp_path, '[caption]\nsource = "x"\nwithin = ["(x|x)*y"]\n', "nl.toml")
    path = write_rules(tmp_path, '[settings]\nvocabularies = ["nl.toml"]\n')
    with pytest.raises(RulesError) as raised:
        Cleaner.from_rules(path)
    assert raised.value.source == str(tmp_path / "nl.toml")
    assert raised.value.key == "caption.within"


def test_an_unsafe_filter_pattern_is_refused(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "[filters.video]\nduration_pattern = '^(\\d+:?)+$'\n")
    with pytest.raises(RulesError, match=r"filters\.video\.duration_pattern"):
        Cleaner.from_rules(path)
