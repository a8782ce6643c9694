"""Stop-word lists: the function words whose density tells running prose from navigation.

Lists live in rules/stopwords/<lang>.txt (one word a line, ``#`` comments; a user's rules
file may name its own, see ``cleaner.rule_files``), are read once per set of languages and
merged into one table that maps a word to the languages listing it, so that the language of
a page is found with one lookup per token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from cleaner.errors import RulesError
from cleaner.rule_files import RuleFiles

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def tokens(text: str) -> list[str]:
    """The lower-cased letter words of ``text`` (digits and symbols are not words here)."""
    return _TOKEN.findall(text.casefold())


class StopWords:
    """Stop words of several languages, and the language whose list best fits a text."""

    def __init__(self, lists: dict[str, tuple[str, ...]]) -> None:
        """``lists`` maps a language to its stop words, most frequent first."""
        self.languages = tuple(lists)
        table: dict[str, int] = {}
        for bit, words in enumerate(lists.values()):
            for word in words:
                table[word] = table.get(word, 0) | (1 << bit)
        self._table = table
        self._words = lists
        # Each language's words as a set, and the rank of each in its list's frequency order
        # (0 = most frequent): made when the language is first asked, as a batch of news
        # asks few of the lists.
        self._sets: dict[str, frozenset[str]] = {}
        self._ranks: dict[str, dict[str, int]] = {}

    def best_language(self, words: Iterable[str]) -> tuple[str | None, float]:
        """The language whose list covers most of ``words``, and the share it covers."""
        counts = [0] * len(self.languages)
        total = 0
        table = self._table
        for word in words:
            total += 1
            mask = table.get(word, 0)
            bit = 0
            while mask:
                if mask & 1:
                    counts[bit] += 1
                mask >>= 1
                bit += 1
        if not total or not any(counts):
            return None, 0.0
        best = max(range(len(counts)), key=counts.__getitem__)
        return self.languages[best], counts[best] / total

    def density(self, words: Sequence[str], language: str) -> float:
        """The share of ``words`` that are stop words of ``language``."""
        if not words:
            return 0.0
        stop = self._set(language)
        return sum(1 for word in words if word in stop) / len(words)

    def is_stop_word(self, word: str, language: str) -> bool:
        return word in self._set(language)

    def is_function_word(self, word: str, language: str, max_rank: int) -> bool:
        """One of the ``max_rank`` most frequent words of ``language``. The head of a
        frequency list is its articles, prepositions, conjunctions and auxiliaries; further
        down the lists (jusText's) hold frequent nouns too ("world", "business")."""
        ranks = self._ranks.get(language)
        if ranks is None:
            ranks = self._ranks[language] = _ranks(self._words[language])
        rank = ranks.get(word)
        return rank is not None and rank < max_rank

    def _set(self, language: str) -> frozenset[str]:
        found = self._sets.get(language)
        if found is None:
            found = self._sets[language] = frozenset(self._words[language])
        return found


def _ranks(words: tuple[str, ...]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for rank, word in enumerate(words):
        ranks.setdefault(word, rank)
    return ranks


def stopword_list(name: str, files: RuleFiles, key: str) -> tuple[str, Path]:
    """The language and file of the stop-word list a rules file names at ``key``: a
    shipped language ("en") or a path relative to the user's rules file whose name is the
    language's code ("stopwords/xx.txt"); a RulesError when there is none."""
    path, shipped = files.named(name, "stopwords", ".txt", key, "stop-word list")
    if not shipped and not _LANGUAGE_CODE.fullmatch(path.stem):
        raise RulesError(
            str(files.user_file), key, f"{name!r}: a stop-word list is named by its language code"
        )
    return path.stem, path


@functools.lru_cache(maxsize=8)
def load_stopwords(lists: tuple[tuple[str, Path], ...]) -> StopWords:
    """The lists of (language, file) ``lists``, read once per process."""
    words: dict[str, tuple[str, ...]] = {}
    for code, path in lists:
        try:
            text = path.read_text("utf-8")
        except OSError as error:
            raise RulesError(
                str(path), "stopwords", f"stop-word list {code!r} cannot be read ({error.strerror})"
            ) from None
        words[code] = tuple(
            line.strip()
            for line in text.casefold().splitlines()
            if line.strip() and not line.startswith("#")
        )
    return StopWords(words)
