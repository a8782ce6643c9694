"""A batch run: inputs to tasks, tasks through the ordered pool, outcomes to the sink.

With ``boilerplate_by`` the inputs are read twice: pass 1 counts each source's lines (in the
workers, merged here), pass 2 cleans with the recurring lines of each record's source.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import IO

from cleaner.batch.audit import Audit
from cleaner.batch.readers import STDIN, Inputs, expand
from cleaner.batch.records import RecordCleaner, RecordError
from cleaner.batch.summary import Progress, Summary
from cleaner.batch.worker import count_chunk, process_chunk, set_up
from cleaner.batch.writers import (
    DirectorySink,
    JsonlSink,
    ResumableOutput,
    Sink,
    atomic_output,
)
from cleaner.boilerplate import LineCounts
from cleaner.errors import CleanerError, InputError
from cleaner.output import render_json
from cleaner.pool import default_workers, ordered_map

_EXTENSIONS = {"text": "txt", "json": "json", "jsonl": "json", "markdown": "md"}


@dataclass(frozen=True)
class BatchOptions:
    """How to run: ``output`` None is stdout (JSONL), a directory (existing, or a name ending
    in "/") gets one file per record in ``output_format`` ("text", "json", "jsonl" or
    "markdown"), any other name a JSONL file."""

    workers: int | None = None
    on_error: str = "record"
    output: str | None = None
    output_format: str = "jsonl"
    chunk_size: int = 32
    progress: IO[str] | None = None
    progress_interval: float = 0.25  # seconds between progress lines at least
    stop: threading.Event | None = None  # set it (from a signal handler) to stop the run
    failures: IO[str] | None = None  # every failure, as a JSON line {"where", "message"}
    # Resumable output (a JSONL file): a run stopped in any way goes on from the last input
    # file done when run again (see writers.ResumableOutput).
    resume: bool = False
    audit: Audit | None = None  # fed every outcome, for --report


class Stopped(CleanerError):
    """The run was stopped through ``BatchOptions.stop``; its output file was not created."""


def is_directory_output(output: str | None) -> bool:
    return output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))


def run_batch(
    names: Sequence[str], records: RecordCleaner, options: BatchOptions, stdout: IO[bytes]
) -> Summary:
    """Clean every record of the inputs ``names`` into the output; return the counts.

    Raises InputError when an input name matches nothing (before anything is written), and
    RecordError on the first bad record when ``on_error`` is "fail" (the output file is then
    not created).
    """
    files = expand(names)
    output_format = options.output_format if is_directory_output(options.output) else "jsonl"
    workers = options.workers or default_workers()
    if records.boilerplate_by is not None:
        if STDIN in files:
            raise InputError("<stdin>: --boilerplate-by reads the inputs twice; give files")
        records = dataclasses.replace(records, boilerplate=_count(files, records, options, workers))
    summary = Summary()
    resumable = None
    if options.resume:
        if options.output is None or is_directory_output(options.output):
            raise InputError("a resumable run needs an output file (-o FILE)")
        if STDIN in files:
            raise InputError("<stdin>: a resumable run reads files, not stdin")
        resumable = ResumableOutput(options.output, files)
        if resumable.counts is not None:
            summary.restore(resumable.counts)
        files = files[len(resumable.done) :]
    inputs = _inputs(files, records, mark_ends=resumable is not None)
    progress = None
    if options.progress:
        progress = Progress(options.progress, inputs.total_bytes, options.progress_interval)
    position = 0
    with _sink(options, stdout, resumable) as sink:
        chunks = ordered_map(
            process_chunk,
            inputs.chunks(options.chunk_size),
            workers=workers,
            initializer=set_up,
            initargs=(
                records,
                output_format,
                options.audit is not None,
                not is_directory_output(options.output),
            ),
        )
        for chunk in chunks:
            if chunk.joined is not None and chunk.counts is not None:
                summary.merge(chunk.counts)
                sink.write_lines(chunk.joined)
                position = chunk.position
            for outcome in chunk.outcomes:
                position = outcome.position
                if outcome.file_end:
                    summary.ignored += inputs.ignored_in[outcome.source]
                    if resumable is not None:
                        resumable.file_done(outcome.source, summary.counts())
                    continue
                if outcome.error is not None:
                    if options.on_error == "fail":
                        raise RecordError(outcome.where, outcome.error)
                    if options.failures is not None:
                        failure = {"where": outcome.where, "message": outcome.error}
                        options.failures.write(render_json(failure) + "\n")
                summary.add(outcome)
                if options.audit is not None:
                    options.audit.add(outcome)
                if outcome.error is None or options.on_error == "record":
                    sink.write(outcome)
            if progress:
                progress.update(summary.documents_in, position)
            if options.stop is not None and options.stop.is_set():
                raise Stopped(f"stopped after {summary.documents_in} documents")
    if progress:
        progress.update(summary.documents_in, position, final=True)
    if resumable is None:  # else counted file by file, with the files done before
        summary.ignored = inputs.ignored
    return summary


def _inputs(files: list[str], records: RecordCleaner, *, mark_ends: bool = False) -> Inputs:
    limit = records.cleaner.rules.limits.max_input_bytes
    return Inputs(files, records.fields, limit, mark_ends=mark_ends)


def _count(
    files: list[str], records: RecordCleaner, options: BatchOptions, workers: int
) -> dict[str, frozenset[str]]:
    """Pass 1: each source's recurring line keys over all inputs."""
    partial = ordered_map(
        count_chunk,
        _inputs(files, records).chunks(options.chunk_size),
        workers=workers,
        initializer=set_up,
        initargs=(records, "jsonl"),
    )
    return reduce(LineCounts.merge, partial, LineCounts()).boilerplate()


@contextlib.contextmanager
def _sink(
    options: BatchOptions, stdout: IO[bytes], resumable: ResumableOutput | None
) -> Iterator[Sink]:
    if resumable is not None:
        try:
            yield resumable
        except BaseException:
            resumable.close()
            raise
        resumable.finish()
    elif options.output is None:
        yield JsonlSink(stdout)
        stdout.flush()
    elif is_directory_output(options.output):
        yield DirectorySink(options.output, _EXTENSIONS[options.output_format])
    else:
        with atomic_output(options.output) as stream:
            yield JsonlSink(stream)
