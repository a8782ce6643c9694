"""The filter protocol: a named unit with typed options that marks lines of a Document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from cleaner.document import Document
from cleaner.modes import extractor_chose
from cleaner.rule_files import RuleFiles
from cleaner.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Context:
    """What every filter may read: the vocabulary, the chain-wide settings, and where the
    rule files a rules file names are."""

    vocabulary: Vocabulary
    min_body_words: int
    files: RuleFiles = field(default_factory=RuleFiles)

    def is_body(self, doc: Document, index: int) -> bool:
        """A body paragraph: a line that ends like a sentence, of at least min_body_words."""
        return index in doc.body_lines(self.min_body_words)

    def anchors(self, doc: Document) -> list[int]:
        """Positions in ``doc.live()`` of body paragraphs (shared: not to be modified)."""
        return doc.derived(("anchors", self.min_body_words), lambda: self._anchors(doc))

    def _anchors(self, doc: Document) -> list[int]:
        body = doc.body_lines(self.min_body_words)
        return [p for p, i in enumerate(doc.live()) if i in body]


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a filter kind that has none."""


class Filter:
    """Base of every filter kind.

    A kind declares ``kind`` (the name rules files use) and ``Options``, a frozen dataclass
    whose fields are its options: their types are what the rules loader checks, their
    values are stated in ``rules/default.toml`` only. An instance gets a ``name``, the
    rule-id prefix of the removals it makes, so one kind can appear twice in a chain.
    """

    kind: ClassVar[str]
    Options: ClassVar[type[Any]] = NoOptions

    def __init__(self, name: str, context: Context, options: Any) -> None:
        self.name = name
        self.context = context
        self.options = options

    def rule(self, detail: str | None = None) -> str:
        return f"{self.name}.{detail}" if detail else self.name

    def skips(self, doc: Document) -> bool:
        """True for lines an extractor chose (``cleaner.modes.extractor_chose``) when the
        filter's options have ``on_extracted`` off: its short lines and repeats are the
        page's lists and tables. The visible text of a page is judged like any text."""
        on_extracted: bool = getattr(self.options, "on_extracted", True)
        if doc.metadata.page_type in getattr(self.options, "on_page_types", ()):
            return False  # pages of this type repeat residue, not content
        return not on_extracted and extractor_chose(doc.mode, doc.metadata.extractor)

    def apply(self, doc: Document) -> None:
        """Mark the lines of ``doc`` this filter removes."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, options={self.options!r})"
