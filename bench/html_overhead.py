"""HTML cost per page: the cleaner against the extractor it wraps, timed page by page.

Usage: python bench/html_overhead.py --data PATH [--rounds N] [--limit N]

On a shared machine, running one system after another (as article_extraction.py does) lets a
burst of load on another core land on one system only. Here each page is given to all four
callables in turn, for ``--rounds`` rounds, so that load falls on them alike: trafilatura
alone (no comments: the reference; and favouring precision), the cleaner with its default
backend, resiliparse alone, and the cleaner with ``backend="fast"``. ``PATH`` is the
181-page benchmark or the WCXB directory (``--limit`` takes N pages spread over it).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import Page, cleaner_clean, load_pages


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark directory")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the pages")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)

    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text

    clean, why = cleaner_clean("backend")
    if clean is None:
        raise SystemExit(f"error: {why}")
    systems: dict[str, Callable[[Any], Any]] = {
        "trafilatura": lambda p: trafilatura.extract(p.html, include_comments=False),
        "trafilatura-precision": lambda p: trafilatura.extract(
            p.html, include_comments=False, favor_precision=True
        ),
        "cleaner": lambda p: clean(p.html_bytes, url=p.url or None),
        "resiliparse": lambda p: extract_plain_text(p.html, main_content=True),
        "cleaner-fast": lambda p: clean(p.html_bytes, backend="fast"),
    }
    if (args.data / "ground-truth").is_dir():
        from wcxb import load_pages as load_wcxb

        found = load_wcxb(args.data)
        step = max(1, len(found) // args.limit) if args.limit else 1  # all page types
        pages: list[Any] = [
            Page(p.key, p.html.encode("utf-8"), p.html, p.gold, p.url) for p in found[::step]
        ]
    else:
        pages = load_pages(args.data)[: args.limit]
    seconds = dict.fromkeys(systems, 0.0)
    for fn in systems.values():
        fn(pages[0])  # imports and caches
    for _ in range(args.rounds):
        for page in pages:
            for name, fn in systems.items():
                start = time.perf_counter()
                fn(page)
                seconds[name] += time.perf_counter() - start
    calls = args.rounds * len(pages)
    print("| system | ms/page | docs/s |\n|---|---:|---:|")
    for name, total in seconds.items():
        print(f"| {name} | {1000 * total / calls:.1f} | {calls / total:.1f} |")
    ratio = seconds["cleaner"] / seconds["trafilatura"]
    speedup = seconds["trafilatura"] / seconds["cleaner-fast"]
    print(f"\ncleaner / trafilatura time: {ratio:.2f}; cleaner-fast speed-up: {speedup:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
