"""The ``page`` filter: whole-page text, the algorithm in ``cleaner.page_text``."""

from __future__ import annotations

from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.page_text import PageOptions, WholePage


class PageFilter(Filter):
    """Removes what is not the article from the visible text of a whole page (see
    ``cleaner.page_text.WholePage``); rule ids ``<name>.<label>``, ``<name>.headline``."""

    kind: ClassVar[str] = "page"
    Options: ClassVar[type[PageOptions]] = PageOptions
    options: PageOptions

    def __init__(self, name: str, context: Context, options: PageOptions) -> None:
        super().__init__(name, context, options)
        self.whole_page = WholePage(self.options, context, self.rule)

    def apply(self, doc: Document) -> None:
        self.whole_page.apply(doc)
