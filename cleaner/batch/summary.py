"""What a batch run did (documents in, out, failed; bytes removed; top rules) and its
progress line on a terminal."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.batch.worker import Outcome

MB = 1_000_000


@dataclass
class Summary:
    """Counts of one run. Every record read is in ``documents_in``, and
    ``documents_in == documents_out + failed`` always holds."""

    documents_in: int = 0
    documents_out: int = 0
    failed: int = 0
    ignored: int = 0
    bytes_in: int = 0  # documents as given (a page's HTML)
    text_in: int = 0  # the text the rules read (a page's extracted text)
    bytes_out: int = 0  # the clean text
    removals: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    max_errors_kept: int = 20
    failures_file: str | None = None  # where every failure is listed, if anywhere

    COUNTS = ("documents_in", "documents_out", "failed", "ignored", "bytes_in", "text_in")

    def counts(self) -> dict[str, Any]:
        """The counts, as JSON values, that a resumed run starts from."""
        out: dict[str, Any] = {name: getattr(self, name) for name in self.COUNTS}
        out["bytes_out"] = self.bytes_out
        out["removals"] = dict(self.removals)
        return out

    def restore(self, counts: dict[str, Any]) -> None:
        for name in (*self.COUNTS, "bytes_out"):
            setattr(self, name, int(counts[name]))
        self.removals = Counter(counts["removals"])

    def add(self, outcome: Outcome) -> None:
        self.documents_in += 1
        if outcome.error is not None:
            self.failed += 1
            if len(self.errors) < self.max_errors_kept:
                self.errors.append(f"{outcome.where}: {outcome.error}")
            return
        self.documents_out += 1
        self.bytes_in += outcome.bytes_in
        self.text_in += outcome.text_in
        self.bytes_out += outcome.bytes_out
        self.removals.update(outcome.removals)

    def merge(self, other: Summary) -> None:
        """Add the counts of ``other`` (a chunk's, counted by a worker), as if each of its
        outcomes were added here."""
        for name in (*self.COUNTS, "bytes_out"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.removals.update(other.removals)
        room = self.max_errors_kept - len(self.errors)
        self.errors.extend(other.errors[: max(room, 0)])

    @property
    def bytes_removed(self) -> int:
        """Of the text the rules read, the bytes they removed."""
        return self.text_in - self.bytes_out

    def report(self, top: int = 5) -> str:
        """A few lines for stderr."""
        lines = [
            f"cleaner: {self.documents_in} documents in, {self.documents_out} out, "
            f"{self.failed} failed",
            f"cleaner: {self.bytes_in / MB:.1f} MB of documents; of their {self.text_in / MB:.1f} "
            f"MB of text, {self.bytes_removed / MB:.1f} MB removed "
            f"({100 * self.bytes_removed / self.text_in if self.text_in else 0:.0f}%)",
        ]
        if self.ignored:
            lines.append(f"cleaner: {self.ignored} WARC records neither HTML nor text, ignored")
        if self.removals:
            ranked = ", ".join(f"{rule} {n}" for rule, n in self.removals.most_common(top))
            lines.append(f"cleaner: top rules by lines removed: {ranked}")
        shown = self.errors[:3]
        lines.extend(f"cleaner: failed: {error}" for error in shown)
        if self.failed > len(shown):
            where = (
                f"all in {self.failures_file}"
                if self.failures_file
                else "--failures FILE lists all"
            )
            lines.append(
                f"cleaner: ... and {self.failed - len(shown)} more failed records ({where})"
            )
        return "\n".join(lines)


class Progress:
    """``\\r``-rewritten status line: documents, MB/s and ETA, at most a few times a second."""

    def __init__(self, stream: IO[str], total_bytes: int | None, interval: float = 0.25) -> None:
        self.stream = stream
        self.total = total_bytes
        self.interval = interval
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, documents: int, consumed_bytes: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last < self.interval:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = consumed_bytes / elapsed
        line = f"{documents} docs  {rate / MB:.1f} MB/s"
        if self.total:
            share = min(consumed_bytes / self.total, 1.0)
            eta = (self.total - consumed_bytes) / rate if rate > 0 else 0.0
            line += f"  {100 * share:.0f}%  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        self.stream.write(f"\r{line}\x1b[K")
        if final:
            self.stream.write("\n")
        self.stream.flush()
