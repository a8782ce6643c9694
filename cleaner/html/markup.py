"""What the markup knows before extraction loses it: residue containers named as such.

The rules live in ``rules/html.toml``: tags that never hold article prose, and the words of
class and id attributes that name newsletter boxes, related lists, share bars, ads, comments,
captions and menus. They are compiled once; dropping those elements from the parsed page
before the extractor sees it keeps their text out of the body without any guess about its
wording. A short "Label: link" block (an inline teaser) goes too, in any language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree, html

from cleaner.errors import RulesError
from cleaner.html.visible import PageLine, page_lines
from cleaner.rule_files import PageData, shipped_page_data
from cleaner.shape import word_count

# Words of a class or id value: runs of lower-case letters, camelCase humps, digits.
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# The page and its main containers are never dropped, whatever their class says.
_KEPT_TAGS = frozenset({"html", "body", "main", "article", "head"})
# Code is content whatever its markup names: a highlighter's spans are named by token
# ("hljs-comment", "token comment"), not by what the page holds.
_CODE_TAGS = frozenset({"pre", "code"})
# Blocks that print as one line, and the size of a "Label: link" line among them.
_LINE_TAGS = frozenset({"p", "li", "div", "dd", "h2", "h3", "h4", "h5", "h6"})
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "i", "font", "small"})
_LABELLED_MAX_WORDS = 30
_LABEL_MAX_WORDS = 4
_NEGATIONS = frozenset({"no", "non", "not", "without"})
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_UNKNOWN = "\0unknown"
_MAX_NAMED = 50_000


@dataclass(frozen=True, slots=True)
class MarkupRules:
    """Compiled markup rules: residue tags, and class/id words mapped to their kind."""

    tags: frozenset[str]
    words: dict[str, str]
    max_text_share: float
    prose_words: int
    max_prose_paragraphs: int
    prose_kinds: frozenset[str]
    written_kinds: frozenset[str]
    max_kind_share: float
    bulk_kinds: frozenset[str]
    # ARIA roles -> the kind of the tag they stand for ("dialog" -> "dialog").
    roles: dict[str, str]
    landmark_kinds: frozenset[str]
    max_landmark_share: float
    flag_words: frozenset[str]
    max_name_words: int
    # kind -> words that, in the same class or id name, say the element is not of it.
    unless: dict[str, frozenset[str]]
    # class and id values -> the kind they name: a page repeats a few hundred of them.
    _named: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def kind_named(self, names: str) -> str | None:
        """The residue kind the words of class and id values name, if any."""
        found = self._named.get(names, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._kind_named(names)
            if len(self._named) >= _MAX_NAMED:
                self._named.clear()
            self._named[names] = found
        return found

    def _kind_named(self, names: str) -> str | None:
        for name in names.split():
            words = [word.lower() for word in _WORDS.findall(name)]
            if words and words[0] in _NEGATIONS:
                continue  # "no-comments", "non-ad-column": the name says what it is not
            if len(words) > self.max_name_words:
                continue  # a heading's text made an anchor ("Invalid_package_(PGP_signature)")
            if not self.flag_words.isdisjoint(words):
                continue  # "modal-enabled", "has-lightbox": a feature of the element
            for word in words:
                kind = self.words.get(word)
                if kind is not None:
                    if self.unless.get(kind, frozenset()).isdisjoint(words):
                        return kind
                    break  # "editorialReviews": the name qualifies the kind away
        return None


@functools.lru_cache(maxsize=8)
def markup_rules(data: PageData | None = None) -> MarkupRules:
    """The ``[markup]`` rules of ``rules/html.toml`` (or of ``data``), compiled once."""
    data = data or shipped_page_data()
    path = data.html_source
    table = data.html.get("markup", {})
    try:
        words = {
            word.lower(): kind for kind, listed in table.get("words", {}).items() for word in listed
        }
        tags = frozenset(t.lower() for t in table.get("tags", []))
        return MarkupRules(
            tags=tags,
            words=words,
            max_text_share=float(table.get("max_text_share", 0.4)),
            prose_words=int(table.get("prose_words", 25)),
            max_prose_paragraphs=int(table.get("max_prose_paragraphs", 1)),
            prose_kinds=frozenset(table.get("prose_kinds", [])),
            written_kinds=frozenset(table.get("written_kinds", [])),
            max_kind_share=float(table.get("max_kind_share", 0.5)),
            bulk_kinds=frozenset(table.get("bulk_kinds", [])),
            roles={
                role.lower(): kind
                for kind, listed in table.get("roles", {}).items()
                for role in listed
            },
            landmark_kinds=frozenset(table.get("landmark_kinds", [])),
            max_landmark_share=float(table.get("max_landmark_share", 0.9)),
            flag_words=frozenset(word.lower() for word in table.get("flag_words", [])),
            max_name_words=int(table.get("max_name_words", 10)),
            unless={
                kind: frozenset(word.lower() for word in listed)
                for kind, listed in table.get("unless", {}).items()
            },
        )
    except (AttributeError, TypeError, ValueError) as error:
        raise RulesError(str(path), "markup", f"malformed ({error})") from None


def _html_classes() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes (``FormElement`` for ``<form>``, ...), looked up in C.

    lxml.html looks them up in a Python method, called for every element object lxml makes:
    some 10,000 times on a page, by the cleaner's walks and the extractors' walks of the tree.
    The same classes found in C: 1.3 ms less a page (CPU time on 375 WCXB pages)."""
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=html.HtmlElement,
            comment=html.HtmlComment,
            pi=html.HtmlProcessingInstruction,
            entity=html.HtmlEntity,
        )
    )
    # Tags of HTML input are lower case: lxml.html's own table, keyed by tag, is all it needs.
    lookup.get_namespace(None).update(html.HtmlElementClassLookup._default_element_classes)
    return lookup


