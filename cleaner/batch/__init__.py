"""Corpora: many documents in (files, directories, globs; JSONL, WARC, WET), one record out
per document, in order, on all cores, with bounded memory and a count of everything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.batch.records import ON_ERROR, Fields, RecordCleaner, RecordError
    from cleaner.batch.run import BatchOptions, run_batch
    from cleaner.batch.summary import Summary

# Imported when first named: the command imports this package for its options, and a run
# that cleans one file should not pay for the batch machinery.
_EXPORTS = {
    "ON_ERROR": "records",
    "Fields": "records",
    "RecordCleaner": "records",
    "RecordError": "records",
    "BatchOptions": "run",
    "run_batch": "run",
    "Summary": "summary",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner.batch' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"cleaner.batch.{module}"), name)


__all__ = [
    "ON_ERROR",
    "BatchOptions",
    "Fields",
    "RecordCleaner",
    "RecordError",
    "Summary",
    "run_batch",
]
