"""What a worker process does with a chunk of tasks: clean, render, count.

The RecordCleaner reaches each worker once, through the pool's initializer; tasks carry only
record bytes. A worker renders the output itself (a JSON line, or the text of a file), and
for a chunk of plain records joins their lines and counts them, so that the main process
only reads and writes.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.batch.audit import DocumentAudit, DocumentAuditor
from cleaner.batch.readers import span_records
from cleaner.batch.records import (
    RecordCleaner,
    RecordError,
    Task,
    parse_json_line,
    utf8_size,
    with_input_fields,
)
from cleaner.batch.summary import Summary
from cleaner.boilerplate import LineCounts
from cleaner.cache import save_memos
from cleaner.output import render_json
from cleaner.patterns import expect_many_documents


@dataclass(slots=True)
class Outcome:
    """One record's result: what to write, where it came from, and what it counts for."""

    where: str  # file:line of the record
    source: str = ""  # the input file
    rendered: bytes | None = None
    name: str | None = None
    error: str | None = None  # what is wrong with the record
    error_record: bytes | None = None
    bytes_in: int = 0  # the document as given (HTML for a page)
    text_in: int = 0  # the text the rules read (a page's extracted text), as kept + removed
    bytes_out: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    position: int = 0  # see Task.position
    file_end: bool = False  # see Task.file_end
    audit: DocumentAudit | None = None  # with --report only


@dataclass(slots=True)
class Chunk:
    """A chunk's results: an Outcome for each record or, when the run writes one stream and
    none of them is an error or a file's end, their output lines joined and their counts.
    The main process then handles the chunk at once, not record by record."""

    outcomes: list[Outcome]  # empty when joined
    joined: bytes | None = None  # each record's line, ending in a newline
    counts: Summary | None = None  # of the joined records
    position: int = 0  # the last record's Task.position


_STATE: dict[str, Any] = {}


def set_up(
    records: RecordCleaner, output_format: str, audit: bool = False, stream: bool = False
) -> None:
    """Pool initializer: keep the worker's RecordCleaner, output format and, when each
    outcome carries a DocumentAudit for the report, its auditor. ``stream``: the output is
    one stream of lines, which chunks of plain records may be joined into."""
    expect_many_documents()
    _STATE["records"] = records
    _STATE["format"] = output_format
    _STATE["auditor"] = DocumentAuditor() if audit else None
    _STATE["join"] = stream and not audit


def fields_of(task: Task) -> tuple[dict[str, Any], str | bytes | None, bool]:
    """The task's record fields, and its document when that is not one of the fields."""
    if task.error is not None:
        raise RecordError(task.where, task.error)
    if task.fields is None:
        return parse_json_line(task.payload, task.where), None, False
    return task.fields, task.payload, task.html


def _render(record: dict[str, Any], output_format: str) -> bytes:
    """The record as UTF-8 bytes, rendered here so the main process only writes them."""
    if output_format in ("text", "markdown"):
        return str(record[output_format]).encode("utf-8", "replace")  # a lone surrogate: "?"
    indent = 2 if output_format == "json" else None
    return render_json(record, indent=indent).encode("utf-8")


def _name(record: dict[str, Any], records: RecordCleaner) -> str | None:
    value = record.get(records.fields.id)
    return None if value is None else str(value)


def process(task: Task) -> Outcome:
    """Clean one task; a RecordError becomes an Outcome with ``error`` and an error record."""
    records: RecordCleaner = _STATE["records"]
    output_format: str = _STATE["format"]
    auditor: DocumentAuditor | None = _STATE["auditor"]
    if task.file_end:
        return Outcome(task.where, task.source, position=task.position, file_end=True)
    fields: dict[str, Any] = dict(task.fields or {})  # of an error record, when unreadable
    parsed = False
    try:
        fields, data, html = fields_of(task)
        parsed = True
        start = time.perf_counter()
        record, doc, size = records.clean(fields, task.where, data, html, task.mode)
    except RecordError as error:
        reported: dict[str, Any] = {"where": error.where, "message": error.problem}
        if not parsed and task.fields is None and task.payload:  # the line as it was
            reported["line"] = _excerpt(task.payload)
        error_record = with_input_fields(_json_safe(fields), {"error": reported})
        return Outcome(
            task.where,
            name=_name(fields, records),
            error=error.problem,
            error_record=_render(error_record, "json" if output_format == "json" else "jsonl"),
            position=task.position,
        )
    return Outcome(
        task.where,
        rendered=_render(record, output_format),
        name=_name(record, records),
        bytes_in=size,
        text_in=utf8_size("\n\n".join(line for line in doc.lines if line)),
        bytes_out=utf8_size(record["text"]),
        removals=doc.removal_counts(),
        position=task.position,
        audit=auditor.audit(doc, time.perf_counter() - start) if auditor else None,
    )


LINE_EXCERPT_CHARS = 1000


def _excerpt(line: bytes | str) -> str:
    """The start of an unreadable line, as text, for its error record."""
    if isinstance(line, bytes):
        line = line[: 4 * LINE_EXCERPT_CHARS].decode("utf-8", "replace")
    line = line.rstrip("\r\n")
    return line if len(line) <= LINE_EXCERPT_CHARS else line[:LINE_EXCERPT_CHARS] + "…"


def _json_safe(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if not isinstance(v, bytes)}


def records_of(tasks: list[Task]) -> list[Task]:
    """The chunk's record Tasks, those of a span read from its file."""
    if not any(task.span for task in tasks):
        return tasks
    return [record for task in tasks for record in (span_records(task) if task.span else [task])]


def process_chunk(tasks: list[Task]) -> Chunk:
    outcomes = [process(task) for task in records_of(tasks)]
    save_memos()  # what this worker compiled, for the next processes (nothing once saved)
    if not _STATE["join"] or not outcomes:
        return Chunk(outcomes)
    lines: list[bytes] = []
    counts = Summary()
    for outcome in outcomes:
        if outcome.rendered is None or outcome.file_end:  # an error, or a file's end
            return Chunk(outcomes)
        lines.append(outcome.rendered)
        counts.add(outcome)
    lines.append(b"")
    return Chunk([], b"\n".join(lines), counts, outcomes[-1].position)


def count_chunk(tasks: list[Task]) -> LineCounts:
    """Pass 1 of cross-document boilerplate over a chunk. A bad record counts for nothing
    here; pass 2 reports it."""
    records: RecordCleaner = _STATE["records"]
    counts = LineCounts()
    for task in records_of(tasks):
        if task.file_end:
            continue
        try:
            fields, data, html = fields_of(task)
            records.count(counts, fields, task.where, data, html)
        except RecordError:
            continue
    return counts
