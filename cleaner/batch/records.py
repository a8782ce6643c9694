"""One input record in, one output record out: the step shared by the local pool and Dask.

A record is a dict of fields (a JSONL object, a WARC record's headers, a Dask bag element).
The document is taken from the text field (or the HTML field); every field is passed through
and the cleaner's ``text``, ``metadata`` and optional ``removed`` are added. Anything wrong
with one record raises ``RecordError`` naming the file and line, so the caller can fail, skip
or record it without losing count.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cleaner.boilerplate import LineCounts
from cleaner.decoding import decode
from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.html.detect import looks_like_html
from cleaner.modes import Mode
from cleaner.pipeline import Cleaner

# What to do with a record that cannot be cleaned: stop, leave it out, or write it with an
# "error" field.
ON_ERROR = ("fail", "skip", "record")


class RecordError(CleanerError):
    """One input record cannot be cleaned; ``where`` is ``file:line`` (or empty)."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True, slots=True)
class Fields:
    """Which record fields hold the document, its id and its URL."""

    text: str = "text"
    html: str | None = None
    id: str = "id"
    url: str = "url"
    removed: bool = True
    markdown: bool = False  # add the clean body as Markdown ("markdown")


@dataclass(slots=True)
class Task:
    """A record as a reader found it, cheap to send to a worker.

    ``payload`` is the raw JSON line when ``fields`` is None (the worker parses it, so
    parsing is spread over the workers too); otherwise it is the document itself, text or
    HTML, and ``fields`` are the record's other fields (a WARC record's URL and id).

    A Task with a ``span`` stands for the lines between those byte offsets of the plain JSONL
    file ``source``, the first of them line ``line``: the worker reads them itself
    (``readers.span_records``), so that the records never pass through the main process.
    """

    source: str
    line: int
    payload: bytes | str
    fields: dict[str, Any] | None = None
    html: bool = False
    # The mode the record's kind implies (WHOLE_PAGE for a WET record's visible text), used
    # unless the options name another.
    mode: Mode | None = None
    error: str | None = None
    # Bytes of all the inputs (as stored) read when this record was: its progress point.
    position: int = 0
    # Not a record: the mark that every record of file ``source`` has been read (a resumable
    # run records that file as done once the mark comes out of the pool).
    file_end: bool = False
    span: tuple[int, int] | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


def parse_json_line(line: bytes | str, where: str) -> dict[str, Any]:
    """A JSONL line as a dict of fields; malformed JSON or a non-object is a RecordError."""
    try:
        value = json.loads(line)
    except UnicodeDecodeError as error:
        raise RecordError(where, f"undecodable bytes ({error.reason})") from None
    except json.JSONDecodeError as error:
        # json's messages may end in "at" ("Unterminated string starting at").
        at = " " if error.msg.endswith(" at") else " at "
        raise RecordError(where, f"malformed JSON ({error.msg}{at}column {error.colno})") from None
    if not isinstance(value, dict):
        raise RecordError(where, f"expected a JSON object, got {type(value).__name__}")
    return value


def document_of(record: Mapping[str, Any], fields: Fields, where: str) -> tuple[str | bytes, bool]:
    """The record's document and whether it is HTML: the HTML field if named and present,
    else the text field."""
    if fields.html is not None and record.get(fields.html) is not None:
        name, html = fields.html, True
    elif record.get(fields.text) is not None:
        name, html = fields.text, False
    else:
        wanted = " or ".join(repr(n) for n in (fields.html, fields.text) if n is not None)
        raise RecordError(where, f"no field {wanted}{_field_hint(record)}")
    value = record[name]
    if not isinstance(value, (str, bytes)):
        raise RecordError(where, f"field {name!r} is {type(value).__name__}, not a string")
    return value, html


INPUT_PREFIX = "input_"  # an input field the output replaces is kept under this prefix
CLEANER_PREFIX = "cleaner_"  # a cleaner metadata field whose name the input's metadata has


def with_input_fields(
    record: Mapping[str, Any], added: Mapping[str, Any], document_field: str | None = None
) -> dict[str, Any]:
    """The output record: every input field, with the cleaner's ``added`` fields (``text``,
    ``metadata``, ``removed``, or ``error``) merged in so that nothing of the input is lost.

    The document's own field, when it is ``text``, is replaced by the clean text. An input
    ``metadata`` object keeps all its keys: the cleaner's fields are added to it, and one
    whose name it already holds with another value is added as ``cleaner_<name>``. Any
    other input field the cleaner writes (``text`` when the document was elsewhere,
    ``metadata`` that is not an object, ``removed``, ``error``) is kept as ``input_<name>``.
    """
    out = dict(record)
    for name, value in added.items():
        if name not in out or name == document_field:
            out[name] = value
            continue
        given = out[name]
        if name == "metadata" and isinstance(given, dict) and isinstance(value, dict):
            out[name] = _merged_metadata(given, value)
            continue
        kept = INPUT_PREFIX + name
        while kept in out:  # taken as well (by an earlier run's output): input_input_...
            kept = INPUT_PREFIX + kept
        out[kept] = given
        out[name] = value
    return out


