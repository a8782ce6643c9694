"""``--report``: what the audit counts, what the page says (exactly), that corpus text cannot
become markup, and that a real browser shows the page with its charts and no console error."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner, Document
from cleaner.batch import BatchOptions, Fields, RecordCleaner, Summary, run_batch
from cleaner.batch.audit import Audit, DocumentAudit, DocumentAuditor, audit_of, explain_view
from cleaner.batch.worker import Outcome
from cleaner.report import render_report
from tests.corpus import article, as_html, records, write_jsonl, write_lines
from tests.test_cli import run

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)></pre></details>"


def audit_outcome(
    where: str,
    *,
    chars: int = 100,
    chars_removed: int = 0,
    seconds: float = 0.001,
    language: str | None = "en",
    page_type: str = "unknown",
    name: str | None = None,
) -> Outcome:
    lines_removed = 1 if chars_removed else 0
    audit = DocumentAudit(
        seconds=seconds,
        language=language,
        page_type=page_type,
        chars=chars,
        chars_removed=chars_removed,
        lines=4,
        lines_removed=lines_removed,
        explain=f"explain of {where}",
    )
    return Outcome(where, name=name, audit=audit)


def titles(page: str) -> list[str]:
    """The tooltips of a page's chart bars, unescaped: "label: count unit"."""
    return [html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", page)[1:]]


def test_histogram_bins_languages_page_types_and_failures() -> None:
    audit = Audit()
    outcomes = [
        audit_outcome("a:1", chars_removed=0, language=None),
        audit_outcome("a:2", chars_removed=9),  # 9%: first bin
        audit_outcome("a:3", chars_removed=10, language="de"),  # 10%: second bin
        audit_outcome("a:4", chars_removed=100, page_type="listing"),  # all: last bin
        audit_outcome("a:5", chars=0),  # empty: nothing removed
        Outcome("a:6", name="bad", error="malformed JSON"),
    ]
    for outcome in outcomes:
        audit.add(outcome)
    assert audit.histogram == [3, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert audit.untouched == 2
    assert audit.languages == Counter({"en": 3, "unknown": 1, "de": 1})
    assert audit.page_types == Counter({"unknown": 4, "listing": 1})
    assert [(f.where, f.name, f.error) for f in audit.failures] == [
        ("a:6", "bad", "malformed JSON")
    ]
    assert (audit.lines, audit.lines_removed) == (20, 3)


def test_slowest_and_most_cut_keep_the_top_in_order_ties_to_the_earlier() -> None:
    audit = Audit(shown=2)
    for n, (seconds, removed) in enumerate([(0.3, 50), (0.1, 90), (0.5, 50), (0.3, 0), (0.2, 90)]):
        audit.add(audit_outcome(f"a:{n}", seconds=seconds, chars_removed=removed))
    assert [s.where for s in audit.slowest] == ["a:2", "a:0"]
    assert [s.where for s in audit.most_cut] == ["a:1", "a:4"]


def test_a_worker_renders_explain_only_for_its_top_so_far() -> None:
    cleaner = Cleaner.default()
    doc = cleaner.clean(article(0)[0])
    untouched = cleaner.clean("The council met on Monday and approved the plan for the port.")
    auditor = DocumentAuditor(shown=1)
    # Slowest so far; a tie in share removed (the same document) goes to the earlier one.
    audits = [auditor.audit(d, s) for d, s in [(doc, 0.2), (doc, 0.1), (doc, 0.3)]]
    audits.append(auditor.audit(untouched, 0.01))
    assert [a.explain for a in audits] == [explain_view(doc), None, explain_view(doc), None]
    assert audit_of(doc, 0.2) == dataclasses.replace(audits[0], explain=None)


def test_explain_view_is_cut_saying_how_much() -> None:
    doc = Cleaner.default().clean(article(0)[0])
    full = explain_view(doc).split("\n")
    cut = explain_view(doc, max_lines=5).split("\n")
    assert cut == [*full[:5], f"... {len(full) - 5} more lines not shown"]


def run_with_audit(tmp_path: Path, workers: int = 1) -> tuple[Summary, Audit, list[Document]]:
    """A run of five documents (one HTML) and two bad records; the documents as cleaned."""
    inputs: list[dict[str, Any]] = records(5)
    inputs[1] = {"id": "page-1", "html": as_html(article(1)[0]).decode()}
    lines = [json.dumps(r).encode() for r in inputs] + [b"{oops", b'{"id": "n", "text": 5}']
    source = write_lines(tmp_path / "in.jsonl", lines)
    records_cleaner = RecordCleaner(Cleaner.default(), Fields(html="html"))
    audit = Audit()
    summary = run_batch(
        [str(source)], records_cleaner, BatchOptions(workers=workers, audit=audit), io.BytesIO()
    )
    return summary, audit, [records_cleaner.clean(r)[1] for r in inputs]


def test_a_run_counts_every_document_as_clean_does(tmp_path: Path) -> None:
    summary, audit, docs = run_with_audit(tmp_path)
    expected_bins = [0] * 10
    for doc in docs:
        total = sum(len(line) for line in doc.lines if line)
        removed = sum(len(r.text) for r in doc.removed)
        expected_bins[min(int(10 * removed / total), 9)] += 1
    assert audit.histogram == expected_bins
    assert audit.lines_removed == sum(len(doc.removed) for doc in docs)
    assert audit.languages == Counter(doc.metadata.language or "unknown" for doc in docs)
    assert [(f.where.rsplit(":", 1)[1], f.error) for f in audit.failures] == [
        ("6", "malformed JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("7", "field 'text' is int, not a string"),
    ]
    page = render_report(summary, audit)
    rules = Counter[str]()
    for doc in docs:
        rules.update(doc.removal_counts())
    rule_bars = [t for t in titles(page) if t.endswith(" lines")]
    assert rule_bars == [
        f"{rule}: {n} lines" for rule, n in sorted(rules.items(), key=lambda i: (-i[1], i[0]))
    ]
    assert "<h2>Failures (2)</h2>" in page
    assert "field &#x27;text&#x27; is int, not a string" in page
    assert '<tr><th>Documents read</th><td class="n">7</td></tr>' in page
    # The explain view of the slowest document is the one --explain prints.
    slowest = audit.slowest[0]
    doc = docs[int(slowest.where.rsplit(":", 1)[1]) - 1]
    assert slowest.audit.explain == explain_view(doc)
    assert f"<pre>{html.escape(explain_view(doc))}</pre>" in page


def test_two_workers_give_the_same_report(tmp_path: Path) -> None:
    one = run_with_audit(tmp_path, workers=1)[1]
    two = run_with_audit(tmp_path, workers=2)[1]
    assert two.histogram == one.histogram and two.failures == one.failures
    assert [s.where for s in two.most_cut] == [s.where for s in one.most_cut]
    assert all(s.audit.explain for s in two.slowest + two.most_cut)


def test_hostile_text_ids_and_errors_stay_text() -> None:
    audit = Audit()
    outcome = audit_outcome("in.jsonl:1", name=HOSTILE, page_type=HOSTILE, chars_removed=5)
    assert outcome.audit is not None
    outcome.audit.explain = f"1 - residue  {HOSTILE}\x00\x1b[31m\ud800"
    audit.add(outcome)
    audit.add(Outcome(f"{HOSTILE}.jsonl:2", name=HOSTILE, error=f"bad {HOSTILE}"))
    summary = Summary(removals=Counter({HOSTILE: 1}))
    page = render_report(summary, audit, inputs=[HOSTILE])
    assert "<script" not in page.lower() and "<img" not in page.lower()
    escaped = html.escape(HOSTILE)
    # Inputs; id, page type and explain in both lists; the failure's where, id and error;
    # the tooltips of the rule's and the page type's bars (their labels are shortened).
    assert page.count(escaped) == 1 + 3 * 2 + 3 + 2
    assert f"<pre>1 - residue  {escaped}\ufffd\ufffd[31m\ufffd</pre>" in page
    page.encode("utf-8")  # no lone surrogate is left


def test_an_empty_run_has_a_page_too() -> None:
    page = render_report(Summary(), Audit())
    assert page.count('<p class="note">Nothing to chart.</p>') == 3
    assert '<p class="note">No failures.</p>' in page
    assert page.count('<svg class="chart histogram"') == 1


def test_cli_report_option_writes_the_page_and_takes_batch_mode(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*records(2), {"id": HOSTILE, "text": None}])
    report = tmp_path / "report.html"
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "--report", str(report), "-q")
    assert result.returncode == 0, result.stderr
    page = report.read_text("utf-8")
    assert "<h2>Failures (1)</h2>" in page and "no field &#x27;text&#x27;" in page
    assert '<tr><th>Documents cleaned</th><td class="n">2</td></tr>' in page
    # A single plain file with --report is a batch of one.
    single = tmp_path / "article.txt"
    single.write_text(article(0)[0], "utf-8")
    result = run(str(single), "--report", str(report), "-q")
    assert json.loads(result.stdout)["text"] == article(0)[1]


def test_cli_report_that_cannot_be_written_exits_1(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(1))
    target = tmp_path / "missing" / "report.html"
    result = run(str(source), "--report", str(target), "-q")
    assert result.returncode == 1
    assert f"{target}: cannot write the report" in result.stderr.decode()


CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's)"
)


