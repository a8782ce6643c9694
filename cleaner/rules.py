"""Loading the filter chain and vocabularies from TOML, merging a user's file, validating.

Everything a rules file can do is set data: there is no code in it, no include of arbitrary
paths beyond vocabulary files next to it, and every key is checked, so a mistake gets an
error naming the file, the key and what is wrong.
"""

from __future__ import annotations

import dataclasses
import re
import typing
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.dates import DateWords
from cleaner.errors import RulesError
from cleaner.filters import KINDS
from cleaner.limits import LONG_LINE_POLICIES, Limits
from cleaner.patterns import compile_pattern
from cleaner.regex_safety import UnsafePattern, check_pattern
from cleaner.repair import RepairOptions
from cleaner.rule_files import PageData, RuleFiles, page_data, read_toml, rules_dir
from cleaner.shape import fold_case
from cleaner.vocabulary import ReaderCategories, Vocabulary

_TOP_LEVEL = frozenset(
    {"settings", "repair", "limits", "chain", "filters", "vocabulary", "html", "page_types"}
)
_SETTINGS: dict[str, type] = {
    "vocabularies": list,
    "min_body_words": int,
    "language_sample_chars": int,
}
# Old names of filter kinds and options, still read in a user's rules file (with a
# FutureWarning): documented in rules/README.md.
RENAMED_KINDS = {"vocabulary": "residue", "page": "whole_page"}
RENAMED_OPTIONS = {"on_pages": "on_extracted"}
_CATEGORY_KEYS = frozenset({"source", "lines", "patterns", "within", "day_first"})
# Tables of words a vocabulary gives besides its categories, and their keys.
_WORD_TABLES = {
    "date_words": frozenset(field.name for field in dataclasses.fields(DateWords)),
    "name_words": frozenset({"joiners", "particles"}),
}


@dataclass(frozen=True, slots=True)
class Settings:
    vocabularies: tuple[str, ...]
    min_body_words: int
    language_sample_chars: int


