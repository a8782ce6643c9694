"""Bytes in any common encoding come out as the text that was written."""

from __future__ import annotations

import codecs
import re

import pytest

import cleaner
from cleaner.decoding import decode, decode_named
from cleaner.errors import InputError

SAMPLES = {
    "en": "The council’s “final” vote — on Monday — cost €5 million…",
    "de": "Grüße aus Köln: Die Straße wird für 3 Wochen gesperrt, sagte Bürgermeisterin Müller.",
    "fr": "L’été à Paris : les élèves ont reçu leurs résultats, a déclaré la ministre.",
    "es": "El niño pidió información sobre la ubicación del año pasado, ¿verdad?",
    "ru": "Президент заявил, что переговоры продолжатся на следующей неделе.",
    "ja": "東京都は三日、新しい公園の計画を発表した。市民の意見を聞く予定だ。",
    "zh": "北京市政府三日宣布，新的公园将于明年开放，市民可以免费参观。",
    "ko": "서울시는 3일 새 공원을 내년에 연다고 밝혔다. 시민들의 의견을 먼저 듣는다.",
    "hu": "Az őszi ülésszakban a képviselők új törvényről döntöttek a fűtés áráról.",
    "cs": "Příští týden začne oprava mostu přes řeku, řekl starosta Šťastný. Lidé pojedou jinudy.",
    "pl": "Wczoraj w Łodzi otwarto nową przystań, a mieszkańcy źle ocenili ścieżkę nad rzeką.",
    "tr": "Belediye başkanı, tarihî hamamın ağustosta açılacağını söyledi. İşçiler çatıda çalışır.",
    "lt": "Vilniaus savivaldybė šiandien pranešė, kad tiltas per upę bus uždarytas dvi savaites.",
    "el": "Η Άννα έφυγε απ’το σπίτι, πέρασε απ’τον φούρνο και σταμάτησε σ’ένα καφενείο.",
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
    # Without a BOM: UTF-32's ASCII reads as UTF-16 full of NULs, so it is tried first.
    ("de", "utf-32-le", "utf-32-le"),
    ("ru", "utf-32-be", "utf-32-be"),
    # 7-bit, so valid ASCII: told apart by their escape sequences.
    ("ja", "iso2022_jp", "iso2022_jp_2"),
    ("ko", "iso2022_kr", "iso2022_kr"),
    # Latin text beyond Windows-1252 reads as a Western language with a few wrong letters
    # ("õ" for "ő", "ì" for "ě", "ý" for "ı"): its language picks the code page.
    ("hu", "cp1250", "cp1250"),
    ("hu", "iso8859_2", None),
    ("cs", "cp1250", "cp1250"),
    ("cs", "iso8859_2", "iso8859-2"),
    ("pl", "cp1250", "cp1250"),
    ("pl", "iso8859_2", "iso8859-2"),
    ("tr", "cp1254", "cp1254"),
    ("tr", "iso8859_9", "cp1254"),
    ("lt", "cp1257", "cp1257"),
    # "Ά" is 0xB6 in ISO-8859-7 and 0xA2 in Windows-1253, where ISO-8859-7 has the "’" of
    # "απ’το": read with the wrong page, a capital inside a word.
    ("el", "iso8859_7", "iso8859-7"),
    ("el", "cp1253", "cp1253"),
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


def test_mixed_file_whose_cp1252_line_has_a_symbol_beyond_western_letters() -> None:
    data = "Grüße aus Köln.\nDie Brücke ist offen.\n".encode() + "Nur ½ Stunde.".encode("cp1252")
    assert decode(data) == ("Grüße aus Köln.\nDie Brücke ist offen.\nNur ½ Stunde.", "utf-8+cp1252")


def test_legacy_cjk_lines_valid_as_utf8_by_chance_are_not_a_mixed_file() -> None:
    # The heading's EUC-JP bytes (C7 A9 C5 B5) happen to be valid UTF-8 ("ʩŵ").
    text = (
        "東京の寺で古い経典が見つかり、市の教育委員会が三日に発表した。\n仏典\n"
        "専門家は保存状態が非常に良いと話し、来年から一般に公開する予定だという。"
    )
    decoded, encoding = decode(text.encode("euc_jp"))
    assert decoded == text
    assert encoding != "utf-8+cp1252"


def test_long_multibyte_text_is_judged_on_whole_lines() -> None:
    # Over 64 KB: the sample the detector sees must not end inside a character.
    text = (SAMPLES["ko"] + "\n") * 1000
    assert decode(text.encode("euc_kr"))[0] == text


def test_undefined_cp1252_bytes_are_kept_not_dropped() -> None:
    text, _ = decode(b"caf\xe9 \x81 ok")
    assert text == "café \x81 ok"


def test_empty_input() -> None:
    assert decode(b"") == ("", "utf-8")


# -- an encoding the caller knows ------------------------------------------------------------
NAMED = "Vše je v pořádku, řekl."


def test_named_encoding_replaces_detection() -> None:
    assert decode_named(NAMED.encode("cp1250"), "windows-1250") == (NAMED, "cp1250")


def test_named_encoding_is_read_as_browsers_read_its_label() -> None:
    data = "Caf\u00e9 \u201cowners\u201d met.".encode("cp1252")
    assert decode_named(data, "latin-1") == ("Caf\u00e9 \u201cowners\u201d met.", "cp1252")
    assert decode_named(codecs.BOM_UTF8 + b"ok", "utf-8") == ("ok", "utf-8")


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"ok \xff\xfe", "utf-8", "not utf-8: byte 0xff at offset 3"),
        (b"ok \x81", "cp1250", "not cp1250: byte 0x81 at offset 3"),
        (b"ok", "no-such-codec", "unknown encoding 'no-such-codec'"),
        (b"ok", "base64", "'base64' is not a text encoding"),
        # punycode fails with UnicodeError itself, which has no position.
        (b"ab..cd", "punycode", "not punycode"),
    ],
)
def test_bytes_not_in_the_named_encoding_are_an_input_error(
    data: bytes, encoding: str, message: str
) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        decode_named(data, encoding)


def test_clean_takes_the_named_encoding_for_text_and_pages() -> None:
    sentence = "Příští týden začne oprava mostu přes řeku, řekl ve středu starosta Šťastný."
    doc = cleaner.clean(sentence.encode("cp1250"), encoding="cp1250")
    assert (doc.text, doc.metadata.encoding) == (sentence, "cp1250")
    # A page declaring UTF-8 that is not: the caller's encoding wins over the declaration.
    page = (
        '<html><head><meta charset="utf-8"><title>Most</title></head><body><article>'
        f"<p>{sentence}</p><p>{sentence} Stavba potrvá do jara.</p></article></body></html>"
    )
    doc = cleaner.clean(page.encode("cp1250"), encoding="cp1250")
    assert doc.text.startswith(sentence) and doc.metadata.encoding == "cp1250"
    # str input has no encoding to report, whatever the caller names.
    assert cleaner.clean(sentence, encoding="cp1250").metadata.encoding is None
    with pytest.raises(InputError, match="unknown encoding"):
        cleaner.clean(sentence, encoding="no-such-codec")
