"""Line prefixes from vocabulary phrases ("Published on", "By"), matched at a line's start."""

from __future__ import annotations

import re
from collections.abc import Iterable


def prefix_alternation(keys: Iterable[str], gap: str = r"\W+") -> str | None:
    """A regex alternation of the phrases (given as match keys), longest first, with ``gap``
    (spaces and punctuation) between their words; ``None`` when there are none."""
    alternatives = sorted(
        (gap.join(re.escape(word) for word in key.split()) for key in keys if key),
        key=len,
        reverse=True,
    )
    return "|".join(alternatives) if alternatives else None


def prefix_pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of the phrases (given as match keys) at the start of a line,
    with ``prefix`` capturing the phrase and ``rest`` what follows after spaces and
    punctuation such as ":"."""
    alternation = prefix_alternation(keys)
    if alternation is None:
        return None
    return re.compile(
        r"^\W*(?P<prefix>" + alternation + r")(?!\w)[\s:：.,|\-–—]*(?P<rest>.*)$",
        re.IGNORECASE,
    )
