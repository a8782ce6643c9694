"""The command's batch mode, run as a user runs it: files in, JSONL out, summary, exit codes,
and an interrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.corpus import article, read_jsonl, records, write_jsonl, write_lines
from tests.test_cli import run


def test_jsonl_file_to_jsonl_file_with_a_summary(tmp_path: Path) -> None:
    inputs = records(4)
    source = write_lines(
        tmp_path / "in.jsonl",
        [json.dumps(r).encode() for r in inputs[:2]]
        + [b"{oops"]
        + [json.dumps(r).encode() for r in inputs[2:]],
    )
    output = tmp_path / "out.jsonl.zst"
    result = run(str(source), "-o", str(output), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    out = read_jsonl(output)
    assert [r.get("id") for r in out] == ["doc-0", "doc-1", None, "doc-2", "doc-3"]
    assert out[2]["error"]["where"] == f"{source}:3"
    assert out[3]["text"] == article(2)[1]
    err = result.stderr.decode()
    assert "5 documents in, 4 out, 1 failed" in err
    assert f"failed: {source}:3: malformed JSON" in err
    assert "top rules by lines removed: " in err


def test_stdout_by_default_and_quiet(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    result = run(str(source), "--quiet", "--no-removed")
    assert result.returncode == 0 and result.stderr == b""
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["text"] for r in out] == [article(0)[1], article(1)[1]]
    assert "removed" not in out[0]


def test_mode_and_backend_options_apply_in_batch_mode(tmp_path: Path) -> None:
    page = "<html><head><title>T</title></head><body><article>"
    page += "".join(f"<p>{line}</p>" for line in article(3)[1].split("\n\n"))
    page += "</article></body></html>"
    source = write_jsonl(tmp_path / "in.jsonl", [{"html": page}, {"text": article(3)[0]}])
    result = run(str(source), "--html-field", "html", "--backend", "readability", "-q")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["metadata"]["extractor"] == "readability"
    as_text = run(str(source), "--html-field", "html", "--mode", "page", "-q")
    removed = json.loads(as_text.stdout.splitlines()[1])["removed"]
    assert any(r["rule"].startswith("page.") for r in removed)


def test_named_encoding_applies_to_the_bytes_of_each_file(tmp_path: Path) -> None:
    sentence = "Příští týden začne oprava mostu přes řeku, řekl ve středu starosta Šťastný."
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_bytes(sentence.encode("cp1250"))
    (tmp_path / "docs" / "b.txt").write_bytes(b"A byte \x81 that Windows-1250 leaves undefined.")
    result = run("--batch", "--encoding", "cp1250", "-q", str(tmp_path / "docs"))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["text"] == sentence and out[0]["metadata"]["encoding"] == "cp1250"
    assert out[1]["error"]["message"] == "not cp1250: byte 0x81 at offset 7"


def test_batch_flag_reads_jsonl_on_stdin() -> None:
    line = json.dumps({"content": article(5)[0], "n": 1})
    result = run("--batch", "--text-field", "content", "-q", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == article(5)[1]


def test_on_error_fail_exits_1_naming_file_and_line(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(records(1)[0]).encode(), b"[1]"])
    output = tmp_path / "out.jsonl"
    result = run(str(source), "--on-error", "fail", "-o", str(output))
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert lines == [f"cleaner: {source}:2: expected a JSON object, got list"]
    assert not output.exists()


def test_missing_input_exits_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "gone.jsonl"
    result = run(str(missing))
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines() == [
        f"cleaner: {missing}: No such file or directory"
    ]
    source = write_jsonl(tmp_path / "in.jsonl", records(1))
    assert run(str(source), "-j", "0").returncode == 2
    assert run(str(source), "--explain").returncode == 2
    assert run(str(source), "--format", "json").returncode == 2


def test_directory_of_text_files_out(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    out_dir = tmp_path / "clean"
    result = run(str(source), "-o", f"{out_dir}/", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(out_dir)) == ["00000001-doc-0.txt", "00000002-doc-1.txt"]
    assert (out_dir / "00000002-doc-1.txt").read_text("utf-8") == article(1)[1] + "\n"


def test_a_terminated_run_leaves_no_partial_output(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(3000))
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner", str(source), "-o", str(output), "-j", "1", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 143, process.stderr and process.stderr.read()
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl"]


def test_every_failure_goes_to_the_failures_file(tmp_path: Path) -> None:
    good = [json.dumps(r).encode() for r in records(2)]
    source = write_lines(tmp_path / "in.jsonl", [good[0], *[b"{oops"] * 30, good[1]])
    failures = tmp_path / "failures.jsonl"
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "--failures", str(failures))
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line) for line in failures.read_text("utf-8").splitlines()]
    assert [f["where"] for f in listed] == [f"{source}:{n}" for n in range(2, 32)]
    assert all(f["message"].startswith("malformed JSON") for f in listed)
    err = result.stderr.decode().splitlines()
    assert err[-4:-1] == [
        f"cleaner: failed: {source}:{n}: {listed[0]['message']}" for n in (2, 3, 4)
    ]
    assert err[-1] == f"cleaner: ... and 27 more failed records (all in {failures})"
    without = run(str(source), "-o", str(tmp_path / "out2.jsonl"))
    assert without.stderr.decode().splitlines()[-1] == (
        "cleaner: ... and 27 more failed records (--failures FILE lists all)"
    )


def test_a_killed_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    inputs = []
    for n in range(4):
        inputs.append(str(write_jsonl(tmp_path / f"shard-{n}.jsonl", records(150))))
    whole = tmp_path / "whole.jsonl.gz"
    assert run(*inputs, "-o", str(whole), "-j", "1", "-q", "--resume").returncode == 0
    output = tmp_path / "out.jsonl.gz"
    command = [sys.executable, "-m", "cleaner", *inputs, "-o", str(output), "-j", "1", "-q"]
    process = subprocess.Popen([*command, "--resume"], stderr=subprocess.PIPE)
    journal = tmp_path / ".out.jsonl.gz.done"
    deadline = time.monotonic() + 120
    while not (journal.exists() and journal.read_text("utf-8").count("\n") >= 1):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.kill()  # SIGKILL: nothing is cleaned up
    process.wait(timeout=30)
    assert not output.exists()
    done = [json.loads(line)["input"] for line in journal.read_text("utf-8").splitlines()]
    assert 1 <= len(done) < 4 and done == inputs[: len(done)]
    result = subprocess.run([*command, "--resume"], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    plain = run(*inputs, "-o", str(tmp_path / "plain.jsonl"), "-q")
    assert plain.returncode == 0
    assert read_jsonl(output) == read_jsonl(tmp_path / "plain.jsonl")


def test_resume_refuses_other_inputs(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", records(2))
    second = write_jsonl(tmp_path / "b.jsonl", records(3))
    (tmp_path / ".out.jsonl.part").write_bytes(b"")
    entry = {"input": str(second), "size": second.stat().st_size, "part_bytes": 0, "counts": {}}
    (tmp_path / ".out.jsonl.done").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    result = run(str(first), str(second), "-o", str(tmp_path / "out.jsonl"), "--resume")
    assert result.returncode == 1
    assert "the interrupted run read" in result.stderr.decode()
    assert run(str(first), "--resume").returncode == 2
