"""Publication dates written out in text, in the languages the vocabulary knows.

``DateParser`` accepts a string that is a date and nothing else (with an optional weekday, a
time and a time-zone name) and returns ISO 8601: "2024-07-03", or "2024-07-03T14:05" with a
time. Anything it does not fully understand gives ``None``: a date is never guessed, so
"03/07/2024", which reads as March or July depending on the country, gives ``None`` too,
unless the caller knows the text's language writes the day first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from cleaner.prefixes import prefix_pattern
from cleaner.programs import compile_regex
from cleaner.shape import ends_sentence, fold_case, match_key


def _zone_pattern(words: DateWords) -> str:
    """An optional time zone after a clock time: "GMT", "(MSK)", "UTC+2", or a zone name of
    the vocabularies written otherwise ("МСК")."""
    return (
        rf"(?:\s*\(?(?:[A-Z]{{2,5}}|{_alternation(words.zones)}"
        r"|GMT[+-]\d{1,2}(?::?\d\d)?|UTC[+-]\d{1,2}(?::?\d\d)?)\)?)?"
    )


def _time_pattern(words: DateWords) -> str:
    """An optional clock time after a date, with the vocabularies' words before a time
    ("at", "um", "godz."), for morning and afternoon ("오전", "오후"), between or after its
    numbers ("14h05", "14 Uhr", "14時05分") and its zones ("МСК")."""
    # Each optional part carries the spaces before it, so that no two runs of spaces are
    # next to each other: "\s*(?:,)?\s*" backtracks quadratically on a long run of spaces.
    # Before a time: a comma, then a word of ``before_time`` or a dash.
    before = "".join(f"{_word(w)}|" for w in _longest_first(words.before_time))
    halves = _alternation([*words.am, *words.pm])
    hour_mark, after = _alternation(words.hour_marks), _alternation(words.after_time)
    hour_unit, minute_unit = _alternation(words.hour_units), _alternation(words.minute_units)
    return (
        rf"(?:(?:\s*,)?(?:\s*(?:{before}-|–|\|))?\s*"
        rf"(?:(?P<day_half>{halves})\s?)?"
        # 14:05, 14.05, 14h05, 14時05分, and a whole hour with its unit: "14h", "14 Uhr", "14時"
        rf"(?P<hour>[012]?\d)(?:(?:[:.]|{hour_mark})(?P<minute>[0-5]\d)"
        rf"|(?:{hour_unit})(?P<cjk_minute>[0-5]?\d)(?:{minute_unit})"
        rf"|(?=\s*(?:{after})\b)|(?:{hour_unit})(?!\d))(?::[0-5]\d)?"
        rf"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?(?:\s*(?:{after}))?{_zone_pattern(words)})?"
    )


def _longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, then in alphabetical order: the same pattern in every process (a
    set's order changes with each process's string hashing), so its program is cached."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def _word(word: str) -> str:
    """A word as a whole word of a pattern: "godz." ends at its period."""
    pattern = r"\b" + r"\s+".join(re.escape(part) for part in word.split())
    return pattern + (r"\b" if word[-1:].isalnum() else "")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words)) or "(?!)"


def _optional_word(words: Sequence[str], *, after: bool) -> str:
    """An optional word of ``words`` with the spaces ``after`` it, or else before it."""
    if not words:
        return ""
    return rf"(?:(?:{_alternation(words)})\s+)?" if after else rf"(?:\s+(?:{_alternation(words)}))?"


def _time_first_pattern(words: DateWords) -> str:
    """A clock time before the date, as in "10:05 AM EDT, Tue March 12, 2024"."""
    return (
        r"(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?"
        + _zone_pattern(words)
        + r"\s*,?\s+"
    )


_OPENS_WITH_TIME = re.compile(r"^\s{0,3}[012]?\d[:.][0-5]\d\D")
# An ISO 8601 date-time as machines print it: "2024-03-12T14:05:00Z", "2013-12-30
# 16:42:01-05". Its zone is dropped, as with every date read from text; an offset is only
# read after a "T" or seconds (a space must be followed by them), so that "2024-03-12
# 14:05-15:30" stays a span. Tried before the other forms, with their group names.
_ISO_DATE_TIME = re.compile(
    r"^\s*(?P<year>(?:19|20)\d\d)-(?P<nmonth>[01]\d)-(?P<nday>[0-3]\d)(?:T| (?=\d\d:\d\d:))"
    r"(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:[.,]\d{1,9})?)?"
    r"(?:Z|[+-][01]\d(?::?[0-5]\d)?)?\s*$"
)


@dataclass(frozen=True, slots=True)
class DateWords:
    """The words dates are written with, besides month and weekday names: the
    ``[date_words]`` tables of the vocabularies (format in ``rules/README.md``)."""

    linking: tuple[str, ...] = ()  # between a label and its date: "on", "am", "le"
    published: tuple[str, ...] = ()  # date labels of a first publication: "Published on"
    before_day: tuple[str, ...] = ()  # before a day's number: "ngày"
    after_day: tuple[str, ...] = ()  # after a day's number: "st", "er", "º"
    before_month: tuple[str, ...] = ()  # between a day and a month name: "de"
    before_year: tuple[str, ...] = ()  # between a month name and a year: "de", "năm"
    after_year: tuple[str, ...] = ()  # after a year: "г.", "roku"
    unit_dates: tuple[str, ...] = ()  # units after year, month and day: "年 月 日"
    before_time: tuple[str, ...] = ()  # before a clock time: "at", "um", "godz."
    hour_marks: tuple[str, ...] = ()  # between hour and minutes, besides ":" and ".": "h"
    hour_units: tuple[str, ...] = ()  # after an hour, before minutes with their unit: "時"
    minute_units: tuple[str, ...] = ()  # after those minutes: "分"
    after_time: tuple[str, ...] = ()  # after a clock time or a whole hour: "Uhr", "h"
    zones: tuple[str, ...] = ()  # time-zone names besides Latin capitals: "МСК"
    am: tuple[str, ...] = ()  # morning, before a clock time: "오전"
    pm: tuple[str, ...] = ()  # afternoon: "오후"
    weekday_marks: tuple[str, ...] = ()  # a weekday after a year-first date: "(화)"
    weekday_mark_suffixes: tuple[str, ...] = ()  # ... or spelt out: "화요일"
    unit_weekday_marks: tuple[str, ...] = ()  # a weekday after a unit date only: "（水）"
    unit_weekdays: tuple[str, ...] = ()  # ... or spelt out: "星期三"


def _year_word(words: DateWords) -> str:
    """An optional word after a year: an abbreviation with its period ("г.", "r.") or a
    word after a space ("года", "roku")."""
    abbreviations = [w[:-1] for w in words.after_year if w.endswith(".")]
    spelt = [w for w in words.after_year if not w.endswith(".")]
    parts = []
    if abbreviations:
        parts.append(rf"\s*(?:{_alternation(abbreviations)})\.")
    if spelt:
        parts.append(rf"\s+(?:{_alternation(spelt)})")
    return f"(?:{'|'.join(parts)})?" if parts else ""


def _weekday_mark(words: DateWords) -> str:
    """An optional weekday after a year-first date: "(화)", "（화）", " 화요일"."""
    if not words.weekday_marks:
        return ""
    marks = _alternation(words.weekday_marks)
    spelt = rf"|\s+(?:{marks})(?:{_alternation(words.weekday_mark_suffixes)})"
    return rf"(?:\s*[(（](?:{marks})[)）]{spelt if words.weekday_mark_suffixes else ''})?"


def _unit_weekday(words: DateWords) -> str:
    """An optional weekday after a date written with units: "（水）", "星期三", "(화)"."""
    marks = _alternation([*words.weekday_marks, *words.unit_weekday_marks])
    spelt = _alternation(words.unit_weekdays)
    suffixed = (
        rf"|\s+(?:{_alternation(words.weekday_marks)})"
        rf"(?:{_alternation(words.weekday_mark_suffixes)})"
        if words.weekday_marks and words.weekday_mark_suffixes
        else ""
    )
    return rf"(?:\s*[(（](?:{marks})[)）]|\s*(?:{spelt}){suffixed})?"


def _unit_date_forms(words: DateWords, year: str, month: str, day: str) -> list[str]:
    """The forms of dates written with a unit after each number: "2024年7月3日"."""
    weekday = _unit_weekday(words)
    forms = []
    for units in sorted(set(words.unit_dates)):
        year_unit, month_unit, day_unit = (re.escape(unit) for unit in units.split())
        forms.append(
            rf"{year}\s*{year_unit}\s*{month}\s*{month_unit}\s*{day}\s*{day_unit}{weekday}"
        )
    return forms


# Arabic-Indic and Persian digits, read as the ASCII digits the forms are written with.
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)

# Where a month or weekday name of two words is cut to its first ("terça-feira", "sept.").
_NAME_BREAK = re.compile(r"[\s.\-]")
_LEADING_LETTERS = re.compile(r"[^\W\d_]{1,30}")

# Every form below has a year: a line without one is no date, and most lines have none.
_YEAR = re.compile(r"(?:19|20|١٩|٢٠|۱۹|۲۰)\d\d")  # also in Arabic-Indic and Persian digits


def mentions_year(text: str) -> bool:
    """Whether ``text`` holds something like a year, without which ``DateParser`` finds no
    date: a cheap test before its patterns."""
    return _YEAR.search(text) is not None


# A note under a date label is at most this many words: "Updated 2 hours ago".
_NOTE_MAX_WORDS = 4


def is_time_note(text: str) -> bool:
    """Whether ``text``, found after a date label, is a short note of time that is no date:
    "2 hours ago", "il y a 3 heures", "vor 5 Minuten" (a number, no year, no sentence)."""
    return (
        0 < len(text.split()) <= _NOTE_MAX_WORDS
        and any(ch.isdigit() for ch in text)
        and not mentions_year(text)
        and not ends_sentence(text)
    )


class DateParser:
    """Parses whole-string dates with month and weekday names taken from the vocabulary."""

    def __init__(
        self, months: Mapping[str, int], weekdays: Iterable[str], words: DateWords = DateWords()
    ) -> None:
        self._months = {fold_case(k): v for k, v in months.items()}
        self._time = _time_pattern(words)
        self._time_first = _time_first_pattern(words)
        self._day_halves = {
            **{fold_case(w): "am" for w in words.am},
            **{fold_case(w): "pm" for w in words.pm},
        }
        weekday_mark = _weekday_mark(words)
        names = sorted(self._months, key=len, reverse=True)
        month = "(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?" if names else "(?!)"
        # Longest first, then in alphabetical order: the same pattern in every process (a
        # set's order changes with each process's string hashing), so its program is cached.
        days = sorted({w.casefold() for w in weekdays}, key=lambda d: (-len(d), d))
        # Names of two words are written with a hyphen too: "terça-feira"; a space in a name
        # (a match key) also stands for an apostrophe: "п'ятниця", "п’ятниця".
        spelled = "|".join(re.escape(d).replace(r"\ ", r"[\s\-'’ʼ]") for d in days)
        # A weekday before the date, with a comma (also the Arabic "،") or not.
        weekday = rf"(?:(?:{spelled})\.?[,،]?\s+)?" if days else ""
        # ... or after the date: "25 Mayıs 2020, Pazartesi".
        weekday_after = rf"(?:[,،]?\s+(?:{spelled})\b\.?)?" if days else ""
        day = rf"(?P<day>[0-3]?\d)(?:{_alternation(words.after_day)}|\.)?"
        year = r"(?P<year>(?:19|20)\d\d)"
        last_year = year + _year_word(words) + weekday_after
        # Words before the day ("ngày"), between day and month ("de") and between month and
        # year ("de", "năm").
        before_day = _optional_word(words.before_day, after=True)
        before_month = _optional_word(words.before_month, after=True)
        before_year = _optional_word(words.before_year, after=False)
        numeric_day = r"(?P<nday>[0-3]?\d)"
        numeric_month = r"(?P<nmonth>[01]?\d)"
        first, second = r"(?P<first>[0-3]?\d)", r"(?P<second>[0-3]?\d)"
        forms = [
            # 13 Sep 2023, 3. Juli 2024, 3 de julio de 2024, ngày 3 tháng 7 năm 2024
            rf"{weekday}{before_day}{day}\s+{before_month}{month}{before_year},?\s+{last_year}",
            # July 3, 2024
            rf"{weekday}{month}\s+{day},?\s+{last_year}",
            # 2024-07-03
            rf"{weekday}{year}-{numeric_month}-{numeric_day}",
            # 03.07.2024, 3. 7. 2024 (day first, as everywhere dots are used)
            rf"{weekday}{numeric_day}\.\s?{numeric_month}\.\s?{last_year}",
            # 13/09/2023, 13-09-2023: day or month first, read only when one of them is over 12
            rf"{weekday}{first}/{second}/{last_year}",
            rf"{weekday}{first}-{second}-{last_year}",
            # With units: 2024年7月3日（水）, 2024년 7월 3일 (화)
            *_unit_date_forms(words, year, numeric_month, numeric_day),
            # Year first: 2024.07.03, 2024. 7. 3. (Korean, Hungarian), 2024. 7. 3. (화)
            rf"{year}\.\s?{numeric_month}\.\s?{numeric_day}\.?{weekday_mark}",
            # 2024. július 3., 2024. márc. 12.
            rf"{year}\.?\s+{month}\s+{day}",
        ]
        self._form_sources = forms
        # Every form opens with a number, a month or weekday name, or a word before the day
        # ("ngày"): the first words of these, folded, let most text be refused without trying
        # the forms.
        openers = [*self._months, *(fold_case(d) for d in days)]
        openers += (fold_case(w) for w in words.before_day)
        self._first_words = frozenset(_NAME_BREAK.split(name, maxsplit=1)[0] for name in openers)

    @functools.cached_property
    def _forms(self) -> list[re.Pattern[str]]:
        """The forms, compiled when a text first may be a date (most documents have none)."""
        return [
            _ISO_DATE_TIME,
            *(
                compile_regex(rf"^\s*{f}{self._time}\s*$", re.IGNORECASE)
                for f in self._form_sources
            ),
        ]

    @functools.cached_property
    def _time_first_forms(self) -> list[re.Pattern[str]]:
        return [
            compile_regex(rf"^\s*{self._time_first}{form}\s*$", re.IGNORECASE)
            for form in self._form_sources
        ]

    def parse(self, text: str, *, day_first: bool = False) -> str | None:
        """The ISO date of ``text``; ``day_first`` reads "12/03/2024" as 12 March, for text
        known to come from a language that writes dates that way."""
        if not text.isascii():
            text = text.translate(_EASTERN_DIGITS)
        if not mentions_year(text) or not self._may_open_a_date(text):
            return None
        forms = self._forms
        if _OPENS_WITH_TIME.match(text):
            forms = forms + self._time_first_forms
        for form in forms:
            m = form.match(text)
            if m is None:
                continue
            groups = m.groupdict()
            year = int(groups["year"])
            if groups.get("month"):
                # The pattern matched the name case-insensitively as Python's re does, and
                # that takes "i", "I", "İ" and "ı" for one another: fold them alike here.
                month, day = self._months.get(fold_case(groups["month"]), 0), int(groups["day"])
            elif groups.get("first"):
                found = _day_and_month(int(groups["first"]), int(groups["second"]), day_first)
                if found is None:
                    return None
                day, month = found
            else:
                month, day = int(groups["nmonth"]), int(groups["nday"])
            if not (1 <= month <= 12 and 1 <= day <= _days_in(year, month)):
                return None
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            if groups.get("hour") is None:
                return iso
            hour = int(groups["hour"])
            minute = int(groups["minute"] or groups.get("cjk_minute") or 0)
            ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
            ampm = self._day_halves.get(fold_case(groups.get("day_half") or ""), ampm)
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            if hour > 23:
                return None
            return f"{iso}T{hour:02d}:{minute:02d}"
        return None

    def _may_open_a_date(self, text: str) -> bool:
        """Whether ``text`` opens with a number or the first word of a month or weekday."""
        start = text.lstrip()[:1]
        if start.isdigit():
            return True
        word = _LEADING_LETTERS.match(text.lstrip())
        return word is not None and fold_case(word.group()) in self._first_words


def _day_and_month(first: int, second: int, day_first: bool) -> tuple[int, int] | None:
    """(day, month) of a numeric date written either way round ("13/09" in most of the
    world, "09/13" in the United States), or None when both readings are dates and the
    text's language does not say which."""
    if first > 12 or first == second or (day_first and second <= 12):
        return first, second
    if second > 12:
        return second, first
    return None


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


