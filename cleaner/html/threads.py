"""A forum thread's posts that its page ships as data rather than markup.

Discourse, the forum software of many communities, draws a thread in the browser from JSON
that the page carries in the ``data-preloaded`` attribute of one element: under a
``topic_<id>`` key, a JSON string whose ``post_stream.posts`` hold each post's author
(``username``) and HTML (``cooked``). The page's own markup holds the opening post at most,
so an extractor of the markup finds a fraction of the thread.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import html

from cleaner.html.markup import MarkupRules, parse_page, residue_lines
from cleaner.html.visible import PageLine

# The attribute that carries the data, found in the page's text before any tree walk.
PRELOADED = "data-preloaded"
_TOPIC_PREFIX = "topic_"


def preloaded_posts(
    root: html.HtmlElement, rules: MarkupRules, content: frozenset[str] = frozenset()
) -> tuple[str, list[PageLine]] | None:
    """The thread's posts, each its author's name on a line and then its text without the
    residue its markup names (``rules``, with ``content`` kinds kept: a link preview is an
    ``<aside>``), and those residue lines with their rules; ``None`` when the page carries
    no such data (or data that does not parse)."""
    holder = next(root.iterfind(f".//*[@id='{PRELOADED}']"), None)
    data = None if holder is None else holder.get(PRELOADED)
    if not data:
        return None
    try:
        preloaded = json.loads(data)
        topics = [
            json.loads(value)
            for key, value in preloaded.items()
            if key.startswith(_TOPIC_PREFIX) and isinstance(value, str)
        ]
    except (ValueError, AttributeError):
        return None
    texts: list[str] = []
    residue: list[PageLine] = []
    for topic in topics:
        for text, dropped in _posts(topic, rules, content):
            texts.append(text)
            residue.extend(dropped)
    return ("\n".join(texts), residue) if texts else None


def _posts(
    topic: Any, rules: MarkupRules, content: frozenset[str]
) -> list[tuple[str, list[PageLine]]]:
    """Each post of a topic's stream as its author's name and text, and its residue lines."""
    stream = topic.get("post_stream") if isinstance(topic, dict) else None
    found = stream.get("posts") if isinstance(stream, dict) else None
    texts: list[tuple[str, list[PageLine]]] = []
    for post in found if isinstance(found, list) else ():
        cooked = post.get("cooked") if isinstance(post, dict) else None
        if not isinstance(cooked, str) or not cooked.strip():
            continue
        lines = _post_lines(cooked, rules, content)
        text = "\n".join(line.text for line in lines if line.rule is None)
        if not text:
            continue
        author = post.get("username")
        if isinstance(author, str) and author:
            text = f"{author}\n{text}"
        texts.append((text, [line for line in lines if line.rule is not None]))
    return texts


def _post_lines(cooked: str, rules: MarkupRules, content: frozenset[str]) -> list[PageLine]:
    """A post's visible lines, those in residue its markup names tagged with the rule."""
    post, _ = parse_page(f"<html><body>{cooked}</body></html>")
    if post is None:
        return []
    return residue_lines(post, rules, content)[1]
