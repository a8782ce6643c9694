"""Shared helpers of the benchmarks: loading pages, timing systems, printing tables."""

from __future__ import annotations

import argparse
import contextlib
import gzip
import inspect
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from metric import Scores, score_pages

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    """One benchmark page: its raw HTML, the decoded HTML and the gold article body."""

    key: str
    html_bytes: bytes
    html: str
    gold: str
    url: str


@dataclass(frozen=True)
class Result:
    """Scores and speed of one system over all pages."""

    system: str
    scores: Scores
    docs_per_second: float
    seconds: float
    errors: int
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dictionary."""
        d = asdict(self)
        d.update(d.pop("scores"))
        return d


def extraction_parser(doc: str, systems: Sequence[str]) -> argparse.ArgumentParser:
    """The options of both extraction benchmarks: the data, the systems to run, JSON out."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark directory")
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=list(systems),
        default=list(systems),
        metavar="NAME",
        help=f"systems to run (default: all of {', '.join(systems)})",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    return parser


def load_pages(data: Path) -> list[Page]:
    """Load ``ground-truth.json`` and ``html/<key>.html.gz`` of the benchmark at ``data``."""
    truth_path = data / "ground-truth.json"
    if not truth_path.is_file():
        raise SystemExit(f"error: {truth_path} not found; is --data the benchmark directory?")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append(
            Page(
                key=key,
                html_bytes=raw,
                html=raw.decode("utf-8", errors="replace"),
                gold=truth[key].get("articleBody") or "",
                url=truth[key].get("url") or "",
            )
        )
    return pages


def cleaner_clean(keyword: str | None = None) -> tuple[Callable[..., Any] | None, str]:
    """Return ``(cleaner.clean, "")`` if it imports (and accepts ``keyword``), else ``(None, why)``.

    The repository root is put first on ``sys.path`` so that the working tree is measured.
    """
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        import cleaner
    except Exception as exc:  # any import failure means "not available yet"
        return None, f"`import cleaner` failed ({type(exc).__name__}: {exc})"
    clean = getattr(cleaner, "clean", None)
    if not callable(clean):
        return None, "`cleaner.clean` does not exist yet"
    if keyword is None:
        return clean, ""
    try:
        params = inspect.signature(clean).parameters.values()
    except (TypeError, ValueError):
        return clean, ""  # no introspectable signature: try it
    if not any(p.name == keyword or p.kind is p.VAR_KEYWORD for p in params):
        return None, f"`cleaner.clean` has no `{keyword}` keyword yet"
    return clean, ""


def as_text(value: Any) -> str:
    """Return the text of a system's output (``str``, ``None`` or an object with ``.text``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for attr in ("text", "body"):
        text = getattr(value, attr, None)
        if isinstance(text, str):
            return text
    return str(value)


def run_system(
    name: str,
    fn: Callable[[Any], Any],
    pages: Sequence[Any],
    *,
    get_input: Callable[[Any], Any] = lambda p: p.html,
    get_gold: Callable[[Any], str] = lambda p: p.gold,
    warmup: bool = True,
) -> Result:
    """Time ``fn`` on the input of every page and score its outputs against the gold bodies.

    Only the calls of ``fn`` are timed; with ``warmup`` one untimed call on the first input
    comes first (imports, caches). An exception on one page counts as an empty prediction, is
    counted in ``errors`` and the first one is kept in ``note``.
    """
    inputs = [get_input(p) for p in pages]
    if warmup and inputs:
        with contextlib.suppress(Exception):
            fn(inputs[0])
    outputs: list[str] = []
    errors = 0
    note = ""
    elapsed = 0.0
    for item in inputs:
        start = time.perf_counter()
        try:
            out = fn(item)
        except Exception as exc:  # a failing page scores as an empty output
            out = None
            errors += 1
            note = note or f"first error: {type(exc).__name__}: {exc}"
        elapsed += time.perf_counter() - start
        outputs.append(as_text(out))
    scores = score_pages((get_gold(p), o) for p, o in zip(pages, outputs, strict=True))
    return Result(
        system=name,
        scores=scores,
        docs_per_second=len(pages) / elapsed if elapsed > 0 else float("inf"),
        seconds=elapsed,
        errors=errors,
        note=note,
    )


def markdown_table(results: Sequence[Result], title: str = "system") -> str:
    """Return a Markdown table: system, F1, P, R, accuracy, docs/s."""
    lines = [
        f"| {title} | F1 | P | R | accuracy | docs/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.scores
        name = r.system + (f" ({r.errors} errors)" if r.errors else "")
        lines.append(
            f"| {name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | "
            f"{s.accuracy:.3f} | {r.docs_per_second:.1f} |"
        )
    return "\n".join(lines)


def print_table(
    results: Sequence[Result], notes: Sequence[str] = (), title: str = "system"
) -> None:
    """Print the Markdown table of ``results`` followed by notes (e.g. skipped systems)."""
    print(markdown_table(results, title))
    if notes:
        print()
        for note in notes:
            print(f"- {note}")


def write_json(path: Path, results: Sequence[Result], extra: dict[str, Any] | None = None) -> None:
    """Write ``results`` (and ``extra`` fields) as JSON to ``path``."""
    payload: dict[str, Any] = dict(extra or {})
    payload["results"] = [r.as_dict() for r in results]
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def report(
    pages: int,
    results: Sequence[Result],
    notes: Sequence[str],
    wall: float,
    json_path: Path | None,
    title: str = "system",
) -> None:
    """The end of a benchmark run: page count, table, notes, wall time, optional JSON."""
    print(f"{pages} pages\n")
    print_table(results, notes, title=title)
    print(f"\nwall time {wall:.1f} s")
    if json_path:
        write_json(json_path, results, {"pages": pages, "notes": notes, "wall_seconds": wall})
