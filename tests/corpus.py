"""Small corpora for the batch tests, composed from fixtures/articles: JSONL (plain, .gz,
.zst) and WARC/WET files written with warcio, as Common Crawl lays them out."""

from __future__ import annotations

import gzip
import html
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import FIXTURES

ARTICLE_DIRS = sorted(p for p in (FIXTURES / "articles").iterdir() if p.is_dir())


def article(n: int) -> tuple[str, str]:
    """Input text and expected clean text of the n-th fixture article (wrapping around)."""
    path = ARTICLE_DIRS[n % len(ARTICLE_DIRS)]
    expected = (path / "expected.txt").read_text("utf-8").removesuffix("\n")
    return (path / "input.txt").read_text("utf-8"), expected


def records(count: int, *, hosts: int = 3) -> list[dict[str, Any]]:
    """Records with an id, a URL on one of ``hosts`` hosts, an extra field and the text."""
    return [
        {
            "id": f"doc-{n}",
            "url": f"https://news{n % hosts}.example/story/{n}",
            "crawl": {"batch": 7, "lang_hint": None},
            "text": article(n)[0],
        }
        for n in range(count)
    ]


def write_lines(path: Path, lines: Iterable[bytes]) -> Path:
    """Write raw lines (each without its newline), compressed by the name's suffix."""
    data = b"".join(line + b"\n" for line in lines)
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> Path:
    return write_lines(path, (json.dumps(item, ensure_ascii=False).encode() for item in items))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def as_html(text: str, title: str = "Page") -> bytes:
    """A page around the article: head, script, navigation, one <p> per input line."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line)
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>"
        "<script>var tracking = {id: 1};</script><style>p {margin: 0}</style></head>"
        f"<body><main>\n{paragraphs}</main></body></html>"
    ).encode()


def write_warc(path: Path, entries: Iterable[tuple[str, str, bytes, str]]) -> Path:
    """Write WARC records: (kind, url, payload, content type), kind "response" (an HTTP
    response, preceded by its request record as a crawler writes it) or "conversion" (WET)."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for kind, url, payload, content_type in entries:
            if kind == "response":
                request = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "request", payload=io.BytesIO(b""), http_headers=request
                    )
                )
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(payload), http_headers=headers
                )
            else:
                record = writer.create_warc_record(
                    url,
                    "conversion",
                    payload=io.BytesIO(payload),
                    warc_content_type=content_type,
                )
            writer.write_record(record)
    return path
