"""Fault injection: good records with damaged ones mixed in, in every input format.

Every good record must come out exactly as from the undamaged corpus, every damaged one must
be counted as failed with its file and line (record number for WARC), and the exit status is
the documented one: 0 with the failures recorded, 1 with --on-error fail.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import article, as_html, records, write_jsonl, write_lines, write_warc
from tests.test_batch import batch
from tests.test_cli import run

HUGE_LINE = b"x" * 10_000_000  # a 10 MB line that is not JSON
BLOB = bytes(range(256)).replace(b"\n", b"").replace(b"\r", b"") * 8  # binary, one line


def _records(prefix: str, count: int) -> list[dict[str, Any]]:
    out = records(count)
    for record in out:
        record["id"] = f"{prefix}-{record['id']}"
    return out


def _lines(items: list[dict[str, Any]]) -> list[bytes]:
    return [json.dumps(item).encode() for item in items]


def _pages(host: str, count: int, kind: str = "response") -> list[tuple[str, str, bytes, str]]:
    if kind == "response":
        return [
            (kind, f"https://{host}/{n}", as_html(article(n)[0]), "text/html") for n in range(count)
        ]
    return [
        (kind, f"https://{host}/{n}", article(n)[0].encode(), "text/plain") for n in range(count)
    ]


def _build(root: Path, damaged: bool) -> dict[str, list[int] | None]:
    """The corpus under ``root``; with ``damaged``, the damage mixed in. Returns, per file
    name, the expected failing lines (None: "at least one, at the end of the file")."""
    root.mkdir()
    expected: dict[str, list[int] | None] = {}

    good = _lines(_records("plain", 4))
    if damaged:
        # invalid UTF-8, a 10 MB line, a binary blob, between good records
        lines = [good[0], b'{"id": "u", "text": "caf\xe9 \xff"}', good[1], HUGE_LINE, good[2]]
        write_lines(root / "a.jsonl", [*lines, BLOB, good[3]])
        expected["a.jsonl"] = [2, 4, 6]
    else:
        write_lines(root / "a.jsonl", good)

    for suffix in (".jsonl.gz", ".jsonl.zst"):
        path = write_jsonl(root / f"b{suffix}", _records(suffix, 6))
        if damaged:  # the file cut short inside its last record
            path.write_bytes(path.read_bytes()[:-40])
            expected[path.name] = None

    crawl = write_warc(root / "c.warc.gz", _pages("gz.example", 5))
    plain = write_warc(root / "d.warc", _pages("plain.example", 5))
    wet = write_warc(root / "e.warc.wet.gz", _pages("wet.example", 4, "conversion"))
    page = root / "f.html.gz"
    page.write_bytes(gzip.compress(as_html(article(7)[0])))
    if damaged:
        data = bytearray(crawl.read_bytes())
        members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
        middle = (members[5] + members[6]) // 2  # inside the third page's response
        data[middle : middle + 8] = b"\x00\xff" * 4
        crawl.write_bytes(bytes(data) + gzip.compress(b"WARC/1.0\r\nWARC-Type: resp")[:-12])
        expected[crawl.name] = [6, 11]
        text = plain.read_bytes()
        starts = [i for i in range(len(text)) if text.startswith(b"WARC/1.0\r\n", i)]
        at = text.index(b"Content-Length: ", starts[3])  # the second page's response
        end = text.index(b"\r\n", at)
        plain.write_bytes(text[:at] + b"Content-Length: 4000" + text[end:])
        expected[plain.name] = [4]
        wet.write_bytes(wet.read_bytes()[:-100])
        expected[wet.name] = None
        (root / "g.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + BLOB)
        (root / "h.txt.gz").write_bytes(gzip.compress(article(8)[0].encode())[:-30])
        expected["g.png"] = [1]
        expected["h.txt.gz"] = [1]
    return expected


def _key(record: dict[str, Any]) -> str:
    if "warc_date" in record:  # a WARC record: its id is random, its URL unique here
        return str(record["url"])
    return str(record.get("id") or record.get("source"))


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The record without what differs between two writes of one WARC (id and date)."""
    if "warc_date" in record:
        return {k: v for k, v in record.items() if k not in ("id", "warc_date")}
    return record


def test_damaged_records_fail_alone_in_every_format(tmp_path: Path) -> None:
    _build(tmp_path / "clean", damaged=False)
    expected = _build(tmp_path / "damaged", damaged=True)
    clean, clean_summary = batch([tmp_path / "clean"])
    assert clean_summary.failed == 0
    reference = {
        _key(r).replace("/clean/", "/damaged/"): {
            k: (v.replace("/clean/", "/damaged/") if k == "source" else v) for k, v in r.items()
        }
        for r in clean
    }
    out, summary = batch([tmp_path / "damaged"])
    assert summary.documents_in == summary.documents_out + summary.failed == len(out)
    failures = [r["error"]["where"] for r in out if "error" in r]
    assert summary.failed == len(failures)
    for name, lines in expected.items():
        path = str(tmp_path / "damaged" / name)
        found = [int(w.rsplit(":", 1)[1]) for w in failures if w.rsplit(":", 1)[0] == path]
        if lines is None:
            assert found, name
        else:
            assert found == lines, name
    assert len(failures) == sum(len(v) if v is not None else 1 for v in expected.values())
    kept = [r for r in out if "error" not in r]
    for record in kept:
        assert _comparable(record) == _comparable(reference[_key(record)]), _key(record)
    # Damage in the middle of a file loses no good record of it: only the damaged pages.
    keys = {_key(r) for r in kept}
    lost = {"https://gz.example/2", "https://plain.example/1"}
    for prefix in ("plain-", "https://gz.example/", "https://plain.example/"):
        wanted = {k for k in reference if k.startswith(prefix)} - lost
        assert wanted and wanted <= keys, prefix
    assert not lost & keys


def test_exit_status_with_damaged_records(tmp_path: Path) -> None:
    _build(tmp_path / "damaged", damaged=True)
    corpus = str(tmp_path / "damaged")
    result = run(corpus, "-o", str(tmp_path / "out.jsonl"), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert " failed" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    stop = run(corpus, "-o", str(tmp_path / "stop.jsonl"), "--on-error", "fail", "-q")
    assert stop.returncode == 1
    assert stop.stderr.decode().startswith(f"cleaner: {corpus}/a.jsonl:2: undecodable bytes")
    assert not (tmp_path / "stop.jsonl").exists()


@pytest.mark.parametrize("name", ["b.jsonl.zst", "b.jsonl.gz"])
def test_a_cut_compressed_jsonl_keeps_what_came_before(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, _records("x", 6))
    whole, _ = batch([path])
    path.write_bytes(path.read_bytes()[:-40])
    out, summary = batch([path])
    assert out[:-1] == whole[: len(out) - 1]
    if name.endswith(".gz"):  # zstd gives nothing of a cut block; gzip what came before
        assert len(out) >= 2
    assert summary.failed == 1 and out[-1]["error"]["where"] == f"{path}:{len(out)}"
