"""Filter kinds by the name rules files use for them: kind ``x`` is ``XFilter`` in
``filters/x.py``, with its options in ``XOptions``."""

from __future__ import annotations

from cleaner.filters.base import Context, Filter
from cleaner.filters.byline import BylineFilter
from cleaner.filters.date import DateFilter
from cleaner.filters.dateline import DatelineFilter
from cleaner.filters.duplicate import DuplicateFilter
from cleaner.filters.residue import ResidueFilter
from cleaner.filters.teaser import TeaserFilter
from cleaner.filters.title import TitleFilter
from cleaner.filters.trim import TrimFilter
from cleaner.filters.video import VideoFilter
from cleaner.filters.whole_page import WholePageFilter

KINDS: dict[str, type[Filter]] = {
    cls.kind: cls
    for cls in (
        ResidueFilter,
        VideoFilter,
        TeaserFilter,
        DateFilter,
        DatelineFilter,
        BylineFilter,
        DuplicateFilter,
        TitleFilter,
        TrimFilter,
        WholePageFilter,
    )
}

__all__ = ["KINDS", "Context", "Filter"]
