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
_TOKEN = re.compile(r"[\w.'’-]+|&")


class BylineFilter(Filter):
    """Moves an author line before or after the body into metadata ``author``.

    The text after the prefix must read as names: capitalised words joined by "and", "&"
    or commas, with name particles ("von", "de") allowed, not all of them month or weekday
    names; what follows a comma or "|" (an agency, a role) is not part of the author.
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
        if self._prefix is None or ends_sentence(line):
            return None
        m = self._prefix.match(line)
        if m is None:
            return None
        rest = m.group("rest")
        cut = _NAME_END.search(rest)
        names = (rest[: cut.start()] if cut else rest).strip()
        tokens = _TOKEN.findall(names)
        if not tokens or not tokens[0][:1].isupper():
            return None
        names_found = calendar_words = 0
        for token in tokens:
            low = fold_case(token)
            if low in _JOINERS or low in _PARTICLES:
                continue
            if not token[:1].isupper():
                return None
            names_found += 1
            calendar_words += low.rstrip(".") in self._not_names
        # "By Monday" is no byline; "Door Jan de Vries" and "By Li Mei" are, though "jan"
        # and "mei" are months somewhere.
        return names if calendar_words < names_found else None

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        for p, i in enumerate(live):
            if first <= p <= last or doc.words(i) > self.options["max_words"]:
                continue
            author = self.author_of(doc.lines[i])
            if author is not None:
                doc.remove(i, self.rule())
                if doc.metadata.author is None:
                    doc.metadata.author = author
