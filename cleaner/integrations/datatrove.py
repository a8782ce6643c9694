"""The cleaner as datatrove pipeline steps (``pip install 'webcleaner[datatrove]'``).

``CleanerExtractor`` takes the place of ``Trafilatura(...)`` in a FineWeb-style pipeline::

    WarcReader(...) -> URLFilter() -> CleanerExtractor() -> LanguageFilter() -> ... -> writer

and ``CleanerFilter`` cleans text documents (WET records, another extractor's output) in
place. Both set ``doc.text`` to the clean content and merge the cleaner's metadata (see
``merge_metadata``) into ``doc.metadata``; a document left empty, or that fails to clean, is
dropped and counted, as datatrove's own steps do. Their stats, in datatrove's summary and
``stats.json``: ``total``, ``forwarded`` (kept), ``dropped``, and among the dropped
``dropped_empty``, ``dropped_failed`` and (with a timeout) ``dropped_timeout``; and
``removed_lines/<rule>``, the lines each rule removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.integrations import failure, missing_extra
from cleaner.pipeline import Cleaner

try:
    from datatrove.data import Document as DatatroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as error:
    raise missing_extra(__name__, "datatrove", "datatrove", error) from error

__all__ = ["CleanerExtractor", "CleanerFilter", "merge_metadata"]

# Cleaned once with a step's options when the step is made, so that a wrong option fails the
# pipeline's definition instead of every document of every task.
_PROBE = "<html><body><p>.</p></body></html>"
# Prefix of the cleaner's value of a metadata key the reader set to something else.
PREFIX = "cleaner_"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the cleaner made of one document, small enough to send back from a sandbox."""

    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    removal_counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def merge_metadata(metadata: dict[str, Any], cleaned: Cleaned) -> None:
    """Add the cleaner's metadata and ``removal_counts`` (lines removed per rule) to a
    document's ``metadata`` without overwriting what the reader set: the cleaner's value of
    a key already there with another value (``date``: a WARC record's crawl date, not the
    page's) is stored as ``cleaner_<key>``."""
    for key, value in {**cleaned.metadata, "removal_counts": cleaned.removal_counts}.items():
        if key not in metadata:
            metadata[key] = value
        elif metadata[key] != value:
            metadata[PREFIX + key] = value


class _Cleaning:
    """The cleaning both steps share: one Cleaner and its options, checked once."""

    def __init__(self, step: str, rules: str | Path | None, options: dict[str, Any]) -> None:
        self.cleaner = Cleaner.default() if rules is None else Cleaner.from_rules(rules)
        self.options = options
        self.cleaner.clean(_PROBE, url=None, **options)
        self.step = step
        self.warned = False

    def clean(self, data: Any, url: Any) -> Cleaned:
        """Clean one document; an error is returned, not raised (a sandbox sends it back)."""
        url = url if isinstance(url, str) else None
        try:
            doc = self.cleaner.clean(data, url=url, **self.options)
        except Exception as error:
            return Cleaned(error=failure(error))
        return Cleaned(doc.text, doc.metadata.as_dict(), dict(doc.removal_counts()))

    def failed(self, doc: DatatroveDocument, problem: str) -> None:
        if not self.warned:
            logger.warning(
                f"{self.step}: document {doc.id!r} dropped: {problem} (further failures are "
                "only counted, as dropped_failed)"
            )
            self.warned = True


def _count_removals(step: PipelineStep, cleaned: Cleaned) -> None:
    for rule, lines in cleaned.removal_counts.items():
        step.stat_update(f"removed_lines/{rule}", value=lines)


class CleanerExtractor(PipelineStep):
    """Main content and metadata from documents holding HTML (``WarcReader``'s) or text.

    ``rules`` is a rules file merged over the defaults; ``options`` are those of
    ``Cleaner.clean`` (``backend``, ``mode``, ``input``, ``language``, ...), the same for every
    document; the URL is the document's ``metadata["url"]``. ``timeout`` (seconds per
    document) cleans in a child process as datatrove's extractors do, dropping a document that
    takes longer; None (the default) cleans in the task's own process, which is faster, and
    the cleaner bounds its own work on hostile input. The reader's decoded text reaches the
    cleaner, so its ``encoding`` metadata is None.
    """

    name = "🧹 cleaner"
    type = BaseExtractor.type

    def __init__(
        self, rules: str | Path | None = None, *, timeout: float | None = None, **options: Any
    ) -> None:
        super().__init__()
        self.cleaning = _Cleaning(type(self).__name__, rules, options)
        self.timeout = timeout

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        if self.timeout is None:
            yield from self._extract(data, None)
            return
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as sandbox:
            yield from self._extract(data, sandbox)

    def _extract(
        self, data: Iterator[DatatroveDocument], sandbox: ExtractorSandbox | None
    ) -> Iterator[DatatroveDocument]:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                url = doc.metadata.get("url")
                if sandbox is None:
                    cleaned = self.cleaning.clean(doc.text, url)
                else:
                    try:
                        cleaned = sandbox.process_document((doc.text, url), self.cleaning.clean)
                    except TimeoutError:
                        self.stat_update(StatHints.dropped, "dropped_timeout")
                        logger.warning(f"{self.name}: document {doc.id!r} timed out, dropped")
                        continue
                    except EOFError:
                        cleaned = Cleaned(error="the cleaning process died")
            if cleaned.error is not None:
                self.stat_update(StatHints.dropped, "dropped_failed")
                self.cleaning.failed(doc, cleaned.error)
                continue
            _count_removals(self, cleaned)
            if not cleaned.text:
                self.stat_update(StatHints.dropped, "dropped_empty")
                continue
            doc.text = cleaned.text
            merge_metadata(doc.metadata, cleaned)
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc


class CleanerFilter(BaseFilter):
    """Removes residue lines from text documents in place; drops those left empty
    (reason ``empty``) or that fail to clean (reason ``failed``, the message in
    ``metadata["cleaner_error"]``), which ``exclusion_writer`` keeps, as they came in.

    ``rules`` and ``options`` are as for ``CleanerExtractor``; the input is always text (say
    ``mode="page"`` for WET records, ``mode="extracted"`` for an extractor's output).
    """

    name = "🧹 cleaner"

    def __init__(
        self,
        rules: str | Path | None = None,
        *,
        exclusion_writer: DiskWriter | None = None,
        **options: Any,
    ) -> None:
        if "input" in options:
            raise TypeError("CleanerFilter cleans text documents: it takes no input option")
        super().__init__(exclusion_writer)
        self.cleaning = _Cleaning(type(self).__name__, rules, {**options, "input": "text"})

    def filter(self, doc: DatatroveDocument) -> bool | tuple[bool, str]:
        cleaned = self.cleaning.clean(doc.text, doc.metadata.get("url"))
        if cleaned.error is not None:
            self.cleaning.failed(doc, cleaned.error)
            doc.metadata[PREFIX + "error"] = cleaned.error
            return False, "failed"
        _count_removals(self, cleaned)
        if not cleaned.text:
            return False, "empty"
        doc.text = cleaned.text
        merge_metadata(doc.metadata, cleaned)
        return True
