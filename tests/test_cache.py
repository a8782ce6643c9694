"""The user cache: what it keeps gives exactly what building gives, and a cache that cannot be
used is no error."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleaner.language
from cleaner import cache, patterns, programs
from cleaner.language import detect_language
from cleaner.rule_files import read_toml
from tests.conftest import FIXTURES, ROOT

TEXTS = [
    "The council approved the new budget on Monday evening after a long debate.",
    "Die Regierung hat am Dienstag neue Maßnahmen angekündigt.",
    "Правительство объявило о новых мерах во вторник вечером.",
    "政府は火曜日に新しい対策を発表した。",
    "Ngày 3/10, ông Nguyễn nói rằng dự án sẽ hoàn thành vào năm sau.",
]


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder for this test, and no programs, rewrites or model loaded yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    memos = (programs.PROGRAMS, patterns.REWRITES)
    for memo in memos:
        memo.forget_loaded()
    monkeypatch.setattr(cleaner.language, "_model", None)
    yield folder
    for memo in memos:
        memo.forget_loaded()


def test_the_cache_folder_is_the_variables_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "/some/where")
    assert cache.cache_dir() == Path("/some/where")
    monkeypatch.setenv(cache.ENV, "")
    assert cache.cache_dir() is None
    cache.store("x.marshal", {"a": 1})  # turned off: nothing written, nothing read
    assert cache.load("x.marshal") is None


def test_stored_values_come_back(cache_in: Path) -> None:
    value = {"keys": ["a", "b"], "blob": b"\x00\x01", "n": (1, 2.5, None)}
    cache.store("v.marshal", value)
    assert cache.load("v.marshal") == value
    assert [p.name for p in cache_in.iterdir()] == ["v.marshal"]  # no temporary left


def test_an_unusable_cache_is_ignored(cache_in: Path) -> None:
    cache_in.parent.mkdir(exist_ok=True)
    cache_in.write_text("a file where the folder should be")
    cache.store("v.marshal", [1, 2])
    assert cache.load("v.marshal") is None
    cache_in.unlink()
    cache_in.mkdir()
    (cache_in / "v.marshal").write_bytes(b"\xff\x00 not marshal data")
    assert cache.load("v.marshal") is None


def test_programs_from_the_cache_are_the_patterns_re_compiles(cache_in: Path) -> None:
    sources = [
        (r"^(?P<label>advertisement|anzeige)\W*$", re.IGNORECASE),
        (r"(?<=[.!?])\s{1,4}(?:\([cC]\)|©)[^.!?]{1,40}$", 0),
        (r"[\u0400-\u04ff]{2,}|\d{1,3}(?:[.,]\d{3})*", re.IGNORECASE),
    ]
    compiled = [programs.compile_regex(pattern, flags) for pattern, flags in sources]
    programs.PROGRAMS.save()
    programs.PROGRAMS.forget_loaded()  # a new process: programs read back from the file
    again = [programs.compile_regex(pattern, flags) for pattern, flags in sources]
    assert not programs.PROGRAMS.added, "every program came from the cache"
    expected = [re.compile(pattern, flags) for pattern, flags in sources]
    assert compiled == expected
    assert again == expected  # equal patterns: same pattern, flags and program
    assert again[0].match("Advertisement:").group("label") == "Advertisement"


def test_rewrites_from_the_cache_are_the_rewrites_made(cache_in: Path) -> None:
    sources = [r"^(?:advertisement|anzeige)\W*$", r"^фото:\s\w+", r"\bİlan\b", r"read more »"]
    made = [patterns._member(pattern, turkish_i) for pattern in sources for turkish_i in (0, 1)]
    patterns.REWRITES.save()
    assert [p.name.split("-")[:2] for p in cache_in.iterdir()] == [["re2", "rewrites"]]
    patterns.REWRITES.forget_loaded()  # a new process: rewrites read back from the file
    again = [patterns._member(pattern, turkish_i) for pattern in sources for turkish_i in (0, 1)]
    assert not patterns.REWRITES.added, "every rewrite came from the cache"
    assert again == made
    expected = [
        (patterns.re2_superset(pattern, turkish_i=bool(turkish_i)), anchored, needs)
        for pattern, anchored, needs in [
            (sources[0], True, False),
            (sources[1], True, True),
            (sources[2], False, False),
            (sources[3], False, False),
        ]
        for turkish_i in (0, 1)
    ]
    assert made == expected


def test_the_language_model_from_the_cache_detects_as_built(cache_in: Path) -> None:
    built = [detect_language(text, 600) for text in TEXTS]
    assert {p.name.split("-")[0] for p in cache_in.iterdir()} == {"langdetect"}
    cleaner.language._model = None
    assert [detect_language(text, 600) for text in TEXTS] == built
    assert [language for language, _ in built] == ["en", "de", "ru", "ja", "vi"]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_model_file_is_built_again(damage: str, cache_in: Path) -> None:
    built = [detect_language(text, 600) for text in TEXTS]
    (path,) = cache_in.glob("langdetect-*.model")
    data = path.read_bytes()
    path.write_bytes(
        {"truncated": data[: len(data) // 2], "garbage": b"\x07" * 64, "empty": b""}[damage]
    )
    cleaner.language._model = None
    assert [detect_language(text, 600) for text in TEXTS] == built
    assert path.read_bytes() == data


def test_a_store_past_the_size_limit_removes_the_files_written_longest_ago(
    cache_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_BYTES", 250)
    for age, name in enumerate(["c.bin", "b.bin", "a.bin"]):
        cache.store_bytes(name, b"x" * 100)
        os.utime(cache_in / name, ns=(age * 10**9, age * 10**9))  # c the oldest
    assert sorted(p.name for p in cache_in.iterdir()) == ["a.bin", "b.bin"]
    cache.store_bytes("d.bin", b"x" * 100)  # the newest is kept, whatever its time
    assert sorted(p.name for p in cache_in.iterdir()) == ["a.bin", "d.bin"]
    cache.store_bytes("e.bin", b"x" * 400)  # alone over the limit: kept alone
    assert [p.name for p in cache_in.iterdir()] == ["e.bin"]
    mapped = cache.mapped("e.bin")
    assert mapped is not None and mapped[:] == b"x" * 400
    assert cache.mapped("missing.bin") is None


@pytest.mark.parametrize("use_cache", [True, False])
def test_answers_do_not_depend_on_the_groups_unpacked_before(
    use_cache: bool, cache_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each text alone in a fresh model, then all of them in one model in reverse order."""
    if not use_cache:
        monkeypatch.setenv(cache.ENV, "")
    alone = []
    for text in TEXTS:
        cleaner.language._model = None
        alone.append(detect_language(text, 600))
    assert [detect_language(text, 600) for text in reversed(TEXTS)] == alone[::-1]
    model = cleaner.language._loaded_model()
    assert 0 < len(model.factors) < 20_000  # a part of the model's 87,598 n-grams


