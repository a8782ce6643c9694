"""What a page says about itself: <title>, <meta> and og: fields, JSON-LD, microdata,
its header's byline and date, <html lang>.

Read from the parsed page before extraction, as a whole. Structured data (JSON-LD, with
its graph's references) wins over <meta> fields, which win over the <title> element; a
title loses the parts that are the site's name. The author comes from JSON-LD, <meta>,
then author markup and the header's byline, never the site's own name. The date is the
earliest printed in the header (the lines around the main heading) when it comes before
the declared one, else the declared one; a page that shows and declares none is dated only
by its address (see ``guess_date``). A field not found stays ``None``.
"""

from __future__ import annotations

import functools
import html as html_entities
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree, html

from cleaner.bylines import BylineReader
from cleaner.dates import DateLineReader, mentions_year
from cleaner.html.visible import visible_lines
from cleaner.prefixes import prefix_pattern
from cleaner.shape import fold_case, match_key, match_keys, word_count
from cleaner.vocabulary import Vocabulary

_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Posting|Report|^Question)$")
# A machine date: day, optional clock time (fractions of a second dropped), optional offset.
_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
)
# ISO 8601's basic format, without separators ("20180619T055000+0900"): the time is required,
# so that a bare number (an id, a count) is never read as a day.
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})?$")
# Year first with slashes, as scholarly <meta> fields write it ("2019/1/22"): never ambiguous.
_SLASHED_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
# A word in a date written out ("March 27, 2025"): a <meta> field's numeric day and month
# ("02/03/2023") are read in no known order, as the field says no language.
_NAMED_MONTH = re.compile(r"[^\W\d_]{3}")
# Placeholders that CMSs print for a missing date: year 1 and earlier than any web page, and
# the Unix epoch's first day.
_EARLIEST_DAY = "1900-01-01"
_EPOCH = "1970-01-01"
# " | ", " - ", " — ", " · ", " » " between a headline and the site's name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s{1,4}[|–—•·:»-]\s{1,4}")
# Microdata's publication dates, but <meta> ones (read with the other <meta> fields).
# (Found from the attributes: libxml2 tests an element's attribute in a third less time.)
_MICRODATA_DATES = etree.XPath("//@itemprop[. = 'datePublished']/parent::*[not(self::meta)]")
# A day in a page's address: ".../2024/03/12/slug", ".../2024-03-12-slug".
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)")
# ... with its month's name: ".../2023/october/03/slug".
_URL_NAMED_DATE = re.compile(r"/((?:19|20)\d\d)/([^\W\d_]{3,12})/(0?[1-9]|[12]\d|3[01])(?:/|$)")
# Attributes in which forum and comment software name a post's author.
_AUTHOR_ATTRIBUTES = ("data-author", "author")
# Classes of bylines ("author", "post-author", "byline") and of comment sections.
_AUTHOR_CLASS = re.compile(r"author|byline")
_COMMENTS = re.compile(r"comment|respon[sd]|repl(?:y|ies)")
# Classes and ids of comment sections and reviews, but a thread's replies (which may hold
# its opening post).
_REACTIONS = re.compile(r"comment|review")
# A main heading longer than this is a sentence, not a title.
_HEADING_MAX_WORDS = 25
# Where a header line may be cut into parts around a date: bars, bullets, brackets, a dash
# between spaces and a full stop after a year ("February 4, 2025 - 11 minutes", "December
# 18, 2025 ・ 3 min read", "05 Nov 2025. 8 minutes read").
_LINE_PARTS = re.compile(r"[|•·⋅・●\[\]()]|\s[-–—]\s|(?<=(?:19|20)\d\d)\.\s")
# A year, and where a date may start at a line's end: after a comma, or where words run
# together, at a capital or a digit after a small letter ("KimDecember", "Raba23.07.2025").
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_STARTS = re.compile(r"(?<=,\s)(?=\w)|(?<=[^\W\d_])(?=[A-Z\d])")
# A header line whose edge may hold a date is this short; the date at its end this long,
# after a few words (a byline's name, "started by pelex"), not a sentence.
_EDGE_LINE_CHARS = 120
_EDGE_DATE_CHARS = 40
_EDGE_WORDS = 8
# A year, a dash between spaces, and a later year on the line: a span of dates.
_DATE_SPAN = re.compile(r"(?:19|20)\d\d\S{0,12}\s[-–—]\s.{0,20}(?:19|20)\d\d")
# A site's name after a headline is a few words.
_SITE_MAX_WORDS = 4
# A host name as a site prints it in a title: "Newegg.com", "www.bcbs.com".
_HOST = re.compile(r"(?:[\w-]{1,63}\.){1,3}[a-z]{2,6}", re.IGNORECASE)
# An author's name is a few words, not a sentence.
_NAME_MAX_WORDS = 5
_NAME_MAX_CHARS = 60
# The page's header: lines read around its main heading, before the text's first long
# paragraph (the byline and date sit above or below the headline).
_HEADER_BEFORE = 4
_HEADER_AFTER = 12
_PARAGRAPH_WORDS = 30
# ... but the long line right under the heading, up to this long, is its standfirst.
_STANDFIRST_WORDS = 60
# A page shows a publication and an update day in its header; more days are a list's.
_HEADER_DAYS = 2
# A line labelled as a publication date is this short: a longer one is a sentence.
_LABELLED_LINE_CHARS = 150
# A forum post's head before its date: its number ("#1 2025-11-01 15:14:37") or its
# author's byline and a guillemet ("by pelex » Tue Aug 27, 2019 1:47 am").
_POST_HEAD = re.compile(r"^(?:#\d{1,7}\s+|[^»]{1,60}\s»\s+)")
# A page printing this many days or more on date lines of their own, newest first, is an
# index of dated items (a news section, a blog's front page), not itself dated.
_INDEX_DAYS = 5
# ... of which at most this share may be newer than the one before.
_INDEX_DISORDER = 0.2
# A line of prose (a paragraph, a forum post's) has at least this many words.
_PROSE_WORDS = 15
# Where a date the markup declares comes from (the others are printed on the page).
DECLARED_SOURCES = frozenset({"json-ld", "meta", "microdata"})
# JSON-LD objects are read this many lists and objects deep.
_JSON_LD_DEPTH = 6
# A thread has at least this many dated posts.
_THREAD_POSTS = 3
# A container of the heading is climbed until it holds this many words (its article).
_CONTAINER_WORDS = 120
_CONTAINER_LEVELS = 6
# Its words are counted on its text's start, this long first, twice as long at each count.
_FIRST_COUNT_CHARS = 600
# A container with no more than this many lines after the heading is climbed further, at
# most this many levels.
_HERO_LINES = 2
_HERO_LEVELS = 3
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")
_WORDS = re.compile(r"\w+")
# <meta> names and properties by field, best first.
_META = {
    "title": ("og:title", "twitter:title", "title"),
    "author": ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author"),
    "date": (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "dc.date",
        "parsely-pub-date",
        "og:published_time",
        "og:article:published_time",
        "sailthru.date",
        "citation_publication_date",
        "citation_date",
        "published-date",
        "published",
        "w-published-date",
        "ms.date",
    ),
    "site_name": ("og:site_name", "application-name", "publisher"),
    "description": ("og:description", "description", "twitter:description"),
    "url": ("og:url",),
    "section": ("article:section", "parsely-section"),
    "tags": ("article:tag", "keywords", "news_keywords", "parsely-tags"),
}


