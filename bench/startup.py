"""Start-up and scaling: what a user meets first, measured against ``import trafilatura``.

Usage: python bench/startup.py [--articles PATH] [--records 8000] [--wcxb DIR] [--runs 7]
           [--jobs 1 2 ...] [--scaling-rounds 3] [--workdir /tmp] [--json OUT]

1. Start-up: ``cleaner SMALL`` (an 11-line fixture article, its language detected) and
   ``python -c "import trafilatura"``, alternated ``--runs`` times in fresh processes,
   wall and CPU seconds (CPU from wait4), median. With the user cache warm (one untimed run
   first writes it) and cold (an empty cache folder each run: the first run after
   installing). Compiled bytecode is written and used (``PYTHONDONTWRITEBYTECODE`` is
   dropped for every command), as after ``pip install``.
2. First ``clean()``: the CPU seconds of ``cleaner.clean(SMALL)`` in a fresh process after
   ``import cleaner``, cache warm, median of ``--runs``.
3. Scaling: ``cleaner CORPUS -o OUT -j N -q`` for each N of ``--jobs`` (default 1 up to
   the cores), ``--scaling-rounds`` rounds of every N in turn, median wall and CPU seconds,
   speed-up over -j 1; the outputs must be identical.
   CORPUS holds ``--records`` JSONL records (``id``, ``url``, ``text``) of the articles in
   ``--articles``: a folder of ``*/input.txt`` (default: fixtures/articles) or the
   ground-truth.json of an article-extraction benchmark (its ``articleBody`` texts: 181
   news articles, 8,000 records make 40 MB). Repeated articles clean faster than new text
   (the vocabularies' automata meet lines they have seen), which makes each process's fixed
   costs weigh more: ``--wcxb DIR`` runs the scaling on distinct texts instead, each WCXB
   page's gold main content and its visible text (html-text), 3,335 records and 43 MB with
   the article-extraction pages' too (``--articles``' ground-truth.json and its ``html/``).

The machine may be shared: the load average is printed with each figure, and a speed-up
measured while other work takes the cores says little.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import REPO_ROOT

SMALL = REPO_ROOT / "fixtures" / "articles" / "08_en_brief_library_closure" / "input.txt"
FIRST_CLEAN = """
import sys, time
import cleaner
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
cleaner.clean(text)
print(time.process_time() - start)
"""


def environment(cache: Path) -> dict[str, str]:
    """The commands' environment: this checkout importable, the given cache folder,
    bytecode written as an installed package has it."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), CLEANER_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """Wall and CPU seconds (the process and the workers it waited for) and stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"error: {' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime, output


