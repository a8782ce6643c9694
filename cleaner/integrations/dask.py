"""Cleaning on a Dask cluster, when one machine is not enough (``pip install 'webcleaner[dask]'``).

``clean_bag`` takes a bag of records (dicts, as a JSONL reader gives) or of documents (str or
bytes) and gives a bag of output records shaped like the ``cleaner`` command's JSONL output;
``clean_dataframe`` adds ``text``, ``metadata`` (a dict), ``removed`` (optional) and ``error``
columns to a data frame. The per-record work is the command's own, so the results are the
same as a single-machine run.

With ``boilerplate_by`` ("host" or a field/column name) the cross-document boilerplate pass
runs as two stages: each partition counts its sources' lines, the counts are merged into one
table of recurring lines, and that table (computed once) goes to every cleaning task.
The Cleaner goes into the graph once, so each worker receives it once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import reduce
from typing import Any

from cleaner.batch.records import Fields, RecordCleaner, RecordError
from cleaner.boilerplate import LineCounts
from cleaner.integrations import missing_extra
from cleaner.pipeline import Cleaner

try:
    import dask.bag
    import dask.dataframe
    import pandas as pd
    from dask.delayed import Delayed, delayed
except ImportError as error:
    raise missing_extra(__name__, "Dask", "dask", error) from error

__all__ = ["clean_bag", "clean_dataframe"]

_ON_ERROR = ("fail", "skip", "record")


def _record_cleaner(
    cleaner: Cleaner | None,
    fields: Fields,
    boilerplate_by: str | None,
    on_error: str,
    options: dict[str, Any],
) -> RecordCleaner:
    if on_error not in _ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(_ON_ERROR)}, not {on_error!r}")
    return RecordCleaner(cleaner or Cleaner.default(), fields, options or None, boilerplate_by)


def _split(element: Any) -> tuple[dict[str, Any], str | bytes | None]:
    """A bag element as record fields, and the document when the element is one."""
    if isinstance(element, (str, bytes)):
        return {}, element
    if isinstance(element, dict):
        return element, None
    raise RecordError("", f"expected a dict, str or bytes, not {type(element).__name__}")


def _where(record: dict[str, Any], fields: Fields) -> str:
    value = record.get(fields.id)
    return "" if value is None else f"{fields.id}={value}"


def _count_records(records: RecordCleaner, rows: Iterable[Any]) -> LineCounts:
    counts = LineCounts()
    for row in rows:
        try:
            record, data = _split(row)
            records.count(counts, record, _where(record, records.fields), data)
        except RecordError:
            continue  # reported by the cleaning stage
    return counts


def _recurring(*partials: LineCounts) -> dict[str, frozenset[str]]:
    return reduce(LineCounts.merge, partials, LineCounts()).boilerplate()


def _clean_one(records: RecordCleaner, row: Any, on_error: str) -> dict[str, Any] | None:
    record: dict[str, Any] = {}
    try:
        record, data = _split(row)
        return records.clean(record, _where(record, records.fields), data)[0]
    except RecordError as error:
        if on_error == "fail":
            raise
        if on_error == "skip":
            return None
        return {**record, "error": {"where": error.where, "message": error.problem}}


def _clean_partition(
    rows: Iterable[Any],
    records: RecordCleaner,
    boilerplate: dict[str, frozenset[str]] | None,
    on_error: str,
) -> list[dict[str, Any]]:
    if boilerplate is not None:
        records = dataclasses.replace(records, boilerplate=boilerplate)
    out = (_clean_one(records, row, on_error) for row in rows)
    return [record for record in out if record is not None]


def clean_bag(
    bag: dask.bag.Bag,
    *,
    cleaner: Cleaner | None = None,
    text_field: str = "text",
    html_field: str | None = None,
    id_field: str = "id",
    url_field: str = "url",
    removed: bool = True,
    boilerplate_by: str | None = None,
    on_error: str = "record",
    **options: Any,
) -> dask.bag.Bag:
    """A bag of output records, one per element (``on_error="skip"`` leaves bad ones out,
    "fail" raises RecordError); ``options`` go to ``Cleaner.clean``."""
    fields = Fields(text_field, html_field, id_field, url_field, removed)
    records = _record_cleaner(cleaner, fields, boilerplate_by, on_error, options)
    shared = delayed(records, pure=True)
    boilerplate: Delayed | None = None
    if boilerplate_by is not None:
        partials = [delayed(_count_records)(shared, part) for part in bag.to_delayed()]
        boilerplate = delayed(_recurring)(*partials)
    cleaned: dask.bag.Bag = bag.map_partitions(_clean_partition, shared, boilerplate, on_error)
    return cleaned


def _clean_frame(
    frame: pd.DataFrame,
    records: RecordCleaner,
    boilerplate: dict[str, frozenset[str]] | None,
    on_error: str,
) -> pd.DataFrame:
    if boilerplate is not None:
        records = dataclasses.replace(records, boilerplate=boilerplate)
    columns: dict[str, list[Any]] = {"text": [], "metadata": [], "error": []}
    if records.fields.removed:
        columns["removed"] = []
    keep: list[bool] = []
    for row in frame.to_dict("records"):
        result = _clean_one(records, {str(k): v for k, v in row.items()}, on_error)
        keep.append(result is not None)
        if result is None:
            continue
        error = result.get("error")
        for name, values in columns.items():
            if name == "error":
                values.append(None if error is None else f"{error['where']}: {error['message']}")
            else:
                values.append(None if error is not None else result[name])
    out = frame.loc[keep].copy()
    for name, values in columns.items():
        out[name] = pd.Series(values, index=out.index, dtype=object)
    return out


def clean_dataframe(
    ddf: dask.dataframe.DataFrame,
    *,
    column: str = "text",
    cleaner: Cleaner | None = None,
    html_column: str | None = None,
    id_column: str = "id",
    url_column: str = "url",
    removed: bool = False,
    boilerplate_by: str | None = None,
    on_error: str = "record",
    **options: Any,
) -> dask.dataframe.DataFrame:
    """``ddf`` with the clean ``text`` (replacing ``column`` if it is "text"), ``metadata``,
    ``error`` (None or "where: problem") and, with ``removed=True``, ``removed`` columns."""
    fields = Fields(column, html_column, id_column, url_column, removed)
    records = _record_cleaner(cleaner, fields, boilerplate_by, on_error, options)
    shared = delayed(records, pure=True)
    boilerplate: Delayed | None = None
    if boilerplate_by is not None:
        partials = [
            delayed(_count_records)(shared, delayed(_rows)(part)) for part in ddf.to_delayed()
        ]
        boilerplate = delayed(_recurring)(*partials)
    meta = ddf._meta.copy()
    for name in ("text", "metadata", "error", *(("removed",) if removed else ())):
        meta[name] = pd.Series(dtype=object)
    cleaned: dask.dataframe.DataFrame = ddf.map_partitions(
        _clean_frame, shared, boilerplate, on_error, meta=meta
    )
    return cleaned


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