@dataclass(slots=True)
class PageMetadata:
    """Fields a page declares; ``None`` or empty when it does not."""

    title: str | None = None
    headline: str | None = None
    # The headline without the site's name it prints ("Headline | Site"): the title reported,
    # while ``headline`` is the line as printed, which the text chain removes.
    bare_headline: str | None = None
    # The page's one <h1> when no headline restates the title (see ``_sole_heading``).
    heading: str | None = None
    # Whether the page's type is titled by that heading (``heading_titles``, rules/html.toml).
    titled_by_heading: bool = False
    author: str | None = None
    date: str | None = None
    date_source: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    article_body: str | None = None
    # The page's JSON-LD scripts, parsed once (cleaner.html.page_type reads their types).
    json_ld: list[Any] = field(default_factory=list)
    # The day in the address of a page that shows and declares no date (see ``guess_date``).
    guessed_date: str | None = None
    # Whether the page's reading of its lines is final: no date the text chain reads in its
    # extracted text is its own (a site's home page, an index of dated items, an article
    # that prints no date of its own; see ``cleaner.html.page``).
    dateless: bool = False
    # What kind of page it is, and the evidence that decided (cleaner.html.page_type).
    page_type: str | None = None
    page_type_source: str | None = None


def read_metadata(root: html.HtmlElement, vocabulary: Vocabulary | None = None) -> PageMetadata:
    """The metadata of a parsed page. With a ``vocabulary``, the page's header (the lines
    around its main heading) is read too: the byline and the date a reader sees there."""
    meta = _meta_fields(root)
    scripts = json_ld_scripts(root)
    ld, ld_ids = _json_ld_article(scripts)
    page = PageMetadata(json_ld=scripts)
    publisher = ld.get("publisher")
    page.site_name = _first(meta, _META["site_name"]) or (
        _names(publisher, ld_ids) if isinstance(publisher, dict) else None
    )
    sites = _site_names(root, page.site_name)
    if isinstance(publisher, dict):
        sites.add(_spaceless_key(_names(publisher, ld_ids) or ""))
    declared = html_entities.unescape(
        _text(ld.get("headline") or ld.get("name")) or _first(meta, _META["title"]) or ""
    )
    page.title = (
        _without_site(declared, sites) if declared else _title_element(root, page.site_name)
    )
    page.headline = _headline(root, page.title, sites)
    header = (
        _header_lines(root, page.headline or page.title, sites) if vocabulary is not None else []
    )
    readers = _readers(vocabulary) if vocabulary is not None else None
    declared_date = _declared_date(ld, meta, root, readers)
    times = _times(root)
    shown_days = _shown_dates(times, header, readers) if readers is not None else []
    shown = None if _lists_items(shown_days) else next(iter(shown_days), None)
    if shown and (declared_date[1] is None or _shown_first(shown, declared_date[1])):
        source, page.date = "page header", shown
    else:
        source, page.date = declared_date
    if page.date is None and not shown_days:
        source, page.date = "thread", _thread_date(times)
    page.date_source = source if page.date else None
    if page.date_source not in DECLARED_SOURCES and lists_dated_items(t.stamp for t in times):
        undate_page(page)  # a news index whose <time>s print "2 hours ago", "1 month ago"
    page.author = _author(ld, ld_ids, meta, root, sites, header, readers, page.date is not None)
    if page.headline is None:
        page.heading = _sole_heading(root, sites)
        if page.author or page.date or shown_days:
            # An authored or dated page (a post or an index of posts, not a landing page's
            # slogan): its heading.
            page.headline = page.heading
    page.bare_headline = _headline_without_site(page.headline, sites)
    page.description = _text(ld.get("description")) or _first(meta, _META["description"])
    page.canonical_url = _canonical(root) or _first(meta, _META["url"])
    page.categories = _categories(meta, ld)
    page.language = _language(root, meta)
    body = _text(ld.get("articleBody"))
    page.article_body = body or None
    return page