def test_parsed_rules_files_come_from_the_cache(cache_in: Path, tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[settings]\nvocabularies = ["en"]\n[limits]\nmax_lines = 10\n')
    first = read_toml(path, cached=True)
    assert first == {"settings": {"vocabularies": ["en"]}, "limits": {"max_lines": 10}}
    assert len(list(cache_in.iterdir())) == 1
    assert read_toml(path, cached=True) == first
    assert read_toml(path) == first  # not cached: parsed
    dated = tmp_path / "dated.toml"
    dated.write_text("when = 2024-07-03\n")  # a TOML date: not kept (marshal cannot), read
    assert str(read_toml(dated, cached=True)["when"]) == "2024-07-03"
    assert len(list(cache_in.iterdir())) == 1


@pytest.mark.parametrize(
    "article", ["08_en_brief_library_closure", "14_de_wirtschaft_elektrofaehren"]
)
def test_the_command_cleans_alike_with_the_cache_cold_and_warm(
    article: str, tmp_path: Path
) -> None:
    folder = FIXTURES / "articles" / article
    env = dict(os.environ, CLEANER_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "cleaner", "--format", "json", str(folder / "input.txt")]
    expected_text = (folder / "expected.txt").read_text("utf-8").removesuffix("\n")
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    for _ in ("cold", "warm"):
        result = subprocess.run(command, env=env, capture_output=True, check=True)
        out = json.loads(result.stdout)
        assert out["text"] == expected_text
        assert out["metadata"]["language"] == expected["language"]
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} == {
        "langdetect",
        "regex",
        "toml",
    }


def test_worker_processes_keep_what_they_compiled(tmp_path: Path) -> None:
    """A pool's workers end without exit handlers: they save the cache themselves, and a
    second run, from the cache, writes the same output."""
    corpus = tmp_path / "corpus.jsonl"
    texts = [
        (FIXTURES / "articles" / name / "input.txt").read_text("utf-8")
        for name in ("08_en_brief_library_closure", "14_de_wirtschaft_elektrofaehren")
    ]
    corpus.write_text(
        "".join(json.dumps({"id": n, "text": texts[n % 2]}) + "\n" for n in range(6)), "utf-8"
    )
    env = dict(os.environ, CLEANER_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    outputs = []
    for run in ("cold", "warm"):
        output = tmp_path / f"{run}.jsonl"
        command = [sys.executable, "-m", "cleaner", str(corpus), "-o", str(output), "-j", "2"]
        subprocess.run([*command, "-q"], env=env, capture_output=True, check=True)
        outputs.append(output.read_bytes())
        (rewrites,) = (tmp_path / "cache").glob("re2-rewrites-*.marshal")
        assert len(marshal.loads(rewrites.read_bytes())) > 100  # the vocabulary's patterns
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 6
