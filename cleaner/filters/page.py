"""The ``page`` filter: whole-page text, the algorithm in ``cleaner.page_text``."""

from __future__ import annotations

from typing import Any, ClassVar

from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.page_text import WholePage


class PageFilter(Filter):
    """Removes what is not the article from the visible text of a whole page (see
    ``cleaner.page_text.WholePage``); rule ids ``<name>.<label>``, ``<name>.headline``."""

    kind: ClassVar[str] = "page"
    defaults: ClassVar[dict[str, Any]] = {
        "stopwords": ["en"],
        "engage_min_lines": 30,
        "engage_max_prose_share": 0.3,
        "engage_menu_lines": 3,
        "menu_item_words": 3,
        "min_language_share": 0.15,
        "short_max_words": 9,
        "good_min_words": 15,
        "bad_cost_words": 10,
        "end_categories": ["comment_count"],
        "end_min_words": 50,
        "closing_categories": ["footer"],
        "fragmented_share": 0.3,
        "dangling_max_rank": 50,
        "attribution_category": "attribution",
        "headline_min_words": 3,
        "headline_outscored": 3,
        "extend_max_short": 1,
        "inside_categories": ["caption"],
        "list_max_words": 25,
        "table_max_words": 25,
        "density_low": {"default": 0.30},
        "density_high": {"default": 0.32},
        "end_repeats": 3,
        "span_short_cost": 2,
        "span_bad_share": 0.5,
        "span_removed_cost": 3,
        "span_min_share": 0.1,
        "span_list_share": 0.1,
        "span_item_min_words": 3,
        "span_item_max_words": 25,
        "span_end_categories": ["social", "comment_count"],
        "span_menu_lines": 4,
        "span_menu_words": 2,
    }

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        self.whole_page = WholePage(self.options, context, self.rule)

    def apply(self, doc: Document) -> None:
        self.whole_page.apply(doc)
