"""HTML benchmark: extract the article body of each benchmark page and score it.

Usage: python bench/article_extraction.py --data PATH [--systems NAME ...] [--json OUT]

All systems run in this one process, one after another, on the same loaded pages. The
``cleaner`` systems are included only when ``import cleaner`` works and ``cleaner.clean``
accepts a ``backend`` keyword; otherwise they are skipped with a note.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from common import (
    Page,
    Result,
    cleaner_clean,
    extraction_parser,
    load_pages,
    report,
    run_system,
)

# Backend passed to ``cleaner.clean(html_bytes, backend=...)`` by each cleaner system: every
# backend of ``cleaner.html.BACKENDS``.
CLEANER_BACKENDS: dict[str, str] = {
    "cleaner": "trafilatura",
    "cleaner-fast": "fast",
    "cleaner-readability": "readability",
}


def _trafilatura(**options: Any) -> Callable[[str], str | None]:
    """Return ``trafilatura.extract`` with ``options`` bound (plain-text output)."""
    import trafilatura

    def extract(html: str) -> str | None:
        return trafilatura.extract(html, **options)

    return extract


def _readability() -> Callable[[str], str]:
    """Return readability-lxml's summary, turned into text with BeautifulSoup/lxml."""
    from bs4 import BeautifulSoup
    from readability import Document  # type: ignore[import-untyped]

    def extract(html: str) -> str:
        summary = Document(html).summary(html_partial=True)
        return BeautifulSoup(summary, "lxml").get_text("\n")

    return extract


def _resiliparse() -> Callable[[str], str]:
    """Return resiliparse's main-content plain-text extraction."""
    from resiliparse.extract.html2text import extract_plain_text

    def extract(html: str) -> str:
        return extract_plain_text(html, main_content=True)

    return extract


def _html_text() -> Callable[[str], str]:
    """Return html-text's whole visible text of the page (the no-extraction baseline)."""
    import html_text

    return html_text.extract_text


BUILTIN: dict[str, Callable[[], Callable[[str], Any]]] = {
    "trafilatura": lambda: _trafilatura(),
    "trafilatura-precision": lambda: _trafilatura(include_comments=False, favor_precision=True),
    "trafilatura-nocomments": lambda: _trafilatura(include_comments=False),
    "readability": _readability,
    "resiliparse": _resiliparse,
    "html-text": _html_text,
}
ALL_SYSTEMS = [*BUILTIN, *CLEANER_BACKENDS]


def run(pages: list[Page], systems: list[str]) -> tuple[list[Result], list[str]]:
    """Run ``systems`` over ``pages``; return the results and notes on skipped systems."""
    results: list[Result] = []
    notes: list[str] = []
    for name in systems:
        if name in BUILTIN:
            results.append(run_system(name, BUILTIN[name](), pages))
            continue
        clean, why = cleaner_clean("backend")
        if clean is None:
            notes.append(f"{name} skipped: {why}")
            continue
        backend = CLEANER_BACKENDS[name]

        def fn(page: Page, clean: Callable[..., Any] = clean, backend: str = backend) -> Any:
            # The page's address, as a crawl gives it: it helps date and type the page.
            return clean(page.html_bytes, backend=backend, url=page.url or None)

        results.append(run_system(name, fn, pages, get_input=lambda p: p))
    notes.extend(f"{r.system}: {r.errors} pages failed, {r.note}" for r in results if r.errors)
    return results, notes


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = extraction_parser(__doc__, ALL_SYSTEMS)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    pages = load_pages(args.data)
    results, notes = run(pages, args.systems)
    wall = time.perf_counter() - start
    report(len(pages), results, notes, wall, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
