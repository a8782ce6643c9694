"""Bylines: "By Jane Doe", "Von Hans Müller", "Par Jean Dupont" outside the body, also after
a date ("Posted on March 12, 2024 by admin")."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from cleaner.dates import NOTE_CATEGORIES, mentions_year
from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.prefixes import prefix_alternation, prefix_pattern
from cleaner.programs import compile_regex
from cleaner.shape import ends_sentence, fold_case

_JOINERS = frozenset(
    {
        *("and", "und", "et", "y", "e", "ed", "en", "i", "oraz", "ve", "и", "&"),
        *("with", "mit", "avec", "con", "com", "met"),
    }
)
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dei",
        "'t",
        "’t",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "di",
        "dos",
        "das",
        "bin",
        "al",
        "el",
        "ten",
        "ter",
        "zu",
        "y",
    }
)
_NAME_END = re.compile(r"[,|/•·]|\s[-–—]\s")
# The parts after the names: "Reuters | March 12, 2024 | 4 min read".
_PARTS = re.compile(r"[|/•·]|\s[-–—]\s")
_TOKEN = re.compile(r"[\w.'’-]+|&")
# A user name after a date's byline: "by admin", "von jovelstefan".
_USER_NAME = re.compile(r"[\w.@-]{1,40}")


class BylineFilter(Filter):
    """Moves an author line before or after the body into metadata ``author``.

    The text after the prefix must read as names: capitalised words joined by "and", "&"
    or commas, with name particles ("von", "de") allowed, not all of them month or weekday
    names; what follows a comma or "|" (an agency, a role) is not part of the author, though
    a date there ("By Jane Doe | March 12, 2024") is the date when none was found before.
    A date line, as the date filter reads one, followed by a byline ("Posted on March 12,
    2024 by admin", "11.05.2012, 10:22 von jovelstefan") is one too; after a date the
    author may be a lower-case user name.
    """

    kind: ClassVar[str] = "byline"
    defaults: ClassVar[dict[str, Any]] = {
        "prefix_category": "byline_prefix",
        "date_prefix_category": "date_prefix",
        "max_words": 8,
    }

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        vocab = context.vocabulary
        labels = vocab.phrases(self.options["prefix_category"])
        self._prefix = prefix_pattern(labels)
        self._not_names = vocab.weekdays | frozenset(vocab.months)
        # Where a byline may start after a date: before one of its labels.
        alternation = prefix_alternation(labels, gap=r"\W{1,3}")
        self._label_start = (
            compile_regex(r"[\s,|·•]{1,4}(?=(?:" + alternation + r")(?!\w))", re.IGNORECASE)
            if alternation
            else None
        )
        # Date lines read as the date filter reads them.
        self._dates = vocab.date_line_reader(self.options["date_prefix_category"], NOTE_CATEGORIES)

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
            if low in _JOINERS or low in _PARTICLES:
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
        parse = self.context.vocabulary.date_parser.parse
        return next((d for part in _PARTS.split(after) if (d := parse(part.strip()))), None)

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        for p, i in enumerate(live):
            if first <= p <= last or doc.words(i) > self.options["max_words"]:
                continue
            found = self.read(doc.lines[i])
            if found is None:
                continue
            author, date = found
            doc.remove(i, self.rule())
            meta = doc.metadata
            if meta.author is None:
                meta.author = author
            if meta.date is None and date:
                meta.date, meta.date_source = date, "byline"


def _abbreviation(line: str, m: re.Match[str]) -> bool:
    """Whether the label is a word of one or two letters with a period, an abbreviation that
    is no byline label: "Av. Paulista, 1578" is an avenue, "Av Karin Strandberg" a byline."""
    end = m.end("prefix")
    return end - m.start("prefix") <= 2 and line[end : end + 1] == "."


def _capitalised(token: str) -> bool:
    """A name's first letter: a capital, or a letter of a script without case ("张三")."""
    first = token[:1]
    return first.isalpha() and not first.islower()
