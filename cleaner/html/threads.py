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

from cleaner.html.visible import flat_visible_text

# The attribute that carries the data, found in the page's text before any tree walk.
PRELOADED = "data-preloaded"
_TOPIC_PREFIX = "topic_"


def preloaded_posts(root: html.HtmlElement) -> str | None:
    """The thread's posts, each its author's name on a line and then its text, or ``None``
    when the page carries no such data (or data that does not parse)."""
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
    posts = [post for topic in topics for post in _posts(topic)]
    return "\n".join(posts) or None


def _posts(topic: Any) -> list[str]:
    """Each post of a topic's stream as its author's name and text."""
    stream = topic.get("post_stream") if isinstance(topic, dict) else None
    found = stream.get("posts") if isinstance(stream, dict) else None
    texts = []
    for post in found if isinstance(found, list) else ():
        cooked = post.get("cooked") if isinstance(post, dict) else None
        if not isinstance(cooked, str) or not cooked.strip():
            continue
        text = flat_visible_text(cooked).strip()
        if not text:
            continue
        author = post.get("username")
        texts.append(f"{author}\n{text}" if isinstance(author, str) and author else text)
    return texts
