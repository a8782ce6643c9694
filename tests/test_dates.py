"""Whole-string dates as the date filters read them: calendar checks and the 12-hour clock."""

from __future__ import annotations

import pytest

from cleaner.rules import load_rules

PARSER = load_rules().vocabulary.date_parser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 February 2024", "2024-02-29"),  # a leap year
        ("February 29, 2000", "2000-02-29"),  # divisible by 400: a leap year
        ("29.02.2024", "2024-02-29"),
        ("29 February 2023", None),
        ("February 29, 1900", None),  # divisible by 100, not by 400
        ("30 April 2024", "2024-04-30"),
        ("31 April 2024", None),
        ("2024-04-31", None),
        ("31/06/2024", None),
        ("31 December 2024", "2024-12-31"),
        ("March 3, 2024 12:15 AM", "2024-03-03T00:15"),  # 12 AM is midnight
        ("March 3, 2024 12:15 PM", "2024-03-03T12:15"),  # 12 PM is noon
        ("March 3, 2024 1:05 pm", "2024-03-03T13:05"),
        ("March 3, 2024 11:59 a.m.", "2024-03-03T11:59"),
    ],
)
def test_calendar_and_clock(text: str, expected: str | None) -> None:
    assert PARSER.parse(text) == expected
