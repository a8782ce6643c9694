"""Whole-string dates as the date filters read them: calendar checks and the 12-hour clock."""

from __future__ import annotations

import pytest

from cleaner.dates import DateParser, DateWords
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words of the vocabularies' [date_words] tables, one form or more of each.
        ("1st July 2024", "2024-07-01"),  # after_day (en)
        ("1er juillet 2024 à 14h05", "2024-07-01T14:05"),  # after_day, hour_marks (fr)
        ("1º de julio de 2024, 18:20h", "2024-07-01T18:20"),  # before_month, before_year (es)
        ("1° marzo 2024", "2024-03-01"),  # after_day (it)
        ("12 de março de 2024 às 9h", "2024-03-12T09:00"),  # after_time (pt)
        ("3. Juli 2024, 14 Uhr", "2024-07-03T14:00"),  # after_time (de)
        ("3 juli 2024 14:05 uur", "2024-07-03T14:05"),  # after_time (nl)
        ("14 мая 2024 г. 09:20 МСК", "2024-05-14T09:20"),  # zones (ru)
        ("ngày 3 tháng 7 năm 2024", "2024-07-03"),  # before_day, before_year (vi)
        ("2024年7月3日（水）14時05分", "2024-07-03T14:05"),  # unit_dates, units (ja)
        ("2024年7月3日 星期三 14时", "2024-07-03T14:00"),  # unit_weekdays (zh)
        ("2024年7月3日(三)", "2024-07-03"),  # unit_weekday_marks (zh)
        ("2024년 7월 3일 화요일 오전 11:05", "2024-07-03T11:05"),  # unit_dates, marks (ko)
        ("2024. 7. 3. (화)", "2024-07-03"),  # weekday_marks after a dotted date (ko)
        ("2024.07.03 (水)", None),  # ... but no unit_weekday_marks there
        ("2024年7月3日(天)", None),  # 天 only spelt out: 星期天
        ("2024년 7월 3일화요일", None),  # a spelt-out Korean weekday after a space
    ],
)
def test_forms_of_the_date_words(text: str, expected: str | None) -> None:
    assert PARSER.parse(text) == expected


def test_date_forms_come_from_the_vocabulary() -> None:
    """A form written with a language's words is read only with that language's
    vocabulary: adding a language is editing rules/, not this module."""
    assert DateParser({}, []).parse("2024年7月3日") is None
    assert DateParser({}, []).parse("ngày 3 tháng 7 năm 2024") is None
    units = DateWords(unit_dates=("年 月 日",), hour_units=("時",), minute_units=("分",))
    assert DateParser({}, [], units).parse("2024年7月3日 14時05分") == "2024-07-03T14:05"
