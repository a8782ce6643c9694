"""HTML input: detection, charset, markup pre-cleaning, page metadata and extraction.

The parser and the extractors (lxml, trafilatura) are imported when a page comes, not with
this package: cleaning text never loads them (0.1 s of every start).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

INPUTS = ("auto", "text", "html")
DEFAULT_BACKEND = "trafilatura"
BACKENDS = ("trafilatura", "fast", "readability")

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
    "Page",
    "get_backend",
    "looks_like_html",
    "read_page",
    "visible_text",
    "wants_page",
]
