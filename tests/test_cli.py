"""The command line, run as a user runs it: a subprocess with stdin, files and exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard

ARTICLE = (
    "Advertisement\n\n"
    "Harbour plan wins council backing\n\n"
    "The city council approved the harbour plan on Monday after a long debate.\n\n"
    "The mayor said the vote was a turning point for the port and its workers.\n"
)


def run(*args: str, stdin: str | bytes = b"") -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=data, capture_output=True, check=False
    )


def test_stdin_to_clean_text() -> None:
    result = run(stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "The city council approved the harbour plan on Monday after a long debate.\n\n"
        "The mayor said the vote was a turning point for the port and its workers.\n"
    )


def test_json_has_the_documented_shape(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("--format", "json", "--url", "https://example.org/a", str(path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"text", "metadata", "removed"}
    meta = out["metadata"]
    for field in (
        "title",
        "author",
        "date",
        "dateline",
        "language",
        "language_probability",
        "word_count",
        "encoding",
        "repairs",
        "url",
    ):
        assert field in meta
    assert meta["title"] == "Harbour plan wins council backing"
    assert meta["url"] == "https://example.org/a"
    assert meta["language"] == "en"
    assert out["removed"][0] == {"line": 1, "rule": "residue.ad_label", "text": "Advertisement"}


def test_explain_lists_every_line_plain_when_piped() -> None:
    result = run("--explain", stdin=ARTICLE)
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == ["1", "-", "residue.ad_label", "Advertisement"]
    assert lines[1].split()[:3] == ["3", "-", "title"]
    assert lines[2].startswith("5 +")
    assert "\x1b[" not in result.stdout.decode()


def test_explain_colours_on_request() -> None:
    result = run("--explain", "--color", "always", stdin=ARTICLE)
    assert "\x1b[9m" in result.stdout.decode()


def test_jsonl_one_record_per_file(tmp_path: Path) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(ARTICLE, encoding="utf-8")
        paths.append(str(path))
    result = run("--format", "jsonl", *paths)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == paths


def test_lang_overrides_detection() -> None:
    result = run("--format", "json", "--lang", "de", stdin=ARTICLE)
    meta = json.loads(result.stdout)["metadata"]
    assert (meta["language"], meta["language_probability"]) == ("de", None)


def test_cp1252_bytes_on_stdin() -> None:
    result = run(
        "--format",
        "json",
        stdin="Caf\u00e9 owners met on Monday to discuss the new rules.".encode("cp1252"),
    )
    out = json.loads(result.stdout)
    assert out["text"] == "Café owners met on Monday to discuss the new rules."
    assert out["metadata"]["encoding"] == "cp1252"


def test_named_encoding(tmp_path: Path) -> None:
    path = tmp_path / "most.txt"
    path.write_bytes("Vše je v pořádku, řekl starosta Šťastný ve středu ráno.".encode("cp1250"))
    result = run("--format", "json", "--encoding", "windows-1250", str(path))
    out = json.loads(result.stdout)
    assert out["text"] == "Vše je v pořádku, řekl starosta Šťastný ve středu ráno."
    assert out["metadata"]["encoding"] == "cp1250"
    result = run("--encoding", "utf-8", str(path))
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (f"cleaner: {path}: not utf-8: byte 0x9a at offset 1")
    result = run("--encoding", "no-such-codec", str(path))
    assert result.returncode == 2
    assert "unknown encoding 'no-such-codec'" in result.stderr.decode()


def test_missing_file_exits_1_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run(str(missing))
    assert result.returncode == 1
    err = result.stderr.decode().strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]


def test_usage_error_exits_2() -> None:
    assert run("--format", "xml").returncode == 2


def test_bad_rules_file_exits_2_naming_it(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text("[filters.trim]\nhead_max = 3\n", encoding="utf-8")
    result = run("--rules", str(rules), stdin=ARTICLE)
    assert result.returncode == 2
    assert (
        str(rules) in result.stderr.decode() and "filters.trim.head_max" in result.stderr.decode()
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().startswith("cleaner ")
    assert "examples:" in run("--help").stdout.decode()


BODY = (
    "The city council approved the harbour plan on Monday after a long debate.\n\n"
    "The mayor said the vote was a turning point for the port and its workers.\n"
)


def test_compressed_files_are_decompressed_by_their_bytes(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Harbour plan wins council backing</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in BODY.split("\n\n"))
        + "</article></body></html>"
    ).encode()
    plain = run(stdin=ARTICLE).stdout
    as_page = run(stdin=page).stdout
    assert as_page == BODY.encode()
    (tmp_path / "article.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "news.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "no-suffix").write_bytes(zstandard.ZstdCompressor().compress(ARTICLE.encode()))
    for name, expected in (
        ("article.txt.gz", plain),
        ("news.html.gz", as_page),
        ("no-suffix", plain),
    ):
        result = run(str(tmp_path / name))
        assert (result.returncode, result.stdout) == (0, expected), name
    batch = run("--batch", "-q", str(tmp_path / "news.html.gz"))
    assert json.loads(batch.stdout)["text"] == BODY.removesuffix("\n")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "an executable (ELF)"),
        (gzip.compress(b"text")[:12], "damaged gzip data"),
    ],
)
def test_binary_input_is_an_input_error_naming_the_file(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    path = tmp_path / "upload.txt"
    path.write_bytes(data)
    result = run(str(path))
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode().startswith(f"cleaner: {path}: ")
    assert kind in result.stderr.decode()
    batch = run("--batch", "-q", str(path))
    error = json.loads(batch.stdout)["error"]
    assert error["where"] == f"{path}:1" and kind in error["message"]


def test_jsonl_on_stdin_asks_for_batch() -> None:
    lines = "".join(json.dumps({"id": n, "text": ARTICLE}) + "\n" for n in range(3))
    result = run(stdin=lines)
    assert (result.returncode, result.stdout) == (1, b"")
    assert "looks like JSONL" in result.stderr.decode() and "--batch" in result.stderr.decode()
    assert run("--input", "text", stdin=lines).returncode == 0


def test_explain_takes_no_format() -> None:
    result = run("--explain", "--format", "json", stdin=ARTICLE)
    assert result.returncode == 2
    assert "--explain" in result.stderr.decode()


def test_input_text_on_a_page_warns() -> None:
    page = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi</p></body></html>"
    result = run("--input", "text", stdin=page)
    assert result.returncode == 0
    assert "looks like HTML, and --input text cleaned it as plain text" in result.stderr.decode()
    assert run(stdin=ARTICLE).stderr == b""


def test_a_url_is_never_fetched_and_says_so() -> None:
    for args in (["https://example.org/news/1"], ["--batch", "https://example.org/news/1"]):
        result = run(*args)
        assert result.returncode == 1
        assert "a URL, and cleaner never fetches anything" in result.stderr.decode()


def test_jsonl_escapes_the_line_breaks_json_leaves_raw(tmp_path: Path) -> None:
    path = tmp_path / "council\u2028vote\x85.txt"  # the name goes into "source"
    path.write_text(ARTICLE, encoding="utf-8")
    for args in (["--format", "jsonl", "--no-removed"], ["--batch", "-q"]):
        result = run(*args, str(path))
        assert result.returncode == 0, result.stderr
        assert b"\xe2\x80\xa8" not in result.stdout and b"\xc2\x85" not in result.stdout
        assert result.stdout.count(b"\n") == 1
        assert json.loads(result.stdout)["source"] == str(path)


def _two_files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("a.txt", ARTICLE), ("b.txt", ARTICLE.replace("harbour", "river"))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_no_removed_in_single_document_json() -> None:
    out = json.loads(run("--format", "json", "--no-removed", stdin=ARTICLE).stdout)
    assert set(out) == {"text", "metadata"}
    assert out["text"] == BODY.removesuffix("\n")


def test_several_files_as_json_are_an_array_of_all_of_them(tmp_path: Path) -> None:
    paths = _two_files(tmp_path)
    out = json.loads(run("--format", "json", *paths).stdout)
    assert [r["source"] for r in out] == paths
    assert out[1]["text"] == BODY.replace("harbour", "river").removesuffix("\n")
    assert out[0]["removed"][0]["rule"] == "residue.ad_label"
    assert all(
        "removed" not in r for r in json.loads(run("-f", "json", "--no-removed", *paths).stdout)
    )


def test_several_files_as_text_get_headers(tmp_path: Path) -> None:
    paths = _two_files(tmp_path)
    result = run(*paths)
    assert result.stdout.decode() == (
        f"==> {paths[0]} <==\n{BODY}\n==> {paths[1]} <==\n{BODY.replace('harbour', 'river')}"
    )