# Where a date line may be cut into parts: at a separator ("12 March 2024 • 4 min read"), or
# at spaces and punctuation before a word that opens a date label ("..., mis à jour le").
# Searched for, so its runs are bounded.
_BOUNDARY = re.compile(
    r"\s{1,3}[|•·]\s{1,3}|(?P<gap>\s{0,3}[,;]\s{0,3}|\s{1,3}[-–—]\s{1,3}|\s{1,3})(?=\w)"
)
_WORD = re.compile(r"\w{1,40}")
# A note at the end of a date line ("4 min read", "来源：新华社") is at most this long.
_NOTE_MAX_CHARS = 40


class NoteCategory(Protocol):
    """A vocabulary category, as far as a date line's notes need it."""

    def matches(self, line: str, key: str) -> bool: ...


class DateLineReader:
    """Reads date lines: a date with or without a label ("Published: 13 Sep 2023, 3:51 PM"),
    possibly followed by more parts.

    A line may hold several parts: a date, with or without a label, then dates or notes of
    time under labels ("Publié le 12/03/2024 à 14h05, mis à jour le 12/03/2024 à 16h30",
    "March 12, 2024 Updated 2 hours ago") or lines of a note category ("12 March 2024 • 4
    min read"). A numeric date in a line with a label of a language that writes the day
    first is read that way. Shared by the date and byline filters and the HTML header's
    metadata, so that they read a date line alike.
    """

    def __init__(
        self,
        parser: DateParser,
        labels: frozenset[str],
        day_first_labels: frozenset[str],
        notes: Sequence[NoteCategory],
        linking: Iterable[str] = (),
    ) -> None:
        self._parser = parser
        # Words between a label and its date ("Published on", "Veröffentlicht am").
        self._linking = tuple(f"{word} " for word in linking)
        self._prefix = prefix_pattern(labels)
        self._day_first = day_first_labels
        self._notes = notes
        # The first words of the labels: a cut before any other word is not tried.
        self._label_words = frozenset(key.split()[0] for key in labels if key)
        # The labels as whole lines, with or without a linking word ("Updated", "Updated on").
        self._lone_labels = frozenset(labels) | {
            f"{key} {word.strip()}" for key in labels if key for word in self._linking
        }

    def is_lone_label(self, key: str) -> bool:
        """Whether a line (given as its match key) is a date label alone ("Published on")."""
        return key in self._lone_labels

    def dates_of(self, line: str) -> tuple[list[str], bool] | None:
        """The dates of a date line, and whether its first part has a label; ``None`` when
        the line is not one."""
        label = self._prefix.match(line) if self._prefix is not None else None
        whole = self._date_of(line, label, self._is_day_first(label))
        if whole is not None:
            return [whole], label is not None
        parts, labels = self._parts(line, label)
        if len(parts) == 1:
            return None
        day_first = any(map(self._is_day_first, labels))
        first = self._date_of(parts[0], labels[0], day_first)
        if first is None:
            return None
        dates = [first]
        for part, part_label in zip(parts[1:], labels[1:], strict=True):
            if part_label is None:
                # Not a second date without a label: "29 November | 20 January" is a span.
                if not self._is_listed(part):
                    return None
            elif (found := self._date_of(part, part_label, day_first)) is not None:
                dates.append(found)
            elif not is_time_note(part_label.group("rest")):
                return None
        return dates, label is not None

    def ends_in_note(self, line: str, start: int) -> bool:
        """Whether the line's end from ``start`` is a short note of a note category, cut
        before even without a separator."""
        return len(line) - start <= _NOTE_MAX_CHARS and self._is_listed(line[start:])

    def _parts(
        self, line: str, label: re.Match[str] | None
    ) -> tuple[list[str], list[re.Match[str] | None]]:
        """The line cut into parts, each with its label's match: at bars and bullets, and
        before labels, though not inside the label a part opens with ("Son Güncelleme")."""
        prefix = self._prefix
        parts: list[str] = []
        begin, after = 0, label.start("rest") if label else 0
        for cut in _BOUNDARY.finditer(line, after):
            if cut.start() < after:
                continue
            opening = None
            if cut.group("gap") is not None:
                # Before a label, or before a note that ends the line ("... 来源：新华社").
                word = _WORD.match(line, cut.end())
                if word is not None and fold_case(word.group()) in self._label_words:
                    # Sliced: "^" only matches at the start of the string given.
                    opening = prefix.match(line[cut.end() :]) if prefix is not None else None
                if opening is None and not self.ends_in_note(line, cut.end()):
                    continue
            elif prefix is not None:
                opening = prefix.match(line[cut.end() :])
            parts.append(line[begin : cut.start()])
            if len(parts) == 1 and not self._may_open_with_date(parts[0]):
                return [line], [label]  # most lines: the first part is no date either
            begin = cut.end()
            after = begin + (opening.start("rest") if opening else 0)
        parts.append(line[begin:])
        return parts, [prefix.match(part) if prefix is not None else None for part in parts]

    def _may_open_with_date(self, part: str) -> bool:
        """Whether the first part is a date read either way round (its day order is only
        known once every label of the line is)."""
        opening = self._prefix.match(part) if self._prefix is not None else None
        return self._date_of(part, opening, day_first=True) is not None

    def _date_of(self, part: str, label: re.Match[str] | None, day_first: bool) -> str | None:
        """The date of a part of a line: after its label if it has one."""
        return self._parser.parse(
            self._unlinked(label.group("rest")) if label else part, day_first=day_first
        )

    def _is_day_first(self, label: re.Match[str] | None) -> bool:
        return label is not None and match_key(label.group("prefix")) in self._day_first

    def _unlinked(self, rest: str) -> str:
        """``rest`` without a word linking a label to its date ("on", "am", "le")."""
        for word in self._linking:
            if rest.lower().startswith(word):
                return rest[len(word) :]
        return rest

    def _is_listed(self, part: str) -> bool:
        key = match_key(part)
        return any(category.matches(part, key) for category in self._notes)