_HTML_CLASSES = _html_classes()


def unlimited_parser(encoding: str | None = None) -> html.HTMLParser:
    """An HTML parser without libxml2's default size limits (see ``parse_page``); a parser
    is cheap to make (~2 µs) and holds the error log of its last parse, so none is shared."""
    parser = html.HTMLParser(huge_tree=True, encoding=encoding)
    parser.set_element_class_lookup(_HTML_CLASSES)
    return parser


class ParsedPage(NamedTuple):
    """A page's element tree (``None`` when it has no element at all), and whether the tree
    holds all of the page: libxml2 stops at nesting deeper than it can hold."""

    root: html.HtmlElement | None
    whole: bool


def parse_page(text: str) -> ParsedPage:
    """The page's element tree, parsed without libxml2's default size limits.

    By default libxml2 stops at an attribute or text node of 10 MB (an inline image as a
    data URI) and drops whatever lies more than 256 elements deep, without an error, so the
    rest of the article would be lost. The input's size is bounded before parsing
    (``limits.max_input_bytes``), so those limits guard nothing here. Nesting deeper than
    2048 still stops the parser: the tree is then not ``whole``.

    libxml2 is given the page as UTF-8, which it reads as fast as a str, and in which NUL
    characters (dropped: libxml2 would read them as U+FFFD) are found at C speed: in a str
    of characters beyond Latin-1, CPython reads every one looking for them (0.2 ms a page).
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    source = _utf8(text)
    if source is None or b"\x00" in source:  # rare: a lone surrogate (no UTF-8), or a NUL
        text = text.replace("\x00", "")
        source = _utf8(text)
    if not text.strip():
        return ParsedPage(None, True)
    parser = unlimited_parser(None if source is None else "utf-8")
    try:
        root = html.document_fromstring(text if source is None else source, parser=parser)
    except (etree.ParserError, ValueError):
        return ParsedPage(None, True)
    stopped = any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log)
    return ParsedPage(root, not stopped)


def _utf8(text: str) -> bytes | None:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def residue_kind(element: html.HtmlElement, rules: MarkupRules) -> str | None:
    """The kind of residue an element's tag, class or id names, if any."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _KEPT_TAGS:
        return None
    if tag in rules.tags:
        return tag
    role = element.get("role")
    if role is not None and role in rules.roles:
        return rules.roles[role]
    classes, ident = element.get("class"), element.get("id")
    if not classes and not ident:
        return None
    return rules.kind_named(f"{classes or ''} {ident or ''}")