def median_of(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def start_up(runs: int, workdir: Path) -> dict[str, Any]:
    """Median wall and CPU seconds of the small article's command, warm and cold, and of
    importing trafilatura, in alternation."""
    warm_cache = Path(tempfile.mkdtemp(prefix="startup-cache-", dir=workdir))
    cleaner = [sys.executable, "-m", "cleaner", str(SMALL)]
    trafilatura = [sys.executable, "-c", "import trafilatura"]
    timed(cleaner, environment(warm_cache))  # writes the cache and the bytecode
    timed(trafilatura, environment(warm_cache))
    figures: dict[str, list[tuple[float, float]]] = {"trafilatura": [], "warm": [], "cold": []}
    for _ in range(runs):
        figures["trafilatura"].append(timed(trafilatura, environment(warm_cache))[:2])
        figures["warm"].append(timed(cleaner, environment(warm_cache))[:2])
        cold_cache = Path(tempfile.mkdtemp(prefix="startup-cold-", dir=workdir))
        figures["cold"].append(timed(cleaner, environment(cold_cache))[:2])
    first = [
        float(timed([sys.executable, "-c", FIRST_CLEAN, str(SMALL)], environment(warm_cache))[2])
        for _ in range(runs)
    ]
    result: dict[str, Any] = {
        name: {
            "wall": median_of([wall for wall, _ in pairs]),
            "cpu": median_of([cpu for _, cpu in pairs]),
        }
        for name, pairs in figures.items()
    }
    result["first_clean_cpu"] = median_of(first)
    result["load_average"] = os.getloadavg()[0]
    return result


def article_texts(path: Path) -> list[str]:
    """The articles' texts: ``*/input.txt`` of a folder, or the ``articleBody`` fields of a
    ground-truth.json."""
    if path.is_dir():
        texts = [p.read_text("utf-8") for p in sorted(path.glob("*/input.txt"))]
    else:
        truth = json.loads(path.read_text("utf-8"))
        texts = [entry["articleBody"] for _, entry in sorted(truth.items())]
    if not texts:
        raise SystemExit(f"error: no articles in {path}")
    return texts


def distinct_texts(wcxb: Path, articles: Path) -> list[str]:
    """Texts that are all different: for each page of WCXB (and, when ``articles`` is a
    ground-truth.json, of the article-extraction benchmark) its gold main content and its
    visible text as html-text prints it."""
    import gzip

    import html_text

    texts: list[str] = []
    for truth in sorted((wcxb / "ground-truth").glob("*.json")):
        content = json.loads(truth.read_text("utf-8"))["ground_truth"].get("main_content")
        if content:
            texts.append(content)
    pages = sorted((wcxb / "html").glob("*.html.gz"))
    if articles.is_file():
        texts += article_texts(articles)
        pages += sorted((articles.parent / "html").glob("*.html.gz"))
    for page in pages:
        markup = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        texts.append(html_text.extract_text(markup, guess_layout=True))
    return texts


def write_corpus(path: Path, texts: list[str], records: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(records):
            record = {
                "id": n,
                "url": f"https://site{n % 50}.example/{n}",
                "text": texts[n % len(texts)],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def scaling(
    texts: list[str], records: int, jobs: list[int], rounds: int, workdir: Path
) -> dict[str, Any]:
    """Wall and CPU seconds of the corpus run with each -j, after one untimed -j 1 run
    (which writes the cache): ``rounds`` rounds, each running every -j in turn, and the
    median of each -j's runs (one run moves by a few per cent on a virtual machine)."""
    folder = Path(tempfile.mkdtemp(prefix="startup-corpus-", dir=workdir))
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, texts, records)
    env = environment(folder / "cache")
    outputs: set[bytes] = set()
    timings: dict[int, list[tuple[float, float]]] = {n: [] for n in jobs}
    command = [sys.executable, "-m", "cleaner", str(corpus), "-q", "-o"]
    timed([*command, str(folder / "warm-up.jsonl"), "-j", "1"], env)
    for _ in range(rounds):
        for n in jobs:
            out = folder / f"out-{n}.jsonl"
            wall, cpu, _ = timed([*command, str(out), "-j", str(n)], env)
            outputs.add(out.read_bytes())
            timings[n].append((wall, cpu))
    if len(outputs) > 1:
        raise SystemExit("error: the outputs differ between runs")
    runs = [
        {
            "jobs": n,
            "wall": median_of([wall for wall, _ in timings[n]]),
            "cpu": median_of([cpu for _, cpu in timings[n]]),
            "walls": [round(wall, 3) for wall, _ in timings[n]],
            "load_average": os.getloadavg()[0],
        }
        for n in jobs
    ]
    base = next((run["wall"] for run in runs if run["jobs"] == 1), None)
    for run in runs:
        run["speed_up"] = base / run["wall"] if base else None
    return {"records": records, "megabytes": corpus.stat().st_size / 1e6, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=REPO_ROOT / "fixtures" / "articles")
    parser.add_argument("--records", type=int, default=8000)
    parser.add_argument("--wcxb", type=Path, help="scale on distinct texts of this WCXB folder")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--jobs", type=int, nargs="+", default=None)
    parser.add_argument("--scaling-rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    jobs = args.jobs or list(range(1, cores + 1))
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        figures: dict[str, Any] = {"cores": cores, "start_up": start_up(args.runs, Path(work))}
        print_start_up(figures["start_up"])
        if not args.skip_scaling:
            if args.wcxb:
                texts = distinct_texts(args.wcxb, args.articles)
                records = len(texts)
            else:
                texts, records = article_texts(args.articles), args.records
            figures["scaling"] = scaling(texts, records, jobs, args.scaling_rounds, Path(work))
            print_scaling(figures["scaling"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def print_start_up(figures: dict[str, Any]) -> None:
    print(f"start-up, median (load average {figures['load_average']:.1f})")
    print("| command | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    rows = (
        ('python -c "import trafilatura"', "trafilatura"),
        ("cleaner small_article.txt (cache warm)", "warm"),
        ("cleaner small_article.txt (cache cold)", "cold"),
    )
    for label, key in rows:
        print(f"| {label} | {figures[key]['wall']:.3f} | {figures[key]['cpu']:.3f} |")
    print(f"first clean() in a fresh process: {figures['first_clean_cpu']:.3f} s CPU")


def print_scaling(figures: dict[str, Any]) -> None:
    print(f"\n{figures['records']} records, {figures['megabytes']:.1f} MB, median of each -j")
    print("| -j | wall s | CPU s | speed-up | runs, wall s | load average |")
    print("| ---: | ---: | ---: | ---: | --- | ---: |")
    for run in figures["runs"]:
        speed_up = f"{run['speed_up']:.2f}x" if run["speed_up"] else "-"
        walls = " ".join(f"{wall:.2f}" for wall in run["walls"])
        print(
            f"| {run['jobs']} | {run['wall']:.2f} | {run['cpu']:.2f} | {speed_up} | {walls} "
            f"| {run['load_average']:.1f} |"
        )


if __name__ == "__main__":
    main()
