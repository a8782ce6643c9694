"""The ``whole_page`` filter: the visible text of a whole page, the algorithm in
``cleaner.whole_page``."""

from __future__ import annotations

from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.whole_page import WholePage, WholePageOptions


class WholePageFilter(Filter):
    """Removes what is not the article from the visible text of a whole page (see
    ``cleaner.whole_page.WholePage``); rule ids ``<name>.<label>``, ``<name>.headline``."""

    kind: ClassVar[str] = "whole_page"
    Options: ClassVar[type[WholePageOptions]] = WholePageOptions
    options: WholePageOptions

    def __init__(self, name: str, context: Context, options: WholePageOptions) -> None:
        super().__init__(name, context, options)
        self.whole_page = WholePage(self.options, context, self.rule)

    def apply(self, doc: Document) -> None:
        self.whole_page.apply(doc)
