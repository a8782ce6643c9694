"""Every regular expression cleaner ships, for the safety test and ``bench/hostile.py``."""

from __future__ import annotations

import importlib
import pkgutil
import re

import cleaner
from cleaner import Cleaner
from cleaner.rule_files import read_toml, rules_dir


def shipped_vocabulary_patterns() -> list[tuple[str, str]]:
    """(where, pattern) for every ``patterns`` and ``within`` entry of rules/vocab/*.toml."""
    found = []
    for path in sorted((rules_dir() / "vocab").glob("*.toml")):
        for category, table in read_toml(path).items():
            for field in ("patterns", "within"):
                for pattern in table.get(field, []) if isinstance(table, dict) else []:
                    found.append((f"{path.name}:{category}.{field}", pattern))
    return found


def code_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the package: module constants and the default chain's."""
    found: dict[str, re.Pattern[str]] = {}
    for module in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if module.name.endswith("__main__"):
            continue
        try:
            imported = importlib.import_module(module.name)
        except ImportError:  # an integration whose optional extra is not installed
            if module.name.startswith("cleaner.integrations."):
                continue
            raise
        for name, value in vars(imported).items():
            if isinstance(value, re.Pattern):
                found[f"{module.name}.{name}"] = value
    for step in Cleaner.default().filters:
        _add_patterns(found, step.name, step, depth=2)
    return found


def _add_patterns(
    found: dict[str, re.Pattern[str]], where: str, holder: object, depth: int
) -> None:
    """The patterns ``holder`` keeps, and those of the readers it keeps (a filter's date
    line reader and its date parser's forms), ``depth`` levels down."""
    for name, value in getattr(holder, "__dict__", {}).items():
        if isinstance(value, re.Pattern):
            found[f"{where}.{name}"] = value
        for n, form in enumerate(getattr(value, "_forms", [])):
            found[f"{where}.{name}.form{n}"] = form
        if depth and type(value).__module__.startswith("cleaner."):
            _add_patterns(found, f"{where}.{name}", value, depth - 1)


# Used with findall/sub/split (each match consumed once, a started match cannot fail) or
# with match: never tried again at each position of a run, so they need no ^.
SCANNED = {
    "cleaner.bylines._NAME_END",  # search, but the pattern has no quantifier
    "cleaner.bylines._TOKEN",
    "cleaner.shape._CJK",
    "cleaner.shape._WORD",
    "cleaner.shape._NON_ASCII_GAPS",  # sub
    "cleaner.shape._LETTERS",  # findall
    "cleaner.shape._UNPUNCTUATED_LETTERS",  # findall
    "cleaner.html.markup._WORDS",
    "cleaner.html.metadata._WORDS",
    "cleaner.shape._COMPARED_WORD",  # findall
    "cleaner.html.page_type._URL_WORDS",  # findall
    "cleaner.stopwords._TOKEN",
    "cleaner.patterns._QUANTIFIER",  # match at one position of a pattern's own text
    "cleaner.patterns._SYNTAX",  # the same
    "cleaner.html.detect._PAGE_START",  # match only
    "cleaner.language._LATIN",  # findall and sub
    "cleaner.language._NON_LATIN",  # findall
    "cleaner.batch.writers._UNSAFE",  # sub over a file name
}


def vocabulary_unions() -> dict[str, re.Pattern[str]]:
    """The union pattern of each category of the default vocabulary: what filters search."""
    vocabulary = Cleaner.default().filters[0].context.vocabulary
    found: dict[str, re.Pattern[str]] = {}
    for name, category in sorted(vocabulary.categories.items()):
        for kind, patterns in (("patterns", category.patterns), ("within", category.within)):
            if patterns:
                union = "|".join(f"(?:{p})" for p in patterns.sources)
                found[f"vocabulary {name}.{kind}"] = re.compile(union, re.IGNORECASE)
    return found
