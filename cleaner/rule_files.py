"""The one loader of rule data: where the files under rules/ are, how a TOML file is read,
and how a user's rules file overrides the shipped data.

Below everything that reads rule data (the HTML input, the filters, the rules loader in
``cleaner.rules``), it imports none of them. A user's rules file (``--rules``) overrides
the shipped data in two ways:

- tables: ``[html.markup]``, ``[html.extraction]`` and ``[page_types]`` are merged over
  ``rules/html.toml`` and ``rules/page_types.toml`` key by key, as ``[filters.<name>]`` over
  ``rules/default.toml``; a key must be one the shipped file has, with a value of the same
  type, except in tables of lists (``words``, ``schema``, ``url``, ...), which take new keys;
- files: a vocabulary (``settings.vocabularies``) or a stop-word list
  (``[filters.page].stopwords``) is named as shipped ("en") or by a path relative to the
  user's rules file ("my_terms.toml", "stopwords/xx.txt"), in its folder or below.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner import cache
from cleaner.errors import RulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_SHIPPED_NAME = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{2,4})?|common")


@functools.cache
def rules_dir() -> Path:
    """The shipped rules: inside the installed package, or rules/ of a source checkout."""
    packaged = Path(str(resources.files("cleaner"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def read_toml(path: Path, *, cached: bool = False) -> dict[str, Any]:
    """The file's tables. ``cached`` (for the shipped files: parsing those 28 took 40 ms)
    keeps the parse in the user's cache (``cleaner.cache``), named after the bytes parsed
    and the Python version; a user's rules file, small and edited, is parsed each time."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RulesError(str(path), "", "no such file") from None
    except OSError as error:
        raise RulesError(str(path), "", f"cannot be read ({error.strerror})") from None
    if not cached:
        return _parse_toml(data, path)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    name = f"toml-{sys.hexversion:x}-{digest}.marshal"
    parsed = cache.load(name)
    if isinstance(parsed, dict):
        return parsed
    parsed = _parse_toml(data, path)
    cache.store(name, parsed)  # nothing when it holds TOML dates, which marshal cannot write
    return parsed


def _parse_toml(data: bytes, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(str(path), "", f"not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise RulesError(str(path), "", "not UTF-8 text") from None
    except RecursionError:
        raise RulesError(
            str(path), "", "not valid TOML: arrays or tables nested too deeply"
        ) from None


@dataclass(frozen=True, slots=True)
class RuleFiles:
    """Where named rule files are: shipped under rules/, or next to a user's rules file
    (``user_file``), whose folder bounds the paths it may name."""

    user_file: Path | None = None

    def named(self, name: str, folder: str, suffix: str, key: str, what: str) -> tuple[Path, bool]:
        """The file (a ``what``) that a rules file names at ``key``, and whether it is
        shipped: a shipped name ("en") is ``rules/<folder>/<name><suffix>``; a name ending in
        ``suffix`` is a path relative to the user's rules file, in its folder or below."""
        source = str(self.user_file or rules_dir() / "default.toml")
        if name.endswith(suffix):
            if self.user_file is None:
                raise RulesError(
                    source, key, f"{name!r}: a path needs a user rules file to be relative to"
                )
            path = self.user_file.parent / name
            if not path.resolve().is_relative_to(self.user_file.parent.resolve()):
                raise RulesError(
                    source, key, f"{name!r}: a {what} must be in the rules file's folder or below"
                )
            return path, False
        if not _SHIPPED_NAME.fullmatch(name):
            raise RulesError(source, key, f"{name!r} is not a {what} name")
        path = rules_dir() / folder / f"{name}{suffix}"
        if not path.is_file():
            raise RulesError(source, key, f"no shipped {what} {name!r}")
        return path, True


@dataclass(frozen=True, slots=True, eq=False)
class PageData:
    """The rule data of HTML input: the tables of ``rules/html.toml`` (``markup``,
    ``extraction``) and of ``rules/page_types.toml``, with a user's merged over them.
    Compared and hashed by identity: the HTML input compiles each one once."""

    html: Mapping[str, Any]
    page_types: Mapping[str, Any]
    html_source: str
    page_types_source: str


def page_data(user: Mapping[str, Any] | None = None, source: str = "") -> PageData:
    """The shipped HTML rule data, with the ``html`` and ``page_types`` tables of a user's
    rules file (``source``) merged over it and checked."""
    if not user or ("html" not in user and "page_types" not in user):
        return shipped_page_data()
    html_path, types_path = rules_dir() / "html.toml", rules_dir() / "page_types.toml"
    html = read_toml(html_path, cached=True)
    page_types = read_toml(types_path, cached=True)
    if "html" in user:
        html = merge_checked(html, user["html"], source, "html")
    if "page_types" in user:
        page_types = merge_checked(page_types, user["page_types"], source, "page_types")
    return PageData(
        html,
        page_types,
        source if "html" in user else str(html_path),
        source if "page_types" in user else str(types_path),
    )


@functools.lru_cache(maxsize=1)
def shipped_page_data() -> PageData:
    html_path, types_path = rules_dir() / "html.toml", rules_dir() / "page_types.toml"
    return PageData(
        read_toml(html_path, cached=True),
        read_toml(types_path, cached=True),
        str(html_path),
        str(types_path),
    )


def merge_checked(shipped: Mapping[str, Any], user: Any, source: str, where: str) -> dict[str, Any]:
    """``user`` merged over ``shipped``, tables key by key; every key must be one ``shipped``
    has, with a value of its type, except in a table of lists, which takes new lists."""
    if not isinstance(user, dict):
        raise RulesError(source, where, "must be a table")
    out = dict(shipped)
    open_table = bool(shipped) and all(isinstance(v, list) for v in shipped.values())
    for key, value in user.items():
        name = f"{where}.{key}"
        if key not in shipped:
            if not open_table:
                known = ", ".join(sorted(shipped))
                raise RulesError(source, name, f"unknown key (expected one of: {known})")
            expected: Any = []
        else:
            expected = shipped[key]
        if isinstance(expected, dict):
            out[key] = merge_checked(expected, value, source, name)
        elif not _same_type(value, expected):
            raise RulesError(source, name, f"must be {_type_name(expected)}, not {value!r}")
        else:
            out[key] = value
    return out


def _same_type(value: Any, expected: Any) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(expected, bool)
    if isinstance(expected, float):
        return isinstance(value, (int, float))
    if isinstance(expected, list):
        if any(isinstance(item, float) for item in expected):
            numbers = (int, float)
            return isinstance(value, list) and all(
                isinstance(item, numbers) and not isinstance(item, bool) for item in value
            )
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(expected))


def _type_name(expected: Any) -> str:
    if isinstance(expected, bool):
        return "true or false"
    if isinstance(expected, list):
        return (
            "a list of numbers"
            if any(isinstance(i, float) for i in expected)
            else ("a list of strings")
        )
    return {int: "an integer", float: "a number", str: "a string"}.get(
        type(expected), type(expected).__name__
    )
