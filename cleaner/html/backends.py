"""Main-content extractors behind one interface: a parsed page in, plain text out.

trafilatura is the default; readability-lxml ("readability", also the default's recall
fallback) is a dependency too; resiliparse ("fast") is an optional extra. All are imported
on first use. Every backend returns paragraphs
as lines; an empty string means it found nothing.
"""

from __future__ import annotations

import contextlib
import copy
import functools
from collections.abc import Callable

from lxml import html

from cleaner.errors import CleanerError, install_hint
from cleaner.html import DEFAULT_BACKEND, check_backend
from cleaner.html.markup import unlimited_parser
from cleaner.html.visible import visible_text

Extractor = Callable[[html.HtmlElement], str]

# Optional backends: name -> (its package, the extra that installs it or "" for a dependency),
# named in the error when its import fails.
_OPTIONAL = {"fast": ("resiliparse", "fast"), "readability": ("readability-lxml", "")}


def _trafilatura(*, recall: bool = False, precision: bool = False) -> Extractor:
    import trafilatura

    def extract(root: html.HtmlElement) -> str:
        # Reader comments are never article text. Neither precision nor recall is favoured:
        # favor_precision loses forum threads, guides and product pages (7 points of word F1
        # on WCXB's seven page types); the choice between candidates (cleaner.html.choice)
        # and the text chain remove what it keeps in excess.
        text = trafilatura.extract(
            root,
            include_comments=False,
            favor_recall=recall,
            favor_precision=precision,
            include_images=False,
            with_metadata=False,
            deduplicate=False,
        )
        return text or ""

    return extract


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    def extract(root: html.HtmlElement) -> str:
        # Only the body: the head holds no content, and scripts and styles there would be
        # serialised and parsed again for nothing (same output on the 181 benchmark pages).
        body = root.find("body")
        page = html.tostring(root if body is None else body, encoding="unicode")
        text: str = extract_plain_text(page, main_content=True, alt_texts=False, noscript=False)
        return text

    return extract


def _readability() -> Extractor:
    from readability import Document

    def extract(root: html.HtmlElement) -> str:
        # A copy of the tree, which readability changes: serialised, the page would be parsed
        # again with libxml2's default limits, which stop at a 10 MB attribute.
        summary = Document(copy.deepcopy(root)).summary(html_partial=True)
        parser = unlimited_parser()
        return visible_text(html.fragment_fromstring(summary, create_parent="div", parser=parser))

    return extract


_FACTORIES: dict[str, Callable[[], Extractor]] = {
    "trafilatura": _trafilatura,
    "fast": _resiliparse,
    "readability": _readability,
}


def recall_backends() -> list[tuple[str, Extractor]]:
    """Second extractors for a page whose default extraction looks truncated, best first:
    readability-lxml (a dependency, but an install may lack it), then trafilatura favouring
    recall."""
    found: list[tuple[str, Extractor]] = []
    with contextlib.suppress(CleanerError):
        found.append(("readability", get_backend("readability")))
    found.append(("trafilatura-recall", _trafilatura_recall()))
    return found


@functools.cache
def _trafilatura_recall() -> Extractor:
    return _trafilatura(recall=True)


@functools.cache
def trafilatura_precision() -> Extractor:
    """trafilatura favouring precision: for news and blog articles (``[extraction]`` of
    ``rules/html.toml``), whose pages surround the story with teasers and link lists."""
    return _trafilatura(precision=True)


@functools.cache
def get_backend(name: str | None) -> Extractor:
    """The extractor called ``name`` (``None``: the default), imported on first use."""
    name = name or DEFAULT_BACKEND
    check_backend(name)
    factory = _FACTORIES[name]
    try:
        return factory()
    except ImportError:
        module, extra = _OPTIONAL.get(name, (name, ""))
        hint = install_hint(extra) if extra else f"pip install {module}"
        raise CleanerError(f"backend {name!r} needs {module}: {hint}") from None
