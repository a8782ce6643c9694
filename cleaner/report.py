"""``--report``: a batch run's audit as one self-contained HTML page.

The page loads nothing: styles are inline, charts are inline SVG, and there is no script; its
Content-Security-Policy forbids scripts and every fetch, so even a mistake here could not make
a viewer run or load anything. Every value from the corpus (document text, ids, file names,
rule ids, error messages) is hostile web content and goes through ``_text``.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import cleaner  # its __version__ is read when a report is written: reading it costs 13 ms
from cleaner.batch.audit import Audit, Shown
from cleaner.batch.summary import MB, Summary
from cleaner.batch.writers import atomic_output

# Characters a browser shows as garbage or that are not valid in an HTML document: C0/C1
# controls (but tab and newline) and lone surrogates (which UTF-8 cannot encode).
_INVALID = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bars of a chart of kinds (languages, page types); the rest are summed as one bar.
MAX_BARS = 30
_LABEL_CHARS = 28

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:62em;padding:0 1em;
color:#1a1a1a;background:#fff}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;
border-bottom:1px solid #ccc}
.note{color:#555}
table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:left;vertical-align:top;
border-bottom:1px solid #eee}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
svg{display:block;max-width:100%;height:auto;font:12px system-ui,sans-serif}
.bar{fill:#4878a8}.label{fill:#1a1a1a}.value{fill:#444}.axis{stroke:#999}
.doc{margin:1em 0;padding:.5em .8em;border-left:3px solid #4878a8;background:#f7f9fb}
.doc p{margin:.2em 0}
pre{overflow:auto;max-height:36em;background:#fff;border:1px solid #ddd;padding:.5em;
font-size:12px;line-height:1.35}
.failures td:last-child{white-space:pre-wrap;word-break:break-word}
"""


