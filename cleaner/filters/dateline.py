"""Datelines: the upper-case place that opens a wire story ("BERLIN (dpa) -")."""

from __future__ import annotations

import re
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter

_UPPER_WORD = r"[^\W\d_a-zß-ÿ](?:[^\W\d_a-zß-ÿ]|['’.\-])+"
_PLACE = rf"{_UPPER_WORD}(?:[ /]{_UPPER_WORD})*"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})"
    r"(?:\s*,\s*[^,(—–\-]{1,30}?)?"  # ", Sept 13" or ", 3 jul"
    r"(?:\s*\([^()]{1,30}\))?"  # "(dpa)", "(Reuters)"
    r"\s*(?:\.-|,|—|–|-)\s"
)


def find_dateline(paragraph: str) -> str | None:
    m = _DATELINE.match(paragraph)
    if m is None:
        return None
    place = m.group("place")
    # The pattern leaves out Latin lower case only: "Жители Озерска, ..." is no place.
    if any(ch.islower() for ch in place):
        return None
    return place if sum(ch.isalpha() for ch in place) >= 3 else None


class DatelineFilter(Filter):
    """Records the dateline place of the first body paragraph; the paragraph stays."""

    kind: ClassVar[str] = "dateline"

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        if anchors:
            doc.metadata.dateline = find_dateline(doc.lines[live[anchors[0]]])
