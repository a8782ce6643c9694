"""Is this input a page? Markup that says so, not a few angle brackets in prose."""

from __future__ import annotations

import re

from cleaner.decoding import decode
from cleaner.errors import InputError
from cleaner.html import INPUTS

# A page announces itself in its first bytes: a doctype, an <html>, <head> or <body> element,
# or an element that only a document's head holds or that holds no prose (a page saved or
# served without its outer tags starts with <meta charset>, <title> or a <script>), maybe
# after an XML declaration or comments (skipped by _after_prologue, in linear time).
_PAGE_START = re.compile(
    r"<(?:!doctype\s+html|(?:html|head|body|meta|title|link|base|script|style)[\s/>])",
    re.IGNORECASE,
)


def _after_prologue(head: str) -> str:
    """``head`` without its leading spaces, XML declaration and comments."""
    rest = head.lstrip()
    while rest.startswith(("<?xml", "<!--")):
        closing = "-->" if rest.startswith("<!--") else ">"
        end = rest.find(closing)
        if end < 0:
            return ""
        rest = rest[end + len(closing) :].lstrip()
    return rest


_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,9})\b[^<>]{0,2000}>")
# Elements of page structure; prose that quotes a tag or two rarely uses many of these.
_STRUCTURAL = frozenset(
    [
        "html",
        "head",
        "body",
        "div",
        "span",
        "p",
        "a",
        "br",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "meta",
        "link",
        "script",
        "style",
        "article",
        "section",
        "header",
        "footer",
        "nav",
        "main",
        "img",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "form",
        "input",
        "button",
    ]
)
_SNIFF_CHARS = 65536


def looks_like_html(text: str, *, min_tags: int = 12, min_markup_share: float = 0.15) -> bool:
    """True for a page: a doctype or <html> at the start, or text made largely of structural
    tags (at least ``min_tags`` of them, covering ``min_markup_share`` of the characters)."""
    head = text[:_SNIFF_CHARS]
    if _PAGE_START.match(_after_prologue(head)):
        return True
    tags = [m for m in _TAG.finditer(head) if m.group(1).lower() in _STRUCTURAL]
    if len(tags) < min_tags:
        return False
    markup = sum(m.end() - m.start() for m in tags)
    visible = len(head.strip())
    return visible > 0 and markup >= min_markup_share * visible


def wants_page(data: object, input: str) -> bool:
    """Whether ``data`` is read as a page: ``input`` is "html", or "auto" and the data looks
    like one; ``input`` "text", or data that is neither text nor bytes, is not. Any other
    ``input`` is an InputError."""
    if input not in INPUTS:
        raise InputError(f"input must be one of {', '.join(INPUTS)}, not {input!r}")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return input == "html" or (input == "auto" and looks_like_html(_sniff(bytes(data))))
    if isinstance(data, str):
        return input == "html" or (input == "auto" and looks_like_html(data))
    return False  # not a document at all: the caller reports the type


def _sniff(data: bytes) -> str:
    """Enough of the bytes, as text, to tell a page from prose."""
    head = data[:_SNIFF_CHARS]
    if b"\x00" in head[:4096]:
        return decode(head)[0]
    return head.decode("latin-1")