def find_residue(
    root: html.HtmlElement,
    rules: MarkupRules | None = None,
    content: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> dict[html.HtmlElement, str]:
    """The residue elements of the page, outermost only, each with the kind that names it;
    kinds in ``content`` are the page's content here (a forum's "comments"), and with
    ``only`` the page's residue is of those kinds alone (a product page's menus and footer):
    a box of another kind is entered like content, and the residue inside it still goes.

    An element whose text is more than ``max_text_share`` of the page's, or that holds
    paragraphs of prose (comments and dialogs excepted), is kept: a class word on a wrapper
    of the article says nothing about the article. A landmark (a menu, a footer) is no
    wrapper when the page marks its main content elsewhere: it goes up to
    ``max_landmark_share`` of the page's text. A short "Label: link" block outside those is
    residue of kind ``labelled_link``.
    """
    rules = rules or markup_rules()
    body = root.find("body")
    if body is None:
        return {}
    total = len(body.text_content()) or 1
    found, sizes = _residue_elements(body, rules, content, only, total)
    # A named kind whose elements together hold most of the page is its content, mis-named
    # ("card-wrapper subscription-product" tiles, a site builder's generated class names that
    # happen to spell "ad"): it is kept, and its elements are searched for residue inside.
    misnamed = {
        kind
        for kind, size in sizes.items()
        if kind in rules.words.values()
        and kind not in rules.bulk_kinds
        and size > rules.max_kind_share * total
    }
    if misnamed:
        found, _ = _residue_elements(body, rules, content | misnamed, only, total)
    for block in _labelled_links(body):
        if not any(ancestor in found for ancestor in block.iterancestors()):
            found[block] = "labelled_link"
    return found


def _residue_elements(
    body: html.HtmlElement,
    rules: MarkupRules,
    content: frozenset[str],
    only: frozenset[str] | None,
    total: int,
) -> tuple[dict[html.HtmlElement, str], dict[str, int]]:
    """The outermost residue elements under ``body`` with their kinds (see ``find_residue``),
    and how many characters of text each kind holds."""
    limit = rules.max_text_share * total
    landmark_limit = rules.max_landmark_share * total if _marks_main(body) else 0
    found: dict[html.HtmlElement, str] = {}
    sizes: dict[str, int] = {}
    # Containers before their content, a residue one not entered; lxml's walk (C) of the
    # elements alone costs half a walk in Python.
    walk = etree.iterwalk(body, events=("start",))
    next(walk)  # the body itself
    for _, element in walk:
        if element.tag in _CODE_TAGS:
            walk.skip_subtree()  # code is content
            continue
        kind = residue_kind(element, rules)
        if kind is None or kind in content or (only is not None and kind not in only):
            continue
        size = len(element.text_content())
        if (
            size <= limit
            or (
                kind in rules.landmark_kinds and size <= landmark_limit and not _marks_main(element)
            )
        ) and _prose_allows(element, kind, rules):
            found[element] = kind
            sizes[kind] = sizes.get(kind, 0) + size
            walk.skip_subtree()
    return found, sizes


def residue_lines(
    root: html.HtmlElement,
    rules: MarkupRules | None = None,
    content: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> tuple[dict[html.HtmlElement, str], list[PageLine]]:
    """The page's residue elements with their kinds (``find_residue``), and its visible
    lines, those in residue tagged with its rule ("markup.<kind>")."""
    residue = find_residue(root, rules, content, only)
    lines = page_lines(root, {element: f"markup.{kind}" for element, kind in residue.items()})
    return residue, lines


def drop_residue(found: dict[html.HtmlElement, str]) -> dict[str, int]:
    """Drop the elements ``find_residue`` found from their page; how many of each kind."""
    dropped: dict[str, int] = {}
    for element, kind in found.items():
        dropped[kind] = dropped.get(kind, 0) + 1
        element.drop_tree()
    return dropped


def strip_residue(root: html.HtmlElement, rules: MarkupRules | None = None) -> dict[str, int]:
    """Drop the residue elements of the page in place; return how many of each kind went."""
    return drop_residue(find_residue(root, rules))


def _labelled_links(body: html.HtmlElement) -> list[html.HtmlElement]:
    """Blocks that are a short label and a link: "Related: <a>headline</a>", "Lesen Sie
    auch: <a>...</a>", "[Read more: <a>...</a>]", inline teasers in any language.

    Found from the links up (a page has far fewer links than elements): the block of a link
    is its nearest ancestor that prints as a line of its own.
    """
    found: list[html.HtmlElement] = []
    seen: set[html.HtmlElement] = set()
    for link in body.iter("a"):
        block = link.getparent()
        while block is not None and block.tag in _INLINE_TAGS:
            block = block.getparent()
        if block is None or block.tag not in _LINE_TAGS or block in seen:
            continue
        seen.add(block)
        text = block.text_content()
        if ":" not in text and "：" not in text:
            continue  # no label can end with a colon: its link's text is not needed
        text = " ".join(text.split())
        linked = " ".join(link.text_content().split())
        if not linked or len(linked) < 0.6 * len(text):
            continue
        if len(text.split()) > _LABELLED_MAX_WORDS:
            continue
        label = text.split(linked, 1)[0].strip().lstrip("[(").strip()
        if label.endswith((":", "：")) and 0 < word_count(label) <= _LABEL_MAX_WORDS:
            found.append(block)
    return found


def _marks_main(element: html.HtmlElement) -> bool:
    """Whether the element holds what a page marks as its main content: a ``<main>``, an
    ``<article>`` or the page's ``<h1>``."""
    return next(element.iterdescendants("main", "article", "h1"), None) is not None


def _prose_allows(element: html.HtmlElement, kind: str, rules: MarkupRules) -> bool:
    """Whether the prose an element holds (or lacks) lets it go as residue of ``kind``: a
    box of prose is content unless its kind is prose by nature (comments); a box of a
    written kind is residue only with prose (customers' reviews, not their ratings)."""
    if kind in rules.written_kinds:  # reviews are written in <div>s as often as in <p>s
        runs = (len(text.split()) >= rules.prose_words for text in element.itertext())
        return sum(runs) > rules.max_prose_paragraphs
    return kind in rules.prose_kinds or not _holds_prose(element, rules)


def _holds_prose(element: html.HtmlElement, rules: MarkupRules) -> bool:
    """More than ``max_prose_paragraphs`` paragraphs of ``prose_words`` words or more."""
    found = 0
    for paragraph in element.iter("p"):
        found += _long_lines(paragraph, rules.prose_words)
        if found > rules.max_prose_paragraphs:
            return True
    return False


def _long_lines(paragraph: html.HtmlElement, words: int) -> int:
    """How many runs of ``words`` words or more a ``<p>`` holds between its ``<br>``s: a site
    that writes a story as one ``<p>`` broken by ``<br><br>`` writes paragraphs."""
    found = 0
    run = len((paragraph.text or "").split())
    for child in paragraph:
        if child.tag == "br":
            found += run >= words
            run = 0
        elif isinstance(child.tag, str):
            run += len(child.text_content().split())
        run += len((child.tail or "").split())
    return found + (run >= words)
