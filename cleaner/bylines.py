"""Bylines: "By Jane Doe", "Von Hans Müller", "Par Jean Dupont", also after a date
("Posted on March 12, 2024 by admin"), read for the byline filter and a page's header."""

from __future__ import annotations

import re

from cleaner.dates import mentions_year
from cleaner.prefixes import prefix_alternation, prefix_pattern
from cleaner.programs import compile_regex
from cleaner.shape import ends_sentence, fold_case
from cleaner.vocabulary import Vocabulary

_NAME_END = re.compile(r"[,|/•·]|\s[-–—]\s")
# The parts after the names: "Reuters | March 12, 2024 | 4 min read".
_PARTS = re.compile(r"[|/•·]|\s[-–—]\s")
_TOKEN = re.compile(r"[\w.'’-]+|&")
# A user name after a date's byline: "by admin", "von jovelstefan".
_USER_NAME = re.compile(r"[\w.@-]{1,40}")


class BylineReader:
    """Reads the author (and a date) of a byline.

    The text after the prefix must read as names: capitalised words joined by "and", "&"
    or commas, with name particles ("von", "de") allowed, not all of them month or weekday
    names; what follows a comma or "|" (an agency, a role) is not part of the author, though
    a date there ("By Jane Doe | March 12, 2024") is the date. A date line, as
    ``cleaner.dates.DateLineReader`` reads one, followed by a byline ("Posted on March 12,
    2024 by admin", "11.05.2012, 10:22 von jovelstefan") is one too; after a date the
    author may be a lower-case user name.
    """

    def __init__(
        self, vocabulary: Vocabulary, prefix_category: str, date_prefix_category: str
    ) -> None:
        labels = vocabulary.phrases(prefix_category)
        self._prefix = prefix_pattern(labels)
        self._not_names = vocabulary.weekdays | frozenset(vocabulary.months)
        self._between_names = vocabulary.name_joiners | vocabulary.name_particles
        self._parse_date = vocabulary.date_parser.parse
        # Where a byline may start after a date: before one of its labels.
        alternation = prefix_alternation(labels, gap=r"\W{1,3}")
        self._label_start = (
            compile_regex(r"[\s,|·•]{1,4}(?=(?:" + alternation + r")(?!\w))", re.IGNORECASE)
            if alternation
            else None
        )
        self._dates = vocabulary.date_line_reader(
            date_prefix_category, vocabulary.readers.date_notes
        )

    def author_of(self, line: str) -> str | None:
        """The author named by a byline, or None when ``line`` is not one."""
        found = self._byline(line)
        return found[0] if found is not None else None

    def read(self, line: str) -> tuple[str, str | None] | None:
        """The author and date (or None) of a byline ("By Jane Doe | March 12, 2024") or of
        a date line that ends in one ("Posted on March 12, 2024 by admin"), else None."""
        found = self._byline(line)
        if found is not None:
            author, after = found
            return author, self._date_after(after) if after else None
        return self._dated_byline(line)

    def _byline(self, line: str) -> tuple[str, str] | None:
        """The author of a byline and what follows the names ("Reuters", "12 March 2024")."""
        if self._prefix is None or ends_sentence(line):
            return None
        m = self._prefix.match(line)
        if m is None or _abbreviation(line, m):
            return None
        rest = m.group("rest")
        cut = _NAME_END.search(rest)
        names = (rest[: cut.start()] if cut else rest).strip()
        after = rest[cut.end() :] if cut else ""
        tokens = _TOKEN.findall(names)
        if not tokens or not _capitalised(tokens[0]):
            return None
        names_found = calendar_words = 0
        for token in tokens:
            low = fold_case(token)
            if low in self._between_names:
                continue
            if not _capitalised(token):
                return None
            names_found += 1
            calendar_words += low.rstrip(".") in self._not_names
        # "By Monday" is no byline; "Door Jan de Vries" and "By Li Mei" are, though "jan"
        # and "mei" are months somewhere.
        return (names, after) if calendar_words < names_found else None

    def _dated_byline(self, line: str) -> tuple[str, str] | None:
        """The author and date of a date line that ends in a byline, else None."""
        # Without a year the date parser finds no date: skip the search for a cut.
        if self._label_start is None or not mentions_year(line) or ends_sentence(line):
            return None
        for cut in self._label_start.finditer(line):
            found = self._dates.dates_of(line[: cut.start()])
            if found is None:
                continue
            byline = line[cut.end() :]
            names = self._byline(byline)
            if names is not None and not names[1]:
                return names[0], min(found[0])
            label = self._prefix.match(byline) if self._prefix is not None else None
            if label is not None and _USER_NAME.fullmatch(user := label.group("rest")):
                return user, min(found[0])
        return None

    def _date_after(self, after: str) -> str | None:
        """A date among the parts after the names: "By Jane Doe | March 12, 2024 | 4 min"."""
        parse = self._parse_date
        return next((d for part in _PARTS.split(after) if (d := parse(part.strip()))), None)


def _abbreviation(line: str, m: re.Match[str]) -> bool:
    """Whether the label is a word of one or two letters with a period, an abbreviation that
    is no byline label: "Av. Paulista, 1578" is an avenue, "Av Karin Strandberg" a byline."""
    end = m.end("prefix")
    return end - m.start("prefix") <= 2 and line[end : end + 1] == "."


def _capitalised(token: str) -> bool:
    """A name's first letter: a capital, or a letter of a script without case ("张三")."""
    first = token[:1]
    return first.isalpha() and not first.islower()
