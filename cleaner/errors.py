"""The library's documented error types: everything it raises on bad input or rules."""

from __future__ import annotations

# The distribution's name on the package index (the import package is ``cleaner``).
DISTRIBUTION = "webcleaner"


def install_hint(extra: str) -> str:
    """The command that installs an optional extra, for error messages."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


class CleanerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(CleanerError):
    """The input cannot be cleaned (wrong type, over a configured limit, unreadable)."""


class RulesError(CleanerError):
    """A rules file is malformed; the message names the file, the key and what is wrong."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")
