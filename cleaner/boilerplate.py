"""Cross-document boilerplate: lines that recur across many documents of one source.

It works in two passes so that the result does not depend on document order or on how the
work is split between processes or machines:

1. count: ``LineCounts.add(source, text)`` for every document (counts can be built per
   partition and combined with ``merge``, which is commutative and associative);
2. remove: ``counts.boilerplate()`` gives each source's recurring line keys, passed to
   ``Cleaner.clean(..., boilerplate=keys)``, which marks those lines with rule "boilerplate".

Counting is per source (a URL host, or a field the caller names), so a line that several
different sources print, such as a quotation, is never boilerplate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cleaner.repair import repair
from cleaner.shape import match_key


def line_keys(text: str, min_chars: int = 2) -> frozenset[str]:
    """The distinct comparison keys of a document's lines after repair."""
    repaired, _ = repair(text)
    return frozenset(
        key for key in (match_key(line) for line in repaired.split("\n")) if len(key) >= min_chars
    )


@dataclass
class LineCounts:
    """Per source: how many documents were counted, and in how many of them each line occurs."""

    documents: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, source: str, text: str) -> None:
        self.add_keys(source, line_keys(text))

    def add_keys(self, source: str, keys: Iterable[str]) -> None:
        self.documents[source] += 1
        self.lines.setdefault(source, Counter()).update(keys)

    def merge(self, other: LineCounts) -> LineCounts:
        merged = LineCounts(self.documents + other.documents, {})
        for source in set(self.lines) | set(other.lines):
            merged.lines[source] = self.lines.get(source, Counter()) + other.lines.get(
                source, Counter()
            )
        return merged

    def boilerplate(
        self, *, min_documents: int = 3, min_share: float = 0.3
    ) -> dict[str, frozenset[str]]:
        """Each source's lines found in at least ``min_documents`` of its documents and at
        least ``min_share`` of them."""
        found: dict[str, frozenset[str]] = {}
        for source, counts in self.lines.items():
            needed = max(min_documents, min_share * self.documents[source])
            found[source] = frozenset(key for key, n in counts.items() if n >= needed)
        return found
