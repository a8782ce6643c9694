"""Text-only benchmark: recover the article body from the visible text of each page.

Usage: python bench/page_text.py --data PATH [--dumps NAME ...] [--systems NAME ...] [--json OUT]

Input is not HTML but a text dump of the whole visible page (menus, footers and teasers
included), made two ways: ``html-text`` (``html_text.extract_text(html)``) and ``bs4``
(``BeautifulSoup(html, "lxml").get_text("\\n")``). Making the dumps is not timed. Systems on
each dump: ``visible-text`` (the dump itself), ``naive-10-words`` (lines of at least 10 words
ending in terminal punctuation) and ``cleaner-page`` (``cleaner.clean(text, mode="page")``,
skipped while the package does not provide it).
"""

from __future__ import annotations

import re
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

_WORD_RE = re.compile(r"\w+")
# Terminal punctuation, optionally followed by closing quotes, at the end of the line.
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»]*$")
MIN_WORDS = 10


def dump_html_text(html: str) -> str:
    """Visible text of the page by html-text."""
    import html_text

    return str(html_text.extract_text(html))


def dump_bs4(html: str) -> str:
    """Visible text of the page by BeautifulSoup, one string per line."""
    from bs4 import BeautifulSoup

    return str(BeautifulSoup(html, "lxml").get_text("\n"))


DUMPS: dict[str, Callable[[str], str]] = {"html-text": dump_html_text, "bs4": dump_bs4}


def naive_10_words(text: str) -> str:
    """Keep the lines with at least 10 ``\\w+`` words that end in terminal punctuation.

    Terminal punctuation is one of ``. ! ? …``, possibly followed by closing quotes.
    """
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if _TERMINAL_RE.search(line) and len(_WORD_RE.findall(line)) >= MIN_WORDS:
            kept.append(line)
    return "\n".join(kept)


def visible_text(text: str) -> str:
    """The dump itself, unchanged."""
    return text


BUILTIN: dict[str, Callable[[str], str]] = {
    "visible-text": visible_text,
    "naive-10-words": naive_10_words,
}
ALL_SYSTEMS = [*BUILTIN, "cleaner-page"]


def run(pages: list[Page], dumps: list[str], systems: list[str]) -> tuple[list[Result], list[str]]:
    """Run ``systems`` over each dump of ``pages``; results are named ``dump / system``."""
    results: list[Result] = []
    notes: list[str] = []
    clean: Callable[..., Any] | None = None
    if "cleaner-page" in systems:
        clean, why = cleaner_clean("mode")
        if clean is None:
            notes.append(f"cleaner-page skipped: {why}")
    for dump in dumps:
        texts = {p.key: DUMPS[dump](p.html) for p in pages}

        def get_input(p: Page, texts: dict[str, str] = texts) -> str:
            return texts[p.key]

        for name in systems:
            label = f"{dump} / {name}"
            if name in BUILTIN:
                results.append(run_system(label, BUILTIN[name], pages, get_input=get_input))
            elif clean is not None:

                def fn(text: str, clean: Callable[..., Any] = clean) -> Any:
                    return clean(text, mode="page")

                results.append(run_system(label, fn, pages, get_input=get_input))
    notes.extend(f"{r.system}: {r.errors} pages failed, {r.note}" for r in results if r.errors)
    return results, notes


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = extraction_parser(__doc__, ALL_SYSTEMS)
    parser.add_argument(
        "--dumps",
        nargs="+",
        choices=list(DUMPS),
        default=list(DUMPS),
        metavar="NAME",
        help=f"visible-text dumps to use (default: {', '.join(DUMPS)})",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    pages = load_pages(args.data)
    results, notes = run(pages, args.dumps, args.systems)
    wall = time.perf_counter() - start
    report(len(pages), results, notes, wall, args.json, title="dump / system")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
