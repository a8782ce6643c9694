"""Batch cleaning in the library: every input and output format, order, bad records, atomic
output, cross-document boilerplate, and ``Cleaner.clean_many``."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError
from cleaner.batch import (
    BatchOptions,
    Fields,
    RecordCleaner,
    RecordError,
    Summary,
    readers,
    run_batch,
)
from cleaner.batch.worker import Outcome
from cleaner.batch.writers import atomic_output
from cleaner.boilerplate import LineCounts
from tests.corpus import (
    article,
    as_html,
    read_jsonl,
    records,
    write_jsonl,
    write_lines,
    write_warc,
)


def batch(
    inputs: list[Path | str],
    output: Path | str | None = None,
    *,
    fields: Fields | None = None,
    boilerplate_by: str | None = None,
    clean_options: dict[str, Any] | None = None,
    **options: Any,
) -> tuple[list[dict[str, Any]], Summary]:
    """Run a batch on one worker; the output records (from ``output`` or stdout)."""
    cleaner = RecordCleaner(
        Cleaner.default(), fields or Fields(), clean_options, boilerplate_by=boilerplate_by
    )
    stdout = io.BytesIO()
    target = None if output is None else str(output)
    opts = BatchOptions(workers=options.pop("workers", 1), output=target, **options)
    summary = run_batch([str(i) for i in inputs], cleaner, opts, stdout)
    if output is None:
        return [json.loads(line) for line in stdout.getvalue().splitlines()], summary
    if Path(output).is_dir():
        return [], summary
    return read_jsonl(Path(output)), summary


def expected_record(record: dict[str, Any]) -> dict[str, Any]:
    doc = Cleaner.default().clean(record["text"], url=record.get("url"))
    return {**record, **doc.as_dict()}


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_round_trip_passes_fields_through(tmp_path: Path, suffix: str) -> None:
    inputs = records(5)
    path = write_jsonl(tmp_path / f"in{suffix}", inputs)
    out, summary = batch([path], tmp_path / f"out{suffix}")
    assert out == [expected_record(r) for r in inputs]
    assert [r["text"] for r in out] == [article(n)[1] for n in range(5)]
    assert (summary.documents_in, summary.documents_out, summary.failed) == (5, 5, 0)
    assert summary.removals and summary.bytes_removed > 0


def test_field_mapping_and_no_removed(tmp_path: Path) -> None:
    inputs = [{"key": n, "link": f"https://a.example/{n}", "body": article(n)[0]} for n in range(2)]
    path = write_jsonl(tmp_path / "in.jsonl", inputs)
    fields = Fields(text="body", id="key", url="link", removed=False)
    out, _ = batch([path], fields=fields)
    assert [set(r) for r in out] == [{"key", "link", "body", "text", "metadata"}] * 2
    assert out[1]["text"] == article(1)[1]
    assert out[1]["body"] == inputs[1]["body"]
    assert out[1]["metadata"]["url"] == "https://a.example/1"


def test_html_field_is_used_when_present(tmp_path: Path) -> None:
    text, expected = article(0)
    inputs = [{"id": 1, "html": as_html(text).decode(), "text": "unused"}, {"id": 2, "text": text}]
    out, _ = batch([write_jsonl(tmp_path / "in.jsonl", inputs)], fields=Fields(html="html"))
    assert "tracking" not in out[0]["text"]
    body = [line for line in expected.split("\n\n") if len(line.split()) > 12]
    assert body and all(line in out[0]["text"] for line in body)
    assert out[1]["text"] == expected


def test_warc_html_responses_become_records(tmp_path: Path) -> None:
    text, expected = article(2)
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("response", "https://a.example/story", as_html(text), "text/html; charset=utf-8"),
            ("response", "https://a.example/logo.png", b"\x89PNG....", "image/png"),
        ],
    )
    out, summary = batch([path])
    assert len(out) == 1 and summary.documents_in == 1
    assert summary.ignored == 3  # two request records and the image
    record = out[0]
    assert record["url"] == "https://a.example/story"
    assert record["id"].startswith("<urn:uuid:") and record["warc_date"]
    assert record["metadata"]["url"] == "https://a.example/story"
    body = [line for line in expected.split("\n\n") if len(line.split()) > 12]
    assert body and all(line in record["text"] for line in body)
    assert "tracking" not in record["text"]


# A short page dump: too few lines for mode "auto" to take it for a whole page.
SHORT_PAGE = "\n".join(
    [
        "Home",
        "World",
        "Sport",
        "Harbour council approves new ferry timetable",
        "The council voted on Tuesday to extend the evening ferry service to the islands, after"
        " two years of complaints from commuters who work late shifts.",
        "Under the new timetable the last boat will leave at half past eleven, ninety minutes"
        " later than now, and two crossings will be added on Saturdays.",
        "Most read",
        "Privacy policy",
        "Terms of use",
    ]
)


def page_rules(removed: list[dict[str, Any]]) -> list[str]:
    return [r["rule"] for r in removed if r["rule"].startswith("page.")]


@pytest.mark.parametrize("name", ["crawl.warc.wet.gz", "crawl.wet"])
def test_wet_text_records_are_cleaned_as_whole_pages(tmp_path: Path, name: str) -> None:
    entries = [
        ("conversion", f"https://b.example/{n}", SHORT_PAGE.encode(), "text/plain")
        for n in range(2)
    ]
    out, summary = batch([write_warc(tmp_path / name, entries)])
    cleaner = Cleaner.default()
    assert not any(r.rule.startswith("page.") for r in cleaner.clean(SHORT_PAGE).removed)
    as_page = cleaner.clean(SHORT_PAGE, mode="page").as_dict()
    assert [r["text"] for r in out] == [as_page["text"]] * 2
    assert page_rules(out[0]["removed"]) == page_rules(as_page["removed"]) != []
    assert [r["url"] for r in out] == [f"https://b.example/{n}" for n in range(2)]
    assert summary.ignored == 0


def test_a_mode_given_to_the_batch_wins_over_the_wet_default(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "c.wet", [("conversion", "https://b.example/", SHORT_PAGE.encode(), "")]
    )
    out, _ = batch([path], clean_options={"mode": "article"})
    expected = Cleaner.default().clean(SHORT_PAGE.encode(), mode="article").as_dict()
    assert (out[0]["text"], out[0]["removed"]) == (expected["text"], expected["removed"])
    assert page_rules(out[0]["removed"]) == []


def test_directories_globs_and_text_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(article(0)[0], encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text(article(1)[0], encoding="utf-8")
    (corpus / ".hidden.txt").write_text("not read", encoding="utf-8")
    write_jsonl(corpus / "sub" / "c.jsonl", records(2))
    out, _ = batch([corpus])
    assert [r.get("source", r.get("id")) for r in out] == [
        str(corpus / "a.txt"),
        str(corpus / "sub" / "b.txt"),
        "doc-0",
        "doc-1",
    ]
    assert out[0]["text"] == article(0)[1]
    globbed, _ = batch([str(corpus / "**" / "*.txt")])
    assert [r["source"] for r in globbed] == [str(corpus / "a.txt"), str(corpus / "sub" / "b.txt")]
    with pytest.raises(InputError, match=r"nothing\*\.jsonl: no file matches"):
        batch([str(tmp_path / "nothing*.jsonl")])


@pytest.mark.parametrize(("output_format", "extension"), [("text", "txt"), ("json", "json")])
def test_directory_output_one_file_per_record(
    tmp_path: Path, output_format: str, extension: str
) -> None:
    inputs = records(3)
    inputs[1]["id"] = "a/b c"
    path = write_jsonl(tmp_path / "in.jsonl", inputs)
    out_dir = tmp_path / "out"
    batch([path], f"{out_dir}/", output_format=output_format)
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        f"00000001-doc-0.{extension}",
        f"00000002-a_b_c.{extension}",
        f"00000003-doc-2.{extension}",
    ]
    first = (out_dir / names[0]).read_text("utf-8")
    if output_format == "text":
        assert first == article(0)[1] + "\n"
    else:
        assert json.loads(first) == expected_record(inputs[0])


def test_order_is_kept_with_two_workers(tmp_path: Path) -> None:
    inputs = records(40)
    path = write_jsonl(tmp_path / "in.jsonl", inputs)
    parallel, _ = batch([path], tmp_path / "two.jsonl", workers=2, chunk_size=3)
    serial, _ = batch([path], tmp_path / "one.jsonl")
    assert [r["id"] for r in parallel] == [r["id"] for r in inputs]
    assert parallel == serial


BAD_LINES = {
    "malformed JSON": b'{"id": 1, "text": "unterminated',
    "undecodable bytes": b'{"id": 2, "text": "caf\xe9 \xff"}',
    "expected a JSON object, got list": b'["not", "an", "object"]',
    "no field 'text'": b'{"id": 4, "body": "the text is elsewhere"}',
    "field 'text' is int, not a string": b'{"id": 5, "text": 42}',
}


def _corpus_with_bad_lines(tmp_path: Path) -> tuple[Path, list[int]]:
    good = [json.dumps(r).encode() for r in records(3)]
    lines = [good[0], *BAD_LINES.values(), good[1], b"", good[2]]
    bad_numbers = [2, 3, 4, 5, 6]
    return write_lines(tmp_path / "mixed.jsonl", lines), bad_numbers


def test_each_bad_record_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path, bad_numbers = _corpus_with_bad_lines(tmp_path)
    out, summary = batch([path], tmp_path / "out.jsonl")
    assert len(out) == 8 == summary.documents_in
    assert (summary.documents_out, summary.failed) == (3, 5)
    errors = [r["error"] for r in out if "error" in r]
    assert [e["where"] for e in errors] == [f"{path}:{n}" for n in bad_numbers]
    for error, problem in zip(errors, BAD_LINES, strict=True):
        assert error["message"].startswith(problem)
    assert out[4] == {"id": 4, "body": "the text is elsewhere", "error": errors[3]}
    assert [r["id"] for r in out if "error" not in r] == ["doc-0", "doc-1", "doc-2"]


@pytest.mark.parametrize(("workers", "chunk_size"), [(1, 2), (2, 2), (2, 32)])
def test_chunks_of_good_records_count_and_write_as_records_one_by_one(
    tmp_path: Path, workers: int, chunk_size: int
) -> None:
    # A worker joins a chunk of good records into one write and one count; a chunk with a
    # bad record goes record by record. Either way: the same lines and the same summary.
    path, _ = _corpus_with_bad_lines(tmp_path)
    more = write_jsonl(tmp_path / "more.jsonl", records(7))
    one_by_one, expected = batch([path, more], tmp_path / "one.jsonl", chunk_size=1)
    out, summary = batch(
        [path, more], tmp_path / "out.jsonl", workers=workers, chunk_size=chunk_size
    )
    assert out == one_by_one
    assert summary == expected
    assert (summary.documents_in, summary.failed) == (15, 5)


def test_summaries_merge_into_the_summary_of_all_their_outcomes() -> None:
    outcomes = [
        Outcome("a:1", bytes_in=10, text_in=8, bytes_out=5, removals=Counter(ad=2)),
        Outcome("a:2", error="malformed JSON"),
        Outcome("a:3", bytes_in=7, text_in=7, bytes_out=7, removals=Counter(ad=1, footer=1)),
        Outcome("a:4", error="no field 'text'"),
    ]
    whole, first, second = (Summary(max_errors_kept=1) for _ in range(3))
    for outcome in outcomes:
        whole.add(outcome)
    for outcome in outcomes[:2]:
        first.add(outcome)
    for outcome in outcomes[2:]:
        second.add(outcome)
    first.merge(second)
    assert first == whole
    assert (whole.documents_out, whole.failed, whole.removals) == (2, 2, Counter(ad=3, footer=1))
    assert whole.errors == ["a:2: malformed JSON"]


def _awkward_jsonl(tmp_path: Path) -> Path:
    """Bad lines, blank lines, a CRLF line, lines longer than a read block of the test, and
    a last line without its newline: 12 lines."""
    path, _ = _corpus_with_bad_lines(tmp_path)  # 9 lines
    good = [json.dumps(r).encode() for r in records(5)]
    path.write_bytes(path.read_bytes() + b"  \n" + good[3] + b"\r\n" + good[4])
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_spans_of_a_plain_file_read_by_the_workers_equal_the_lines_read_here(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _awkward_jsonl(tmp_path)
    monkeypatch.setattr(readers, "SPAN_BLOCK", 100)  # lines longer than a block, too
    spans = list(readers.Inputs([str(path)]).tasks(3))
    assert all(task.span for task in spans)
    assert [task.line for task in spans] == [1, 4, 7, 10]
    assert (
        b"".join(path.read_bytes()[task.span[0] : task.span[1]] for task in spans if task.span)
        == path.read_bytes()
    )
    by_spans, summary = batch([path], tmp_path / "spans.jsonl", workers=workers, chunk_size=3)
    monkeypatch.setattr(readers, "_is_plain_file", lambda name: False)
    by_lines, expected = batch([path], tmp_path / "lines.jsonl", workers=workers, chunk_size=3)
    assert by_spans == by_lines
    assert summary == expected
    assert [r.get("error", {}).get("where") for r in by_lines][:3] == [
        None,
        f"{path}:2",
        f"{path}:3",
    ]


def test_a_span_of_a_file_cut_since_is_one_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", records(4))
    (span,) = readers.Inputs([str(path)]).tasks(10)
    path.write_bytes(path.read_bytes()[:100])
    (error,) = readers.span_records(span)
    assert (error.where, error.error) == (
        f"{path}:1",
        "unreadable input (the file changed while it was read)",
    )


def test_skip_leaves_bad_records_out_but_counts_them(tmp_path: Path) -> None:
    path, _ = _corpus_with_bad_lines(tmp_path)
    out, summary = batch([path], tmp_path / "out.jsonl", on_error="skip")
    assert [r["id"] for r in out] == ["doc-0", "doc-1", "doc-2"]
    assert summary.documents_in == summary.documents_out + summary.failed == 8
    assert len(summary.errors) == 5


def test_fail_stops_at_the_first_bad_record_and_writes_nothing(tmp_path: Path) -> None:
    path, _ = _corpus_with_bad_lines(tmp_path)
    output = tmp_path / "out.jsonl"
    with pytest.raises(RecordError) as raised:
        batch([path], output, on_error="fail")
    assert raised.value.where == f"{path}:2"
    assert str(raised.value).startswith(f"{path}:2: malformed JSON")
    assert os.listdir(tmp_path) == ["mixed.jsonl"]


def test_lone_surrogates_are_escaped_not_fatal(tmp_path: Path) -> None:
    line = r'{"id": 1, "note": "\udc00", "text": "A council met on Monday. \ud800"}'
    path = write_lines(tmp_path / "in.jsonl", [line.encode()])
    out, summary = batch([path], tmp_path / "out.jsonl")
    assert summary.documents_out == 1
    assert out[0]["note"] == "\udc00"


def test_a_truncated_gzip_file_reports_where_it_broke(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl.gz", records(20))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    out, summary = batch([path])
    assert summary.failed == 1 and summary.documents_out == len(out) - 1 > 0
    assert out[-1]["error"]["where"] == f"{path}:{len(out)}"
    assert out[-1]["error"]["message"].startswith("unreadable input")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=30),
            st.dictionaries(st.sampled_from(["text", "id", "url"]), st.text(max_size=30)).map(
                lambda d: json.dumps(d).encode()
            ),
        ),
        max_size=12,
    )
)
def test_no_record_is_ever_dropped(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    with tempfile.TemporaryDirectory() as directory:
        path = write_lines(Path(directory) / "in.jsonl", lines)
        for on_error in ("record", "skip"):
            out, summary = batch([path], on_error=on_error)
            expected_in = sum(1 for line in lines if line.strip())
            assert summary.documents_in == expected_in
            assert summary.documents_in == summary.documents_out + summary.failed
            assert len(out) == (expected_in if on_error == "record" else summary.documents_out)


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl.gz"
    target.write_bytes(gzip.compress(b"previous complete output\n"))
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as stream:
        stream.write(b"half a record")
        raise KeyboardInterrupt
    assert os.listdir(tmp_path) == ["out.jsonl.gz"]
    assert gzip.decompress(target.read_bytes()) == b"previous complete output\n"


def test_boilerplate_by_host_equals_the_two_pass_api(tmp_path: Path) -> None:
    nav = "Home | World | Business | Sport | Culture"
    footer = "© 2025 Example Media Group. All rights reserved."
    inputs = records(12)
    for record in inputs:
        record["text"] = f"{nav}\n\n{record['text']}\n\n{footer}"
    path = write_jsonl(tmp_path / "in.jsonl", inputs)
    out, _ = batch([path], boilerplate_by="host", workers=2, chunk_size=5)

    counts = LineCounts()
    for record in inputs:
        counts.add(record["url"].split("/")[2], record["text"])
    found = counts.boilerplate()
    cleaner = Cleaner.default()
    expected = [
        cleaner.clean(r["text"], url=r["url"], boilerplate=found[r["url"].split("/")[2]]).text
        for r in inputs
    ]
    assert [r["text"] for r in out] == expected
    assert all(
        any(x["rule"] == "boilerplate" and x["text"] == footer for x in r["removed"]) for r in out
    )


def test_boilerplate_needs_files_not_stdin() -> None:
    with pytest.raises(InputError, match="stdin"):
        batch(["-"], boilerplate_by="host")


def test_clean_many_keeps_order_and_equals_clean() -> None:
    cleaner = Cleaner.default()
    texts = [article(n)[0] for n in range(30)]
    texts[3] = texts[3].encode("cp1252", errors="replace")  # type: ignore[call-overload]
    serial = [d.as_dict() for d in cleaner.clean_many(texts, language="en")]
    parallel = [d.as_dict() for d in cleaner.clean_many(texts, workers=2, language="en")]
    assert parallel == serial == [cleaner.clean(t, language="en").as_dict() for t in texts]
    assert [d["text"] for d in serial][:2] == [article(0)[1], article(1)[1]]


def _run_script(tmp_path: Path, source: str) -> subprocess.CompletedProcess[bytes]:
    script = tmp_path / "unguarded.py"
    script.write_text(source, encoding="utf-8")
    # The timeout only guards the test run against the hang the spawned case is about.
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, timeout=300, check=False
    )


UNGUARDED_CLEAN = (
    "from cleaner import Cleaner\n"
    "docs = list(Cleaner.default().clean_many(['A council met.'] * 40, workers=2))\n"
    "print(len(docs))\n"
)


def test_clean_many_without_a_main_guard_fails_at_once_when_workers_are_spawned(
    tmp_path: Path,
) -> None:
    # A thread running makes forking unsafe: the workers are spawned, and each imports the
    # script again.
    waiting = (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
    )
    result = _run_script(tmp_path, waiting + UNGUARDED_CLEAN)
    assert result.returncode == 1
    last = result.stderr.decode().strip().splitlines()[-1]
    assert last.startswith("RuntimeError: a worker process ended abruptly")
    assert 'if __name__ == "__main__":' in last


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_forked_workers_need_no_main_guard(tmp_path: Path) -> None:
    result = _run_script(tmp_path, UNGUARDED_CLEAN)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == ["40"]


def _six_pages(tmp_path: Path, name: str) -> tuple[Path, list[dict[str, Any]]]:
    entries = [
        ("response", f"https://a.example/{n}", as_html(article(n)[0]), "text/html")
        for n in range(6)
    ]
    path = write_warc(tmp_path / name, entries)
    whole, _ = batch([path])
    return path, whole


def _assert_whole_or_failed(
    out: list[dict[str, Any]], whole: list[dict[str, Any]], path: Path
) -> list[dict[str, Any]]:
    """Every record of ``out`` is a record of the undamaged run or a failure naming the file
    and a byte offset; the failures are returned."""
    by_url = {r["url"]: r for r in whole}
    failed = [r for r in out if "error" in r]
    for record in out:
        if "error" in record:
            assert record["error"]["where"].startswith(f"{path}:")
            assert "damaged WARC record at byte " in record["error"]["message"]
        else:
            assert record == by_url[record["url"]]
    return failed


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
@pytest.mark.parametrize("cut", [500, 1000, 2000, 3000, 5000, 8000])
def test_a_truncated_warc_fails_its_cut_record_never_a_half_page(
    tmp_path: Path, name: str, cut: int
) -> None:
    path, whole = _six_pages(tmp_path, name)
    cut_path = tmp_path / f"cut-{name}"
    cut_path.write_bytes(path.read_bytes()[:cut])
    out, summary = batch([cut_path])
    failed = _assert_whole_or_failed(out, whole, cut_path)
    assert len(failed) == summary.failed == 1
    assert "cut short" in failed[0]["error"]["message"]
    assert summary.documents_in == summary.documents_out + 1 == len(out)


def _rewrite_header(data: bytes, record: int, old: bytes, new: bytes) -> bytes:
    """``data`` (an uncompressed WARC) with header ``old`` of the record-th record (1 = the
    first) replaced by ``new``."""
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)]
    start = starts[record - 1]
    at = data.index(old, start)
    end = data.index(b"\r\n", at)
    return data[:at] + new + data[end:]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (b"Content-Length:", b"Content-Length: 99999", "cut short"),
        (b"Content-Length:", b"Content-Length: 4000", "does not end with CRLF CRLF"),
        (b"WARC-Date:", b"X-Nothing: 1", "WARC header WARC-Date missing"),
    ],
)
def test_a_damaged_record_in_a_plain_warc_fails_alone(
    tmp_path: Path, old: bytes, new: bytes, problem: str
) -> None:
    path, whole = _six_pages(tmp_path, "crawl.warc")
    data = _rewrite_header(path.read_bytes(), 4, old, new)  # the second page's response
    path.write_bytes(data)
    out, summary = batch([path])
    failed = _assert_whole_or_failed(out, whole, path)
    assert [r["error"]["where"] for r in failed] == [f"{path}:4"]
    assert problem in failed[0]["error"]["message"]
    if problem != "cut short":  # 99999 bytes reach the end of the file: nothing after it
        assert summary.documents_out == 5


def test_a_corrupt_gzip_member_fails_alone(tmp_path: Path) -> None:
    path, whole = _six_pages(tmp_path, "crawl.warc.gz")
    data = bytearray(path.read_bytes())
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    middle = (members[3] + members[4]) // 2  # inside the second page's response
    data[middle : middle + 8] = b"\x00\xff" * 4
    path.write_bytes(bytes(data))
    out, summary = batch([path])
    failed = _assert_whole_or_failed(out, whole, path)
    assert len(failed) == 1 and failed[0]["error"]["where"] == f"{path}:4"
    assert f"at byte {members[3]}" in failed[0]["error"]["message"]
    assert summary.documents_out == 5


def test_no_input_field_is_lost(tmp_path: Path) -> None:
    text = article(0)[0]
    datatrove = {
        "text": text,
        "id": "dt-1",
        "metadata": {"dump": "CC-MAIN-2024-10", "token_count": 812, "language": "xx", "url": None},
    }
    odd = {"id": "odd-2", "text": text, "metadata": "crawl 7", "removed": [1, 2], "error": 0}
    page = {"id": "html-3", "html": as_html(text).decode(), "text": "a summary"}
    path = write_jsonl(tmp_path / "in.jsonl", [datatrove, odd, page])
    out, _ = batch([path], fields=Fields(html="html"))
    clean = Cleaner.default().clean(text).as_dict()
    meta = out[0]["metadata"]
    assert {k: meta[k] for k in ("dump", "token_count", "language", "url")} == {
        "dump": "CC-MAIN-2024-10",
        "token_count": 812,
        "language": "xx",
        "url": None,
    }
    assert meta["cleaner_language"] == "en" and "cleaner_url" not in meta
    assert meta["title"] == clean["metadata"]["title"] and out[0]["text"] == clean["text"]
    assert out[1]["input_metadata"] == "crawl 7" and out[1]["metadata"] == clean["metadata"]
    assert out[1]["input_removed"] == [1, 2] and out[1]["removed"] == clean["removed"]
    assert out[1]["error"] == 0  # an input field the clean record does not write
    assert out[2]["input_text"] == "a summary" and out[2]["html"] == page["html"]


def test_an_error_record_keeps_the_input_error_field_and_hints_at_html(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": 1, "error": "crawler timeout", "html": as_html("Hi").decode()}],
    )
    out, _ = batch([path])
    assert out[0]["input_error"] == "crawler timeout"
    assert (
        out[0]["error"]["message"]
        == "no field 'text'; field 'html' holds HTML: give --html-field html"
    )


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_outputs_get_the_mode_the_umask_gives(tmp_path: Path, umask: int) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", records(1))
    previous = os.umask(umask)
    try:
        batch([path], tmp_path / "out.jsonl.gz")
        batch([path], f"{tmp_path / 'dir'}/")
    finally:
        os.umask(previous)
    for output in (tmp_path / "out.jsonl.gz", tmp_path / "dir" / "00000001-doc-0.json"):
        assert output.stat().st_mode & 0o777 == 0o666 & ~umask


def test_one_renderer_escapes_lone_surrogates() -> None:
    from cleaner.output import render_json

    assert render_json({"a": "\ud800 \u2028 é"}) == '{"a": "\\ud800 \\u2028 \\u00e9"}'
    assert render_json({"a": "é\u2029"}) == '{"a": "é\\u2029"}'


def test_progress_counts_documents_done_not_bytes_read_ahead(tmp_path: Path) -> None:
    text = article(0)[0]
    inputs = [{"id": f"{n:04d}", "text": text} for n in range(40)]  # all of one size
    path = write_jsonl(tmp_path / "in.jsonl", inputs)
    stream = io.StringIO()
    batch([path], workers=2, chunk_size=1, progress=stream, progress_interval=0.0)
    lines = [line for line in stream.getvalue().split("\r") if line]
    assert lines[-1].rstrip().startswith("40 docs") and "100%" in lines[-1]
    for line in lines:
        documents = int(line.split()[0])
        share = int(line.split("%")[0].split()[-1])
        assert abs(share - 100 * documents / 40) <= 100 / 40 + 1, line


def test_removed_share_is_of_text_not_of_html(tmp_path: Path) -> None:
    text = article(1)[0]
    path = write_jsonl(tmp_path / "in.jsonl", [{"html": as_html(text).decode()}])
    out, summary = batch([path], fields=Fields(html="html"))
    doc = Cleaner.default().clean(as_html(text), input="html")
    text_in = len("\n\n".join(line for line in doc.lines if line).encode())
    assert summary.bytes_in == len(as_html(text))
    assert summary.text_in == text_in < summary.bytes_in
    assert summary.bytes_removed == text_in - len(out[0]["text"].encode())
    share = round(100 * summary.bytes_removed / text_in)
    assert f"MB removed ({share}%)" in summary.report()


def test_malformed_json_keeps_its_line_bounded(tmp_path: Path) -> None:
    long = b'{"id": 9, "text": "' + b"x" * 5000
    path = tmp_path / "in.jsonl"
    path.write_bytes(long + b"\n[1, 2]\n" + b'{"id": 1, "text": "cut')  # no newline at the end
    out, _ = batch([path])
    errors = [r["error"] for r in out]
    assert errors[0]["line"] == long[:1000].decode() + "…"
    assert errors[1]["line"] == "[1, 2]"
    assert errors[2]["line"] == '{"id": 1, "text": "cut'
    assert errors[2]["message"] == "malformed JSON (Unterminated string starting at column 19)"


def test_error_records_in_directory_output(tmp_path: Path) -> None:
    path, _ = _corpus_with_bad_lines(tmp_path)
    out_dir = tmp_path / "out"
    batch([path], f"{out_dir}/", output_format="text")
    names = sorted(p.name for p in out_dir.iterdir())
    assert names[:6] == [
        "00000001-doc-0.txt",
        "00000002.error.json",
        "00000003.error.json",
        "00000004.error.json",
        "00000005-4.error.json",
        "00000006-5.error.json",
    ]
    error = json.loads((out_dir / "00000005-4.error.json").read_text("utf-8"))
    assert error == {"id": 4, "body": "the text is elsewhere", "error": error["error"]}
    assert error["error"]["where"] == f"{path}:5"
