"""Bytes in any common encoding come out as the text that was written."""

from __future__ import annotations

import codecs

import pytest

from cleaner.decoding import decode

SAMPLES = {
    "en": "The council’s “final” vote — on Monday — cost €5 million…",
    "de": "Grüße aus Köln: Die Straße wird für 3 Wochen gesperrt, sagte Bürgermeisterin Müller.",
    "fr": "L’été à Paris : les élèves ont reçu leurs résultats, a déclaré la ministre.",
    "es": "El niño pidió información sobre la ubicación del año pasado, ¿verdad?",
    "ru": "Президент заявил, что переговоры продолжатся на следующей неделе.",
    "ja": "東京都は三日、新しい公園の計画を発表した。市民の意見を聞く予定だ。",
    "zh": "北京市政府三日宣布，新的公园将于明年开放，市民可以免费参观。",
}

CASES = [
    ("en", "utf-8", "utf-8"),
    ("en", "utf-8-sig", "utf-8-sig"),
    ("de", "utf-16", "utf-16-le"),
    ("de", "utf-16-le", "utf-16-le"),
    ("de", "utf-16-be", "utf-16-be"),
    ("ru", "utf-16-le", "utf-16-le"),
    ("en", "cp1252", "cp1252"),
    ("de", "cp1252", "cp1252"),
    ("fr", "cp1252", "cp1252"),
    ("es", "latin-1", "cp1252"),
    ("ru", "cp1251", "cp1251"),
    ("ja", "shift_jis", None),
    ("zh", "gb18030", None),
]


@pytest.mark.parametrize(("lang", "codec", "reported"), CASES)
def test_decodes_back_to_the_original(lang: str, codec: str, reported: str | None) -> None:
    text = SAMPLES[lang]
    data = text.encode(codec)
    if codec == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    decoded, encoding = decode(data)
    assert decoded == text
    if reported is not None:
        assert encoding == reported


def test_file_mixing_utf8_and_cp1252_lines() -> None:
    data = "Grüße aus Köln.".encode() + b"\n" + "Stra\u00dfe gesperrt.".encode("cp1252")
    text, encoding = decode(data)
    assert text == "Grüße aus Köln.\nStraße gesperrt."
    assert encoding == "utf-8+cp1252"


def test_undefined_cp1252_bytes_are_kept_not_dropped() -> None:
    text, _ = decode(b"caf\xe9 \x81 ok")
    assert text == "café \x81 ok"


def test_empty_input() -> None:
    assert decode(b"") == ("", "utf-8")
