"""What a batch run did (documents in, out, failed; bytes removed; top rules) and its
progress line on a terminal."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import IO

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
    bytes_in: int = 0
    bytes_out: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    max_errors_kept: int = 20

    def add(self, outcome: Outcome) -> None:
        self.documents_in += 1
        if outcome.error is not None:
            self.failed += 1
            if len(self.errors) < self.max_errors_kept:
                self.errors.append(f"{outcome.where}: {outcome.error}")
            return
        self.documents_out += 1
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.removals.update(outcome.removals)

    @property
    def bytes_removed(self) -> int:
        return self.bytes_in - self.bytes_out

    def report(self, top: int = 5) -> str:
        """A few lines for stderr."""
        lines = [
            f"cleaner: {self.documents_in} documents in, {self.documents_out} out, "
            f"{self.failed} failed",
            f"cleaner: {self.bytes_in / MB:.1f} MB of documents, {self.bytes_removed / MB:.1f} MB "
            f"removed ({100 * self.bytes_removed / self.bytes_in if self.bytes_in else 0:.0f}%)",
        ]
        if self.ignored:
            lines.append(f"cleaner: {self.ignored} WARC records neither HTML nor text, ignored")
        if self.removals:
            ranked = ", ".join(f"{rule} {n}" for rule, n in self.removals.most_common(top))
            lines.append(f"cleaner: top rules by lines removed: {ranked}")
        shown = self.errors[:3]
        lines.extend(f"cleaner: failed: {error}" for error in shown)
        if self.failed > len(shown):
            lines.append(f"cleaner: ... and {self.failed - len(shown)} more failed records")
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
