"""Language detection gives langdetect's answers, the same ones every time."""

from __future__ import annotations

import random
from itertools import islice

import pytest
from langdetect.utils.ngram import NGram

import cleaner.language
from cleaner.language import detect_language
from cleaner.regex_safety import check_pattern

# Answers of the detector as first written (bench/language_agreement.py checks it against
# langdetect); faster versions must keep every one of them.
ANSWERS = [
    (
        "The council’s “final” vote — on Monday — cost €5 million, the NASA and FBI said.",
        ("en", 1.0),
    ),
    ("Grüße aus Köln: Die Straße wird für 3 Wochen gesperrt, sagte Müller.", ("de", 1.0)),
    ("L’été à Paris : les élèves ont reçu leurs résultats, a déclaré la ministre.", ("fr", 1.0)),
    ("Президент заявил, что переговоры продолжатся на следующей неделе.", ("ru", 1.0)),
    ("Москва (Moscow) — столица России, крупнейший город страны.", ("ru", 1.0)),
    ("東京都は三日、新しい公園の計画を発表した。市民の意見を聞く予定だ。", ("ja", 1.0)),
    ("北京市政府三日宣布，新的公园将于明年开放，市民可以免费参观。", ("zh-cn", 1.0)),
    ("서울시는 내년에 새로운 공원을 열 계획이라고 밝혔다.", ("ko", 1.0)),
    ("Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u.", ("vi", 1.0)),  # marks apart
    ("Președintele a declarat că țara își va continua reformele.", ("ro", 1.0)),
    ("این یک متن فارسی است که برای آزمایش نوشته شده است", ("fa", 1.0)),
    ("See https://example.org/a?b=1 or mail news@example.org for the story.", ("en", 1.0)),
    ("BREAKING NEWS: THE GOVERNMENT ANNOUNCED NEW MEASURES on Tuesday.", ("en", 1.0)),
    ("Привет", ("mk", 0.992)),
    ("NASA FBI CIA", ("pt", 1.0)),
    ("fk", ("no", 0.9848)),  # never converges: the walk stops at langdetect's iteration limit
    ("Ợἧғ⯢ᭋₛ\u038b⁼\u2d9cဏᜪဉ", ("vi", 1.0)),  # too few known n-grams to find by chance
    ("2024 — 10:30 !!!", (None, None)),
    ("", (None, None)),
]


@pytest.mark.parametrize(("text", "answer"), ANSWERS)
def test_answers_stay_the_same(text: str, answer: tuple[str | None, float | None]) -> None:
    assert detect_language(text, 600) == answer


def test_the_same_text_gets_the_same_answer_after_a_reload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Una frase breve, en español o en portugués."
    first = [detect_language(text, 600) for _ in range(3)]
    monkeypatch.setattr(cleaner.language, "_model", None)
    assert first == [detect_language(text, 600)] * 3


def test_only_the_sample_counts() -> None:
    german = "Die Regierung hat am Dienstag neue Maßnahmen angekündigt. "
    assert detect_language(german + "The rest is English. " * 40, len(german)) == ("de", 1.0)


def test_drawn_n_grams_are_ones_the_text_lists() -> None:
    """Drawn by chance, or from the list once chance keeps failing (the second text)."""
    model = cleaner.language._loaded_model()
    for text in ("Ein kurzer Satz über die NASA.", "Ợἧғ⯢ᭋₛ\u038b⁼\u2d9cဏᜪဉ"):
        padded = model.prepare(text)
        known = [model.factors[gram] for gram in model.listed(padded)]
        listed = [k if isinstance(k, list) else model.spread(k) for k in known]
        assert all(vector in listed for vector in islice(model._drawn(padded), 300))


def test_normalisation_is_langdetects() -> None:
    model = cleaner.language._loaded_model()
    for code in [*range(0x10000), *range(0x10000, 0x110000, 97)]:
        assert model.normalised(chr(code)) == NGram.normalize(chr(code)), hex(code)
    for text in (
        "Tie\u0302\u0301ng Vie\u0323\u0302t, co\u0301 “da\u0302\u0301u” — ho\u0300a.",
        "Ngày 3/10, ông Nguyễn (Hà Nội) nói: «Được». ゲーム と 한국어 ... 說話",
        "Președintele, țara… A\u0301.\u0300a\u0301",
    ):
        langdetects = "".join(map(NGram.normalize, NGram.normalize_vi(text)))
        assert model.normalised(text).split() == langdetects.split()


def test_n_grams_ending_inside_a_run_of_capitals_are_skipped() -> None:
    model = cleaner.language._loaded_model()
    listed = model.listed(model.prepare("die NASA"))
    assert listed[-4:] == ["N", " N", "A ", "SA "]  # not NA, AS, ASA nor the A inside


def test_the_normalisation_patterns_are_safe() -> None:
    model = cleaner.language._loaded_model()
    check_pattern(model.to_space.pattern, flags=model.to_space.flags, searched=False)  # sub
    check_pattern(model.to_fold.pattern, flags=model.to_fold.flags)


def test_the_walk_draws_random_0s_floats_after_its_gauss() -> None:
    rand = random.Random(0)
    rand.gauss(0.0, 1.0)
    expected = [rand.random() for _ in range(3000)]  # beyond the precomputed ones
    assert list(islice(cleaner.language._loaded_model()._floats(), 3000)) == expected
