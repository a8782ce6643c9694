"""What a document's text is: the one place that decides it, for every filter to read.

The caller says it (``mode=``, ``--mode``); a page given as HTML decides it for its
extraction. Filters read ``Document.mode`` and ``extractor_chose``, never decide again.
"""

from __future__ import annotations

from enum import Enum

from cleaner.errors import InputError

# The extractor name of a page whose whole visible text was taken: no extractor chose it.
VISIBLE_TEXT = "visible-text"


class Mode(str, Enum):
    """The kind of text a document holds. A ``str``: the values are the public names of
    the ``mode=`` argument and ``--mode`` option."""

    # Not said: the whole-page filter decides from the text's shape.
    AUTO = "auto"
    # An article with some residue around and in it.
    ARTICLE = "article"
    # An extractor's main content: an article whose short lines at its edges and repeats
    # are its own (lists, tables), as for a page given as HTML.
    EXTRACTED = "extracted"
    # The whole visible text of a web page: menus, footers and teaser lists around the
    # article (a WET record, ``get_text()``).
    WHOLE_PAGE = "page"


MODES = tuple(mode.value for mode in Mode)


def mode_named(name: str | Mode) -> Mode:
    """The mode of a ``mode=`` argument; an InputError for an unknown name."""
    try:
        return Mode(name)
    except ValueError:
        raise InputError(f"mode must be one of {', '.join(MODES)}, not {name!r}") from None


def decide_mode(given: Mode, extractor: str | None) -> Mode:
    """The mode of a document: as given, except that a page's extraction (by an extractor,
    not the page's whole visible text) is EXTRACTED when no mode was given."""
    if given is Mode.AUTO and extractor is not None and extractor != VISIBLE_TEXT:
        return Mode.EXTRACTED
    return given


def extractor_chose(mode: Mode, extractor: str | None) -> bool:
    """Whether an extractor chose the document's lines: text in mode EXTRACTED, or a page's
    extraction whatever the mode (the page's whole visible text is no choice)."""
    return mode is Mode.EXTRACTED or (extractor is not None and extractor != VISIBLE_TEXT)
