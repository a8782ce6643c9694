"""cleaner: scraped web text in, clean article body, metadata and a record of removals out.

>>> import cleaner
>>> doc = cleaner.clean("Advertisement\\n\\nThe council approved the new budget on Monday evening.")
>>> doc.text
'The council approved the new budget on Monday evening.'
>>> [(r.rule, r.text) for r in doc.removed]
[('residue.ad_label', 'Advertisement')]
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cleaner.document import Document, Metadata, Removal
from cleaner.errors import DISTRIBUTION, CleanerError, InputError, RulesError
from cleaner.pipeline import Cleaner, clean
from cleaner.rules import RuleSet, load_rules

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

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