def _merged_metadata(given: Mapping[str, Any], found: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(given)
    for key, value in found.items():
        if key not in merged:
            merged[key] = value
        elif value is not None and merged[key] != value:
            merged[CLEANER_PREFIX + key] = value
    return merged


def _field_hint(record: Mapping[str, Any]) -> str:
    """Where the document may be instead: a field holding HTML, or the string fields."""
    strings = [name for name, value in record.items() if isinstance(value, str)]
    for name in strings:
        if looks_like_html(record[name][:65536]):
            return f"; field {name!r} holds HTML: give --html-field {name}"
    if strings:
        listed = ", ".join(repr(name) for name in strings[:10])
        return f"; its string fields: {listed} (--text-field NAME picks one)"
    return ""


def source_key(record: Mapping[str, Any], by: str, fields: Fields) -> str | None:
    """The source a record is counted under for cross-document boilerplate: the URL's host
    when ``by`` is "host", else the value of the field ``by``."""
    if by == "host":
        url = record.get(fields.url)
        return (urlsplit(url).hostname or None) if isinstance(url, str) else None
    value = record.get(by)
    return None if value is None else str(value)


def utf8_size(data: str | bytes) -> int:
    return len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class RecordCleaner:
    """Cleans records with one Cleaner, field mapping and (optional) boilerplate per source."""

    cleaner: Cleaner
    fields: Fields = Fields()
    options: Mapping[str, Any] | None = None
    boilerplate_by: str | None = None
    boilerplate: Mapping[str, frozenset[str]] | None = None

    def text_for_counting(self, data: str | bytes, html: bool) -> str:
        """The text whose lines ``clean`` compares with boilerplate keys: for a page, what
        its extractor keeps."""
        if html:
            from cleaner.html.page import read_page  # lxml: pages only

            page = read_page(data, input="html", rules=self.cleaner.rules.page)
            return page.text if page is not None else ""
        return decode(data)[0] if isinstance(data, bytes) else data

    def clean_document(
        self,
        data: str | bytes,
        *,
        html: bool,
        url: str | None,
        source: str | None,
        mode: Mode | None = None,
    ) -> Document:
        options: dict[str, Any] = dict(self.options or {})
        if html:
            options["input"] = "html"
        elif mode is not None:
            options.setdefault("mode", mode)
        if url is not None:
            options["url"] = url
        if self.boilerplate and source is not None and source in self.boilerplate:
            options["boilerplate"] = self.boilerplate[source]
        return self.cleaner.clean(data, **options)

    def clean(
        self,
        record: dict[str, Any],
        where: str = "",
        data: str | bytes | None = None,
        html: bool = False,
        mode: Mode | None = None,
    ) -> tuple[dict[str, Any], Document, int]:
        """The output record (input fields plus the cleaner's), the Document, and the size of
        the input document in bytes.

        ``data`` is the document when it is not one of the record's fields (a WARC payload);
        ``mode`` is the one the record's kind implies (see ``Task.mode``).
        """
        document_field = None  # the document is not a field (a WARC payload)
        if data is None:
            data, html = document_of(record, self.fields, where)
            document_field = self.fields.html if html else self.fields.text
        url = record.get(self.fields.url)
        source = (
            source_key(record, self.boilerplate_by, self.fields) if self.boilerplate_by else None
        )
        try:
            doc = self.clean_document(
                data,
                html=html,
                url=url if isinstance(url, str) else None,
                source=source,
                mode=mode,
            )
        except CleanerError as error:
            raise RecordError(where, str(error)) from None
        except Exception as error:  # a bug on one record is reported with it, not fatal to a run
            raise RecordError(where, f"internal error: {type(error).__name__}: {error}") from None
        cleaned = doc.as_dict(include_removed=self.fields.removed)
        if self.fields.markdown:
            cleaned = {"text": cleaned.pop("text"), "markdown": doc.markdown, **cleaned}
        return with_input_fields(record, cleaned, document_field), doc, utf8_size(data)

    def count(
        self,
        counts: LineCounts,
        record: Mapping[str, Any],
        where: str = "",
        data: str | bytes | None = None,
        html: bool = False,
    ) -> None:
        """Pass 1 of cross-document boilerplate: add the record's lines to ``counts``."""
        if self.boilerplate_by is None:
            return
        source = source_key(record, self.boilerplate_by, self.fields)
        if source is None:
            return
        if data is None:
            data, html = document_of(record, self.fields, where)
        counts.add(source, self.text_for_counting(data, html))