def iso_date(raw: str | None) -> str | None:
    """An ISO 8601 date or date-time of a machine-readable date field, or ``None``."""
    raw = (raw or "").strip()
    slashed = _SLASHED_DATE.match(raw)
    if slashed is not None:
        raw = "-".join(part.zfill(2) for part in slashed.groups())
    basic = _ISO_BASIC.match(raw)
    if basic is not None:
        year, month, day_of_month, hour, minute, second, zone = basic.groups()
        raw = f"{year}-{month}-{day_of_month}T{hour}:{minute}:{second or '00'}{zone or ''}"
    found = _ISO_DATE.match(raw)
    if found is None:
        return None
    day, clock, offset = found.group(1), found.group(2), found.group(3)
    if day < _EARLIEST_DAY or day == _EPOCH:
        return None  # a CMS's empty date ("0001-01-01") or an unset timestamp, not a date
    if offset == "Z":
        offset = "+00:00"
    elif offset and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    try:
        parsed = datetime.fromisoformat(f"{day}T{clock}{offset or ''}" if clock else day)
    except ValueError:
        return None
    if not clock:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds" if parsed.second else "minutes")


def _declared_date(
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    root: html.HtmlElement,
    readers: _Readers | None,
) -> tuple[str, str | None]:
    """Where the page declares its publication date, and the date: its JSON-LD article's,
    a <meta> field's (its first, a forum's opening post), else microdata's
    ``itemprop="datePublished"``. A value may be written for readers ("July 17, 2025"), as
    some templates fill these fields; such a <meta> field given several values, or several
    microdata dates, date the items of a list, not the page. Not the WebPage
    object's date, which SEO plugins give every page, landing pages included."""
    published = _declared(_text(ld.get("datePublished") or ld.get("dateCreated")), readers)
    if published:
        return "json-ld", published
    for name in _META["date"]:
        values = meta.get(name, [])
        found = iso_date(values[0]) if values else None
        if found is None and len(set(values)) == 1 and _NAMED_MONTH.search(values[0]):
            found = _declared(values[0], readers)
        if found:
            return "meta", found
    marked = {
        " ".join((e.get("content") or e.get("datetime") or e.text_content()).split())
        for e in _MICRODATA_DATES(root)
    }
    if len(marked) == 1:
        return "microdata", _declared(marked.pop(), readers)
    return "meta", None


def _declared(value: str | None, readers: _Readers | None) -> str | None:
    """A declared date: machine-readable, else a date written out as the text chain reads
    one."""
    found = iso_date(value)
    if found is None and value and readers is not None and mentions_year(value):
        dates = readers.dates.dates_of(value)
        found = dates[0][0] if dates is not None else None
    return found


def _lists_items(shown_days: list[str]) -> bool:
    """Whether the header's dates are a list's items (a news index): more days than a
    publication and an update, or one day on more lines than an article prints it (the
    posts of one day)."""
    days = {day[:10] for day in shown_days}
    return len(days) > _HEADER_DAYS or (len(days) == 1 and len(shown_days) > _HEADER_DAYS)


def _shown_first(shown: str, declared: str) -> bool:
    """Whether the header's date wins over the declared one: an earlier day, or the same
    moment in the page's own time zone (the day its readers see)."""
    if shown[:10] < declared[:10]:
        return True
    try:
        moments = datetime.fromisoformat(shown), datetime.fromisoformat(declared)
    except ValueError:
        return False
    if any(moment.tzinfo is None for moment in moments):
        return False
    return moments[0] == moments[1]


def undate_declared(page: PageMetadata) -> None:
    """Drop the page's date when its markup declared it rather than printed it: the date
    of a page of a type that carries none (``undated`` in ``rules/page_types.toml``)."""
    if page.date_source in DECLARED_SOURCES:
        page.date = page.date_source = None


def undate_page(page: PageMetadata) -> None:
    """Mark the page as carrying no date of its own, whatever its header or markup says."""
    page.date = page.date_source = None
    page.dateless = True


