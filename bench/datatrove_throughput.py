"""datatrove throughput: the same WARC records through datatrove's ``Trafilatura`` extractor
and through ``CleanerExtractor``, documents per second of each in one run.

Usage: python bench/datatrove_throughput.py HTML_DIR [--records 200] [--timeout 10]
           [--repeat 2] [--json OUT]

``HTML_DIR`` holds HTML pages (``*.html`` or ``*.html.gz``, e.g. the article-extraction
benchmark's ``html/``); they are taken in name order, repeated until there are ``--records``
of them, and written as HTTP response records of one WARC file, which datatrove's
``WarcReader`` reads back into documents once. Each step then runs over fresh copies of those
documents in this process, as a pipeline task would run it: ``Trafilatura()`` with its
defaults but ``--timeout`` (it extracts in a child process, with that limit per document),
``CleanerExtractor()`` (in the task's process, its default) and
``CleanerExtractor(timeout=...)`` (in a child process, like Trafilatura). Every step first
cleans one small page untimed (loading its models and profiles), then the runs alternate
between steps ``--repeat`` times, each in a process forked for it. The best run of each is
reported, as documents per second of wall time and per second of CPU time (of the run's
process and the step's child process, which a busy machine does not change much), with the
documents kept and dropped and the load average.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import io
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))

from datatrove.data import Document
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.readers import WarcReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.integrations.datatrove import CleanerExtractor

# Cleaned once before the runs, so that what every document needs is loaded (and inherited by
# the forked runs) and only what a new document costs is timed.
WARMUP_PAGE = (
    "<html><head><title>Harbour plan approved</title></head><body><article>"
    "<p>The city council approved the harbour plan on Monday after a long debate.</p>"
    "<p>The mayor said the vote was a turning point for the port and its workers.</p>"
    "</article></body></html>"
)


def read_pages(directory: Path) -> list[tuple[str, bytes]]:
    """(name, HTML bytes) of every ``*.html`` or ``*.html.gz`` page in ``directory``."""
    pages = []
    for path in sorted(directory.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append((path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes())))
        elif path.name.endswith(".html"):
            pages.append((path.name.removesuffix(".html"), path.read_bytes()))
    if not pages:
        raise SystemExit(f"error: no *.html or *.html.gz page in {directory}")
    return pages


def write_warc(path: Path, pages: list[tuple[str, bytes]], records: int) -> None:
    """``records`` HTTP responses, cycling through ``pages``, each with its own URL."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(records):
            name, html = pages[n % len(pages)]
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://bench.example/{n}/{name}",
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"},
            )
            writer.write_record(record)


def fresh(documents: list[Document]) -> list[Document]:
    return [dataclasses.replace(d, metadata=dict(d.metadata)) for d in documents]


@dataclasses.dataclass(frozen=True)
class Run:
    step: str
    documents: int
    kept: int
    dropped: dict[str, int]
    seconds: float
    cpu_seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def docs_per_cpu_second(self) -> float:
        return self.documents / self.cpu_seconds


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a sandbox's)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_step(name: str, make: Callable[[], PipelineStep], documents: list[Document]) -> Run:
    """One run of a step over copies of ``documents``, in a process forked for it, so that no
    run finds the caches of the libraries (trafilatura's, htmldate's) filled by another."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_timed_run, args=(name, make, documents, send))
    child.start()
    result: Run = receive.recv()
    child.join()
    return result


def _timed_run(
    name: str, make: Callable[[], PipelineStep], documents: list[Document], send: Any
) -> None:
    step = make()
    start, cpu = time.perf_counter(), cpu_seconds()
    kept = sum(1 for _ in step.run(iter(fresh(documents))))  # a sandbox ends with its run
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    dropped = {
        label: int(metric.total)
        for label, metric in step.stats.stats.items()
        if label.startswith("dropped") or label in ("timeout", "clean_error", "broken_process")
    }
    send.send(Run(name, len(documents), kept, dropped, seconds, cpu))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", type=Path, help="a directory of HTML pages")
    parser.add_argument("--records", type=int, default=200, help="WARC records (default 200)")
    parser.add_argument(
        "--timeout", type=float, default=10, help="seconds per document in a child process"
    )
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each step")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="datatrove-bench-") as workdir:
        write_warc(Path(workdir) / "bench.warc.gz", read_pages(args.html_dir), args.records)
        documents = list(WarcReader(workdir).run())
    print(f"{len(documents)} WARC records read by datatrove's WarcReader", flush=True)

    steps: dict[str, Callable[[], PipelineStep]] = {
        f"Trafilatura(timeout={args.timeout:g})": lambda: Trafilatura(timeout=args.timeout),
        "CleanerExtractor()": CleanerExtractor,
        f"CleanerExtractor(timeout={args.timeout:g})": lambda: CleanerExtractor(
            timeout=args.timeout
        ),
    }
    warmup = [Document(text=WARMUP_PAGE, id="warmup", metadata={"url": "https://warm.example/"})]
    for make in steps.values():
        list(make().run(iter(warmup)))  # imports, models and profiles, inherited by each run
    best: dict[str, Run] = {}
    for _ in range(args.repeat):
        for name, make in steps.items():
            result = run_step(name, make, documents)
            print(
                f"  {name}: {result.docs_per_second:.1f} docs/s, "
                f"{result.docs_per_cpu_second:.1f} docs per CPU second",
                flush=True,
            )
            if name not in best or result.seconds < best[name].seconds:
                best[name] = result
    load = os.getloadavg()[0]

    print(f"\nbest of {args.repeat} runs, {len(documents)} documents, load average {load:.1f}")
    print("| step | docs/s | docs per CPU s | seconds | kept | dropped |")
    print("|---|---:|---:|---:|---:|---|")
    for run in best.values():
        dropped = ", ".join(f"{k} {v}" for k, v in sorted(run.dropped.items())) or "none"
        print(
            f"| `{run.step}` | {run.docs_per_second:.1f} | {run.docs_per_cpu_second:.1f} "
            f"| {run.seconds:.2f} | {run.kept} "
            f"| {dropped} |"
        )
    if args.json:
        results: list[dict[str, Any]] = [
            {
                **dataclasses.asdict(r),
                "docs_per_second": r.docs_per_second,
                "docs_per_cpu_second": r.docs_per_cpu_second,
            }
            for r in best.values()
        ]
        args.json.write_text(json.dumps({"load_average": load, "runs": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
