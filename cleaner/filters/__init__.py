"""Filter kinds by the name rules files use for them."""

from __future__ import annotations

from cleaner.filters.base import Context, Filter
from cleaner.filters.bylines import BylineFilter
from cleaner.filters.dateline import DatelineFilter
from cleaner.filters.dates import DateFilter
from cleaner.filters.duplicates import DuplicateFilter
from cleaner.filters.media import VideoFilter
from cleaner.filters.page import PageFilter
from cleaner.filters.residue import VocabularyFilter
from cleaner.filters.teasers import TeaserFilter
from cleaner.filters.title import TitleFilter
from cleaner.filters.trim import TrimFilter

KINDS: dict[str, type[Filter]] = {
    cls.kind: cls
    for cls in (
        VocabularyFilter,
        VideoFilter,
        TeaserFilter,
        DateFilter,
        DatelineFilter,
        BylineFilter,
        DuplicateFilter,
        TitleFilter,
        TrimFilter,
        PageFilter,
    )
}

__all__ = ["KINDS", "Context", "Filter"]
