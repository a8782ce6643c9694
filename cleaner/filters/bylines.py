"""Bylines: "By Jane Doe", "Von Hans Müller", "Par Jean Dupont" outside the body."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from cleaner.document import Document
from cleaner.filters._prefix import prefix_pattern
from cleaner.filters.base import Context, Filter
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


class BylineFilter(Filter):
    """Moves an author line before or after the body into metadata ``author``.

    The text after the prefix must read as names: capitalised words joined by "and", "&"
    or commas, with name particles ("von", "de") allowed, not all of them month or weekday
    names; what follows a comma or "|" (an agency, a role) is not part of the author, though
    a date there ("By Jane Doe | March 12, 2024") is the date when none was found before.
    """

    kind: ClassVar[str] = "byline"
    defaults: ClassVar[dict[str, Any]] = {"prefix_category": "byline_prefix", "max_words": 8}

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        vocab = context.vocabulary
        self._prefix = prefix_pattern(vocab.phrases(self.options["prefix_category"]))
        self._not_names = vocab.weekdays | frozenset(vocab.months)

    def author_of(self, line: str) -> str | None:
        """The author named by a byline, or None when ``line`` is not one."""
        found = self._byline(line)
        return found[0] if found is not None else None

    def _byline(self, line: str) -> tuple[str, str] | None:
        """The author of a byline and what follows the names ("Reuters", "12 March 2024")."""
        if self._prefix is None or ends_sentence(line):
            return None
        m = self._prefix.match(line)
        if m is None:
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
            found = self._byline(doc.lines[i])
            if found is None:
                continue
            author, after = found
            doc.remove(i, self.rule())
            meta = doc.metadata
            if meta.author is None:
                meta.author = author
            if meta.date is None and after and (date := self._date_after(after)):
                meta.date, meta.date_source = date, "byline"


def _capitalised(token: str) -> bool:
    """A name's first letter: a capital, or a letter of a script without case ("张三")."""
    first = token[:1]
    return first.isalpha() and not first.islower()