def is_home_page(url: str | None) -> bool:
    """Whether ``url`` is a site's home page (no path, no query): the front of a site,
    whose dates are its latest items', not its own."""
    parts = urlsplit(url or "")
    return bool(parts.netloc) and not parts.path.strip("/") and not parts.query


def date_lines(lines: Sequence[str], vocabulary: Vocabulary) -> list[tuple[int, str]]:
    """The date lines among a page's visible ``lines`` (a date alone on its line, labelled
    or not: "March 2, 2025", "Updated: 12/03/2024"), each with its index and first date."""
    dates = _readers(vocabulary).dates
    found = []
    for index, line in enumerate(lines):
        if len(line) <= _LABELLED_LINE_CHARS and mentions_year(line):
            read = dates.dates_of(_POST_HEAD.sub("", line, count=1))
            if read is not None and read[0]:
                found.append((index, read[0][0]))
    return found


def lists_dated_items(dates: Iterable[str]) -> bool:
    """Whether a page's dates (of its date lines, or its <time> elements) are an index's
    items: many days, newest first, as news sections and blogs list posts (the first the
    newest, nearly each no later than the one before: a pinned story may break the order).
    Not a thread's (oldest first), nor a post's followed by newer posts' teasers."""
    days = [day[:10] for day in dates]
    if len(set(days)) < _INDEX_DAYS or days[0] != max(days):
        return False
    newer = sum(a < b for a, b in itertools.pairwise(days))
    return newer <= _INDEX_DISORDER * (len(days) - 1)


def opening_date(lines: Sequence[str], dated: Sequence[tuple[int, str]]) -> str | None:
    """The date of the page's first date line (``date_lines``) when it opens the page's
    prose, with more of its paragraphs after it than before (a post's date under its
    title, not a footer's stamp or a last item's), else ``None``."""
    if not dated:
        return None
    at, day = dated[0]
    paragraphs = [index for index, line in enumerate(lines) if word_count(line) >= _PROSE_WORDS]
    before = sum(index < at for index in paragraphs)
    return day if before < len(paragraphs) - before else None


def guess_date(url: str | None, vocabulary: Vocabulary | None = None) -> str | None:
    """The publication day in the page's address (".../2024/03/12/slug", with the
    ``vocabulary``'s month names ".../2023/october/03/slug" too), or ``None``.

    Only for pages that show and declare no date. The markup's other dates (a template's
    modification time, a footer's copyright, a script's build stamp) are no publication
    date: a page that shows none has none.
    """
    found = _URL_DATE.search(url or "")
    if found is not None:
        return iso_date("-".join(found.groups()))
    named = _URL_NAMED_DATE.search(url or "") if vocabulary is not None else None
    if named is None or vocabulary is None:
        return None
    year, name, day = named.groups()
    # Only when a named day is in the address: most addresses have none.
    months = {fold_case(month): number for month, number in vocabulary.months.items()}
    month = months.get(fold_case(name))
    return iso_date(f"{year}-{month:02d}-{int(day):02d}") if month else None


def published_date(lines: Iterable[str], vocabulary: Vocabulary) -> str | None:
    """The date of the first of a page's visible ``lines`` labelled as a publication date
    ("Published on March 2, 2025", "Veröffentlicht am 3. Juli 2024"; ``published`` in the
    vocabularies' ``[date_words]``), the label alone on the line before it or not, or
    ``None``. Only for a page that declares and shows no date in its header: the line may
    be at its foot, or above a heading not found. Not an update's date, which a
    documentation or shop page prints on every page."""
    readers = _readers(vocabulary)
    if readers.published is None:
        return None
    label = None  # the label of the line before, alone on its line ("Published")
    for line in lines:
        if len(line) > _LABELLED_LINE_CHARS:
            label = None
            continue
        labelled = readers.published.match(line)
        if labelled is not None and not labelled.group("rest"):
            label = line
            continue
        if mentions_year(line) and (labelled is not None or label is not None):
            found = _dates_of(line if labelled else f"{label} {line}", readers)
            if found:
                return found[0]
        label = None
    return None


def _meta_fields(root: html.HtmlElement) -> dict[str, list[str]]:
    """Every <meta name|property|itemprop> content, by lower-cased name, in page order."""
    fields: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if name and content and content.strip():
            fields.setdefault(name.strip().lower(), []).append(" ".join(content.split()))
    return fields


