"""The document model: repaired lines plus marks, never destructive edits.

Filters do not delete text. They mark line indices as removed with a rule id, so the clean
text, the JSON ``removed`` list, ``--explain`` and per-rule counts all come from one record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from cleaner.modes import Mode
from cleaner.shape import ends_sentence, measure_lines

if TYPE_CHECKING:
    from cleaner.markdown import Block

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line: its 1-based number in the repaired input, the rule, and the text."""

    line: int
    rule: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "rule": self.rule, "text": self.text}


@dataclass(slots=True)
class Metadata:
    """What the cleaner learned about a document. Fields not found stay ``None``."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    date_source: str | None = None
    dateline: str | None = None
    language: str | None = None
    language_probability: float | None = None
    word_count: int = 0
    char_count: int = 0
    encoding: str | None = None
    repairs: list[str] = field(default_factory=list)
    url: str | None = None
    # Read from a page's markup (HTML input only).
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    categories: list[str] = field(default_factory=list)
    extractor: str | None = None
    # What kind of page an HTML page is (cleaner.html.page_type) and what decided it.
    page_type: str | None = None
    page_type_source: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The fields in declaration order, lists copied."""
        return {
            name: list(value) if isinstance(value, list) else value
            for name in self.__dataclass_fields__
            for value in (getattr(self, name),)
        }


class Document:
    """Repaired input lines and the marks the filter chain put on them.

    A line is marked removed, with the rule id that removed it (``remove``), or kept: found
    by a filter that judges runs of lines (the whole-page filter) to be a fragment of a
    paragraph broken at its links or an item of a list, which the filters that judge single
    lines (title, duplicates, trim) then leave alone (``keep``, ``is_kept``).
    """

    __slots__ = (
        "_body",
        "_derived",
        "_kept",
        "_keys",
        "_marks",
        "_words",
        "lines",
        "metadata",
        "mode",
        "structure",
    )

    def __init__(
        self, lines: list[str], metadata: Metadata | None = None, *, mode: str | Mode = "auto"
    ) -> None:
        self.lines = lines
        self.metadata = metadata if metadata is not None else Metadata()
        # What the text is, as decided once (cleaner.modes): whether filters may treat it
        # as a whole web page (whole_page.py), or as an extractor's choice (Filter.skips).
        self.mode = Mode(mode)
        self._kept: set[int] = set()
        self._marks: dict[int, str] = {}
        # A page's structural lines and their blocks (``cleaner.html.structure``) for
        # Markdown output; None for text input, whose structure is read from its lines.
        self.structure: list[tuple[str, Block]] | None = None
        # Every filter measures lines; they are measured once, all together.
        self._words, self._keys = measure_lines(lines)
        self._body: dict[int, frozenset[int]] = {}
        # Values computed from the marks (see ``derived``): key -> (marks when computed, value).
        self._derived: dict[Any, tuple[int, Any]] = {}

    # -- measures every filter asks for, computed once per line ---------------------------
    def words(self, index: int) -> int:
        return self._words[index]

    def key(self, index: int) -> str:
        return self._keys[index]

    def body_lines(self, min_words: int) -> frozenset[int]:
        """Indices of the lines that end like a sentence and have at least ``min_words``
        words: body paragraphs, the lines every filter measures from."""
        found = self._body.get(min_words)
        if found is None:
            found = self._body[min_words] = frozenset(
                i
                for i, line in enumerate(self.lines)
                if line and ends_sentence(line) and self.words(i) >= min_words
            )
        return found

    def derived(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, cached under ``key`` until a line is next marked: every filter asks
        for the live lines and the body paragraphs among them, and most mark nothing."""
        version = len(self._marks)  # marks are only ever added
        entry = self._derived.get(key)
        if entry is None or entry[0] != version:
            entry = self._derived[key] = (version, compute())
        value: T = entry[1]
        return value

    # -- marking -------------------------------------------------------------------------
    def remove(self, index: int, rule: str) -> None:
        """Mark line ``index`` as removed by ``rule``; the first rule to claim a line keeps it."""
        if index not in self._marks and self.lines[index]:
            self._marks[index] = rule

    def insert_removed(self, removals: Iterable[tuple[int, str, str]]) -> None:
        """Insert lines removed before this document's text was made, each ``(before, rule,
        text)`` going before line ``before``: a page's lines that markup rules or the
        extractor left out, so that the record covers the whole page."""
        inserted: dict[int, list[tuple[str, str]]] = {}
        for before, rule, text in removals:
            inserted.setdefault(min(before, len(self.lines)), []).append((rule, text))
        if not inserted:
            return
        new_lines = [text for index in sorted(inserted) for _, text in inserted[index]]
        new_words, new_keys = measure_lines(new_lines)  # the rest were measured already
        lines: list[str] = []
        words: list[int] = []
        keys: list[str] = []
        marks: dict[int, str] = {}
        moved: dict[int, int] = {}
        n = 0  # the next inserted line's index in new_lines
        for index in range(len(self.lines) + 1):
            for rule, text in inserted.get(index, ()):
                marks[len(lines)] = rule
                lines.append(text)
                words.append(new_words[n])
                keys.append(new_keys[n])
                n += 1
            if index < len(self.lines):
                moved[index] = len(lines)
                lines.append(self.lines[index])
                words.append(self._words[index])
                keys.append(self._keys[index])
        marks.update((moved[i], rule) for i, rule in self._marks.items())
        self.lines, self._marks = lines, marks
        self._kept = {moved[i] for i in self._kept}
        self._words, self._keys = words, keys
        self._body.clear()
        self._derived.clear()

    def is_removed(self, index: int) -> bool:
        return index in self._marks

    def keep(self, indices: Iterable[int]) -> None:
        """Mark lines as kept by a filter that judged them with their neighbours: filters
        that judge single lines leave them alone (see the class docstring)."""
        self._kept.update(indices)

    def is_kept(self, index: int) -> bool:
        return index in self._kept

    def rule_of(self, index: int) -> str | None:
        return self._marks.get(index)

    def live(self) -> list[int]:
        """Indices of the non-blank lines no filter has removed, in order (shared between
        callers until the next mark: not to be modified)."""
        return self.derived("live", self._live)

    def _live(self) -> list[int]:
        marks = self._marks
        return [i for i, line in enumerate(self.lines) if line and i not in marks]

    # -- results -------------------------------------------------------------------------
    def kept_lines(self) -> Iterator[str]:
        marks = self._marks
        return (line for i, line in enumerate(self.lines) if line and i not in marks)

    @property
    def text(self) -> str:
        """The clean body: kept lines as paragraphs separated by one blank line."""
        return "\n\n".join(self.kept_lines())

    @property
    def markdown(self) -> str:
        """The clean body as Markdown: the kept lines with their headings, lists, tables,
        quotes and code blocks (see ``cleaner.markdown``)."""
        from cleaner.markdown import render_markdown

        return render_markdown(self)

    @property
    def removed(self) -> list[Removal]:
        return [Removal(i + 1, rule, self.lines[i]) for i, rule in sorted(self._marks.items())]

    def removal_counts(self) -> Counter[str]:
        return Counter(self._marks.values())

    def as_dict(self, *, include_removed: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "metadata": self.metadata.as_dict()}
        if include_removed:
            out["removed"] = [r.as_dict() for r in self.removed]
        return out

    def __repr__(self) -> str:
        return (
            f"Document(lines={len(self.lines)}, removed={len(self._marks)}, "
            f"title={self.metadata.title!r})"
        )
