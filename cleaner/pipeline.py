"""The Cleaner: a compiled rule set applied to one document at a time."""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from cleaner.cache import save_memos
from cleaner.decoding import decode, decode_named, text_codec
from cleaner.document import Document, Metadata
from cleaner.errors import InputError
from cleaner.filters import KINDS, Context, Filter
from cleaner.html import check_backend, check_page_type
from cleaner.html.detect import wants_page
from cleaner.language import detect_language
from cleaner.limits import bounded_lines, check_input_size
from cleaner.modes import MODES as MODES  # the public names, re-exported for the command
from cleaner.modes import Mode, decide_mode, mode_named
from cleaner.patterns import expect_many_documents
from cleaner.pool import chunked, ordered_map
from cleaner.repair import repair
from cleaner.rules import RuleSet, load_rules

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _suggest_keywords(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Name the keyword meant when a call gives an unknown one (``lang=``: ``language=``).

    Python's own message names only the wrong keyword (before 3.13); the CLI's option names
    differ from the keywords, so the right one is worth saying. Calls are not checked
    otherwise: the wrapper only rewrites the TypeError of a failed call.
    """
    keywords = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]

    @functools.wraps(function)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except TypeError:
            unknown = [name for name in kwargs if name not in keywords]
            if not unknown:
                raise
            name = unknown[0]
            close = difflib.get_close_matches(name, keywords, n=1)
            meant = f"; did you mean {close[0]}=?" if close else ""
            raise TypeError(
                f"{function.__name__}() got an unexpected keyword argument {name!r}{meant}"
                f" (keywords: {', '.join(keywords)})"
            ) from None

    return checked


class Cleaner:
    """Cleans documents with one rule set, compiled once.

    Safe to share: ``clean`` keeps no state between calls, and a Cleaner pickles (as its
    rules, built again on the other side), so worker processes can receive it.
    """

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        context = Context(rules.vocabulary, rules.settings.min_body_words, rules.files)
        self.filters: tuple[Filter, ...] = tuple(
            KINDS[spec.kind](spec.name, context, spec.options) for spec in rules.chain
        )

    @classmethod
    def from_rules(cls, path: str | Path | None = None) -> Cleaner:
        """A Cleaner for the default rules, with the rules file at ``path`` merged over them."""
        return cls(load_rules(path))

    @classmethod
    def default(cls) -> Cleaner:
        """The shared Cleaner of the default rules, built on first use."""
        return _default_cleaner()

    @_suggest_keywords
    def clean(
        self,
        data: str | bytes,
        *,
        url: str | None = None,
        language: str | None = None,
        boilerplate: Collection[str] = (),
        input: str = "auto",
        backend: str | None = None,
        mode: str | Mode = "auto",
        encoding: str | None = None,
        page_type: str | None = None,
    ) -> Document:
        """Clean one document: ``str``, or ``bytes`` in any common encoding.

        ``url`` is recorded as metadata and helps date a page (nothing is fetched);
        ``language`` skips detection and is reported as given; ``boilerplate`` holds line
        keys found to recur across the document's source (see ``cleaner.boilerplate``),
        removed first.
        ``input`` is "auto" (a page is detected), "text" or "html"; a page's main content is
        extracted with ``backend`` (see ``cleaner.html``) and its metadata merged in. ``mode``
        says what the text is: "article" (an article with some residue), "extracted" (an
        extractor's main content: an article whose short lines at its edges and repeats are
        its own, as for a page given as HTML), "page" (the whole visible text of a web page),
        or "auto" (the page filter decides from the text). ``encoding`` is that of ``bytes``
        input when the caller knows it (a corpus's documented encoding): it replaces
        detection and a page's declared charset, and bytes not in it raise InputError.
        ``page_type`` (one of ``cleaner.html.PAGE_TYPES``) says what kind of page an HTML
        page is, instead of the type read from its structured data, og:type and URL: it
        decides how the main content is extracted (see ``cleaner.html.page``).
        """
        given_mode = mode_named(mode)
        if backend is not None:
            check_backend(backend)
        if page_type is not None:
            check_page_type(page_type)
        metadata = Metadata(url=url)
        limits = self.rules.limits
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if not isinstance(data, (bytes, str)):
            raise InputError(f"expected str or bytes, not {type(data).__name__}")
        check_input_size(data, limits)
        named = None  # the encoding the caller named, once bytes are decoded with it
        if encoding is not None and isinstance(data, bytes):
            data, named = decode_named(data, encoding)
        elif encoding is not None:
            text_codec(encoding)  # a wrong name is an error whatever the input
        page = None
        if wants_page(data, input):
            from cleaner.html.page import read_page  # lxml and the extractors: pages only

            page = read_page(
                data,
                input=input,
                backend=backend,
                url=url,
                page_type=page_type,
                vocabulary=self.rules.vocabulary,
                rules=self.rules.page,
            )
        if page is not None:
            data = page.text
            page.repair_metadata(self.rules.repair)
            page.start_metadata(metadata)
        if isinstance(data, bytes):
            text, metadata.encoding = decode(data, max_lines=limits.max_lines)
        else:
            text = data
            metadata.encoding = metadata.encoding or named
        text, metadata.repairs = repair(text, self.rules.repair)
        lines, split = bounded_lines(text, limits)
        if split:
            metadata.repairs.append("long_lines")
        doc = Document(
            lines, metadata, mode=decide_mode(given_mode, page.extractor if page else None)
        )
        if page is not None:
            doc.structure = page.blocks
        if boilerplate:
            for i, line in enumerate(doc.lines):
                if line and doc.key(i) in boilerplate:
                    doc.remove(i, "boilerplate")
        for step in self.filters:
            step.apply(doc)
        body = doc.text
        metadata.char_count = len(body)
        metadata.word_count = sum(doc.words(i) for i in doc.live())
        if language is not None:
            metadata.language, metadata.language_probability = language, None
        else:
            sample = body if body else "\n".join(line for line in doc.lines if line)
            metadata.language, metadata.language_probability = detect_language(
                sample, self.rules.settings.language_sample_chars
            )
        if page is not None:
            page.finish_metadata(metadata)
            doc.insert_removed(page.removals(doc.lines))
        return doc

    @_suggest_keywords
    def clean_many(
        self,
        documents: Iterable[str | bytes],
        *,
        workers: int = 1,
        url: str | None = None,
        language: str | None = None,
        boilerplate: Collection[str] = (),
        input: str = "auto",
        backend: str | None = None,
        mode: str | Mode = "auto",
        encoding: str | None = None,
        page_type: str | None = None,
    ) -> Iterator[Document]:
        """Clean a stream of documents, yielding Documents in input order.

        ``workers`` > 1 cleans on that many processes (this Cleaner is sent to each once);
        input is read ahead by a bounded window only, so any length of stream is fine.
        The other options are those of ``clean``, the same for every document.
        """
        options = {
            "url": url,
            "language": language,
            "boilerplate": boilerplate,
            "input": input,
            "backend": backend,
            "mode": mode,
            "encoding": encoding,
            "page_type": page_type,
        }
        return self._clean_stream(documents, workers, options)

    def _clean_stream(
        self, documents: Iterable[str | bytes], workers: int, options: dict[str, Any]
    ) -> Iterator[Document]:
        if workers <= 1:
            for data in documents:
                yield self.clean(data, **options)
            return
        for chunk in ordered_map(
            _clean_chunk,
            chunked(documents, 16),
            workers=workers,
            initializer=_set_up_worker,
            initargs=(self, options),
        ):
            yield from chunk

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its rules, and built again from them on the other side: its filters'
        patterns then come from the user's cache (``cleaner.programs``) instead of being
        compiled again by ``re`` (0.16 s for each worker process)."""
        return (type(self), (self.rules,))

    def __repr__(self) -> str:
        names = ", ".join(f.name for f in self.filters)
        return f"Cleaner(sources={list(self.rules.sources)!r}, chain=[{names}])"


# In a worker process of ``clean_many``: its Cleaner and the options of ``clean``, sent once
# per process by the pool's initializer rather than with each chunk.
_worker: dict[str, Any] = {}


def _set_up_worker(cleaner: Cleaner, options: dict[str, Any]) -> None:
    expect_many_documents()
    _worker["cleaner"] = cleaner
    _worker["options"] = options


def _clean_chunk(chunk: list[str | bytes]) -> list[Document]:
    cleaner: Cleaner = _worker["cleaner"]
    cleaned = [cleaner.clean(data, **_worker["options"]) for data in chunk]
    save_memos()  # see cleaner.batch.worker.process_chunk
    return cleaned


@functools.lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner(load_rules())


@_suggest_keywords
def clean(
    data: str | bytes,
    *,
    url: str | None = None,
    language: str | None = None,
    boilerplate: Collection[str] = (),
    input: str = "auto",
    backend: str | None = None,
    mode: str = "auto",
    encoding: str | None = None,
    page_type: str | None = None,
) -> Document:
    """Clean one document with the default rules; see ``Cleaner.clean``."""
    return _default_cleaner().clean(
        data,
        url=url,
        language=language,
        boilerplate=boilerplate,
        input=input,
        backend=backend,
        mode=mode,
        encoding=encoding,
        page_type=page_type,
    )
