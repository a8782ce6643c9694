"""Articles without residue in twelve more languages lose nothing, in any of their code pages
(ten of the languages have a vocabulary now, which must take none of their prose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "languages").glob("*.txt"))
# The legacy code pages each language is written in that can encode its fixture.
CODE_PAGES = {
    "sv": ("cp1252",),
    "hu": ("cp1250",),
    "cs": ("cp1250",),
    "el": ("cp1253", "iso8859_7"),
    "ar": ("cp1256",),
    "he": ("cp1255", "iso8859_8"),
    "ko": ("euc_kr",),
    "fi": ("cp1252",),
    "uk": ("cp1251",),
    "id": ("cp1252",),
}


def _read(article: Path) -> tuple[str, str, str]:
    text = article.read_text(encoding="utf-8").removesuffix("\n")
    title, body = text.split("\n\n", 1)
    return text, title, body


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_article_keeps_its_body_and_gives_its_title_and_language(
    article: Path, default_cleaner: Cleaner
) -> None:
    text, title, body = _read(article)
    doc = default_cleaner.clean(text)
    assert doc.text == body
    assert doc.metadata.title == title
    assert doc.metadata.language == article.stem


@pytest.mark.parametrize(
    ("language", "codec"),
    [(language, codec) for language, codecs in CODE_PAGES.items() for codec in codecs],
)
def test_article_in_a_legacy_code_page_gives_the_same_output(
    language: str, codec: str, default_cleaner: Cleaner
) -> None:
    text, _, _ = _read(FIXTURES / "languages" / f"{language}.txt")
    clean = default_cleaner.clean(text)
    doc = default_cleaner.clean(text.encode(codec))
    assert doc.text == clean.text
    assert doc.metadata.title == clean.metadata.title
    assert doc.metadata.language == clean.metadata.language


def test_every_language_with_a_code_page_has_its_fixture() -> None:
    assert {a.stem for a in ARTICLES} >= set(CODE_PAGES)
    assert len(ARTICLES) == 12
