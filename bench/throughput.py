"""Throughput: ``cleaner.clean`` against ``ftfy.fix_text`` on a corpus of article text.

Usage: python bench/throughput.py [--corpus-mb 10] [--fixtures DIR] [--slices 20] [--json OUT]

The corpus repeats the articles ``<fixtures>/*/input.txt`` until it holds at least
``--corpus-mb`` MB of UTF-8 text. In one process and the same run, each system is timed on every
document of the clean corpus and then of a mojibake copy (each document encoded as UTF-8 and
decoded as cp1252 with ftfy's "sloppy-windows-1252" codec), the systems taking turns on
``--slices`` slices of each corpus, after an untimed first pass over the distinct articles
(reported apart). ``cleaner`` runs its default chain
(language detection included) and is skipped while it cannot be imported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common import REPO_ROOT, cleaner_clean

DEFAULT_FIXTURES = REPO_ROOT / "fixtures" / "articles"
MB = 1_000_000


@dataclass(frozen=True)
class Timing:
    """Time taken by one system over one corpus."""

    corpus: str
    system: str
    megabytes: float
    seconds: float
    errors: int
    # Untimed: the system's first pass over the distinct documents (see ``time_systems``).
    warm_up_seconds: float = 0.0

    @property
    def mb_per_second(self) -> float:
        """Throughput in MB (10**6 bytes of the input, encoded as UTF-8) per second."""
        return self.megabytes / self.seconds if self.seconds > 0 else float("inf")


def load_articles(fixtures: Path) -> list[str]:
    """Read ``<fixtures>/*/input.txt``; exit with a clear message when there are none."""
    paths = sorted(fixtures.glob("*/input.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise SystemExit(
            f"error: no non-empty article fixtures found as {fixtures}/*/input.txt; "
            "add fixtures or point --fixtures at a directory of <name>/input.txt files"
        )
    return texts


def build_corpus(articles: Sequence[str], megabytes: float) -> list[str]:
    """Repeat ``articles`` in order until their UTF-8 size reaches ``megabytes`` MB."""
    target = megabytes * MB
    corpus: list[str] = []
    size = 0
    while size < target:
        for text in articles:
            corpus.append(text)
            size += len(text.encode("utf-8"))
            if size >= target:
                break
    return corpus


def mojibake(corpus: Sequence[str]) -> list[str]:
    """Return each document encoded as UTF-8 and decoded as (sloppy) Windows-1252."""
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

    return [doc.encode("utf-8").decode("sloppy-windows-1252") for doc in corpus]