@dataclass(frozen=True, slots=True)
class FilterSpec:
    """A filter of the chain: its name (the rule-id prefix), its kind, and its options (an
    instance of the kind's ``Options``)."""

    name: str
    kind: str
    options: Any


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A validated chain: settings, repair switches, filters in order, and the vocabulary."""

    sources: tuple[str, ...]
    settings: Settings
    repair: RepairOptions
    chain: tuple[FilterSpec, ...]
    vocabulary: Vocabulary
    limits: Limits = dataclasses.field(default_factory=Limits)
    # The HTML input's rule data (rules/html.toml, rules/page_types.toml, merged with the
    # user's [html] and [page_types]) and where the files a rules file names are.
    page: PageData = dataclasses.field(default_factory=page_data)
    files: RuleFiles = dataclasses.field(default_factory=RuleFiles)


def load_rules(path: str | Path | None = None) -> RuleSet:
    """The default chain, with the rules file at ``path`` (if any) merged over it."""
    default_path = rules_dir() / "default.toml"
    merged = read_toml(default_path, cached=True)
    shipped_filters = merged.get("filters", {})
    sources = [str(default_path)]
    user: dict[str, Any] = {}
    user_path: Path | None = None
    if path is not None:
        user_path = Path(path)
        user = read_toml(user_path)
        sources.append(str(user_path))
        _check_keys(user, _TOP_LEVEL, str(user_path), "")
        merged = _merge(merged, user)
    source = sources[-1]
    settings = _settings(merged.get("settings", {}), source)
    repair = _repair(merged.get("repair", {}), source)
    limits = _limits(merged.get("limits", {}), source)
    files = RuleFiles(user_path)
    chain = _chain(merged, shipped_filters, source)
    readers = _reader_categories(merged, source)
    vocabulary = _vocabulary(settings, files, user.get("vocabulary", {}), source, readers)
    _check_categories_used(user.get("vocabulary", {}), chain, source)
    page = page_data(user, source)
    return RuleSet(tuple(sources), settings, repair, chain, vocabulary, limits, page, files)


def _merge(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    out = {key: dict(value) if isinstance(value, dict) else value for key, value in base.items()}
    for section in ("settings", "repair", "limits", "chain"):
        if section in user:
            _require_table(user[section], "", section)
            out[section] = {**out.get(section, {}), **user[section]}
    filters = {name: dict(spec) for name, spec in out.get("filters", {}).items()}
    user_filters = user.get("filters", {})
    _require_table(user_filters, "", "filters")
    for name, spec in user_filters.items():
        _require_table(spec, "", f"filters.{name}")
        filters[name] = {**filters.get(name, {}), **spec}
    out["filters"] = filters
    return out


def _require_table(value: Any, source: str, key: str) -> None:
    if not isinstance(value, dict):
        raise RulesError(source, key, "must be a table")


def _check_keys(table: Mapping[str, Any], allowed: frozenset[str], source: str, where: str) -> None:
    for key in table:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            name = f"{where}.{key}" if where else key
            raise RulesError(source, name, f"unknown key (expected one of: {known})")


def _settings(table: Mapping[str, Any], source: str) -> Settings:
    _check_keys(table, frozenset(_SETTINGS), source, "settings")
    values: dict[str, Any] = {}
    for key, kind in _SETTINGS.items():
        if key not in table:
            raise RulesError(source, f"settings.{key}", "missing")
        _check_type(table[key], kind, source, f"settings.{key}")
        values[key] = table[key]
    if values["min_body_words"] < 1:
        raise RulesError(source, "settings.min_body_words", "must be at least 1")
    if values["language_sample_chars"] < 0:
        raise RulesError(source, "settings.language_sample_chars", "must not be negative")
    return Settings(
        tuple(values["vocabularies"]), values["min_body_words"], values["language_sample_chars"]
    )


def _repair(table: Mapping[str, Any], source: str) -> RepairOptions:
    names = RepairOptions.option_names()
    _check_keys(table, frozenset(names), source, "repair")
    for key, value in table.items():
        _check_type(value, bool, source, f"repair.{key}")
    return RepairOptions(**table)


def _limits(table: Mapping[str, Any], source: str) -> Limits:
    defaults = Limits()
    _check_keys(table, frozenset(Limits.option_names()), source, "limits")
    for key, value in table.items():
        _check_type(value, type(getattr(defaults, key)), source, f"limits.{key}")
        if isinstance(value, int) and value < 1:
            raise RulesError(source, f"limits.{key}", "must be at least 1")
    policy = table.get("long_lines", defaults.long_lines)
    if policy not in LONG_LINE_POLICIES:
        expected = " or ".join(repr(p) for p in LONG_LINE_POLICIES)
        raise RulesError(source, "limits.long_lines", f"must be {expected}, not {policy!r}")
    return Limits(**table)


def _check_type(value: Any, kind: type, source: str, key: str) -> None:
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is list:
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    elif kind is dict:
        ok = isinstance(value, dict) and all(
            isinstance(item, (int, float)) and not isinstance(item, bool) for item in value.values()
        )
    else:
        ok = isinstance(value, kind)
    if not ok:
        expected = {
            int: "an integer",
            float: "a number",
            list: "a list of strings",
            dict: "a table of numbers",
            bool: "true or false",
            str: "a string",
        }.get(kind, kind.__name__)
        raise RulesError(source, key, f"must be {expected}, not {value!r}")


def _chain(
    merged: Mapping[str, Any], shipped: Mapping[str, Any], source: str
) -> tuple[FilterSpec, ...]:
    """The enabled filters of ``merged``'s chain, in order, with checked options; a filter
    of a new name starts from the options of ``shipped``'s filter of its kind."""
    chain = merged.get("chain", {})
    _check_keys(chain, frozenset({"order"}), source, "chain")
    order = chain.get("order")
    if order is None:
        raise RulesError(source, "chain.order", "missing")
    _check_type(order, list, source, "chain.order")
    filters = merged.get("filters", {})
    specs: list[FilterSpec] = []
    for name in order:
        if name not in filters:
            raise RulesError(
                source, "chain.order", f"names {name!r}, which no [filters.{name}] defines"
            )
        spec = dict(filters[name])
        key = f"filters.{name}"
        kind = spec.pop("kind", None)
        if kind in RENAMED_KINDS:
            new_kind = RENAMED_KINDS[kind]
            _warn_renamed(
                source, f"{key}.kind", f"{kind!r} is the old name of filter kind {new_kind!r}"
            )
            kind = new_kind
        if kind not in KINDS:
            known = ", ".join(sorted(KINDS))
            raise RulesError(
                source, f"{key}.kind", f"unknown filter kind {kind!r} (known: {known})"
            )
        enabled = spec.pop("enabled", True)
        _check_type(enabled, bool, source, f"{key}.enabled")
        for old, new in RENAMED_OPTIONS.items():
            if old in spec:
                _warn_renamed(source, f"{key}.{old}", f"{old!r} is the old name of option {new!r}")
                spec[new] = spec.pop(old)
        options: dict[str, Any] = {}
        if name not in shipped:
            of_kind: Mapping[str, Any] = next(
                (t for t in shipped.values() if t.get("kind") == kind), {}
            )
            options = {k: v for k, v in of_kind.items() if k not in ("kind", "enabled")}
        options.update(spec)
        if enabled:
            checked = _options(KINDS[kind].Options, options, source, key)
            specs.append(FilterSpec(name, kind, checked))
    return tuple(specs)


