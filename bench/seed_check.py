"""The quality bar of the text cleaner on real scraped articles, checked without gold files.

Usage: python bench/seed_check.py --data PATH [--explain]

PATH is a folder of scraped article texts (e.g. ../shared/seeds). For each article it cleans
the text and four damaged copies of it (mojibake, Windows-1252 bytes, HTML entities, CRLF) and
reports: whether every damaged copy gives exactly the clean copy's output, duplicated lines
left in the output, the metadata found, and the removals by rule. ``--explain`` also prints
each article's --explain listing, to read what was kept and removed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

from cleaner import Cleaner
from cleaner.output import explain


def _entities(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")


DAMAGE: dict[str, Callable[[str], str | bytes]] = {
    "mojibake": lambda text: text.encode("utf-8").decode("sloppy-windows-1252"),
    "cp1252": lambda text: text.encode("cp1252", errors="xmlcharrefreplace"),
    "entities": _entities,
    "crlf": lambda text: text.replace("\n", "\r\n"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of article texts")
    parser.add_argument("--explain", action="store_true", help="print each --explain listing")
    args = parser.parse_args()
    cleaner = Cleaner.default()
    failures = 0
    for path in sorted(p for p in args.data.iterdir() if p.is_file()):
        text = path.read_text("utf-8")
        doc = cleaner.clean(text)
        same = {
            name: cleaner.clean(damage(text)).text == doc.text for name, damage in DAMAGE.items()
        }
        lines = doc.text.split("\n\n") if doc.text else []
        repeated = [line for line, n in Counter(lines).items() if n > 1]
        meta = doc.metadata
        failures += (not all(same.values())) + bool(repeated)
        print(f"== {path.name}: kept {len(lines)} paragraphs, removed {len(doc.removed)}")
        print(f"   damaged copies equal: {same}")
        print(f"   duplicated output lines: {len(repeated)}")
        print(
            f"   title={meta.title!r} date={meta.date} dateline={meta.dateline} "
            f"language={meta.language} ({meta.language_probability}) author={meta.author}"
        )
        print(f"   removals: {dict(sorted(doc.removal_counts().items()))}")
        if args.explain:
            print(explain(doc))
    print(f"\n{failures} failed checks")


if __name__ == "__main__":
    main()