def load_in_chromium(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The DOM of ``page`` after a headless Chromium loaded it, and the console messages."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    console = [
        line
        for line in result.stderr.decode(errors="replace").splitlines()
        if ":CONSOLE" in line or "Uncaught" in line
    ]
    return result.stdout.decode(), console


@needs_chromium
def test_chromium_reports_what_a_broken_page_does(tmp_path: Path) -> None:
    """The check below can fail: a script the page's policy blocks is a console message."""
    page = render_report(Summary(), Audit()).replace("<h1>", "<script>alert(1)</script><h1>")
    path = tmp_path / "broken.html"
    path.write_text(page, "utf-8")
    console = load_in_chromium(path, tmp_path)[1]
    assert any("Content Security Policy" in line for line in console), console


@needs_chromium
def test_chromium_loads_the_report_with_charts_and_no_console_message(tmp_path: Path) -> None:
    inputs = records(4)
    inputs[0]["text"] = inputs[0]["text"] + "\n" + HOSTILE
    inputs.append({"id": HOSTILE, "html": as_html(f"{HOSTILE}\n{article(5)[0]}").decode()})
    source = write_jsonl(tmp_path / "in.jsonl", [*inputs, {"id": HOSTILE}])
    report = tmp_path / "report.html"
    result = run(str(source), "--html-field", "html", "-o", str(tmp_path / "out.jsonl"),
                 "--report", str(report), "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr
    dom, console = load_in_chromium(report, tmp_path)
    assert console == []
    assert "<script" not in dom
    assert dom.count('<svg class="chart bars"') == 3
    assert dom.count('<svg class="chart histogram"') == 1
    assert dom.count('<rect class="bar"') >= 10 + 3
    assert dom.count(html.escape(HOSTILE, quote=False)) >= 2
