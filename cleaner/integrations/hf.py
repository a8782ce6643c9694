"""The cleaner in a Hugging Face ``datasets`` map (``pip install 'webcleaner[hf]'``)::

    from cleaner.integrations.hf import clean_batch, clean_features
    ds = datasets.load_dataset("json", data_files="crawl.jsonl", split="train")
    ds = ds.map(clean_batch, batched=True, num_proc=4, features=clean_features(ds.features))

The input columns stay; ``clean_batch`` adds ``clean_text``, ``clean_metadata`` (a struct of
the cleaner's metadata), ``clean_error`` (None, or why the row could not be cleaned) and,
with ``removed=True``, ``clean_removed`` (the removed lines, as the command's JSON lists
them). ``clean_features`` gives their types: without it, ``datasets`` infers each column's
type from the first batch a process writes, and a metadata field that is None in all of
that batch (a dateline, say) would fail the map when a later batch has one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any

from cleaner.document import Metadata, Removal
from cleaner.integrations import failure, missing_extra
from cleaner.pipeline import Cleaner

try:
    import datasets
    import pyarrow as pa
except ImportError as error:
    raise missing_extra(__name__, "datasets", "hf", error) from error

__all__ = ["clean_batch", "clean_features"]

_ON_ERROR = ("record", "fail")
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
}


def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a field annotated ``hint`` (a scalar, ``X | None`` or ``list[X]``)."""
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) == 1:
            return _arrow_type(kinds[0])
    if origin is list and len(args) == 1:
        return pa.list_(_arrow_type(args[0]))
    raise TypeError(f"no Arrow type for a field annotated {hint!r}")


def _struct_of(cls: type) -> pa.StructType:
    hints = typing.get_type_hints(cls)
    return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(cls)])


METADATA_TYPE = _struct_of(Metadata)
REMOVED_TYPE = pa.list_(_struct_of(Removal))


def clean_features(features: datasets.Features, *, removed: bool = False) -> datasets.Features:
    """``features`` (a dataset's) with the columns ``clean_batch`` adds, for ``map``'s
    ``features``; ``removed`` as given to ``clean_batch``."""
    columns = [
        ("clean_text", pa.string()),
        ("clean_metadata", METADATA_TYPE),
        ("clean_error", pa.string()),
        *((("clean_removed", REMOVED_TYPE),) if removed else ()),
    ]
    return datasets.Features(
        {**features, **datasets.Features.from_arrow_schema(pa.schema(columns))}
    )


def clean_batch(
    batch: Mapping[str, list[Any]],
    *,
    text_column: str = "text",
    url_column: str = "url",
    removed: bool = False,
    cleaner: Cleaner | None = None,
    on_error: str = "record",
    **options: Any,
) -> dict[str, list[Any]]:
    """The new columns for one batch of ``Dataset.map(clean_batch, batched=True)``.

    Each row's ``text_column`` (str or bytes, text or HTML) is cleaned with ``cleaner`` (the
    default rules if None; pass one with ``fn_kwargs``) and ``options`` of ``Cleaner.clean``;
    the row's ``url_column``, when the dataset has one, is its URL. A row that fails to clean
    gets its reason in ``clean_error`` and None in the other new columns, unless
    ``on_error="fail"``, which raises the error.
    """
    if on_error not in _ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(_ON_ERROR)}, not {on_error!r}")
    if text_column not in batch:
        raise KeyError(f"no column {text_column!r} (columns: {', '.join(batch)})")
    cleaner = cleaner or Cleaner.default()
    urls = batch.get(url_column) or [None] * len(batch[text_column])
    texts: list[str | None] = []
    metadata: list[dict[str, Any] | None] = []
    removals: list[list[dict[str, Any]] | None] = []
    errors: list[str | None] = []
    for data, url in zip(batch[text_column], urls, strict=True):
        try:
            doc = cleaner.clean(data, url=url if isinstance(url, str) else None, **options)
        except Exception as error:
            if on_error == "fail":
                raise
            texts.append(None)
            metadata.append(None)
            removals.append(None)
            errors.append(failure(error))
            continue
        texts.append(doc.text)
        metadata.append(doc.metadata.as_dict())
        removals.append([r.as_dict() for r in doc.removed] if removed else None)
        errors.append(None)
    columns: dict[str, list[Any]] = {
        "clean_text": texts,
        "clean_metadata": metadata,
        "clean_error": errors,
    }
    if removed:
        columns["clean_removed"] = removals
    return columns
