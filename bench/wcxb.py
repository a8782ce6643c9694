"""Web-wide benchmark: main content of pages of seven types (WCXB, Murrough Foley, CC-BY-4.0).

Usage: python bench/wcxb.py --data PATH [--systems NAME ...] [--types TYPE ...] [--limit N]
       [--json OUT] [--outputs DIR]

``PATH`` holds ``html/<id>.html.gz`` and ``ground-truth/<id>.json`` (the data's README gives
the metric). Per page: tokens are ``\\w+`` of the lower-cased text; precision, recall and F1 of
the multiset intersection of predicted and gold tokens (an empty prediction scores 0; an
empty gold 1 only for an empty prediction). Reported: means over all pages and per page type,
the share of ``with`` snippets found and of ``without`` snippets found (lower is better),
catastrophic losses (recall under 0.5 where trafilatura alone reaches 0.8, when both ran),
metadata accuracy (title, author, date) and docs/s.

Systems: ``trafilatura`` (trafilatura alone, ``include_comments=False``), ``cleaner``
(default backend), ``cleaner-fast``, ``cleaner-readability``, and on the page's visible text
(``html_text.extract_text``, made untimed) ``visible-text`` (the text itself) and
``cleaner-page`` (``clean(text, mode="page")``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
TYPES = ("article", "documentation", "service", "forum", "product", "collection", "listing")
_WORD = re.compile(r"\w+")
# A catastrophic loss: under this recall while trafilatura alone reaches the second.
LOST_RECALL, REFERENCE_RECALL = 0.5, 0.8


@dataclass(frozen=True)
class Page:
    """One page: its HTML and what the benchmark knows of it."""

    key: str
    page_type: str
    url: str
    html: str
    gold: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]
    title: str | None
    author: str | None
    date: str | None


@dataclass(frozen=True)
class Output:
    """What a system returned for one page."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    page_type: str | None = None


@dataclass
class Scored:
    """One system's per-page results."""

    system: str
    outputs: dict[str, Output] = field(default_factory=dict)
    seconds: float = 0.0
    errors: int = 0


def tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of the lower-cased text."""
    return _WORD.findall((text or "").lower())


def word_prf(gold: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one page over multisets of tokens."""
    gold_tokens, pred_tokens = Counter(tokens(gold)), Counter(tokens(predicted))
    if not gold_tokens:
        score = 1.0 if not pred_tokens else 0.0
        return score, score, score
    if not pred_tokens:
        return 0.0, 0.0, 0.0
    overlap = sum((gold_tokens & pred_tokens).values())
    precision = overlap / sum(pred_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def snippet_share(snippets: Sequence[str], text: str) -> float | None:
    """The share of ``snippets`` found in ``text`` (case-insensitive), None when none."""
    if not snippets:
        return None
    lowered = text.lower()
    return sum(s.lower() in lowered for s in snippets) / len(snippets)


def _normal(value: str | None) -> str:
    return " ".join(tokens(value))


def _names(value: str | None) -> frozenset[str]:
    parts = re.split(r"[,;&|/]| and ", (value or "").lower())
    return frozenset(n for n in (_normal(p) for p in parts) if n)


def metadata_correct(name: str, predicted: str | None, gold: str | None) -> bool:
    """Whether a metadata field is right: both absent, or equal once normalised (titles and
    authors as ``\\w+`` tokens, authors as a set of names, dates as YYYY-MM-DD)."""
    if not gold or not predicted:
        return not gold and not predicted
    if name == "date":
        return predicted[:10] == gold[:10]
    if name == "author":
        return _names(predicted) == _names(gold)
    return _normal(predicted) == _normal(gold)


def load_pages(data: Path, types: Iterable[str] = TYPES, limit: int | None = None) -> list[Page]:
    """The pages of the benchmark at ``data``, of the given types, in id order."""
    truth_dir = data / "ground-truth"
    if not truth_dir.is_dir():
        raise SystemExit(f"error: {truth_dir} not found; is --data the WCXB directory?")
    wanted = set(types)
    pages = []
    for path in sorted(truth_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        kind = record["_internal"]["page_type"]["primary"]
        kind = "collection" if kind == "category" else kind
        if kind not in wanted:
            continue
        truth = record["ground_truth"]
        raw = gzip.decompress((data / "html" / f"{path.stem}.html.gz").read_bytes())
        pages.append(
            Page(
                key=path.stem,
                page_type=kind,
                url=record.get("url") or "",
                html=raw.decode("utf-8", errors="replace"),
                gold=truth.get("main_content") or "",
                with_snippets=tuple(truth.get("with") or ()),
                without_snippets=tuple(truth.get("without") or ()),
                title=truth.get("title"),
                author=truth.get("author"),
                date=truth.get("publish_date"),
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def _trafilatura() -> Callable[[Page], Output]:
    import trafilatura

    def run(page: Page) -> Output:
        found = trafilatura.bare_extraction(
            page.html, url=page.url or None, include_comments=False, with_metadata=True
        )
        if found is None:
            return Output("")
        data = found if isinstance(found, dict) else found.as_dict()
        return Output(
            data.get("text") or "", data.get("title"), data.get("author"), data.get("date")
        )

    return run


def _cleaner(visible: bool = False, **options: Any) -> Callable[[Page], Output]:
    """The cleaner of this checkout on each page's HTML, or on its visible text."""
    sys.path.insert(0, str(REPO_ROOT))
    from cleaner import Cleaner

    cleaner = Cleaner.default()

    def run(page: Page) -> Output:
        data = _VISIBLE[page.key] if visible else page.html
        doc = cleaner.clean(data, url=page.url or None, **options)
        meta = doc.metadata
        return Output(doc.text, meta.title, meta.author, meta.date, meta.page_type)

    return run


# Each page's text as html-text renders it, made before the systems run (not timed).
_VISIBLE: dict[str, str] = {}


def _prepare_visible(pages: Sequence[Page]) -> None:
    import html_text

    for page in pages:
        if page.key not in _VISIBLE:
            _VISIBLE[page.key] = html_text.extract_text(page.html, guess_layout=True)


SYSTEMS: dict[str, Callable[[], Callable[[Page], Output]]] = {
    "trafilatura": _trafilatura,
    "cleaner": _cleaner,
    "cleaner-fast": lambda: _cleaner(backend="fast"),
    "cleaner-readability": lambda: _cleaner(backend="readability"),
    "visible-text": lambda: lambda page: Output(_VISIBLE[page.key]),
    "cleaner-page": lambda: _cleaner(visible=True, input="text", mode="page"),
}
_ON_VISIBLE_TEXT = ("visible-text", "cleaner-page")


def run_system(name: str, pages: Sequence[Page]) -> Scored:
    """Run one system over the pages; a page it fails on scores as empty."""
    if name in _ON_VISIBLE_TEXT:
        _prepare_visible(pages)
    extract = SYSTEMS[name]()
    scored = Scored(name)
    for page in pages:
        start = time.perf_counter()
        try:
            output = extract(page)
        except Exception as error:  # a failure is a score of zero, and is counted
            output = Output("")
            scored.errors += 1
            print(f"{name}: {page.key}: {type(error).__name__}: {error}", file=sys.stderr)
        scored.seconds += time.perf_counter() - start
        scored.outputs[page.key] = output
    return scored


def _mean(values: Iterable[float]) -> float:
    listed = list(values)
    return sum(listed) / len(listed) if listed else 0.0


def summarise(
    scored: Scored, pages: Sequence[Page], reference: Scored | None = None
) -> dict[str, Any]:
    """Overall and per-type figures of one system."""
    rows: dict[str, list[tuple[float, float, float]]] = {"all": []}
    withs: list[float] = []
    withouts: list[float] = []
    meta = {"title": 0, "author": 0, "date": 0}
    lost: list[str] = []
    for page in pages:
        output = scored.outputs[page.key]
        prf = word_prf(page.gold, output.text)
        rows["all"].append(prf)
        rows.setdefault(page.page_type, []).append(prf)
        for share, into in (
            (snippet_share(page.with_snippets, output.text), withs),
            (snippet_share(page.without_snippets, output.text), withouts),
        ):
            if share is not None:
                into.append(share)
        meta["title"] += metadata_correct("title", output.title, page.title)
        meta["author"] += metadata_correct("author", output.author, page.author)
        meta["date"] += metadata_correct("date", output.date, page.date)
        if (
            reference is not None
            and prf[1] < LOST_RECALL
            and word_prf(page.gold, reference.outputs[page.key].text)[1] >= REFERENCE_RECALL
        ):
            lost.append(page.key)
    per_type = {
        kind: {
            "f1": _mean(r[2] for r in found),
            "precision": _mean(r[0] for r in found),
            "recall": _mean(r[1] for r in found),
            "pages": len(found),
        }
        for kind, found in rows.items()
    }
    return {
        "system": scored.system,
        "scores": per_type,
        "with": _mean(withs),
        "without": _mean(withouts),
        "metadata": {k: v / len(pages) for k, v in meta.items()} if pages else meta,
        "lost": lost,
        "docs_per_second": len(pages) / scored.seconds if scored.seconds else 0.0,
        "errors": scored.errors,
    }


def print_report(summaries: Sequence[dict[str, Any]], pages: Sequence[Page]) -> None:
    kinds = ["all", *[k for k in TYPES if any(p.page_type == k for p in pages)]]
    print("word F1 (P / R) | " + " | ".join(kinds))
    for s in summaries:
        cells = [f"{s['scores'][k]['f1']:.3f}" if k in s["scores"] else "-" for k in kinds]
        overall = s["scores"]["all"]
        print(
            f"{s['system']:<20} {' '.join(cells)}  (P {overall['precision']:.3f}"
            f" R {overall['recall']:.3f})"
        )
    print()
    print("system               with   without lost  title author date  docs/s errors")
    for s in summaries:
        m = s["metadata"]
        print(
            f"{s['system']:<20} {s['with']:.3f}  {s['without']:.3f}   {len(s['lost']):<5}"
            f" {m['title']:.3f} {m['author']:.3f}  {m['date']:.3f} {s['docs_per_second']:7.1f}"
            f" {s['errors']}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the WCXB directory")
    parser.add_argument(
        "--systems", nargs="+", choices=list(SYSTEMS), default=["trafilatura", "cleaner"]
    )
    parser.add_argument("--types", nargs="+", choices=TYPES, default=list(TYPES))
    parser.add_argument("--limit", type=int, help="only the first N pages (in id order)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures as JSON")
    parser.add_argument(
        "--outputs", type=Path, metavar="DIR", help="write each system's per-page results as JSONL"
    )
    args = parser.parse_args(argv)
    pages = load_pages(args.data, args.types, args.limit)
    runs = {name: run_system(name, pages) for name in args.systems}
    reference = runs.get("trafilatura")
    summaries = [
        summarise(scored, pages, reference if name != "trafilatura" else None)
        for name, scored in runs.items()
    ]
    print(f"{len(pages)} pages (WCXB, Murrough Foley, CC-BY-4.0)")
    print_report(summaries, pages)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2), encoding="utf-8")
    if args.outputs:
        args.outputs.mkdir(parents=True, exist_ok=True)
        for name, scored in runs.items():
            with (args.outputs / f"{name}.jsonl").open("w", encoding="utf-8") as out:
                for page in pages:
                    o = scored.outputs[page.key]
                    prf = word_prf(page.gold, o.text)
                    row = {
                        "id": page.key,
                        "type": page.page_type,
                        "p": prf[0],
                        "r": prf[1],
                        "f1": prf[2],
                        "text": o.text,
                        "title": o.title,
                        "author": o.author,
                        "date": o.date,
                        "page_type": o.page_type,
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