def time_systems(
    corpus_name: str,
    systems: dict[str, Callable[[str], Any]],
    corpus: Sequence[str],
    slices: int,
    warm_up: Sequence[str] = (),
) -> tuple[list[Timing], dict[str, list[Any]]]:
    """Time every system on every document of ``corpus``, after an untimed pass over
    ``warm_up`` (by default the first document).

    The corpus repeats a few articles, so their first pass carries what a system does once
    per process (the cleaner compiles its pattern sets on first use: about 0.5 s here) and
    the rest measures the steady state; that first pass is timed apart, in
    ``warm_up_seconds``.

    The corpus is cut into ``slices`` consecutive slices, and the systems take turns on each
    (their order alternating from slice to slice): the machine is shared and its speed drifts
    over a run, and so each system meets the same drift and the ratio between them holds.
    Time is this process's CPU time, not wall time: CPU time of a single-threaded loop is
    what throughput per core means.

    A failing document is counted in ``errors``; a failing warm-up call propagates, since then
    the system cannot run at all.
    """
    megabytes = sum(len(doc.encode("utf-8")) for doc in corpus) / MB
    warm_up_seconds = {}
    for name, fn in systems.items():
        start = time.process_time()
        for doc in warm_up or corpus[:1]:
            fn(doc)
        warm_up_seconds[name] = time.process_time() - start
    outputs: dict[str, list[Any]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    errors = dict.fromkeys(systems, 0)
    size = -(-len(corpus) // max(1, slices))
    for k, first in enumerate(range(0, len(corpus), size)):
        part = corpus[first : first + size]
        names = list(systems) if k % 2 == 0 else list(reversed(systems))
        for name in names:
            fn, out = systems[name], outputs[name]
            start = time.process_time()
            for doc in part:
                try:
                    out.append(fn(doc))
                except Exception:  # a failure is counted, the run goes on
                    out.append(None)
                    errors[name] += 1
            seconds[name] += time.process_time() - start
    timings = [
        Timing(corpus_name, name, megabytes, seconds[name], errors[name], warm_up_seconds[name])
        for name in systems
    ]
    return timings, outputs


def markdown_table(timings: Sequence[Timing]) -> str:
    """Return a Markdown table of the timings, with cleaner's time relative to ftfy's."""
    ftfy_seconds = {t.corpus: t.seconds for t in timings if t.system == "ftfy.fix_text"}
    lines = [
        "| corpus | system | MB | seconds | MB/s | time vs ftfy |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for t in timings:
        base = ftfy_seconds.get(t.corpus)
        ratio = f"{t.seconds / base:.2f}×" if base else "—"
        errors = f" ({t.errors} errors)" if t.errors else ""
        lines.append(
            f"| {t.corpus} | {t.system}{errors} | {t.megabytes:.1f} | {t.seconds:.2f} | "
            f"{t.mb_per_second:.2f} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-mb", type=float, default=10.0, help="corpus size (default 10)")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=DEFAULT_FIXTURES,
        help="directory of <name>/input.txt articles (default: the repository's fixtures/articles)",
    )
    parser.add_argument(
        "--slices",
        type=int,
        default=20,
        help="slices of the corpus on which the systems take turns (default 20)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    args = parser.parse_args(argv)

    import ftfy

    articles = load_articles(args.fixtures)
    corpus = build_corpus(articles, args.corpus_mb)
    corpora = {"utf-8": corpus, "mojibake": mojibake(corpus)}

    systems: dict[str, Callable[[str], Any]] = {"ftfy.fix_text": ftfy.fix_text}
    notes: list[str] = []
    clean, why = cleaner_clean()
    if clean is None:
        notes.append(f"cleaner skipped: {why}")
    else:
        systems["cleaner.clean"] = clean

    print(f"{len(articles)} articles repeated into {len(corpus)} documents\n")
    timings: list[Timing] = []
    ftfy_outputs: dict[str, list[Any]] = {}
    for corpus_name, docs in corpora.items():
        for system, fn in list(systems.items()):
            try:
                fn(docs[0])
            except Exception as exc:
                if system == "ftfy.fix_text":
                    raise
                notes.append(f"{system} skipped: it fails ({type(exc).__name__}: {exc})")
                del systems[system]
        distinct = list(dict.fromkeys(docs))
        found, outputs = time_systems(corpus_name, systems, docs, args.slices, distinct)
        timings.extend(found)
        ftfy_outputs[corpus_name] = outputs["ftfy.fix_text"]
        for t in found:
            print(f"timed {t.system} on {corpus_name}: {t.seconds:.2f} s", file=sys.stderr)
        notes.extend(
            f"{t.system} on {corpus_name}: the first pass over the {len(distinct)} distinct "
            f"documents, untimed, took {t.warm_up_seconds:.2f} s"
            for t in found
        )
    notes.extend(
        f"{t.system} on {t.corpus}: {t.errors} documents failed" for t in timings if t.errors
    )
    same = sum(a == b for a, b in zip(ftfy_outputs["utf-8"], ftfy_outputs["mojibake"], strict=True))
    notes.append(
        f"ftfy.fix_text gives the same text for {same}/{len(corpus)} mojibake documents as for "
        "their UTF-8 originals"
    )
    print(markdown_table(timings))
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
    if args.json:
        payload = {
            "articles": len(articles),
            "documents": len(corpus),
            "notes": notes,
            "timings": [asdict(t) | {"mb_per_second": t.mb_per_second} for t in timings],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
