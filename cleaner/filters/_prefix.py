"""Line prefixes from vocabulary phrases ("Published on", "By"), matched at a line's start."""

from __future__ import annotations

import re
from collections.abc import Iterable


def prefix_pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of the phrases (given as match keys) at the start of a line,
    with ``rest`` capturing what follows after spaces and punctuation such as ":"."""
    alternatives = sorted(
        (r"\W+".join(re.escape(word) for word in key.split()) for key in keys if key),
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    return re.compile(
        r"^\W*(?:" + "|".join(alternatives) + r")(?!\w)[\s:.,|\-–—]*(?P<rest>.*)$",
        re.IGNORECASE,
    )
