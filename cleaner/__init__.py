"""cleaner: scraped web text in, clean article body, metadata and a record of removals out.

>>> import cleaner
>>> doc = cleaner.clean("Advertisement\\n\\nThe council approved the new budget on Monday evening.")
>>> doc.text
'The council approved the new budget on Monday evening.'
>>> [(r.rule, r.text) for r in doc.removed]
[('residue.ad_label', 'Advertisement')]
"""

from __future__ import annotations

from typing import Any

from cleaner.document import Document, Metadata, Removal
from cleaner.errors import DISTRIBUTION, CleanerError, InputError, RulesError
from cleaner.pipeline import Cleaner, clean
from cleaner.rules import RuleSet, load_rules


def __getattr__(name: str) -> Any:
    """``__version__``, read from the installed distribution when asked for (reading package
    metadata takes 30 ms, a tenth of a start)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


__all__ = [
    "Cleaner",
    "CleanerError",
    "Document",
    "InputError",
    "Metadata",
    "Removal",
    "RuleSet",
    "RulesError",
    "__version__",
    "clean",
    "load_rules",
]
