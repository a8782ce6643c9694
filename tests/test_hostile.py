"""Hostile input: never crash, never lose or invent text, never touch the network.

The nasty corpus of ``tests/nasty.py`` runs here at a thousandth of its size;
``bench/hostile.py`` runs it at full size and reports seconds per MB and peak memory.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
import cleaner.language
from cleaner import Cleaner, InputError, RulesError, load_rules
from cleaner.cli import main
from cleaner.limits import Limits
from tests.conftest import write_rules
from tests.invariants import assert_accounted, clean_or_error
from tests.nasty import NASTY, PARAGRAPH, SENTENCE, html_bombs, nasty_cases

SMALL = nasty_cases(0.001)


@pytest.mark.parametrize("name", NASTY)
def test_nasty_case_gives_an_accounted_document(default_cleaner: Cleaner, name: str) -> None:
    assert clean_or_error(default_cleaner, SMALL[name]) is not None


@pytest.mark.parametrize("name", ["nested_elements_100k", "giant_attribute", "entity_flood"])
def test_html_bomb_as_text_gives_an_accounted_document(default_cleaner: Cleaner, name: str) -> None:
    assert clean_or_error(default_cleaner, html_bombs(0.001)[name]) is not None


def test_what_the_nasty_cases_come_out_as(default_cleaner: Cleaner) -> None:
    def text(name: str) -> str:
        return default_cleaner.clean(SMALL[name], language="en").text

    assert "\x00" not in text("nul_bytes") and SENTENCE in text("nul_bytes")
    assert "\ufffd high, \ufffd low" in text("lone_surrogates")
    assert PARAGRAPH in text("invalid_utf16")
    mixed = text("mixed_encodings")
    assert "Grüße aus Köln" in mixed and "L’été à Paris" in mixed
    assert "\u202e" in text("bidi_controls")  # direction controls are text, not residue
    assert "👨‍👩‍👧‍👦" in text("emoji_sequences")
    assert text("repeated_line_100k") == PARAGRAPH
    for name in ("empty_str", "empty_bytes", "whitespace_only"):
        doc = default_cleaner.clean(SMALL[name])
        assert (doc.text, doc.removed, doc.metadata.language) == ("", [], None)


def test_one_character_lines_are_all_accounted_for(default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean(SMALL["one_char_lines_1m"])
    assert len(doc.removed) + len(list(doc.kept_lines())) == 1_000


ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates and controls included
FRAGMENTS = [data[:300] for data in SMALL.values() if isinstance(data, bytes) and data] + [
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x00\x00\xfe\xff",
    "Advertisement\n".encode("utf-16-le"),
    b"&amp;amp;#x301;",
    "Z\u0301\u0323".encode(),
]
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    st.one_of(
        st.text(ANY_CHARACTER), st.binary(), st.lists(st.sampled_from(FRAGMENTS)).map(b"".join)
    )
)
def test_arbitrary_input_is_cleaned_or_refused(data: str | bytes) -> None:
    clean_or_error(Cleaner.default(), data)


def _small_lines_cleaner() -> Cleaner:
    return Cleaner(dataclasses.replace(load_rules(), limits=Limits(max_line_chars=20)))


@FAST
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters="&")))
def test_no_text_is_lost_between_input_and_lines(text: str) -> None:
    doc = _small_lines_cleaner().clean(text, language="en")
    assert_accounted(doc)
    assert re.sub(r"\s", "", "".join(doc.lines)) == re.sub(r"\s", "", text)


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, check=False
    )


@pytest.mark.parametrize("name", ["nul_bytes", "invalid_utf16", "mixed_encodings", "empty_bytes"])
def test_cli_turns_nasty_bytes_into_json(name: str) -> None:
    data = SMALL[name]
    assert isinstance(data, bytes)
    result = run_cli("--format", "json", stdin=data)
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) == {"text", "metadata", "removed"}


def test_cli_reads_no_more_than_the_limit_from_stdin(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, "[limits]\nmax_input_bytes = 1000\n")
    result = run_cli("--rules", str(rules), stdin=b"x" * 5000)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "cleaner: <stdin>: more than 1000 bytes (limits.max_input_bytes)\n"
    )


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ("max_input_bytes = 100", "more than 100 bytes (limits.max_input_bytes)"),
        ('max_line_chars = 100\nlong_lines = "reject"', "line 1 is longer than 100 characters"),
    ],
)
def test_cli_reports_a_limit_on_one_line(tmp_path: Path, limits: str, message: str) -> None:
    rules = write_rules(tmp_path, f"[limits]\n{limits}\n")
    page = tmp_path / "page.txt"
    page.write_text("x" * 2000, encoding="utf-8")
    result = run_cli("--rules", str(rules), str(page))
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"cleaner: {page}: ") and message in lines[0]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way to open a connection or resolve a name raises."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkUsed(f"network used: {args!r}")

    class RefusedSocket(socket.socket):
        """Still a class: modules imported under the guard may annotate with socket.socket."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", RefusedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)


