"""The batch path of the ``cleaner`` command: its options, when it is taken, and its run.

``cleaner.cli`` only wires these in, so the single-document command stays as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

from cleaner.batch.readers import is_batch_input
from cleaner.batch.records import ON_ERROR, Fields, RecordCleaner, RecordError
from cleaner.errors import InputError
from cleaner.pipeline import Cleaner

if TYPE_CHECKING:
    from cleaner.batch.audit import Audit
    from cleaner.batch.summary import Summary

HELP = """\
batch mode (taken when an input is JSONL, WARC/WET, a directory or a glob, or any option
below is given): every record is cleaned and written as one JSON line, in input order, with
"text", "metadata" (and "removed") added to its input fields, none of which is lost (an
input "metadata" object is merged; a field replaced is kept as input_<name>). Inputs:
*.jsonl, *.jsonl.gz, *.jsonl.zst (and .ndjson) hold one record per line; *.warc[.gz] and
*.wet[.gz] give one record per HTML response or WET text record; any other file is one
document; '-' is JSONL on stdin. With -o DIR/, --format text, json or markdown picks the
files' format; elsewhere --format markdown adds a "markdown" field to each record. A
summary goes to stderr, with a progress line when stderr is a terminal. Exit status 1 also
when --on-error fail meets a bad record (its file:line on stderr), 143 when terminated (the
output file is then not created).
"""

BATCH_EXAMPLES = """\
  cleaner -j 2 crawl.jsonl.zst -o clean.jsonl.zst   records in, records out, 2 processes
  cleaner CC-MAIN-*.warc.wet.gz -o clean.jsonl      Common Crawl WET files
  cleaner pages/ --html-field html -o out/ -f text   a directory of text files per record
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("batch", HELP)
    group.add_argument(
        "--batch", action="store_true", help="batch mode even for plain inputs (stdin is JSONL)"
    )
    group.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="JSONL file (.gz/.zst compressed by name), or DIR/ for one file per record; "
        "written atomically (default: stdout)",
    )
    group.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="worker processes (default: all cores)"
    )
    group.add_argument(
        "--on-error",
        choices=ON_ERROR,
        help="a bad record: stop (exit 1), skip it, or write it with an 'error' field "
        "(default: record)",
    )
    group.add_argument("--text-field", metavar="NAME", help="field holding the text (text)")
    group.add_argument("--html-field", metavar="NAME", help="field holding HTML, used if present")
    group.add_argument("--id-field", metavar="NAME", help="field naming the record (id)")
    group.add_argument("--url-field", metavar="NAME", help="field holding the URL (url)")
    group.add_argument(
        "--boilerplate-by",
        metavar="host|FIELD",
        help="two passes: remove lines recurring across the documents of each source "
        "(the URL's host, or a field's value)",
    )
    group.add_argument(
        "--failures",
        metavar="FILE",
        help="write every failed record's place and problem to FILE, one JSON line each",
    )
    group.add_argument(
        "--resume",
        action="store_true",
        help="with -o FILE: if a run of the same command stopped (killed, crashed), go on "
        "from the last input file it finished; the output is the same as a whole run's",
    )
    group.add_argument(
        "--report",
        metavar="FILE",
        help="also write an HTML audit of the run: totals, removals per rule, share removed "
        "per document, page types, languages, the slowest and most cut documents with their "
        "--explain view, every failure (one file, loads nothing)",
    )
    group.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")


_BATCH_ONLY = (
    "batch",
    "output",
    "jobs",
    "on_error",
    "text_field",
    "html_field",
    "id_field",
    "url_field",
    "boilerplate_by",
    "failures",
    "resume",
    "report",
)


def wants_batch(args: argparse.Namespace) -> bool:
    if any(getattr(args, name) not in (None, False) for name in _BATCH_ONLY):
        return True
    return any(is_batch_input(name) for name in args.files)


def run(args: argparse.Namespace, cleaner: Cleaner, parser: argparse.ArgumentParser) -> int:
    # Imported here: a command that cleans one file does not pay for the batch machinery.
    from cleaner.batch.audit import Audit
    from cleaner.batch.run import BatchOptions, Stopped, is_directory_output, run_batch

    """Run a batch from parsed arguments; the exit status."""
    if args.explain or args.url:
        parser.error("--explain and --url apply to single documents, not to batch mode")
    if args.jobs is not None and args.jobs < 1:
        parser.error("-j/--jobs must be at least 1")
    if args.format == "json" and not is_directory_output(args.output):
        parser.error("--format json needs -o DIR/; batch output to a stream or file is JSONL")
    defaults = Fields()
    fields = Fields(
        text=args.text_field or defaults.text,
        html=args.html_field,
        id=args.id_field or defaults.id,
        url=args.url_field or defaults.url,
        removed=not args.no_removed,
        markdown=args.format == "markdown",
    )
    given = {
        "language": args.lang,
        "backend": args.backend,
        "mode": args.mode,
        "encoding": args.encoding,
        "page_type": args.page_type,
    }
    records = RecordCleaner(
        cleaner,
        fields,
        options={name: value for name, value in given.items() if value is not None},
        boilerplate_by=args.boilerplate_by,
    )
    # SIGTERM stops the run between chunks (not inside one: a library may swallow an
    # exception raised there), and the output being written is removed, not left half done.
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    if args.resume and (args.output is None or is_directory_output(args.output)):
        parser.error("--resume needs -o FILE (a JSONL file)")
    with contextlib.ExitStack() as stack:
        failures = None
        if args.failures is not None:
            try:
                failures = stack.enter_context(open(args.failures, "w", encoding="utf-8"))
            except OSError as error:
                print(f"cleaner: {args.failures}: {error.strerror or error}", file=sys.stderr)
                return 1
        options = BatchOptions(
            workers=args.jobs,
            on_error=args.on_error or "record",
            output=args.output,
            output_format=args.format,
            progress=sys.stderr if sys.stderr.isatty() and not args.quiet else None,
            stop=stop,
            failures=failures,
            resume=args.resume,
            audit=Audit() if args.report else None,
        )
        left = "; run the same command again to go on" if args.resume else ""
        start = time.monotonic()
        try:
            summary = run_batch(args.files or ["-"], records, options, sys.stdout.buffer)
        except (InputError, RecordError) as error:
            print(f"cleaner: {error}", file=sys.stderr)
            return 1
        except Stopped as error:
            written = left or "; no output written"
            print(f"cleaner: terminated: {error}{written}", file=sys.stderr)
            return 128 + signal.SIGTERM
    summary.failures_file = args.failures
    if not args.quiet:
        print(summary.report(), file=sys.stderr)
    if options.audit is not None:
        return _write_report(args, summary, options.audit, time.monotonic() - start)
    return 0


def _write_report(
    args: argparse.Namespace, summary: Summary, audit: Audit, wall_seconds: float
) -> int:
    from cleaner.report import write_report

    try:
        write_report(
            args.report, summary, audit, inputs=args.files or ["-"], wall_seconds=wall_seconds
        )
    except OSError as error:
        print(f"cleaner: {args.report}: cannot write the report: {error}", file=sys.stderr)
        return 1
    return 0
