"""The library's documented error types: everything it raises on bad input or rules."""

from __future__ import annotations


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
