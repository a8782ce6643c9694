"""Tests of the decoding benchmark's reading of a corpus laid out by encoding (``pytest bench``)."""

from __future__ import annotations

from pathlib import Path

from code_pages import evaluate, folder_codec, wrong_characters


def test_folder_names_give_codecs_with_or_without_a_language() -> None:
    assert folder_codec("windows-1250-hungarian") == "cp1250"
    assert folder_codec("iso-8859-9-turkish") == "iso8859-9"
    assert folder_codec("SHIFT_JIS") == "shift_jis"
    assert folder_codec("EUC-TW") is None


def test_wrong_characters_count_each_misread_once() -> None:
    assert wrong_characters("Az őszi ülés", "Az õszi ülés") == 1
    assert wrong_characters("abc", "abc") == 0
    assert wrong_characters("abc", "") == 3


def test_corpus_is_scored_per_system_and_undecodable_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "windows-1250-czech").mkdir()
    (tmp_path / "windows-1250-czech" / "a.txt").write_bytes(
        "Příští týden začne oprava mostu přes řeku, řekl starosta Šťastný.".encode("cp1250")
    )
    (tmp_path / "utf-8").mkdir()
    (tmp_path / "utf-8" / "broken.txt").write_bytes(b"caf\xe9")
    (tmp_path / "no-such-codec").mkdir()
    scores, files, skipped = evaluate(tmp_path)
    assert files == 1
    assert skipped == {
        "folder without a codec": 1,
        "file its folder's encoding cannot decode": 1,
    }
    assert (scores["cleaner-text"].right, scores["cleaner-text"].wrong) == (1, 0)
