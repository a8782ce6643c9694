"""Repair fixers, driven by the cases in cases/repair.json, and repair's shortcuts checked
against the plain definitions they stand for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers sloppy-windows-1252
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleaner.repair as repair_module
from cleaner.repair import (
    RepairOptions,
    fix_low9_comma,
    fix_mojibake,
    normalise_spaces,
    repair,
)
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
CASES = json.loads((Path(__file__).parent / "cases" / "repair.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_repair_case(case: dict[str, object]) -> None:
    text, applied = repair(str(case["input"]))
    assert text == case["expected"]
    assert applied == case["repairs"]


def test_repair_is_idempotent_on_every_case() -> None:
    for case in CASES:
        once, _ = repair(str(case["input"]))
        assert repair(once) == (once, [])


def test_disabled_fixer_does_not_run() -> None:
    options = RepairOptions(html_entities=False)
    assert repair("Fish &amp; chips", options) == ("Fish &amp; chips", [])


# Pieces of text that the fixers act on, alone and in combination.
PIECES = st.sampled_from(
    [
        *"ab Z.,;\n\n",
        *"\r\t\x0b\x0c\x00\x07\x1b[&#;\u2028\u2029\u00ad\u200b\ufeff\ud83d\ude00",
        *"\x80\x81\x85\x93\x9d\u00a0\u202f\u3000\u2009\u00c2\u00c3\u00e9\u00f4\u00c0",
        *"\u20ac\u2019\u201c\u2013\u2026\u201a\u0153\u0301\u0302\u4e2d",
        "&amp;",
        "\x1b[",
        "&#13;",
        "&nbsp;",
        "&#x85;",
        "  ",
        "\r\n",
        "\u00c3\u00a9",
        "\u00e2\u20ac\u2122",
        "\u00c3\u0192\u00c2\u00a9",
        "caf\u00e9",
        "A\u0302 ",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)
# _MOJIBAKE_HINT as first written, a plain alternation.
PLAIN_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]|[\u0080-\u009f]|[\u00c2\u00c3] |\x1b\\["
)


def unshortcut_repair(text: str, options: RepairOptions) -> tuple[str, list[str]]:
    """``repair`` without its shortcuts: every enabled fixer on every pass, every hint check."""
    applied: list[str] = []
    for _ in range(repair_module._MAX_PASSES):
        before = text
        for fixer in repair_module._FIXERS:
            if getattr(options, fixer.option):
                fixed = fixer.fix(text)
                if fixed != text:
                    if fixer.option not in applied:
                        applied.append(fixer.option)
                    text = fixed
        if text == before or not options.mojibake or not PLAIN_HINT.search(text):
            break
    return text, applied


@given(TEXTS, st.sampled_from([None, *RepairOptions.option_names()]))
def test_repair_skips_only_fixers_with_nothing_to_do(text: str, disabled: str | None) -> None:
    options = RepairOptions(**({disabled: False} if disabled else {}))
    assert repair(text, options) == unshortcut_repair(text, options)


@settings(max_examples=500)
@given(TEXTS)
def test_hint_scan_finds_what_the_plain_alternation_finds(text: str) -> None:
    fast, plain = repair_module._MOJIBAKE_HINT.search(text), PLAIN_HINT.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


@settings(max_examples=500)
@given(TEXTS)
def test_suspect_scan_finds_every_hint_and_every_character_removed(text: str) -> None:
    if (
        PLAIN_HINT.search(text)
        or repair_module._INVISIBLE.search(text)
        or repair_module._C1_CONTROLS.search(text)
    ):
        assert repair_module._SUSPECT.search(text)


@given(TEXTS)
def test_spaces_and_low9_fixers_do_what_their_regexes_say(text: str) -> None:
    spaced = re.sub("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    spaced = re.sub("^ +| +$", "", re.sub(" {2,}", " ", spaced), flags=re.MULTILINE)
    assert normalise_spaces(text) == spaced
    assert fix_low9_comma(text) == re.sub("([^\\W_])\u201a(?=\\s)", "\\1,", text)


def mojibake_copies() -> list[str]:
    """The fixture articles as UTF-8 read as Windows-1252, once and twice, and half read so."""
    articles = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*/input.txt"))]
    once = [sloppy_1252(text) for text in articles]
    return (
        once
        + [sloppy_1252(text) for text in once[:4]]
        + [text[: len(text) // 2] + sloppy_1252(text[len(text) // 2 :]) for text in articles]
    )


def sloppy_1252(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


@pytest.mark.parametrize("text", mojibake_copies())
def test_fix_mojibake_is_ftfy_fix_and_explain_on_articles(text: str) -> None:
    assert fix_mojibake(text) == ftfy.fix_and_explain(text, repair_module._ftfy().config).text


@given(TEXTS)
@example("caf\u00c3\x1b[0m\u00a9")  # a second round decodes what removing the escape joined
@example("\x1b[a")  # a terminal escape in ASCII text
def test_fix_mojibake_is_ftfy_fix_and_explain(text: str) -> None:
    expected = ftfy.fix_and_explain(text, repair_module._ftfy().config).text
    assert fix_mojibake(text) == (expected if PLAIN_HINT.search(text) else text)