def _first(meta: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in meta:
            return meta[name][0]
    return None


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _names(value: Any, ids: dict[str, dict[str, Any]] | None = None) -> str | None:
    """Person or organisation names of a JSON-LD value: a string, an object, a reference to
    an object of the page's graph (``{"@id": ...}``), or a list of them."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and ids:
            item = ids.get(str(item.get("@id")), item)
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            name = " ".join(html_entities.unescape(name).split())
            if name and not name.startswith(("http:", "https:")) and name not in names:
                names.append(name)
    return ", ".join(names) or None


def _author(
    ld: dict[str, Any],
    ids: dict[str, dict[str, Any]],
    meta: dict[str, list[str]],
    root: html.HtmlElement,
    sites: set[str],
    header: list[str],
    readers: _Readers | None,
    dated: bool,
) -> str | None:
    """The first author named by the page's structured data, <meta>, author markup, header
    byline or author classes, in that order. A name that is the site's is none, unless the
    page declares it an author: a JSON-LD Person, or the <meta> author of a dated page
    (a post) where JSON-LD names none (a personal site named after its author)."""
    declared = _names(ld.get("author"), ids)
    if declared and _is_person(ld.get("author"), ids):
        return declared
    named = next((_names(meta[name]) for name in _META["author"] if name in meta), None)
    if named and not declared and dated:
        return named
    # The page's author markup, found by one walk when the chain first needs it.
    markup = functools.cache(functools.partial(_author_markup, root))
    candidates = itertools.chain(
        (declared, named),
        _marked_authors(markup, readers),
        _header_bylines(header, readers) if readers is not None else (),
        # A name there must be printed in the header: none is without one.
        (name for name in _classed_authors(markup, readers) if name and _printed_in(name, header))
        if header
        else (),
    )
    for candidate in candidates:
        if candidate and _spaceless_key(candidate) not in sites:
            return candidate
    return None


def _is_person(value: Any, ids: dict[str, dict[str, Any]]) -> bool:
    """Whether a JSON-LD author value is a Person (or a list led by one)."""
    item = value[0] if isinstance(value, list) and value else value
    if isinstance(item, dict) and "@type" not in item:
        item = ids.get(str(item.get("@id")), item)
    types = item.get("@type") if isinstance(item, dict) else None
    return "Person" in (types if isinstance(types, list) else [types])


def _header_bylines(header: list[str], readers: _Readers) -> Iterator[str]:
    """Authors of the header's bylines, a label alone on its line ("By") read with the
    next line."""
    for i, line in enumerate(header):
        found = readers.byline.read(line)
        label = readers.label.match(line) if readers.label is not None else None
        if found is None and label is not None and not label.group("rest"):
            found = readers.byline.read(f"{line} {header[i + 1]}" if i + 1 < len(header) else line)
        if found is not None:
            yield found[0]


@dataclass(slots=True)
class _AuthorMarkup:
    """A page's elements that may name its author, each kind in page order."""

    microdata: list[html.HtmlElement] = field(default_factory=list)  # itemprop="author"
    attributes: list[str] = field(default_factory=list)  # values of author attributes
    links: list[html.HtmlElement] = field(default_factory=list)  # rel="author"
    classed: list[html.HtmlElement] = field(default_factory=list)  # author or byline classes


def _author_markup(root: html.HtmlElement) -> _AuthorMarkup:
    """The page's author markup, found in one walk (a walk per kind costs three times it)."""
    found = _AuthorMarkup()
    for element in root.iter():
        names = element.keys()  # most elements have few attributes or none: a fifth faster
        if not names:
            continue
        if "itemprop" in names and element.get("itemprop") == "author" and element.tag != "meta":
            found.microdata.append(element)
        for attribute in _AUTHOR_ATTRIBUTES:
            value = element.get(attribute) if attribute in names else None
            if value:
                found.attributes.append(value)
        if element.tag == "a" and "author" in (element.get("rel") or "").lower().split():
            found.links.append(element)
        classes = element.get("class") if "class" in names else None
        if classes and _AUTHOR_CLASS.search(classes.lower()):
            found.classed.append(element)
    return found


def _marked_authors(
    markup: Callable[[], _AuthorMarkup], readers: _Readers | None
) -> Iterator[str | None]:
    """Names in author markup, in page order by kind: microdata (``itemprop="author"``),
    an author attribute of a post, a ``rel="author"`` link."""
    found = markup()
    for element in found.microdata:
        names = [n for n in element.iter() if n.get("itemprop") == "name"]
        named = names[0] if names else element
        yield _name_of(named.get("content") or named.text_content(), readers)
    for value in found.attributes:
        yield _name_of(value, readers)
    for element in found.links:
        yield _name_of(element.text_content(), readers)


def _classed_authors(
    markup: Callable[[], _AuthorMarkup], readers: _Readers | None
) -> Iterator[str | None]:
    """Names in elements whose class says author or byline, outside comment sections."""
    for element in markup().classed:
        if not _in_comments(element):
            links = [a.text_content() for a in element.iter("a")]
            for text in (*links[:1], element.text_content()):
                yield _name_of(text, readers)


def _printed_in(name: str, header: list[str]) -> bool:
    """Whether a name is on one of the header's lines: an author class elsewhere on the
    page names a teaser's, a testimonial's or a review's author."""
    return any(name in line for line in header)


def _in_comments(element: html.HtmlElement) -> bool:
    return _within(element, _COMMENTS)


def _within(element: html.HtmlElement, marks: re.Pattern[str]) -> bool:
    """Whether an ancestor's class or id matches ``marks``."""
    for ancestor in element.iterancestors():
        if marks.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()):
            return True
    return False


