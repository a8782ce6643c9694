"""What kind of page a page is: article, forum, product, collection, listing, documentation
or service, from the evidence the page gives about itself.

The rules live in ``rules/page_types.toml``: structured-data types, ``og:type`` values and
URL path words, each naming a type. The first kind of evidence that names one decides, and
the metadata says which (``page_type_source``); a page with no evidence is an article.
Extraction reads the type: a product page keeps its extractor's choice (see
``cleaner.html.page``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import html

from cleaner.errors import RulesError
from cleaner.html import PAGE_TYPES
from cleaner.html.metadata import json_ld_objects
from cleaner.rule_files import PageData, shipped_page_data

DEFAULT_TYPE = "article"
_URL_WORDS = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class PageTypeRules:
    """Compiled page-type rules: evidence value -> page type, and the schema order."""

    order: tuple[str, ...]
    schema: dict[str, str]
    og_type: dict[str, str]
    url: dict[str, str]
    # Types whose declared dates are no publication dates (``undated``), those whose
    # printed publication dates are what they sell's (``sold_dates``), and those dated by
    # the date line that opens their prose when nothing else dates them (``line_dated``).
    undated: frozenset[str] = frozenset()
    sold_dates: frozenset[str] = frozenset()
    line_dated: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8)
def page_type_rules(data: PageData | None = None) -> PageTypeRules:
    """The rules of ``rules/page_types.toml`` (or of ``data``), compiled once."""
    data = data or shipped_page_data()
    path = data.page_types_source
    table = data.page_types

    def mapping(name: str, lower: bool) -> dict[str, str]:
        found: dict[str, str] = {}
        for kind, values in table.get(name, {}).items():
            if kind not in PAGE_TYPES or not isinstance(values, list):
                raise RulesError(str(path), f"{name}.{kind}", "not a page type with a list")
            for value in values:
                found.setdefault(value.lower() if lower else value, kind)
        return found

    order = tuple(table.get("types", PAGE_TYPES))
    undated = frozenset(table.get("undated", ()))
    sold_dates = frozenset(table.get("sold_dates", ()))
    line_dated = frozenset(table.get("line_dated", ()))
    for key, kinds in (
        ("types", order),
        ("undated", undated),
        ("sold_dates", sold_dates),
        ("line_dated", line_dated),
    ):
        if set(kinds) - set(PAGE_TYPES):
            raise RulesError(str(path), key, f"page types are {', '.join(PAGE_TYPES)}")
    return PageTypeRules(
        order,
        mapping("schema", False),
        mapping("og_type", True),
        mapping("url", True),
        undated,
        sold_dates,
        line_dated,
    )


def classify(
    root: html.HtmlElement,
    url: str | None,
    json_ld: Iterable[Any] = (),
    rules: PageTypeRules | None = None,
) -> tuple[str, str]:
    """The page's type and the evidence that decided it: "schema", "og:type", "url" or
    "default". ``json_ld`` is the data of the page's JSON-LD scripts (as read with its
    metadata, ``PageMetadata.json_ld``)."""
    rules = rules or page_type_rules()
    declared = {rules.schema[name] for name in _schema_types(root, json_ld) if name in rules.schema}
    for kind in rules.order:
        if kind in declared:
            return kind, "schema"
    for meta in root.iter("meta"):  # lxml's walk by tag: a third faster than an XPath
        og = meta.get("content") if meta.get("property") == "og:type" else None
        named = None if og is None else rules.og_type.get(og.strip().lower())
        if named is not None:
            return named, "og:type"
    if url:
        path = urlsplit(url).path.lower()
        for word in reversed(_URL_WORDS.findall(path)):  # the deepest word is the most specific
            named = rules.url.get(word)
            if named is not None:
                return named, "url"
    return DEFAULT_TYPE, "default"


def declared_description(
    json_ld: Iterable[Any], page_type: str, rules: PageTypeRules | None = None
) -> str | None:
    """The longest ``description`` of the page's JSON-LD objects whose schema type names
    ``page_type`` (a Product's on a product page), as plain text: what the page declares of
    its item, which its markup may show only in a closed tab or once a script has run."""
    found = [
        text
        for item in _objects_of_type(json_ld, page_type, rules or page_type_rules())
        if isinstance(text := item.get("description"), str)
    ]
    if not found:
        return None
    text = max(found, key=len)
    if "<" in text or "&" in text:  # markup or entities in the string
        text = html.fragment_fromstring(text, create_parent="div").text_content()
    return " ".join(text.split()) or None


def declares_dated_article(json_ld: Iterable[Any], rules: PageTypeRules | None = None) -> bool:
    """Whether the page's JSON-LD declares an object of an article type (``schema.article``,
    a BlogPosting, not a TechArticle) with its publication date: a post, whatever else the
    page declares (a product it reviews), dated by its author."""
    articles = _objects_of_type(json_ld, DEFAULT_TYPE, rules or page_type_rules())
    return any(item.get("datePublished") for item in articles)


def _objects_of_type(
    json_ld: Iterable[Any], page_type: str, rules: PageTypeRules
) -> Iterator[dict[str, Any]]:
    """The page's JSON-LD objects whose schema type names ``page_type``."""
    for data in json_ld:
        for item in json_ld_objects(data):
            if any(rules.schema.get(name) == page_type for name in _declared_names(item)):
                yield item


def _schema_types(root: html.HtmlElement, json_ld: Iterable[Any]) -> Iterator[str]:
    """The types the page's JSON-LD objects and microdata items declare."""
    for data in json_ld:
        for item in json_ld_objects(data):
            yield from _declared_names(item)
    for item_type in root.xpath("//@itemtype"):  # not "//*[@itemtype]/...": a third slower
        for name in str(item_type).split():
            yield _schema_name(name)


def _declared_names(item: dict[str, Any]) -> Iterator[str]:
    """The schema type names of a JSON-LD object."""
    types = item.get("@type")
    for name in types if isinstance(types, list) else [types]:
        if isinstance(name, str):
            yield _schema_name(name)


def _schema_name(value: str) -> str:
    """A type's name without its vocabulary: "https://schema.org/Product" -> "Product"."""
    value = value.strip().rstrip("/")
    for separator in "/#:":
        value = value.rsplit(separator, 1)[-1]
    return value
