"""Corpora: many documents in (files, directories, globs; JSONL, WARC, WET), one record out
per document, in order, on all cores, with bounded memory and a count of everything."""

from __future__ import annotations

from cleaner.batch.records import ON_ERROR, Fields, RecordCleaner, RecordError
from cleaner.batch.run import BatchOptions, run_batch
from cleaner.batch.summary import Summary

__all__ = [
    "ON_ERROR",
    "BatchOptions",
    "Fields",
    "RecordCleaner",
    "RecordError",
    "Summary",
    "run_batch",
]