def _name_of(text: str, readers: _Readers | None) -> str | None:
    """The name a short author text gives: after a byline label ("By Jane Doe"), or the
    text itself when it reads as a name (a few words, no sentence, no year)."""
    text = " ".join(text.split())
    if not text or len(text) > _NAME_MAX_CHARS:
        return None
    if readers is not None:
        found = readers.byline.author_of(text)
        if found:
            return found
        label = readers.label.match(text) if readers.label is not None else None
        if label is not None:
            text = label.group("rest")
    words = _WORDS.findall(text)
    if not 1 <= len(words) <= _NAME_MAX_WORDS or mentions_year(text) or text[-1] in ".!?:":
        return None
    if text.startswith(("http:", "https:", "@")) or not any(c.isalpha() for c in text):
        return None
    return text


def _without_site(title: str, sites: set[str]) -> str:
    """A declared title without the parts that are the site's name ("Headline | Site")."""
    parts = _TITLE_SEPARATORS.split(title)
    rest = [part for part in parts if _spaceless_key(part) not in sites and not _is_host(part)]
    return " - ".join(rest) if rest and len(rest) < len(parts) else title


def _headline_without_site(headline: str | None, sites: set[str]) -> str | None:
    """A printed headline without the site's name after it ("Headline | Site"), or None
    when it prints none: a short last part that is the site's name or a host name (a long
    one is the headline's second half, which a <title> may end with too)."""
    parts = _TITLE_SEPARATORS.split(headline or "")
    last = parts[-1]
    if len(parts) < 2 or len(_WORDS.findall(last)) > _SITE_MAX_WORDS:
        return None
    if _spaceless_key(last) not in sites and not _is_host(last):
        return None
    return " - ".join(parts[:-1])


def _is_host(part: str) -> bool:
    """Whether a title's part is a host name, the site's own ("Headline | Newegg.com")."""
    return _HOST.fullmatch(part.strip()) is not None


@dataclass(frozen=True, slots=True)
class _Readers:
    """The text chain's line readers, for the lines of a page's header."""

    byline: BylineReader
    dates: DateLineReader
    label: re.Pattern[str] | None
    published: re.Pattern[str] | None  # the labels of a first publication


@functools.lru_cache(maxsize=8)
def _readers(vocabulary: Vocabulary) -> _Readers:
    """Readers of bylines and date lines with the vocabulary's labels, built once."""
    names = vocabulary.readers
    labels = vocabulary.phrases(names.byline_labels)
    return _Readers(
        BylineReader(vocabulary, names.byline_labels, names.date_labels),
        vocabulary.date_line_reader(names.date_labels, names.date_notes),
        prefix_pattern(labels),
        prefix_pattern(match_keys(list(vocabulary.date_words.published))),
    )


def _main_heading(
    root: html.HtmlElement, headline: str | None, sites: set[str]
) -> html.HtmlElement | None:
    """The <h1> that prints the headline, else the page's first <h1> with text that is not
    the site's name (a logo), else an <h2>, <h3> or <h4> that prints the headline (a post's
    title under the blog's or forum's name)."""
    first = None
    for element in root.iter("h1"):
        text = " ".join(element.text_content().split())
        if headline is not None and text == headline:
            return element
        if first is None and text and _spaceless_key(text) not in sites and not _is_host(text):
            first = element
    if first is not None or headline is None:
        return first
    key = match_key(headline)
    return next(
        (e for e in root.iter("h2", "h3", "h4") if match_key(e.text_content()) == key), None
    )


def _header_lines(root: html.HtmlElement, headline: str | None, sites: set[str]) -> list[str]:
    """The visible lines around the page's main heading, up to the first long paragraph
    after it: where a byline and a date are printed. None without a heading."""
    heading = _main_heading(root, headline, sites)
    if heading is None:
        return []
    container = heading
    for _ in range(_CONTAINER_LEVELS):
        parent = container.getparent()
        if parent is None or _has_words(container, _CONTAINER_WORDS):
            break
        container = parent
    key = match_key(heading.text_content())
    for _ in range(_HERO_LEVELS + 1):
        lines, at = _lines_to_heading(container, key)
        parent = container.getparent()
        if len(lines) - at > _HERO_LINES or parent is None:
            break
        # The heading closes its container (a hero banner after a long menu): the byline
        # and date are in the blocks after it.
        container = parent
    header = lines[max(0, at - _HEADER_BEFORE) : at]
    for n, line in enumerate(lines[at + 1 : at + 1 + _HEADER_AFTER]):
        if word_count(line) >= _PARAGRAPH_WORDS:
            if n > 0 or word_count(line) > _STANDFIRST_WORDS:
                break
            continue  # the headline's standfirst: the byline and date may follow it
        header.append(line)
    return header


def _has_words(element: html.HtmlElement, words: int) -> bool:
    """Whether the element's text has at least ``words`` words, read no further than needed:
    a text's start never has more words than the text."""
    pieces: list[str] = []
    length, checked_at = 0, _FIRST_COUNT_CHARS
    for piece in element.itertext():
        pieces.append(piece)
        length += len(piece)
        if length >= checked_at:
            if word_count("".join(pieces)) >= words:
                return True
            checked_at = 2 * length
    return word_count("".join(pieces)) >= words


