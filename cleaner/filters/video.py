"""Video residue: a duration on its own line and the video's title printed below it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.shape import ends_sentence


@dataclass(frozen=True, slots=True)
class VideoOptions:
    """The options of a ``video`` filter; their values are in ``rules/default.toml``."""

    duration_pattern: str
    title_lines: int
    title_max_words: int
    list_durations: int


class VideoFilter(Filter):
    """Removes duration lines ("03:34", "1:02:33") and up to ``title_lines`` title-shaped
    lines right after them (video players print the title once or twice). A text with
    ``list_durations`` duration lines or more is a list of timed items (a podcast's episodes,
    an album's tracks): their titles stay."""

    kind: ClassVar[str] = "video"
    Options: ClassVar[type[VideoOptions]] = VideoOptions
    options: VideoOptions

    def __init__(self, name: str, context: Context, options: VideoOptions) -> None:
        super().__init__(name, context, options)
        self._duration = re.compile(self.options.duration_pattern)

    def apply(self, doc: Document) -> None:
        live = doc.live()
        lines = doc.lines
        durations = [p for p, i in enumerate(live) if self._is_duration(lines[i])]
        titled = len(durations) < self.options.list_durations
        for p in durations:
            doc.remove(live[p], self.rule("duration"))
            if not titled:
                continue
            for j in live[p + 1 : p + 1 + self.options.title_lines]:
                if ends_sentence(lines[j]) or doc.words(j) > self.options.title_max_words:
                    break
                doc.remove(j, self.rule("title"))

    def _is_duration(self, line: str) -> bool:
        """A duration on its own line: "03:34", "(1:02:33)"."""
        return len(line) <= 12 and self._duration.match(line) is not None
