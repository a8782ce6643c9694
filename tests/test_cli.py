"""The command line, run as a user runs it: a subprocess with stdin, files and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
