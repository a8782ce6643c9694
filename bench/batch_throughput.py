"""Batch throughput: ``cleaner`` on a JSONL corpus with -j 1 and -j 2, and peak memory.

Usage: python bench/batch_throughput.py [--corpus-mb 200] [--jobs 1 2] [--repeat 1]
           [--overhead-mb 5] [--memory-mb 2000] [--memory-seconds 0] [--memory-filters-off]
           [--workdir /tmp] [--json OUT]

Builds a JSONL corpus (records ``id``, ``url``, ``text``) by repeating the articles
``fixtures/articles/*/input.txt`` until it holds ``--corpus-mb`` MB, runs the command
``python -m cleaner CORPUS -o OUT -j N -q`` on it for each N in ``--jobs`` and reports
documents/s, MB/s (of the JSONL input) and the peak resident memory of the whole process tree
(polled from /proc every 50 ms). The cleaning time alone (``Cleaner.clean`` on the same
documents in this process) gives the overhead of reading, writing and hand-off between
processes. With ``--memory-mb`` a second, larger corpus is built and run with the largest -j
(for ``--memory-seconds`` only, if given: then the run is stopped, and its peak so far and the
share of the input read are reported). Corpora are written under ``--workdir`` and deleted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from common import REPO_ROOT

MB = 1_000_000
DEFAULT_FIXTURES = REPO_ROOT / "fixtures" / "articles"


@dataclass(frozen=True)
class Run:
    corpus_mb: float
    jobs: int
    documents: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    completed: bool
    load_average: float
    filters: bool = True

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.corpus_mb / self.seconds


def articles(fixtures: Path) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(fixtures.glob("*/input.txt"))]
    if not texts:
        raise SystemExit(f"error: no articles found as {fixtures}/*/input.txt")
    return texts


def build_corpus(path: Path, texts: list[str], megabytes: float) -> int:
    """Write records until the file holds ``megabytes`` MB; the number of records."""
    target = megabytes * MB
    count = size = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target:
            text = texts[count % len(texts)]
            line = json.dumps(
                {"id": count, "url": f"https://site{count % 50}.example/{count}", "text": text},
                ensure_ascii=False,
            )
            out.write(line + "\n")
            size += len(line.encode("utf-8")) + 1
            count += 1
    return count


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    stack.extend(int(k) for k in kids.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_cleaner(
    corpus: Path,
    output: Path,
    jobs: int,
    documents: int,
    limit: float | None = None,
    extra: tuple[str, ...] = (),
) -> Run:
    """Run the command on ``corpus``: wall and CPU seconds (of the process and its workers,
    from wait4), peak resident memory of the tree, and the 1-minute load average at the end
    (the machine is shared: a load above the core count means other work competed)."""
    command = [sys.executable, "-m", "cleaner", str(corpus), "-o", str(output), "-j", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    start = time.perf_counter()
    process = subprocess.Popen([*command, *extra, "-q"], env=env, stdout=subprocess.DEVNULL)
    peak = 0
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(process.pid))
        if limit is not None and not stopped and time.perf_counter() - start > limit:
            process.send_signal(signal.SIGTERM)
            stopped = True
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if not stopped and process.returncode != 0:
        raise SystemExit(f"error: {' '.join(command)} exited {process.returncode}")
    megabytes = corpus.stat().st_size / MB
    cpu = usage.ru_utime + usage.ru_stime
    load = os.getloadavg()[0]
    return Run(megabytes, jobs, documents, seconds, cpu, peak / MB, not stopped, load, not extra)


def cleaning_seconds(texts: list[str], documents: int, rounds: int = 5) -> float:
    """CPU seconds ``Cleaner.clean`` alone needs for the corpus: the best of ``rounds``
    passes over the distinct articles, times the number of passes the corpus holds."""
    from cleaner import Cleaner

    cleaner = Cleaner.default()
    for n, text in enumerate(texts):
        cleaner.clean(text, url=f"https://site{n}.example/")
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for n, text in enumerate(texts):
            cleaner.clean(text, url=f"https://site{n}.example/")
        best = min(best, time.process_time() - start)
    return best * documents / len(texts)


def in_process_overhead(corpus: Path, rounds: int = 3) -> tuple[float, float]:
    """CPU seconds of ``Cleaner.clean`` alone and of ``run_batch`` on one worker (reading,
    parsing, rendering and writing included; no process start or hand-off) on the same
    corpus in this process, alternated ``rounds`` times; the best of each. Both run under
    the same load, so their ratio holds on a shared machine."""
    import io

    from cleaner import Cleaner
    from cleaner.batch import BatchOptions, RecordCleaner, run_batch

    cleaner = Cleaner.default()
    records = [json.loads(line) for line in corpus.read_text("utf-8").splitlines()]
    output = corpus.with_suffix(".out.jsonl")
    options = BatchOptions(workers=1, output=str(output))
    alone = batch = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for record in records:
            cleaner.clean(record["text"], url=record["url"])
        alone = min(alone, time.process_time() - start)
        start = time.process_time()
        run_batch([str(corpus)], RecordCleaner(cleaner), options, io.BytesIO())
        batch = min(batch, time.process_time() - start)
    output.unlink()
    return alone, batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-mb", type=float, default=200.0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per -j value")
    parser.add_argument("--memory-mb", type=float, default=0.0, help="also a corpus this big")
    parser.add_argument("--memory-seconds", type=float, default=0.0, help="stop that run then")
    parser.add_argument(
        "--memory-filters-off",
        action="store_true",
        help="also run both corpora with the largest -j, an empty filter chain and --lang en "
        "(reading, repair, hand-off and writing only), to the end",
    )
    parser.add_argument(
        "--overhead-mb", type=float, default=5.0, help="corpus of the in-process A/B timing"
    )
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--json", type=Path, metavar="OUT")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO_ROOT))  # measure the working tree
    texts = articles(args.fixtures)
    workdir = Path(tempfile.mkdtemp(prefix="cleaner-batch-bench-", dir=args.workdir))
    runs: list[Run] = []
    try:
        sample = workdir / "sample.jsonl"
        build_corpus(sample, texts, args.overhead_mb)
        alone, in_batch = in_process_overhead(sample)
        print(
            f"in process, {args.overhead_mb:g} MB: Cleaner.clean {alone:.2f} CPU s, run_batch "
            f"-j 1 {in_batch:.2f} CPU s: overhead {100 * (in_batch - alone) / alone:.1f}%",
            flush=True,
        )
        corpus = workdir / "corpus.jsonl"
        documents = build_corpus(corpus, texts, args.corpus_mb)
        print(f"corpus: {documents} documents, {corpus.stat().st_size / MB:.1f} MB", flush=True)
        clean_s = cleaning_seconds(texts, documents)
        print(f"Cleaner.clean alone: {clean_s:.1f} CPU s", flush=True)
        for _ in range(args.repeat):
            for jobs in args.jobs:
                run = run_cleaner(corpus, workdir / "out.jsonl", jobs, documents)
                runs.append(run)
                print(json.dumps(asdict(run)), flush=True)
        no_filters: tuple[str, ...] = ()
        if args.memory_filters_off:
            rules = workdir / "no-filters.toml"
            rules.write_text("[chain]\norder = []\n", encoding="utf-8")
            no_filters = ("--rules", str(rules), "--lang", "en")
            run = run_cleaner(
                corpus, workdir / "out.jsonl", max(args.jobs), documents, extra=no_filters
            )
            runs.append(run)
            print("filters off:", json.dumps(asdict(run)), flush=True)
        (workdir / "out.jsonl").unlink(missing_ok=True)
        corpus.unlink()
        if args.memory_mb:
            big = workdir / "big.jsonl"
            big_documents = build_corpus(big, texts, args.memory_mb)
            limit = args.memory_seconds or None
            run = run_cleaner(big, workdir / "out.jsonl", max(args.jobs), big_documents, limit)
            runs.append(run)
            print(json.dumps(asdict(run)), flush=True)
            if no_filters:
                run = run_cleaner(
                    big, workdir / "out.jsonl", max(args.jobs), big_documents, extra=no_filters
                )
                runs.append(run)
                print("filters off:", json.dumps(asdict(run)), flush=True)
    finally:
        shutil.rmtree(workdir)

    print(
        "\n| corpus MB | -j | docs | wall s | docs/s | MB/s | CPU s | overhead | "
        "peak RSS MB | load |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        overhead = f"{100 * (run.cpu_seconds - clean_s) / clean_s:.0f}%"
        if run.completed:
            rates = f"{run.docs_per_second:.0f} | {run.mb_per_second:.2f}"
            if not run.filters:
                overhead = "filters off"
        else:
            rates, overhead = "stopped | —", "—"
        print(
            f"| {run.corpus_mb:.0f} | {run.jobs} | {run.documents} | {run.seconds:.0f} | "
            f"{rates} | {run.cpu_seconds:.0f} | {overhead} | {run.peak_rss_mb:.0f} | "
            f"{run.load_average:.1f} |"
        )
    print(f"\noverhead: (CPU s of the run − CPU s of Cleaner.clean alone, {clean_s:.0f} s) / clean")
    if args.json:
        payload = {
            "cleaning_seconds": clean_s,
            "runs": [asdict(r) | {"docs_per_second": r.docs_per_second} for r in runs],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