def _lines_to_heading(container: html.HtmlElement, key: str) -> tuple[list[str], int]:
    """The container's visible lines up to its first with the heading's ``key`` and the
    header's lines after it, and that line's index; all its lines and 0 when none has it."""
    lines: list[str] = []
    read = visible_lines(container)
    for line in read:
        lines.append(line)
        if match_key(line) == key:
            at = len(lines) - 1
            lines.extend(itertools.islice(read, _HEADER_AFTER))
            return lines, at
    return lines, 0


@dataclass(frozen=True, slots=True)
class _Time:
    """A <time> element with a machine date: its text and the date."""

    element: html.HtmlElement
    text: str
    stamp: str


def _times(root: html.HtmlElement) -> list[_Time]:
    """The page's <time> elements with a machine date, in page order."""
    found = []
    for element in root.iter("time"):
        stamp = iso_date(element.get("datetime"))
        if stamp:
            found.append(_Time(element, " ".join(element.text_content().split()), stamp))
    return found


def _shown_dates(times: list[_Time], header: list[str], readers: _Readers) -> list[str]:
    """The dates printed in the page's header, earliest first (published comes before
    updated, a thread's first post before its last): <time> elements' machine dates when
    their text is on a header line, else the dates of date lines as the text chain reads
    them. A <time> whose text prints another day than its machine date (the same moment in
    the page's own time zone) is dated by its text: the day its readers see."""
    texts: dict[str, _Time] = {}
    for time in times:
        if time.text:
            texts.setdefault(time.text, time)
    marked: list[str] = []
    printed: list[str] = []
    for line in header:
        found = [_printed_day(time, readers) for text, time in texts.items() if text in line]
        if found:
            marked.extend(found)
        elif mentions_year(line):
            printed.extend(_dates_of(line, readers))
    # A header that marks its dates with <time> marks its publication date: its unmarked
    # dates are others (a forum member's "Joined Nov 4, 2011", a copyright year).
    return sorted(marked or printed, key=lambda stamp: stamp[:10])


def _printed_day(time: _Time, readers: _Readers) -> str:
    """A <time>'s machine date, or the day its text prints when that is the day before or
    after (the machine date given in another time zone)."""
    if not mentions_year(time.text):
        return time.stamp
    found = readers.dates.dates_of(time.text)
    if found is None:
        return time.stamp
    day = found[0][0][:10]
    try:
        apart = abs(date.fromisoformat(day) - date.fromisoformat(time.stamp[:10])).days
    except ValueError:
        return time.stamp
    return day if apart == 1 else time.stamp


def _thread_date(times: list[_Time]) -> str | None:
    """The first <time> of a thread, for a page that declares and shows no date: a forum's
    or discussion's posts are dated in the order they were written, so its first date is
    the earliest, outside a comment section (a shop's reviews). Fewer dates are a page's
    footnotes, later first ones a list's items (newest first)."""
    if len(times) < _THREAD_POSTS:
        return None
    first = times[0]
    if any(time.stamp[:10] < first.stamp[:10] for time in times):
        return None
    return None if _within(first.element, _REACTIONS) else first.stamp


def _dates_of(line: str, readers: _Readers) -> list[str]:
    """The dates of a header line: a date line, a byline with a date ("Published August 7,
    2023 by Nicole Burke", "By Jane Doe - Mar 27, 2024"), or a date among the line's parts
    ("[Submitted on 18 Dec 2025]", "December 17, 2025 • 8 minutes")."""
    found = readers.dates.dates_of(line)
    if found is not None:
        return found[0]
    byline = readers.byline.read(line)
    if byline is not None:
        return [byline[1]] if byline[1] else []
    parts = _LINE_PARTS.split(line)
    if any(map(mentions_year, parts[1:])) and _DATE_SPAN.search(line):
        return []  # "2025-12-12 - 2025-12-17": the dates of an event, not of the page
    for part in parts:
        if mentions_year(part) and (found := readers.dates.dates_of(part.strip())) is not None:
            return found[0]
    return _edge_dates(line, readers)


def _edge_dates(line: str, readers: _Readers) -> list[str]:
    """The date that opens or ends a header line, run into the words beside it where the
    markup put no space between them ("Dec 17, 2025Julian K. Arni", "Luke KimDecember 17,
    2025") or written at the end of a sentence ("... started by pelex, May 26, 2025.")."""
    years = list(_YEAR.finditer(line))
    if not years or len(line) > _EDGE_LINE_CHARS:
        return []
    for year in years:
        found = readers.dates.dates_of(line[: year.end()])
        if found is not None:
            return found[0]
    end = years[-1].end()
    if line[end:].strip(" .)") or len(years) > 1:
        return []
    for start in _DATE_STARTS.finditer(line, max(0, end - _EDGE_DATE_CHARS)):
        if word_count(line[: start.start()]) > _EDGE_WORDS:
            continue
        found = readers.dates.dates_of(line[start.start() : end])
        if found is not None:
            return found[0]
    return []