def _reader_categories(merged: Mapping[str, Any], source: str) -> ReaderCategories:
    """The categories date lines and bylines are read with outside their own filters (the
    byline filter's dates, a page's header): the options of the first filters of kinds
    "date" and "byline" (the shipped ``dates`` and ``bylines``), enabled or not, so that
    each is stated once."""
    found: dict[str, Any] = {}
    for name, table in merged.get("filters", {}).items():
        kind = table.get("kind") if isinstance(table, dict) else None
        if kind in ("date", "byline") and kind not in found:
            options = {k: v for k, v in table.items() if k not in ("kind", "enabled")}
            found[kind] = _options(KINDS[kind].Options, options, source, f"filters.{name}")
    for kind in ("date", "byline"):
        if kind not in found:
            raise RulesError(source, "filters", f"no filter of kind {kind!r} names its categories")
    dates, bylines = found["date"], found["byline"]
    return ReaderCategories(dates.prefix_category, dates.note_categories, bylines.prefix_category)


def _warn_renamed(source: str, key: str, what: str) -> None:
    warnings.warn(f"{source}: {key}: {what}, still read for now", FutureWarning, stacklevel=5)


# The types an option may have, and the type name ``_check_type`` checks each against.
_OPTION_TYPES: dict[Any, type] = {
    int: int,
    float: float,
    bool: bool,
    str: str,
    tuple[str, ...]: list,
    Mapping[str, float]: dict,
}


def _options(options_type: type[Any], table: Mapping[str, Any], source: str, key: str) -> Any:
    """The filter's options object, every option of ``table`` checked against the field of
    ``options_type`` of its name: known, of its type, not negative, a safe pattern."""
    hints = typing.get_type_hints(options_type)
    names = [field.name for field in dataclasses.fields(options_type)]
    _check_keys(table, frozenset(names) | {"kind", "enabled"}, source, key)
    values: dict[str, Any] = {}
    for option in names:
        if option not in table:
            raise RulesError(source, f"{key}.{option}", "missing")
        value = table[option]
        _check_type(value, _OPTION_TYPES[hints[option]], source, f"{key}.{option}")
        if option.endswith("_pattern"):
            _checked_pattern(value, source, f"{key}.{option}", searched=False)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise RulesError(source, f"{key}.{option}", "must not be negative")
        values[option] = tuple(value) if isinstance(value, list) else value
    return options_type(**values)


def _check_categories_used(
    additions: Mapping[str, Any], chain: tuple[FilterSpec, ...], source: str
) -> None:
    """Refuse a vocabulary category of the rules file that no filter of the chain reads (a
    misspelt name would otherwise be accepted and never fire)."""
    used = {"months", "weekdays", *_WORD_TABLES}
    for spec in chain:
        for field in dataclasses.fields(spec.options):
            option, value = field.name, getattr(spec.options, field.name)
            if option.endswith("_category"):
                used.add(value)
            elif option == "categories" or option.endswith("_categories"):
                used.update(value)
    for category in additions:
        if category not in used:
            raise RulesError(
                source,
                f"vocabulary.{category}",
                f"no filter of the chain reads category {category!r} "
                f"(categories read: {', '.join(sorted(used))})",
            )


