"""A page's metadata read as a whole: JSON-LD (with its graph's references), <meta>, author
markup, the header's byline and date, the title without the site's name. Composed pages,
exact expected fields; a field the page does not give stays None."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner

BODY = "".join(
    f"<p>The council approved the harbour plan on Monday after a debate of two long years. "
    f"Paragraph {n} of the report says what the ferry line will cost and who will pay.</p>"
    for n in range(5)
)
HEADLINE = "Harbour plan wins council backing"
# A paragraph long enough to end a page's header.
LONG = (
    "The harbour board met again this week to settle the ferry timetable, the new pier and "
    "the walk along the coast, and residents asked many questions about the works. " * 2
)


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def _news_index(days: tuple[int, ...]) -> str:
    """A page of stories dated on ``days`` of March 2024, in that order, and a body."""
    stories = "".join(
        f'<h2>Story {day}</h2><time datetime="2024-03-{day}">{day} March 2024</time>'
        for day in days
    )
    return _page("<title>Harbour news</title>", f"<h1>Harbour news</h1>{stories}{BODY}")


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
    # A <meta> date written for readers, as some templates fill the field.
    "meta_date_written_out": (
        _page(f'<title>{HEADLINE}</title><meta name="date" content="March 12, 2024">', BODY),
        (HEADLINE, None, "2024-03-12", "meta"),
    ),
    # A scholarly <meta> date, year first with slashes.
    "citation_date": (
        _page(
            f'<title>{HEADLINE}</title><meta name="citation_publication_date" content="2024/3/2">',
            BODY,
        ),
        (HEADLINE, None, "2024-03-02", "meta"),
    ),
    # A documentation platform's <meta name="ms.date">, its page's date; not its
    # "updated_at", the build's.
    "ms_date": (
        _page(
            f'<title>{HEADLINE}</title><meta name="ms.date" content="2025-03-06T00:00:00Z">'
            '<meta name="updated_at" content="2025-10-23T11:11:00Z">',
            BODY,
        ),
        (HEADLINE, None, "2025-03-06T00:00+00:00", "meta"),
    ),
    # A numeric day and month in a <meta> field say no order: not read.
    "meta_numeric_date": (
        _page(
            f"<title>{HEADLINE}</title>"
            '<meta property="article:published_time" content="02/03/2024 05:17 AM">',
            BODY,
        ),
        (HEADLINE, None, None, None),
    ),
    # Microdata's one datePublished, away from the header.
    "microdata_date": (
        _page(
            f"<title>{HEADLINE}</title>",
            f'<article>{BODY}<footer><abbr itemprop="datePublished" title="x">'
            "March 12, 2024</abbr></footer></article>",
        ),
        (HEADLINE, None, "2024-03-12", "microdata"),
    ),
    # Several microdata dates date a list's items, not the page; nor does the first date
    # line, which opens no more of the page's prose than it closes (a list's item), and
    # the text chain's date line below the body is then none of the page's.
    "microdata_list_dates": (
        _page(
            f"<title>{HEADLINE}</title>",
            "".join(
                f'<div><p>{BODY}</p><span itemprop="datePublished">2024-03-{day}</span></div>'
                for day in (12, 14)
            ),
        ),
        (HEADLINE, None, None, None),
    ),
    # A forum thread's header: the start date is a <time>; the poster's "Joined" date is
    # plain text, and no publication date. The <time> shows the day in the page's own
    # zone, the same moment as the declared date, a day earlier in UTC.
    "forum_time_over_joined": (
        _page(
            "<title>Best ferry timetable app?</title>"
            + _json_ld(
                {
                    "@type": "DiscussionForumPosting",
                    "headline": "Best ferry timetable app?",
                    "datePublished": "2024-03-11T23:25:38+00:00",
                }
            ),
            "<h1>Best ferry timetable app?</h1><div>Start date</div>"
            '<div><time datetime="2024-03-12T04:25:38+0500">Mar 12, 2024</time></div>'
            f"<div>pelex</div><div>Joined</div><div>Nov 4, 2011</div><article>{BODY}</article>",
        ),
        ("Best ferry timetable app?", None, "2024-03-12T04:25:38+05:00", "page header"),
    ),
    # A short news index: the dates under its heading are its items', not its own (not the
    # earliest, as a header's); the first, opening the page's prose, dates it (an index of
    # five days or more, newest first, has no date: ``news_index_dates``).
    "index_dates": (
        _news_index((12, 11, 10)),
        ("Harbour news", None, "2024-03-12", "opening line"),
    ),
    # A news index of five days, newest first: no date, not even the first.
    "news_index_dates": (
        _news_index((12, 11, 11, 9, 8, 2)),
        ("Harbour news", None, None, None),
    ),
    # A news index whose <time>s print no date ("1 days ago"): their machine dates, five
    # days newest first, are its items'; the first, alone in the header, is not its own.
    "relative_time_index": (
        _page(
            "<title>Harbour news</title>",
            "<h1>Harbour news</h1>"
            + "".join(
                f'<div><h2>Story {day}</h2><time datetime="2024-03-{day:02d}T10:00:00Z">'
                f"{n + 1} days ago</time><p>{LONG}</p></div>"
                for n, day in enumerate((12, 9, 5, 3, 1))
            ),
        ),
        ("Harbour news", None, None, None),
    ),
    # ... even with a story pinned out of order, the first the newest.
    "pinned_index_dates": (
        _news_index((14, 9, 11, 8, 7, 6)),
        ("Harbour news", None, None, None),
    ),
    # ... but five days in no order are a page's own dates and others' (the first opens it).
    "unordered_dates": (
        _news_index((12, 14, 11, 9, 8)),
        ("Harbour news", None, "2024-03-12", "opening line"),
    ),
    # An event's span of dates under the heading dates no page.
    "date_span": (
        _page(
            "<title>Harbour festival</title>",
            f"<h1>Harbour festival</h1><p>Dates: 2024-03-12 - 2024-03-15</p>{BODY}",
        ),
        ("Harbour festival", None, None, None),
    ),
    # A date line whose reading time follows a dash or a Japanese middle dot.
    "date_with_reading_time": (
        _page(
            f"<title>{HEADLINE}</title>",
            f"<h1>{HEADLINE}</h1><p>March 12, 2024 - 11 minutes</p>{BODY}",
        ),
        (HEADLINE, None, "2024-03-12", "page header"),
    ),
    "date_with_full_stop": (
        _page(
            f"<title>{HEADLINE}</title>",
            f"<h1>{HEADLINE}</h1><p>12 Mar 2024. 8 minutes read</p>{BODY}",
        ),
        (HEADLINE, None, "2024-03-12", "page header"),
    ),
    "date_with_middle_dot": (
        _page(
            f"<title>{HEADLINE}</title>",
            f"<h1>{HEADLINE}</h1><p>March 12, 2024 ・ 3 min read</p>{BODY}",
        ),
        (HEADLINE, None, "2024-03-12", "page header"),
    ),
    # No <h1>: the header is read around the <h2> that prints the title.
    "title_in_h2": (
        _page(
            f"<title>{HEADLINE}</title>",
            f"<div>Menu</div><h2>{HEADLINE}</h2><p>Published: 12 March 2024</p>{BODY}",
        ),
        (HEADLINE, None, "2024-03-12", "page header"),
    ),
    # A forum's <h1> is its name: the header is read around the topic's <h2>.
    "logo_h1_topic_h2": (
        _page(
            "<title>Best ferry timetable app? - harbourforum.example</title>",
            "<h1>harbourforum.example</h1>"
            + "".join(f"<div>Board {n}</div>" for n in range(14))
            + "<h2>Best ferry timetable app?</h2><p>Posted: 12 March 2024</p>"
            + BODY,
        ),
        ("Best ferry timetable app?", None, "2024-03-12", "page header"),
    ),
    # A category page: its heading names the category, its <title> is written for search
    # results; an article with the same markup keeps its declared title.
    "collection_heading_title": (
        _page(
            "<title>Ferry Tickets &amp; Passes Online - Best Prices</title>"
            + _json_ld({"@type": "CollectionPage", "name": "Ferry tickets"}),
            f"<h1>Harbour ferry passes</h1><ul>{BODY}</ul>",
        ),
        ("Harbour ferry passes", None, None, None),
    ),
    "article_keeps_declared_title": (
        _page(
            "<title>Ferry Tickets &amp; Passes Online - Best Prices</title>",
            f"<h1>Harbour ferry passes</h1><div>{BODY}</div>",
        ),
        ("Ferry Tickets & Passes Online", None, None, None),
    ),
    # A <title> ending with the site's host name: a short headline loses it too.
    "title_host_suffix": (
        _page("<title>Ferry passes | Courier.example.com</title>", f"<div>{BODY}</div>"),
        ("Ferry passes", None, None, None),
    ),
    # A heading that prints the site's name after the headline: the title is without it,
    # and the printed line is still removed from the text.
    "heading_with_site_suffix": (
        _page(
            f"<title>{HEADLINE} | Courier</title>",
            f"<article><h1>{HEADLINE} | Courier</h1><p>By Maria Rossi</p>{BODY}</article>",
        ),
        (HEADLINE, "Maria Rossi", None, None),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_page_metadata(name: str, default_cleaner: Cleaner) -> None:
    page, expected = CASES[name]
    meta = default_cleaner.clean(page).metadata
    assert (meta.title, meta.author, meta.date, meta.date_source) == expected


# Fields saved with their UTF-8 read as Windows-1252 ("â€™", "Å„"), or escaped twice
# ("&amp;#x26;" reads as "&#x26;"), are repaired as the text is, and say so in repairs.
DAMAGED_FIELDS = _page(
    "<title>The ferry\u00e2\u20ac\u2122s new timetable &amp;#x26; fares</title>"
    '<meta name="author" content="Dariusz Jaro\u00c5\u201e">',
    f"<div>{BODY}</div>",
)


def test_declared_fields_are_repaired_as_the_text_is(default_cleaner: Cleaner) -> None:
    meta = default_cleaner.clean(DAMAGED_FIELDS).metadata
    assert (meta.title, meta.author) == (
        "The ferry\u2019s new timetable & fares",
        "Dariusz Jaro\u0144",
    )
    assert meta.repairs == ["html_entities", "mojibake"]


def test_heading_with_site_suffix_leaves_the_text(default_cleaner: Cleaner) -> None:
    page, _ = CASES["heading_with_site_suffix"]
    text = default_cleaner.clean(page).text
    assert "Courier" not in text and text.startswith("The council approved")


def test_heading_titles_follow_the_users_rules(tmp_path: Path) -> None:
    """``heading_titles`` comes from the rules the Cleaner was built with: emptied in a
    user's file, a category page keeps the title its <title> declares."""
    page, _ = CASES["collection_heading_title"]
    rules = tmp_path / "rules.toml"
    rules.write_text("[html.extraction]\nheading_titles = []\n", encoding="utf-8")
    meta = Cleaner.from_rules(rules).clean(page).metadata
    assert meta.title == "Ferry Tickets & Passes Online"
