"""HTML input: detection, charset, markup pre-cleaning, page metadata and extraction."""

from __future__ import annotations

from cleaner.html.backends import BACKENDS, DEFAULT_BACKEND, get_backend
from cleaner.html.detect import looks_like_html
from cleaner.html.page import INPUTS, Page, read_page
from cleaner.html.visible import visible_text

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "INPUTS",
    "Page",
    "get_backend",
    "looks_like_html",
    "read_page",
    "visible_text",
]
