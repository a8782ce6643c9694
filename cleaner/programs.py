"""Python regular expressions compiled once per user, not once per process.

``re.compile`` parses a pattern and generates the engine's program in Python code: for the
two thousand patterns of the rules (vocabularies, dates, filters) that took 0.35 s of every
start. A program depends only on the pattern, its flags and the Python version, so it is
kept in the user's cache (``cleaner.cache``) and later processes hand it straight to the
engine (``_sre.compile``, which ``re.compile`` itself ends with; the engine checks the
program). A process adds the programs it compiled to the cache when it exits
(``cache.Memo``). On another interpreter than CPython, or when the engine does not take a
stored program, patterns are compiled by ``re.compile`` as before.
"""

from __future__ import annotations

import re
import sys
from array import array

from cleaner import cache

try:
    import _sre  # type: ignore[import-not-found]

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser  # type: ignore[attr-defined]
    else:  # pragma: no cover
        import sre_compile as _compiler
        import sre_parse as _parser
    _USABLE = sys.implementation.name == "cpython" and hasattr(_compiler, "_code")
except ImportError:  # pragma: no cover - not CPython
    _USABLE = False

# flags, code, groups - 1, group index, index group: the arguments of ``_sre.compile``, but
# the code (a list of 32-bit words) as the bytes of an array, which ``marshal`` reads at once
# (a list of big ints took it 0.18 s). The cache is this machine's: its item size is the same.
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_WORD = "I"
# A cache past this many programs (rules files edited many times) keeps only the last run's.
_MOST_PROGRAMS = 20_000
_NAME = f"regex-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0) if _USABLE else 0}.marshal"

PROGRAMS = cache.Memo(_NAME, _MOST_PROGRAMS)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the program from the cache when it is there."""
    if not _USABLE:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    program: Program | None = PROGRAMS.get(key)
    if program is None:
        program = _compile(pattern, int(flags))
        PROGRAMS.put(key, program)
    flags_used, code, groups, groupindex, indexgroup = program
    try:
        compiled: re.Pattern[str] = _sre.compile(
            pattern, flags_used, array(_WORD, code).tolist(), groups, groupindex, indexgroup
        )
    except (TypeError, RuntimeError):  # pragma: no cover - a program the engine refuses
        PROGRAMS.discard(key)
        return re.compile(pattern, flags)
    return compiled


def _compile(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` hands to ``_sre.compile``. Raises ``re.error``."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        array(_WORD, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