@pytest.mark.usefixtures("no_network")
def test_the_guard_catches_a_connection() -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("localhost", 80))
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


@pytest.mark.usefixtures("no_network")
def test_cleaning_never_touches_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cleaner.language, "_model", None)  # loaded again, under the guard
    page = (
        '<!DOCTYPE html SYSTEM "http://example.org/x.dtd"><img src="https://example.org/a.png">\n'
        "Photo: https://example.org/photo.jpg\n"
        f"{PARAGRAPH} See https://example.org/more and www.example.org.\n"
    )
    doc = Cleaner.from_rules().clean(page, url="https://example.org/article")
    assert doc.metadata.url == "https://example.org/article"
    assert doc.metadata.language == "en"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    assert main(["--url", "https://example.org/a", "--format", "json", str(path)]) == 0


def test_malformed_toml_names_file_line_and_reason(tmp_path: Path) -> None:
    path = write_rules(tmp_path, '[settings]\nmin_body_words = 8\nvocabularies = ["en",\n[x]\n')
    with pytest.raises(RulesError) as raised:
        load_rules(path)
    assert raised.value.source == str(path)
    assert re.search(r"not valid TOML: .+ \(at line 4, column \d+\)", raised.value.problem)


@pytest.mark.parametrize("content", [b"\xff\xfe[\x00s\x00", b"\x00" * 10, b"[a]\nb = \x80\n"])
def test_binary_rules_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rules.toml"
    path.write_bytes(content)
    with pytest.raises(RulesError, match=re.escape(str(path))):
        load_rules(path)


@pytest.mark.parametrize(
    "value", ["[" * 100_000 + "]" * 100_000, "{a=" * 50_000 + "1" + "}" * 50_000]
)
def test_deeply_nested_rules_file_is_refused(tmp_path: Path, value: str) -> None:
    path = write_rules(tmp_path, f"x = {value}\n")
    with pytest.raises(RulesError, match="nested too deeply"):
        load_rules(path)
    result = run_cli("--rules", str(path), stdin=PARAGRAPH.encode())
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == f"cleaner: rules: {path}: not valid TOML: arrays or tables nested too deeply\n"
    )


@pytest.mark.parametrize("name", ["../outside.toml", "/etc/outside.toml", "sub/../../outside.toml"])
def test_vocabulary_files_stay_next_to_the_rules(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.toml").write_text('[ad_label]\nsource = "x"\n', encoding="utf-8")
    folder = tmp_path / "rules"
    folder.mkdir()
    path = write_rules(folder, f'[settings]\nvocabularies = ["{name}"]\n')
    with pytest.raises(RulesError, match="must be in the rules file's folder"):
        load_rules(path)


def test_a_rules_file_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    path = write_rules(
        tmp_path,
        f'[filters.x]\nkind = "{payload}"\n[chain]\norder = ["x"]\n'
        f'[vocabulary.ad_label]\nlines = ["{payload}"]\n',
    )
    with pytest.raises(RulesError, match="unknown filter kind"):
        load_rules(path)
    assert not marker.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_cli_survives_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = tmp_path / "caf\udce9.txt"  # b"caf\xe9.txt", a Latin-1 name
    name.write_text(PARAGRAPH, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "--format", "jsonl", str(name), str(name)],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # a strict stdout, as in a pipeline
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(tmp_path / "caf\ufffd.txt")] * 2


def test_wrong_options_are_named() -> None:
    with pytest.raises(TypeError, match="argument 'lang'; did you mean language="):
        cleaner.clean("A council met.", lang="en")
    with pytest.raises(TypeError, match="did you mean language="):
        list(Cleaner.default().clean_many(["A council met."], langauge="en"))
    with pytest.raises(InputError, match="unknown backend 'nope'"):
        cleaner.clean("A council met on Monday.", backend="nope")