def _text(value: object) -> str:
    """``value`` as HTML text, safe in element content and quoted attribute values."""
    return _INVALID.sub("\ufffd", html.escape(str(value), quote=True))


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def bar_chart(items: Sequence[tuple[str, int]], *, unit: str, title: str) -> str:
    """Horizontal bars, largest first as given: label, bar, count (an SVG element)."""
    if not items:
        return '<p class="note">Nothing to chart.</p>'
    row, label_width, value_width, width = 22, 200, 70, 760
    span = width - label_width - value_width
    top = max(count for _, count in items) or 1
    parts = [
        f'<svg class="chart bars" role="img" aria-label="{_text(title)}" '
        f'viewBox="0 0 {width} {row * len(items) + 4}" width="{width}" '
        f'height="{row * len(items) + 4}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, (label, count) in enumerate(items):
        y = n * row + 2
        length = max(span * count / top, 1.0)
        parts.append(
            f"<g><title>{_text(label)}: {count} {unit}</title>"
            f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{_text(_short(label))}</text>"
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length:.1f}" height="15"/>'
            f'<text class="value" x="{label_width + length + 6:.1f}" y="{y + 15}">{count}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(bins: Sequence[int], *, title: str) -> str:
    """Vertical bars of document counts per tenth of the share removed (an SVG element)."""
    width, height, base, left = 760, 240, 200, 20
    step = (width - 2 * left) / len(bins)
    top = max(bins) or 1
    parts = [
        f'<svg class="chart histogram" role="img" aria-label="{_text(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" y1="{base}" x2="{width - left}" y2="{base}"/>',
    ]
    for n, count in enumerate(bins):
        low, high = 100 * n // len(bins), 100 * (n + 1) // len(bins)
        x = left + n * step
        bar = (base - 30) * count / top
        parts.append(
            f"<g><title>{low}–{high}% removed: {count} documents</title>"
            f'<rect class="bar" x="{x + 4:.1f}" y="{base - bar:.1f}" width="{step - 8:.1f}" '
            f'height="{bar:.1f}"/>'
            f'<text class="value" x="{x + step / 2:.1f}" y="{base - bar - 6:.1f}" '
            f'text-anchor="middle">{count}</text>'
            f'<text class="label" x="{x + step / 2:.1f}" y="{base + 18}" '
            f'text-anchor="middle">{low}–{high}%</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _kinds(counts: Counter[str]) -> list[tuple[str, int]]:
    """The most common kinds, the rest summed as one "other (N kinds)" bar."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= MAX_BARS:
        return ranked
    rest = ranked[MAX_BARS - 1 :]
    return [*ranked[: MAX_BARS - 1], (f"other ({len(rest)} kinds)", sum(n for _, n in rest))]


def _totals(summary: Summary, audit: Audit, wall_seconds: float | None) -> str:
    cleaned, removed = summary.documents_out, summary.bytes_removed
    rows = [
        ("Documents read", str(summary.documents_in)),
        ("Documents cleaned", str(cleaned)),
        ("Documents failed", str(summary.failed)),
    ]
    if summary.ignored:
        rows.append(("WARC records neither HTML nor text (ignored)", str(summary.ignored)))
    rows += [
        ("Input (MB)", f"{summary.bytes_in / MB:.2f}"),
        ("Text the rules read (MB)", f"{summary.text_in / MB:.2f}"),
        (
            "Removed (MB)",
            f"{removed / MB:.2f} ({_percent(removed, summary.text_in)} of the text)",
        ),
        ("Non-blank lines", str(audit.lines)),
        (
            "Lines removed",
            f"{audit.lines_removed} ({_percent(audit.lines_removed, audit.lines)})",
        ),
        ("Documents with nothing removed", str(audit.untouched)),
        ("Cleaning time, all documents (s)", f"{audit.seconds:.2f}"),
        ("Mean per document (ms)", f"{1000 * audit.seconds / cleaned:.2f}" if cleaned else "–"),
    ]
    if wall_seconds is not None:
        rows.append(("Wall time of the run (s)", f"{wall_seconds:.2f}"))
    body = "".join(f'<tr><th>{_text(k)}</th><td class="n">{_text(v)}</td></tr>' for k, v in rows)
    return f'<table class="totals">{body}</table>'


def _documents(shown: list[Shown], *, section: str, note: str) -> str:
    if not shown:
        return '<p class="note">No documents.</p>'
    parts = [f'<p class="note">{_text(note)}</p>']
    for rank, item in enumerate(shown, start=1):
        audit = item.audit
        name = f"{_text(item.name)} · " if item.name is not None else ""
        parts.append(
            f'<div class="doc" id="{section}-{rank}"><p><b>{rank}. {name}{_text(item.where)}</b>'
            f"</p><p>{1000 * audit.seconds:.1f} ms · "
            f"{_percent(audit.chars_removed, audit.chars)} of its characters removed · "
            f"{audit.lines_removed} of {audit.lines} lines removed · language "
            f"{_text(audit.language or 'unknown')} · page type {_text(audit.page_type)}</p>"
        )
        if audit.explain is not None:
            parts.append(
                "<details><summary><code>--explain</code></summary>"
                f"<pre>{_text(audit.explain)}</pre></details>"
            )
        parts.append("</div>")
    return "".join(parts)


def _failures(audit: Audit) -> str:
    if not audit.failures:
        return '<p class="note">No failures.</p>'
    rows = "".join(
        f"<tr><td>{_text(f.where)}</td><td>{_text(f.name or '')}</td><td>{_text(f.error)}</td></tr>"
        for f in audit.failures
    )
    return (
        '<table class="failures"><thead><tr><th>Where</th><th>Id</th><th>Error</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def render_report(
    summary: Summary,
    audit: Audit,
    *,
    inputs: Sequence[str] = (),
    wall_seconds: float | None = None,
    created: datetime.datetime | None = None,
) -> str:
    """The whole page of a run's report."""
    when = (created or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    rules = sorted(summary.removals.items(), key=lambda item: (-item[1], item[0]))
    sections = [
        ("totals", "Totals", _totals(summary, audit, wall_seconds)),
        (
            "rules",
            "Lines removed per rule",
            bar_chart(rules, unit="lines", title="Lines removed per rule"),
        ),
        (
            "shares",
            "Share of each document removed",
            '<p class="note">Documents by the share of their characters in removed lines; '
            f"{audit.untouched} had nothing removed.</p>"
            + histogram(audit.histogram, title="Documents by share removed"),
        ),
        (
            "page-types",
            "Page types",
            bar_chart(_kinds(audit.page_types), unit="documents", title="Page types"),
        ),
        (
            "languages",
            "Languages",
            bar_chart(_kinds(audit.languages), unit="documents", title="Languages"),
        ),
        (
            "slowest",
            "Slowest documents",
            _documents(
                audit.slowest,
                section="slowest",
                note=f"The {audit.shown} that took longest to clean, slowest first. The first "
                "document of each worker process also pays for loading what the cleaner "
                "loads on first use (language profiles, vocabularies).",
            ),
        ),
        (
            "most-cut",
            "Most cut documents",
            _documents(
                audit.most_cut,
                section="most-cut",
                note=f"The {audit.shown} with the largest share of their characters removed.",
            ),
        ),
        ("failures", f"Failures ({len(audit.failures)})", _failures(audit)),
    ]
    body = "".join(
        f'<section id="{key}"><h2>{_text(heading)}</h2>{content}</section>'
        for key, heading, content in sections
    )
    sources = ", ".join(_text(name) for name in inputs) or "–"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>cleaner report</title><style>{_STYLE}</style></head><body>"
        "<h1>cleaner report</h1>"
        f'<p class="note">{sources} · cleaner {_text(cleaner.__version__)} · {when}</p>'
        f"{body}</body></html>\n"
    )


def write_report(
    path: str | Path,
    summary: Summary,
    audit: Audit,
    *,
    inputs: Sequence[str] = (),
    wall_seconds: float | None = None,
) -> None:
    """Write the page to ``path`` (atomically: the name appears only when it is complete)."""
    page = render_report(summary, audit, inputs=inputs, wall_seconds=wall_seconds)
    with atomic_output(path) as stream:
        stream.write(page.encode("utf-8"))
