"""The date of a page, read as a whole (``fixtures/dates``): a thread's first post, a <time>
printed in the page's own time zone, <meta> fields written for readers, a date run into the
words beside it in the header, a line labelled as a publication date; and no date where
the page gives none of its own (a shop's reviews, a documentation page's last update).

Each fixture folder holds ``input.html``, optionally ``url.txt`` (its invented address),
and ``expected.json``: the exact ``date`` and ``date_source`` (both null for no date).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RulesError
from cleaner.html.markup import parse_page
from cleaner.html.metadata import guess_date, published_date, read_metadata
from tests.conftest import FIXTURES, write_rules

PAGES = sorted(p for p in (FIXTURES / "dates").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", PAGES, ids=lambda p: p.name)
def test_page_date(folder: Path, default_cleaner: Cleaner) -> None:
    url_file = folder / "url.txt"
    url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
    page = (folder / "input.html").read_text(encoding="utf-8")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    meta = default_cleaner.clean(page, url=url).metadata
    assert {"date": meta.date, "date_source": meta.date_source} == expected


def test_the_fixtures_cover_several_languages() -> None:
    assert len({folder.name.split("_")[1] for folder in PAGES}) >= 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published on March 2, 2025", "2025-03-02"),
        ("Posted on the 15/12/2025 at 19:00", "2025-12-15T19:00"),
        ("Published March 2, 2025 by Jane Doe", "2025-03-02"),
        ("Veröffentlicht am 3. Juli 2024", "2024-07-03"),
        ("Publié le 12/03/2024 à 14h05", "2024-03-12T14:05"),
        ("Publicado el 3 de julio de 2024", "2024-07-03"),
        ("Pubblicato il 14 marzo 2025", "2025-03-14"),
        ("Gepubliceerd op 5 mei 2024", "2024-05-05"),
        # The label alone on the line before the date.
        ("Veröffentlicht\n3. Juli 2024", "2024-07-03"),
        ("Published:\nAugust 30, 2024", "2024-08-30"),
        # An update's or a release's date is not the page's publication.
        ("Last updated: Mar 06, 2026", None),
        ("Aktualisiert am 3. Juli 2024", None),
        ("Mis à jour le 12/03/2024", None),
        ("Release date: March 2, 2026", None),
        # A sentence that opens with the label.
        ("Published " + "long " * 40 + "on March 2, 2025", None),
    ],
)
def test_published_line(line: str, expected: str | None, default_cleaner: Cleaner) -> None:
    """The first line labelled as a publication date dates the page; others are passed
    over for a later one."""
    lines = ["Menu", *line.split("\n"), "Published on April 1, 2020"]
    found = published_date(lines, default_cleaner.rules.vocabulary)
    assert found == (expected or "2020-04-01")


ARTICLE = (
    '<html><head><meta property="article:published_time" content="2024-03-12T09:30:00Z">'
    "</head><body><h1>Harbour plan wins council backing</h1>"
    + "<p>The council approved the harbour plan after two years of debate.</p>" * 6
    + "</body></html>"
)


def test_undated_page_types_follow_the_users_rules(tmp_path: Path) -> None:
    """A type listed ``undated`` loses the date its markup declares; the shipped list has
    no article in it."""
    assert Cleaner.default().clean(ARTICLE).metadata.date == "2024-03-12T09:30+00:00"
    rules = write_rules(tmp_path, '[page_types]\nundated = ["article"]\n')
    assert Cleaner.from_rules(rules).clean(ARTICLE).metadata.date is None


@pytest.mark.parametrize("key", ["undated", "sold_dates", "line_dated"])
def test_date_rules_name_page_types(tmp_path: Path, key: str) -> None:
    rules = write_rules(tmp_path, f'[page_types]\n{key} = ["catalogue"]\n')
    with pytest.raises(RulesError, match="page types are"):
        Cleaner.from_rules(rules).clean(ARTICLE)


UNHEADED_POST = (
    "<html><body><div class='post-title'>Harbour plan wins council backing</div>"
    "<p>March 6, 2026</p>"
    + "<p>The council approved the harbour plan after two years of debate, and the works "
    "start in spring with a new ferry pier and a long walk along the rocky coast.</p>"
    * 4
    + "</body></html>"
)


def test_line_dated_types_follow_the_users_rules(tmp_path: Path) -> None:
    """The date line that opens a page's prose dates it only on the types listed
    ``line_dated`` (the shipped list has article, the default type); on others the text
    chain reads it."""
    meta = Cleaner.default().clean(UNHEADED_POST).metadata
    assert (meta.date, meta.date_source) == ("2026-03-06", "opening line")
    rules = write_rules(tmp_path, "[page_types]\nline_dated = []\n")
    meta = Cleaner.from_rules(rules).clean(UNHEADED_POST).metadata
    assert (meta.date, meta.date_source) == ("2026-03-06", "date line")


NEWS_ITEMS = [
    ("Le port accueille un nouveau ferry", "Le navire assurera la liaison avec l'île."),
    ("La bibliothèque ouvre le dimanche", "Les horaires élargis seront testés six mois."),
    ("Un marché bio place de la Mairie", "Une vingtaine de producteurs chaque samedi."),
]


@pytest.mark.parametrize("days", [1, 3])
def test_a_lists_dates_are_no_page_date(days: int, default_cleaner: Cleaner) -> None:
    """Under an index's heading, its items' dates: three of one day, or of several days,
    date no page (the text chain may still read its first date line)."""
    items = "".join(
        f'<div class="item"><h2>{title}</h2><p>{1 + n % days} mars 2026</p><p>{text}</p></div>'
        for n, (title, text) in enumerate(NEWS_ITEMS)
    )
    root, _ = parse_page(f'<html lang="fr"><body><h1>Actualités</h1>{items}</body></html>')
    assert root is not None
    assert read_metadata(root, default_cleaner.rules.vocabulary).date is None


def test_an_article_prints_its_date_twice(default_cleaner: Cleaner) -> None:
    article = (
        "<html><body><article><h1>Harbour plan wins council backing</h1>"
        "<p>Updated March 6, 2026</p><p>By Jane Doe</p><p>Updated March 6, 2026</p>"
        + "<p>The council approved the harbour plan after two years of debate.</p>" * 5
        + "</article></body></html>"
    )
    root, _ = parse_page(article)
    assert root is not None
    assert read_metadata(root, default_cleaner.rules.vocabulary).date == "2026-03-06"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/2024/03/12/harbour-plan", "2024-03-12"),
        ("https://example.org/blog/2023/october/03/harbour-plan/", "2023-10-03"),
        ("https://exemple.fr/actualites/2024/mars/12/le-port", "2024-03-12"),
        ("https://ejemplo.es/noticias/2024/marzo/5/el-puerto", "2024-03-05"),
        # A word that is no month, a day no month has, a month without its day.
        ("https://example.org/gallery/2023/art/03/", None),
        ("https://example.org/blog/2023/october/32/", None),
        ("https://example.org/blog/2023/october/harbour-plan", None),
    ],
)
def test_a_day_in_the_address(url: str, expected: str | None, default_cleaner: Cleaner) -> None:
    assert guess_date(url, default_cleaner.rules.vocabulary) == expected
