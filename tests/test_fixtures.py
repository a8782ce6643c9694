"""The composed articles in fixtures/articles: exact text and metadata, clean and damaged.

Each damaged copy (mojibake, Windows-1252 bytes, HTML entities, CRLF) must give exactly the
output of the clean copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from cleaner import Cleaner
from tests.conftest import FIXTURES

ARTICLES = sorted(p for p in (FIXTURES / "articles").iterdir() if p.is_dir())
METADATA_FIELDS = ("title", "author", "date", "dateline", "language")


def _entities(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;").encode("ascii", "xmlcharrefreplace").decode("ascii")


DAMAGE: dict[str, Callable[[str], str | bytes]] = {
    "utf8-bytes": lambda text: text.encode("utf-8"),
    "mojibake": lambda text: text.encode("utf-8").decode("sloppy-windows-1252"),
    "cp1252-bytes": lambda text: text.encode("cp1252"),
    "html-entities": _entities,
    "crlf": lambda text: text.replace("\n", "\r\n"),
}


def _expected(article: Path) -> tuple[str, dict[str, object]]:
    text = (article / "expected.txt").read_text("utf-8").removesuffix("\n")
    meta = json.loads((article / "expected.json").read_text("utf-8"))
    return text, meta


def test_there_are_enough_fixtures_in_every_language() -> None:
    languages = [json.loads((a / "expected.json").read_text("utf-8"))["language"] for a in ARTICLES]
    assert len(ARTICLES) >= 25
    for lang in ("en", "de", "fr", "es"):
        assert languages.count(lang) >= 3, lang
    assert any(lang in ("zh-cn", "zh-tw", "ja", "ko") for lang in languages)


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_fixture_text_and_metadata(article: Path, default_cleaner: Cleaner) -> None:
    text, meta = _expected(article)
    doc = default_cleaner.clean((article / "input.txt").read_text("utf-8"))
    assert doc.text == text
    assert {field: getattr(doc.metadata, field) for field in METADATA_FIELDS} == meta


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_damaged_copy_gives_the_clean_output(
    article: Path, damage: str, default_cleaner: Cleaner
) -> None:
    source = (article / "input.txt").read_text("utf-8")
    try:
        damaged = DAMAGE[damage](source)
    except UnicodeEncodeError:
        pytest.skip("the article's script has no Windows-1252 form")
    clean = default_cleaner.clean(source)
    doc = default_cleaner.clean(damaged)
    assert doc.text == clean.text
    for field in METADATA_FIELDS:
        assert getattr(doc.metadata, field) == getattr(clean.metadata, field)


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_fixture_output_is_a_fixed_point(article: Path, default_cleaner: Cleaner) -> None:
    text, _ = _expected(article)
    assert default_cleaner.clean(text).text == text
