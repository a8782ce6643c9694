"""Held-out check: the cleaner and other extractors on pages that come with a reference text.

Usage: python bench/reference_pages.py --html DIR --text DIR [--systems NAME ...] [--json OUT]

A page is ``<html DIR>/<name>.html`` with its reference body in ``<text DIR>/<name>.txt``
(the layout of the test pages some extractor projects publish, such as newspaper4k's
``tests/data/html`` and ``tests/data/txt``); pages without a reference are left out. Such
references are another extractor's expected output, not hand-made gold: the figures show
where the cleaner loses text or keeps residue on pages it was never tuned on, rather than an
absolute score. The systems of ``article_extraction.py`` run on the HTML and, as
``html-text / cleaner-page``, the cleaner's page mode runs on the page's html-text dump
(``page_text.py``); all are scored with the benchmark's metric (``metric.py``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from article_extraction import ALL_SYSTEMS
from article_extraction import run as run_extraction
from common import Page, report
from page_text import run as run_page_text

PAGE_MODE = "cleaner-page"


def load_reference_pages(html_dir: Path, text_dir: Path) -> list[Page]:
    """Every ``<html_dir>/<name>.html`` that has a ``<text_dir>/<name>.txt``, by name."""
    pages = []
    for path in sorted(html_dir.glob("*.html")):
        reference = text_dir / f"{path.stem}.txt"
        if not reference.is_file():
            continue
        raw = path.read_bytes()
        pages.append(
            Page(
                key=path.stem,
                html_bytes=raw,
                html=raw.decode("utf-8", errors="replace"),
                gold=reference.read_text(encoding="utf-8", errors="replace"),
                url="",
            )
        )
    if not pages:
        raise SystemExit(
            f"error: no page in {html_dir} has a reference text in {text_dir} "
            "(expected <name>.html and <name>.txt)"
        )
    return pages


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    systems = [*ALL_SYSTEMS, PAGE_MODE]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, required=True, help="folder of <name>.html")
    parser.add_argument("--text", type=Path, required=True, help="folder of <name>.txt")
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=systems,
        default=["trafilatura-precision", "cleaner", "cleaner-fast", PAGE_MODE],
        metavar="NAME",
        help=f"systems to run, of {', '.join(systems)}",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    pages = load_reference_pages(args.html, args.text)
    results, notes = run_extraction(pages, [s for s in args.systems if s != PAGE_MODE])
    if PAGE_MODE in args.systems:
        page_results, page_notes = run_page_text(pages, ["html-text"], [PAGE_MODE])
        results, notes = results + page_results, notes + page_notes
    wall = time.perf_counter() - start
    report(len(pages), results, notes, wall, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
