"""Line prefixes from vocabulary phrases ("Published on", "By"), matched at a line's start."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaner.programs import compile_regex


def prefix_alternation(keys: Iterable[str], gap: str = r"\W+") -> str | None:
    """A regex alternation of the phrases (given as match keys), longest first, with ``gap``
    (spaces and punctuation) between their words; ``None`` when there are none. Phrases of
    one length are in alphabetical order, so that a set of them gives the same pattern in
    every process (its program is cached, see ``cleaner.programs``)."""
    alternatives = sorted(
        {gap.join(re.escape(word) for word in key.split()) for key in keys if key},
        key=lambda alternative: (-len(alternative), alternative),
    )
    return "|".join(alternatives) if alternatives else None


def prefix_pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of the phrases (given as match keys) at the start of a line,
    with ``prefix`` capturing the phrase and ``rest`` what follows after spaces and
    punctuation such as ":"."""
    alternation = prefix_alternation(keys)
    if alternation is None:
        return None
    return compile_regex(
        r"^\W*(?P<prefix>" + alternation + r")(?!\w)[\s:：.,|\-–—]*(?P<rest>.*)$",
        re.IGNORECASE,
    )
