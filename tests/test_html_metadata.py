"""A page's metadata read as a whole: JSON-LD (with its graph's references), <meta>, author
markup, the header's byline and date, the title without the site's name. Composed pages,
exact expected fields; a field the page does not give stays None."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cleaner import Cleaner

BODY = "".join(
    f"<p>The council approved the harbour plan on Monday after a debate of two long years. "
    f"Paragraph {n} of the report says what the ferry line will cost and who will pay.</p>"
    for n in range(5)
)
HEADLINE = "Harbour plan wins council backing"


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def _json_ld(data: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


GRAPH = _json_ld(
    {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": f"{HEADLINE} | Courier",
                "datePublished": "2024-03-12T09:30:00+01:00",
                "author": {"@id": "https://courier.example/#/person/jane"},
                "publisher": {"@id": "https://courier.example/#org"},
            },
            {"@type": "Organization", "@id": "https://courier.example/#org", "name": "Courier"},
            {"@type": "Person", "@id": "https://courier.example/#/person/jane", "name": "Jane Doe"},
        ],
    }
)

CASES = {
    # JSON-LD @graph: the author is a reference to a Person node; the headline loses the
    # site's name, which the graph's publisher gives.
    "json_ld_graph_author": (
        _page(f"<title>{HEADLINE} | Courier</title>{GRAPH}", f"<article>{BODY}</article>"),
        (HEADLINE, "Jane Doe", "2024-03-12T09:30+01:00", "json-ld"),
    ),
    # <meta name="author">; og:title with the site's name after a bar.
    "meta_author": (
        _page(
            '<meta property="og:title" content="Harbour plan wins council backing | Courier">'
            '<meta property="og:site_name" content="Courier">'
            '<meta name="author" content="Jan de Vries">',
            f"<article>{BODY}</article>",
        ),
        (HEADLINE, "Jan de Vries", None, None),
    ),
    # A byline under the headline, in a byline class and with a label: the name only.
    "dom_byline": (
        _page(
            f"<title>{HEADLINE} - Courier</title>",
            f'<article><h1>{HEADLINE}</h1><p class="byline">By Maria Rossi</p>{BODY}</article>',
        ),
        (HEADLINE, "Maria Rossi", None, None),
    ),
    # A German byline line in the header, with its date after a bar, no markup at all.
    "header_byline_with_date": (
        _page(
            "<title>Hafenplan findet Mehrheit im Rat</title>",
            "<article><h1>Hafenplan findet Mehrheit im Rat</h1>"
            f"<div>Von Hans Müller | 12. März 2024</div>{BODY}</article>",
        ),
        ("Hafenplan findet Mehrheit im Rat", "Hans Müller", "2024-03-12", "page header"),
    ),
    # No author anywhere: a testimonial's author far from the heading, and a JSON-LD
    # author that is the site itself, name none.
    "no_author": (
        _page(
            f"<title>{HEADLINE} | Courier</title>"
            '<meta property="og:site_name" content="Courier">'
            + _json_ld(
                {
                    "@type": "Article",
                    "headline": HEADLINE,
                    "author": {"@type": "Organization", "name": "Courier"},
                }
            ),
            f"<article><h1>{HEADLINE}</h1>{BODY}</article>"
            '<aside><blockquote>Great service.</blockquote><p class="testimonial-author">'
            "Sam Client</p></aside>",
        ),
        (HEADLINE, None, None, None),
    ),
    # The date a <time> element under the headline shows, with its machine time.
    "time_element_date": (
        _page(
            f"<title>{HEADLINE}</title>",
            f"<article><h1>{HEADLINE}</h1>"
            '<p><time datetime="2024-03-12T09:30+01:00">12 March 2024</time></p>'
            f"{BODY}</article>",
        ),
        (HEADLINE, None, "2024-03-12T09:30+01:00", "page header"),
    ),
    # Published and updated both shown: the earliest is the publication date, though the
    # page declares the update as its date.
    "shown_date_before_declared": (
        _page(
            f'<title>{HEADLINE}</title><meta property="article:published_time" '
            'content="2024-03-20T08:00:00+00:00">',
            f"<article><h1>{HEADLINE}</h1><p>Published: 12 March 2024</p>"
            f"<p>Updated: 20 March 2024</p>{BODY}</article>",
        ),
        (HEADLINE, None, "2024-03-12", "page header"),
    ),
    # Only a modification time, as site templates declare on every page: no date.
    "modified_time_only": (
        _page(
            f"<title>{HEADLINE}</title>"
            '<meta property="article:modified_time" content="2025-11-19T14:04:23+00:00">'
            '<meta property="og:updated_time" content="2025-11-19T14:04:23+00:00">',
            f"<article><h1>{HEADLINE}</h1>{BODY}</article>",
        ),
        (HEADLINE, None, None, None),
    ),
    # A forum thread: the first post's author, from the post's author attribute.
    "forum_post_author": (
        _page(
            "<title>Best ferry timetable app? | Harbour Forum</title>"
            '<meta property="og:site_name" content="Harbour Forum">',
            "<h1>Best ferry timetable app?</h1>"
            f'<article class="message" data-author="pelex">{BODY}</article>'
            f'<article class="message" data-author="ferryfan">{BODY}</article>',
        ),
        ("Best ferry timetable app?", "pelex", None, None),
    ),
    # A dated post whose one <h1> words the headline otherwise than its <title>.
    "heading_over_declared_title": (
        _page(
            "<title>Harbour Plan 2024: Costs, Vote, Ferry Line | Courier</title>",
            "<article><h1>How the council came to back the harbour plan</h1>"
            f"<p>Published: 12 March 2024</p>{BODY}</article>",
        ),
        ("How the council came to back the harbour plan", None, "2024-03-12", "page header"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_page_metadata(name: str, default_cleaner: Cleaner) -> None:
    page, expected = CASES[name]
    meta = default_cleaner.clean(page).metadata
    assert (meta.title, meta.author, meta.date, meta.date_source) == expected
