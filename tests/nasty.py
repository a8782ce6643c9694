"""A corpus of hostile documents, built in code at any size.

``nasty_cases(scale)`` gives every case at ``scale`` times its full size: the unit tests use
small versions (``scale=0.001``: a 50 kB line, a thousand one-character lines), and
``bench/hostile.py`` the full ones (a 50 MB line, a million lines, 100 000 repeats).
``html_bombs(scale)`` gives the HTML cases for the limits (the full page is 200 MB).
Nothing here is random, so a failure names a case that can be rebuilt exactly.
"""

from __future__ import annotations

from collections.abc import Callable

SENTENCE = "The harbour council approved the new ferry timetable on Monday after a long debate."
PARAGRAPH = (
    f"{SENTENCE} The mayor said the vote was a turning point for the port and its workers, "
    "and that the first boats would sail in spring."
)


def _sized(full: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, int(full * scale))


def _nul_bytes(scale: float) -> bytes:
    line = (SENTENCE.replace(" ", " \x00") + "\x00\n").encode()
    return line * _sized(2_000, scale, 3)


def _lone_surrogates(scale: float) -> str:
    line = f"{SENTENCE} \ud800 high, \udfff low, \udbff\udbff two highs, \ude00\ud83d reversed.\n"
    return line * _sized(2_000, scale, 3)


def _invalid_utf8(scale: float) -> bytes:
    # Overlong forms, a lone continuation byte, truncated sequences, encoded surrogates,
    # code points above U+10FFFF and the bytes UTF-8 never uses.
    bad = b"\xc0\xaf \x80 \xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xf4\x90\x80\x80 \xfe\xff \xc3\x28"
    line = SENTENCE.encode() + b" " + bad + b" " + PARAGRAPH.encode() + b"\n"
    return line * _sized(1_000, scale, 3)


def _invalid_utf16(scale: float) -> bytes:
    body = (PARAGRAPH + "\n").encode("utf-16-le") * _sized(1_000, scale, 3)
    # A BOM, unpaired surrogates in both orders, and an odd final byte.
    return b"\xff\xfe" + body + b"\x00\xd8A\x00\x00\xdc\x00\xd8" + b"\x00"


def _mixed_encodings(scale: float) -> bytes:
    lines = [
        "Grüße aus Köln: die Straße bleibt gesperrt, sagte die Bürgermeisterin.".encode(),
        "L’été à Paris : les élèves ont reçu leurs résultats.".encode("cp1252"),
        "El niño pidió información sobre la ubicación.".encode("latin-1"),
        "東京都は三日、新しい公園の計画を発表した。".encode("shift_jis"),
        "Президент заявил, что переговоры продолжатся.".encode("koi8-r"),
        "北京市政府三日宣布，新的公园将于明年开放。".encode("gb18030"),
        "Die Brücke wird im Herbst fertig.".encode("utf-16-le"),
    ]
    return b"\n".join(lines) * _sized(500, scale, 2)


def _combining_marks(scale: float) -> str:
    # 10 000 marks of alternating combining classes on one letter, which normalisation has
    # to sort, in a paragraph repeated 200 times at full size.
    marks = "\u0301\u0323" * 5_000
    return f"{SENTENCE}\nZ{marks}algo {SENTENCE}\n{PARAGRAPH}\n" * _sized(200, scale, 1)


def _bidi_controls(scale: float) -> str:
    line = (
        "\u202eThe council \u2067approved\u2069 the plan\u202c on \u200fMonday\u200e, "
        "\u2066said\u2069 \u061c\u202bthe mayor of \u05ea\u05dc \u05d0\u05d1\u05d9\u05d1\u202c.\n"
    )
    return line * _sized(2_000, scale, 3)


def _emoji_sequences(scale: float) -> str:
    line = (
        "Families 👨‍👩‍👧‍👦 and 👩🏽‍🤝‍👩🏻 cheered 🎉 the 🏳️‍🌈 and 🇩🇪🇫🇷 flags, "
        "keycaps 1️⃣#️⃣ and tags 🏴󠁧󠁢󠁳󠁣󠁴󠁿 as the harbour council voted on Monday.\n"
    )
    return line * _sized(2_000, scale, 3)


def _single_line(scale: float) -> str:
    words = "ferry harbour council timetable vote port workers spring boats debate "
    return words * (_sized(50_000_000, scale, 100) // len(words))


def _one_char_lines(scale: float) -> str:
    return "a\n" * _sized(1_000_000, scale, 10)


def _repeated_line(scale: float) -> str:
    return (PARAGRAPH + "\n") * _sized(100_000, scale, 3)


def _whitespace_only(scale: float) -> str:
    return " \t\r\n\u00a0\u3000\u2028\u200b\n\n" * _sized(100_000, scale, 3)


NASTY: dict[str, Callable[[float], str | bytes]] = {
    "nul_bytes": _nul_bytes,
    "lone_surrogates": _lone_surrogates,
    "invalid_utf8": _invalid_utf8,
    "invalid_utf16": _invalid_utf16,
    "mixed_encodings": _mixed_encodings,
    "combining_marks_10k": _combining_marks,
    "bidi_controls": _bidi_controls,
    "emoji_sequences": _emoji_sequences,
    "single_line_50mb": _single_line,
    "one_char_lines_1m": _one_char_lines,
    "repeated_line_100k": _repeated_line,
    "empty_str": lambda scale: "",
    "empty_bytes": lambda scale: b"",
    "whitespace_only": _whitespace_only,
}


def nasty_cases(scale: float = 1.0) -> dict[str, str | bytes]:
    """Every hostile case at ``scale`` times its full size."""
    return {name: build(scale) for name, build in NASTY.items()}


def _nested_elements(scale: float) -> str:
    depth = _sized(100_000, scale, 10)
    return f"<html><body>{'<div>' * depth}<p>{SENTENCE}</p>{'</div>' * depth}</body></html>"


def _giant_attribute(scale: float) -> str:
    value = "a" * _sized(20_000_000, scale, 100)
    return f'<html><body><p title="{value}">{SENTENCE}</p></body></html>'


def _entity_flood(scale: float) -> str:
    count = _sized(1_000_000, scale, 10)
    return f"<p>{'&amp;' * count}{'&#x301;' * count}{'&amp;amp;amp;lt;' * count}</p>"


def _huge_page(scale: float) -> bytes:
    block = f"<p>{PARAGRAPH}</p>\n".encode()
    return block * (_sized(200_000_000, scale, 1000) // len(block) + 1)


HTML_BOMBS: dict[str, Callable[[float], str | bytes]] = {
    "nested_elements_100k": _nested_elements,
    "giant_attribute": _giant_attribute,
    "entity_flood": _entity_flood,
    "page_200mb": _huge_page,
}


def html_bombs(scale: float = 1.0) -> dict[str, str | bytes]:
    """The HTML bombs at ``scale`` times their full size."""
    return {name: build(scale) for name, build in HTML_BOMBS.items()}