def _checked_pattern(
    pattern: str, source: str, key: str, *, searched: bool = True
) -> re.Pattern[str]:
    """Compile ``pattern``, and refuse it when it could backtrack catastrophically (see
    ``cleaner.regex_safety``)."""
    try:
        compiled = compile_pattern(pattern)
    except re.error as error:
        raise RulesError(source, key, f"bad regular expression {pattern!r}: {error}") from None
    try:
        check_pattern(pattern, searched=searched)
    except UnsafePattern as error:
        raise RulesError(
            source,
            key,
            f"regular expression {pattern!r} could backtrack catastrophically: {error}",
        ) from None
    return compiled


def _vocabulary(
    settings: Settings,
    files: RuleFiles,
    user_additions: Any,
    user_source: str,
    readers: ReaderCategories,
) -> Vocabulary:
    entries: dict[str, dict[str, list[str]]] = {}
    months: dict[str, int] = {}
    weekdays: list[str] = []
    words: dict[str, dict[str, list[str]]] = {}
    for name in settings.vocabularies:
        path, shipped = files.named(name, "vocab", ".toml", "settings.vocabularies", "vocabulary")
        data = read_toml(path, cached=shipped)
        _add_vocabulary(
            entries, months, weekdays, words, data, str(path), require_source=True, trusted=shipped
        )
    if user_additions:
        _require_table(user_additions, user_source, "vocabulary")
        _add_vocabulary(
            entries,
            months,
            weekdays,
            words,
            user_additions,
            user_source,
            require_source=False,
            trusted=False,
            prefix="vocabulary.",
        )
    return Vocabulary(entries, months, weekdays, words, readers=readers)


def _add_vocabulary(
    entries: dict[str, dict[str, list[str]]],
    months: dict[str, int],
    weekdays: list[str],
    words: dict[str, dict[str, list[str]]],
    data: Mapping[str, Any],
    source: str,
    *,
    require_source: bool,
    trusted: bool,
    prefix: str = "",
) -> None:
    for category, table in data.items():
        key = f"{prefix}{category}"
        _require_table(table, source, key)
        if category == "months":
            for month, number in table.items():
                if not (isinstance(number, int) and 1 <= number <= 12) or isinstance(number, bool):
                    raise RulesError(source, f"{key}.{month}", "must be a month number 1-12")
                months[fold_case(month)] = number
            continue
        if category == "weekdays":
            _check_keys(table, frozenset({"names", "source"}), source, key)
            _check_type(table.get("names", []), list, source, f"{key}.names")
            weekdays.extend(table.get("names", []))
            continue
        if category in _WORD_TABLES:
            _check_keys(table, _WORD_TABLES[category] | {"source"}, source, key)
            if require_source and not isinstance(table.get("source"), str):
                raise RulesError(source, f"{key}.source", "missing: say where the words come from")
            for name, values in table.items():
                if name != "source":
                    _check_type(values, list, source, f"{key}.{name}")
                    if name == "unit_dates" and any(len(v.split()) != 3 for v in values):
                        raise RulesError(
                            source, f"{key}.{name}", "each must be three units: 'year month day'"
                        )
                    words.setdefault(category, {}).setdefault(name, []).extend(values)
            continue
        _check_keys(table, _CATEGORY_KEYS, source, key)
        if require_source and not isinstance(table.get("source"), str):
            raise RulesError(source, f"{key}.source", "missing: say where the phrases were checked")
        merged = entries.setdefault(
            category, {"lines": [], "patterns": [], "within": [], "day_first": [], "other": []}
        )
        for field in ("lines", "patterns", "within"):
            values = table.get(field, [])
            _check_type(values, list, source, f"{key}.{field}")
            # The patterns that ship with cleaner are checked by its tests, not at each start.
            if field != "lines" and not trusted:
                for pattern in values:
                    _checked_pattern(pattern, source, f"{key}.{field}")
            merged[field].extend(values)
        # Whether this file's phrases introduce numeric dates written day first (date labels
        # of languages that write 12/03/2024 for 12 March): kept apart, per phrase.
        day_first = table.get("day_first", False)
        _check_type(day_first, bool, source, f"{key}.day_first")
        merged["day_first" if day_first else "other"].extend(table.get("lines", []))
