"""Head and tail: what stands before the first body paragraph and after the last."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter
from cleaner.shape import ends_like_headline, ends_sentence, is_bullet

_COUNT = re.compile(r"^\(?\d{1,6}\)?$")


@dataclass(frozen=True, slots=True)
class TrimOptions:
    """The options of a ``trim`` filter; their values are in ``rules/default.toml``."""

    head_max_words: int
    tail_max_words: int
    attribution_category: str
    on_extracted: bool


class TrimFilter(Filter):
    """Removes short non-sentences around the body: kickers, section labels, taglines and
    headline-shaped questions above it (a long dek and bullet points stay); share bars, tags
    and comment counts below it (closing attributions such as "Additional reporting by
    Reuters" stay). A text with no body paragraph is left alone."""

    kind: ClassVar[str] = "trim"
    Options: ClassVar[type[TrimOptions]] = TrimOptions
    options: TrimOptions

    def apply(self, doc: Document) -> None:
        if self.skips(doc):
            return
        live = doc.live()
        anchors = self.context.anchors(doc)
        if not anchors:
            return
        lines = doc.lines
        for i in live[: anchors[0]]:
            line = lines[i]
            if (
                not doc.is_kept(i)
                and (not ends_sentence(line) or ends_like_headline(line))
                and not is_bullet(line)
                and doc.words(i) <= self.options.head_max_words
            ):
                doc.remove(i, self.rule("head"))
        attribution = self.context.vocabulary.category(self.options.attribution_category)
        for i in live[anchors[-1] + 1 :]:
            line = lines[i]
            if doc.is_kept(i):
                continue
            if _COUNT.match(line):
                doc.remove(i, self.rule("comment_count"))
            elif (
                not ends_sentence(line)
                and doc.words(i) <= self.options.tail_max_words
                and not attribution.matches(line, doc.key(i))
            ):
                doc.remove(i, self.rule("tail"))
