"""What ``--report`` needs of a batch run, gathered as it goes.

A worker's ``DocumentAuditor`` measures each document and renders its ``--explain`` view only
when the document is among the slowest or the most cut that worker has seen so far (a
document of the run's top is always among its worker's top until then), so after the first
documents hardly any view is rendered and the report costs a few counters per document.
The main process feeds every outcome to an ``Audit``, which keeps counts, a histogram, the
top documents and every failure; ``cleaner.report`` renders it.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleaner.document import Document
from cleaner.output import explain

if TYPE_CHECKING:  # the worker imports this module
    from cleaner.batch.worker import Outcome

UNKNOWN = "unknown"
# Slowest and most-cut documents shown with their --explain view.
SHOWN = 10
HISTOGRAM_BINS = 10
# An --explain view longer than this is cut, saying how many lines were left out.
MAX_EXPLAIN_LINES = 2000


@dataclass(slots=True)
class DocumentAudit:
    """One cleaned document as the report sees it; characters and lines count the non-blank
    lines of the repaired input."""

    seconds: float
    language: str | None
    page_type: str
    chars: int
    chars_removed: int
    lines: int
    lines_removed: int
    explain: str | None = None

    @property
    def share_removed(self) -> float:
        """The share of the document's characters in removed lines (0 for an empty one)."""
        return self.chars_removed / self.chars if self.chars else 0.0

    @property
    def cut_key(self) -> tuple[float, int]:
        return self.share_removed, self.chars_removed


def audit_of(doc: Document, seconds: float) -> DocumentAudit:
    """The measures of a cleaned document, without its --explain view."""
    chars = chars_removed = lines = lines_removed = 0
    for index, line in enumerate(doc.lines):
        if not line:
            continue
        lines += 1
        chars += len(line)
        if doc.is_removed(index):
            lines_removed += 1
            chars_removed += len(line)
    # page_type is not (yet) a field of every Metadata: read it when it is there.
    page_type = getattr(doc.metadata, "page_type", None)
    return DocumentAudit(
        seconds=seconds,
        language=doc.metadata.language,
        page_type=str(page_type) if page_type else UNKNOWN,
        chars=chars,
        chars_removed=chars_removed,
        lines=lines,
        lines_removed=lines_removed,
    )


def explain_view(doc: Document, max_lines: int = MAX_EXPLAIN_LINES) -> str:
    """``cleaner --explain`` of the document, cut after ``max_lines`` lines."""
    lines = explain(doc).split("\n")
    if len(lines) <= max_lines:
        return "\n".join(lines)
    left_out = len(lines) - max_lines
    return "\n".join([*lines[:max_lines], f"... {left_out} more lines not shown"])


class DocumentAuditor:
    """A worker's measure of each document, with the --explain view of those that may be
    shown: the ``shown`` slowest and most cut so far. Ties go to the earlier document, as in
    ``Audit``."""

    def __init__(self, shown: int = SHOWN) -> None:
        self.shown = shown
        self._slowest: list[tuple[float, ...]] = []
        self._most_cut: list[tuple[float, ...]] = []

    def audit(self, doc: Document, seconds: float) -> DocumentAudit:
        audit = audit_of(doc, seconds)
        slow = self._enters(self._slowest, (audit.seconds,))
        cut = audit.lines_removed > 0 and self._enters(self._most_cut, audit.cut_key)
        if slow or cut:
            audit.explain = explain_view(doc)
        return audit

    def _enters(self, heap: list[tuple[float, ...]], key: tuple[float, ...]) -> bool:
        if len(heap) < self.shown:
            heapq.heappush(heap, key)
            return True
        if key > heap[0]:
            heapq.heapreplace(heap, key)
            return True
        return False


@dataclass(frozen=True, slots=True)
class Shown:
    """A document listed in the report: where it came from, its id, and its audit."""

    where: str
    name: str | None
    audit: DocumentAudit


@dataclass(frozen=True, slots=True)
class Failure:
    where: str
    name: str | None
    error: str


class _Top:
    """The ``size`` largest items by key, in constant memory; ties go to the earlier one."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[tuple[float, ...], int, Shown]] = []
        self._order = itertools.count()

    def add(self, key: tuple[float, ...], item: Shown) -> None:
        # The count makes every entry distinct (items are never compared) and, negated,
        # ranks an earlier item above a later one with the same key.
        entry = (key, -next(self._order), item)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        elif entry[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, entry)

    def largest_first(self) -> list[Shown]:
        return [item for _, _, item in sorted(self._heap, reverse=True)]


@dataclass
class Audit:
    """The report's collector: fed every outcome of a run, in order, by ``run_batch``."""

    shown: int = SHOWN
    seconds: float = 0.0
    lines: int = 0
    lines_removed: int = 0
    untouched: int = 0  # documents of which nothing was removed
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)
    languages: Counter[str] = field(default_factory=Counter)
    page_types: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    _slowest: _Top = field(init=False, repr=False)
    _most_cut: _Top = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._slowest = _Top(self.shown)
        self._most_cut = _Top(self.shown)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failures.append(Failure(outcome.where, outcome.name, outcome.error))
            return
        audit = outcome.audit
        if audit is None:
            return
        self.seconds += audit.seconds
        self.lines += audit.lines
        self.lines_removed += audit.lines_removed
        if audit.lines_removed == 0:
            self.untouched += 1
        share = audit.share_removed
        self.histogram[min(int(share * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
        self.languages[audit.language or UNKNOWN] += 1
        self.page_types[audit.page_type] += 1
        shown = Shown(outcome.where, outcome.name, audit)
        self._slowest.add((audit.seconds,), shown)
        if audit.lines_removed:
            self._most_cut.add(audit.cut_key, shown)

    @property
    def slowest(self) -> list[Shown]:
        return self._slowest.largest_first()

    @property
    def most_cut(self) -> list[Shown]:
        """The documents with the largest share removed (of those with anything removed)."""
        return self._most_cut.largest_first()