def _title_element(root: html.HtmlElement, site_name: str | None) -> str | None:
    """The <title> without the site's name: the part equal to ``site_name`` when it is
    known, else a short last part ("Headline | Site") after a headline of 3+ words."""
    title = _title_text(root)
    if title is None:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title or None
    if site_name:
        rest = [part for part in parts if match_key(part) != match_key(site_name)]
        if rest and len(rest) < len(parts):
            return " - ".join(rest)
    headline = " - ".join(parts[:-1])
    if _is_host(parts[-1]):
        return headline
    if len(_WORDS.findall(parts[-1])) <= _SITE_MAX_WORDS and len(_WORDS.findall(headline)) >= 3:
        return headline
    return title


def _site_names(root: html.HtmlElement, site_name: str | None) -> set[str]:
    """Keys, without spaces, of the names the site may print beside a headline: its declared
    name and the last part of its <title>."""
    names = [site_name] if site_name else []
    title = _title_text(root)
    if title is not None:
        names += _TITLE_SEPARATORS.split(title)[1:][-1:]
    return {_spaceless_key(name) for name in names} - {""}


def _title_text(root: html.HtmlElement) -> str | None:
    """The <title> element's text, its spaces collapsed, or None without the element."""
    element = root.find(".//title")
    return None if element is None else " ".join(element.text_content().split())


def _spaceless_key(text: str) -> str:
    return match_key(text).replace(" ", "")


def _headline(root: html.HtmlElement, title: str | None, site_names: set[str]) -> str | None:
    """The <h1> as printed on the page when it is the declared title in other words, or its
    leading part ("Headline - Site - Section", or most of the title before a suffix the
    separators miss): the line an extractor repeats at the top of the body. Not an <h1> that
    is the title and the site's name (a logo's "Headline" + "Site" run together)."""
    if title is None:
        return None
    title_key = match_key(title)
    wanted = set(title_key.split())
    parts = _TITLE_SEPARATORS.split(title)
    leading = {match_key(" - ".join(parts[:k])) for k in range(1, len(parts))}
    with_site = {_spaceless_key(title) + name for name in site_names}
    for element in root.iter("h1"):
        text = " ".join(element.text_content().split())
        key = match_key(text)
        if key in leading or (title_key.startswith(key + " ") and len(key) >= 0.5 * len(title_key)):
            return text
        words = set(key.split())
        if key.replace(" ", "") in with_site:
            continue
        if words and len(words & wanted) >= 0.6 * max(len(words), len(wanted)):
            return text
    return None


def _sole_heading(root: html.HtmlElement, sites: set[str]) -> str | None:
    """The page's one <h1> (or several printing the same text), headline-shaped and not the
    site's name: the title a reader sees, which the declared one may word otherwise."""
    texts = {" ".join(element.text_content().split()) for element in root.iter("h1")} - {""}
    if len(texts) != 1:
        return None
    text = texts.pop()
    if not 1 <= word_count(text) <= _HEADING_MAX_WORDS or _spaceless_key(text) in sites:
        return None
    return text


def _canonical(root: html.HtmlElement) -> str | None:
    for element in root.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            href = (element.get("href") or "").strip()
            if href:
                return href
    return None


def _categories(meta: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    found: list[str] = []
    values: list[str] = []
    for name in (*_META["section"], *_META["tags"]):
        values.extend(meta.get(name, []))
    for key in ("articleSection", "keywords"):
        item = ld.get(key)
        values.extend(i for i in (item if isinstance(item, list) else [item]) if isinstance(i, str))
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part.casefold() not in (f.casefold() for f in found):
                found.append(part)
    return found


def _language(root: html.HtmlElement, meta: dict[str, list[str]]) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or _first(meta, ("og:locale", "content-language", "language"))
    if lang and _LANG.match(lang.strip()):
        return lang.strip().replace("_", "-").lower()
    return None


def json_ld_scripts(root: html.HtmlElement) -> list[Any]:
    """The data of the page's JSON-LD scripts that parse."""
    found: list[Any] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            found.append(json.loads(script.text or "", strict=False))
        except (ValueError, RecursionError):
            continue
    return found


def _json_ld_article(scripts: list[Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The first JSON-LD object typed as an article (NewsArticle, BlogPosting, a forum
    posting, a Q&A page's question), and every object of the page's JSON-LD by ``@id``."""
    found: dict[str, Any] = {}
    ids: dict[str, dict[str, Any]] = {}
    for data in scripts:
        for item in json_ld_objects(data):
            if isinstance(item.get("@id"), str) and len(item) > 1:
                ids.setdefault(item["@id"], item)
            types = item.get("@type")
            names = types if isinstance(types, list) else [types]
            if not found and any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in names):
                found = item
    return found, ids


def json_ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of a script's data: top-level, in lists, in ``@graph``, and the
    object that is another's ``mainEntity`` (a Q&A page's question) or
    ``mainEntityOfPage``. Not a list of main entities: an FAQ page's questions are no
    article. One walk for the metadata and the page type (``cleaner.html.page_type``)."""
    if depth > _JSON_LD_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from json_ld_objects(graph, depth + 1)
        for key in ("mainEntity", "mainEntityOfPage"):
            main = data.get(key)
            if isinstance(main, dict):
                yield from json_ld_objects(main, depth + 1)
