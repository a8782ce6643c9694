"""Held-out check: phrases each page's article must keep or leave out, from an extractor's tests.

Usage: python bench/snippet_pages.py --tests PATH/realworld_tests.py [--systems NAME ...]
       [--failures] [--json OUT]

trafilatura 1.0.0's source distribution (``pip download --no-deps --no-binary :all:
trafilatura==1.0.0``) ships ``tests/realworld_tests.py`` and the pages it reads in
``tests/cache``: 83 real pages, most of them German, with phrases of the article that an
extraction must contain and phrases of navigation, teasers, forms and footers it must not.
This script reads those assertions from the file's syntax tree (it never runs the file),
runs the systems of ``article_extraction.py`` on each page and counts the phrases each one
gets right, on whitespace-collapsed NFC text. They are trafilatura's own expectations, not
gold: some "keep" phrases are reader comments, which the cleaner drops by design.
"""

from __future__ import annotations

import argparse
import ast
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from article_extraction import ALL_SYSTEMS, BUILTIN, CLEANER_BACKENDS
from common import as_text, cleaner_clean

LOADER = "load_mock_page"
PAGES_TABLE = "MOCK_PAGES"


@dataclass(frozen=True)
class Check:
    """One assertion: ``phrase`` must (``keep``) or must not be in the page's extraction."""

    url: str
    phrase: str
    keep: bool


def normalised(text: str) -> str:
    """Whitespace collapsed and NFC: the phrases and the outputs are compared this way."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def read_checks(tests: Path) -> tuple[dict[str, str], list[Check]]:
    """The pages (URL -> file name in ``cache``) and the phrase checks of a test file."""
    tree = ast.parse(tests.read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == PAGES_TABLE
        ):
            pages = ast.literal_eval(node.value)
    checks: list[Check] = []
    url = ""
    for statement in _statements(tree):
        call = statement.value if isinstance(statement, ast.Assign) else None
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == LOADER and call.args:
            first = call.args[0]
            url = first.value if isinstance(first, ast.Constant) else ""
        elif isinstance(statement, ast.Assert) and url in pages:
            checks.extend(_phrase_checks(statement.test, url))
    if not checks:
        raise SystemExit(f"error: no '{LOADER}' page with phrase assertions in {tests}")
    return pages, checks


def _statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """The statements of every test function, those under an ``if`` included, in order."""
    stack: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            stack.extend(reversed(node.body))
    while stack:
        statement = stack.pop()
        if isinstance(statement, ast.If):
            stack.extend(reversed(statement.body))
        else:
            yield statement


def _phrase_checks(test: ast.expr, url: str) -> Iterator[Check]:
    """The ``'phrase' in result`` / ``not in result`` parts of an assertion."""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    for part in parts:
        if (
            isinstance(part, ast.Compare)
            and isinstance(part.left, ast.Constant)
            and isinstance(part.left.value, str)
            and isinstance(part.ops[0], (ast.In, ast.NotIn))
        ):
            yield Check(url, normalised(part.left.value), isinstance(part.ops[0], ast.In))


def extract_all(system: str, pages: dict[str, str], cache: Path) -> dict[str, str]:
    """Each page's extraction by ``system`` (empty when it fails)."""
    if system in BUILTIN:
        extract = BUILTIN[system]()

        def run(raw: bytes, url: str) -> str:
            return as_text(extract(raw.decode("utf-8", errors="replace")))

    else:
        clean, why = cleaner_clean("backend")
        if clean is None:
            raise SystemExit(f"error: {system}: {why}")
        backend = CLEANER_BACKENDS[system]

        def run(raw: bytes, url: str) -> str:
            return as_text(clean(raw, url=url, input="html", backend=backend))

    texts = {}
    for url, name in pages.items():
        try:
            texts[url] = normalised(run((cache / name).read_bytes(), url))
        except Exception:  # a failing page counts as an empty extraction
            texts[url] = ""
    return texts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tests", type=Path, required=True, help="realworld_tests.py")
    parser.add_argument("--cache", type=Path, help="the pages (default: cache/ beside --tests)")
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=ALL_SYSTEMS,
        default=["trafilatura-precision", "trafilatura", "cleaner", "cleaner-fast"],
        metavar="NAME",
        help=f"systems to run, of {', '.join(ALL_SYSTEMS)}",
    )
    parser.add_argument("--failures", action="store_true", help="list each failed phrase")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    args = parser.parse_args(argv)

    pages, checks = read_checks(args.tests)
    cache = args.cache or args.tests.parent / "cache"
    used = {url: pages[url] for url in dict.fromkeys(c.url for c in checks)}
    keep = sum(c.keep for c in checks)
    print(f"{len(used)} pages, {keep} phrases to keep, {len(checks) - keep} to leave out\n")
    print("| system | kept | left out | all |")
    print("|---|---:|---:|---:|")
    results = {}
    for system in args.systems:
        texts = extract_all(system, used, cache)
        failed = [c for c in checks if (c.phrase in texts[c.url]) != c.keep]
        kept = keep - sum(c.keep for c in failed)
        left_out = len(checks) - keep - sum(not c.keep for c in failed)
        print(
            f"| {system} | {kept}/{keep} | {left_out}/{len(checks) - keep} | "
            f"{len(checks) - len(failed)}/{len(checks)} |"
        )
        results[system] = {"kept": kept, "left_out": left_out, "failed": [vars(c) for c in failed]}
    if args.failures:
        for system, found in results.items():
            print(f"\n{system}:")
            for check in found["failed"]:
                verdict = "lost" if check["keep"] else "kept"
                print(f"  {verdict}: {check['phrase'][:70]!r} ({check['url']})")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
