"""HTML input: detection, charset, markup pre-cleaning, page metadata and extraction.

The parser and the extractors (lxml, trafilatura) are imported when a page comes, not with
this package: cleaning text never loads them (0.1 s of every start).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cleaner.errors import InputError

INPUTS = ("auto", "text", "html")
DEFAULT_BACKEND = "trafilatura"
BACKENDS = ("trafilatura", "fast", "readability")
# What kind of page a page is (cleaner.html.page_type).
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

if TYPE_CHECKING:
    from cleaner.html.backends import get_backend
    from cleaner.html.detect import looks_like_html, wants_page
    from cleaner.html.page import Page, read_page
    from cleaner.html.visible import visible_text

# The module of each name imported on first use.
_MODULES = {
    "get_backend": "backends",
    "visible_text": "visible",
    "looks_like_html": "detect",
    "wants_page": "detect",
    "Page": "page",
    "read_page": "page",
}


def check_backend(name: str) -> None:
    """InputError unless ``name`` is a backend's (checked for text input too, where no
    backend runs, so that a misspelt name never passes unseen)."""
    if name not in BACKENDS:
        raise InputError(f"unknown backend {name!r} (expected one of: {', '.join(BACKENDS)})")


def check_page_type(name: str) -> None:
    """InputError unless ``name`` is a page type."""
    if name not in PAGE_TYPES:
        raise InputError(f"unknown page type {name!r} (expected one of: {', '.join(PAGE_TYPES)})")


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once
    return value


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "INPUTS",
    "PAGE_TYPES",
    "Page",
    "check_backend",
    "check_page_type",
    "get_backend",
    "looks_like_html",
    "read_page",
    "visible_text",
    "wants_page",
]
