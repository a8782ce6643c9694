"""What a page says about itself: <title>, <meta> and og: fields, JSON-LD, <html lang>.

Read from the parsed page before extraction. Structured data (JSON-LD) wins over <meta>
fields, which win over the <title> element. Only the date of a page that declares none is
guessed, by htmldate (see ``guess_date``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import html

from cleaner.shape import match_key

_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Posting|Report)$")
# A machine date: day, optional clock time (fractions of a second dropped), optional offset.
_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
)
# ISO 8601's basic format, without separators ("20180619T055000+0900"): the time is required,
# so that a bare number (an id, a count) is never read as a day.
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})?$")
# Placeholders that CMSs print for a missing date: year 1 and earlier than any web page, and
# the Unix epoch's first day.
_EARLIEST_DAY = "1900-01-01"
_EPOCH = "1970-01-01"
# " | ", " - ", " — ", " · ", " » " between a headline and the site's name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s{1,4}[|–—•·:»-]\s{1,4}")
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
        "sailthru.date",
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
    author: str | None = None
    date: str | None = None
    date_source: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    article_body: str | None = None
    # htmldate's guess for a page that declares no date (see ``guess_date``).
    guessed_date: str | None = None
    # What kind of page it is, and the evidence that decided (cleaner.html.page_type).
    page_type: str | None = None
    page_type_source: str | None = None


def read_metadata(root: html.HtmlElement) -> PageMetadata:
    """The metadata of a parsed page."""
    meta = _meta_fields(root)
    ld = _json_ld_article(root)
    page = PageMetadata()
    ld_title = _text(ld.get("headline") or ld.get("name"))
    publisher = ld.get("publisher")
    page.site_name = _first(meta, _META["site_name"]) or (
        _names(publisher) if isinstance(publisher, dict) else None
    )
    page.title = ld_title or _first(meta, _META["title"]) or _title_element(root, page.site_name)
    page.headline = _headline(root, page.title, _site_names(root, page.site_name))
    ld_author = _names(ld.get("author"))
    page.author = ld_author or _author(meta)
    for source, raw in (
        ("json-ld", _text(ld.get("datePublished") or ld.get("dateCreated"))),
        ("meta", _first(meta, _META["date"])),
    ):
        date = iso_date(raw)
        if date is not None:
            page.date, page.date_source = date, source
            break
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


def guess_date(root: html.HtmlElement, url: str | None) -> str | None:
    """The publication day htmldate finds in the page's markup or its URL, or ``None``.

    For pages that declare no date in JSON-LD or <meta>: htmldate (trafilatura's own date
    finder) reads <time> elements, date classes, URL paths and the like. Its fast search
    only, preferring the original date to an update; a page it cannot read has no date.
    """
    from htmldate import find_date

    try:
        found = find_date(root, extensive_search=False, original_date=True, url=url)
    except Exception:  # odd markup or dates htmldate's parsers reject: no guess
        return None
    return iso_date(found)


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


def _names(value: Any) -> str | None:
    """Person or organisation names of a JSON-LD value: a string, an object, or a list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            name = " ".join(name.split())
            if name and not name.startswith(("http:", "https:")) and name not in names:
                names.append(name)
    return ", ".join(names) or None


def _author(meta: dict[str, list[str]]) -> str | None:
    for name in _META["author"]:
        if name in meta:
            found = _names(meta[name])
            if found:
                return found
    return None


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
    if len(_WORDS.findall(parts[-1])) <= 4 and len(_WORDS.findall(headline)) >= 3:
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


def _json_ld_article(root: html.HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle, BlogPosting, ...)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for item in _objects(data):
            types = item.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in names):
                return item
    return {}


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """JSON-LD objects of a script: top-level, in lists and in ``@graph``."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _objects(main, depth + 1)
