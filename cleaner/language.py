"""Language identification with langdetect's model, deterministic and bounded in cost.

langdetect's own ``Detector`` spends most of its time normalising characters one Python call
at a time, listing every n-gram of the text, and running seven random walks. This module
loads the same profiles and runs the same algorithm (n-grams of 1-3 normalised characters
drawn at random, Bayesian updates until one language passes 0.99999), with:

- the per-character normalisation precomputed for the Basic Multilingual Plane (it changes
  nothing beyond) into a translation table, and for text beyond ASCII a substitution of the
  characters that become spaces, the table only used if anything else changes;
- n-grams drawn by rejection sampling from the text instead of listed first (a walk only
  draws a few dozen of them), from random floats computed once since the seed is fixed;
- one walk instead of seven, its factors divided by the smoothing weight (a common factor,
  which normalisation removes), so that they are exactly 1 for the languages that never saw
  the n-gram and most n-grams need only a few (language, factor) pairs;
- a fixed seed per call and a bounded sample of the text. The walk's smoothing weight, its
  first draw after seeding, is then a constant, so every n-gram's factors are computed once,
  and the five updates between two normalisations are done in one pass.

The same input therefore always gives the same answer and probability. On 600-character
windows of 209 articles in 14 languages it agreed with ``langdetect.detect`` run on the whole
article in 625 of 627 cases (bench/language_agreement.py).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import random
import re
import sys
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import accumulate, chain, islice
from pathlib import Path
from typing import Any

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils.ngram import NGram

from cleaner import cache
from cleaner.programs import compile_regex

_SEED = 0
# Floats of the walk's random stream computed once: more than a walk on text draws.
_FIRST_FLOATS = 1024
# Failed draws in a row after which a text's n-grams are listed and drawn from the list.
_REJECTIONS = 64
_ALPHA: float = Detector.ALPHA_DEFAULT
_ALPHA_WIDTH: float = Detector.ALPHA_WIDTH
_BASE_FREQ: float = Detector.BASE_FREQ
_CONVERGED = Detector.CONV_THRESHOLD
_ITERATION_LIMIT = Detector.ITERATION_LIMIT
# An n-gram known in more languages than this (common letters and pairs, the ones drawn
# most) keeps a full vector of factors; the rest keep (language, factor) pairs.
_SPARSE_UP_TO = 8
# langdetect drops Latin letters from a text with more than twice as many non-Latin ones.
_LATIN = re.compile("[A-z]+")
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]+")
# The marks ``NGram.normalize_vi`` combines with the letter before them.
_VI_MARKS = list(map(ord, NGram.DMARK_CLASS))


# A vector of one factor per language, or (language, factor) pairs where the others' is 1.
_Factors = list[float] | tuple[tuple[int, float], ...]
_HEADER_KEYS = {"languages", "codes", "starts", "table", "ascii_table", "to_space", "to_fold"}


def _smoothing_weight() -> float:
    """langdetect's ``alpha / BASE_FREQ`` for the walk: the first draw after seeding."""
    return (_ALPHA + random.Random(_SEED).gauss(0.0, 1.0) * _ALPHA_WIDTH) / _BASE_FREQ


def _seeded(floats: int) -> random.Random:
    """The walk's random source after the smoothing weight's draw and ``floats`` floats.

    Every walk starts from the same seed, so its first floats are computed once: seeding a
    Random costs more than a typical walk's draws. This one is only for the rare walk that
    draws more, or falls back to drawing from a list.
    """
    rand = random.Random(_SEED)
    rand.gauss(0.0, 1.0)
    for _ in range(floats):
        rand.random()
    return rand


def _floats_after(floats: int) -> Iterator[float]:
    """The walk's random floats after its first ``floats``, seeded once they are reached."""
    yield from iter(_seeded(floats).random, None)


def _formed(gram: str) -> bool:
    """Whether langdetect forms this n-gram: 1 to 3 characters, not a lone space, and no
    space inside a 3-gram (n-grams do not cross words). Keeping only these lets a slice of
    the prepared text be looked up as it is."""
    return 1 <= len(gram) <= 3 and gram != " " and not (len(gram) == 3 and gram[1] == " ")


class _Model:
    """langdetect's profiles: n-gram -> factor per language, plus the normaliser.

    The factors are grouped by the first two characters of their n-gram (a 1-gram alone) and
    unpacked group by group as texts need them: the groups of a text's characters, then those
    of the n-grams its walk draws (see ``_model_data``), read from a mapped file only when
    touched. A whole model takes 70 ms to unpack (0.09 s to read whole from a file); a short
    text's groups take about a millisecond, and a stream of 4,000 news articles unpacks an
    eighth of the model, and detects as fast as with a model read whole.
    """

    def __init__(self, header: dict[str, Any], groups: bytes | memoryview) -> None:
        self.languages: list[str] = header["languages"]
        self.ones = [1.0] * len(self.languages)
        self.factors: dict[str, _Factors] = {}
        # The groups: their keys' codes in order, where each starts in ``_groups`` and ends.
        self._codes = array("Q", header["codes"])
        self._starts = array("I", header["starts"])
        self._groups = groups
        self._unpacked: set[str] = set()
        rand = _seeded(0)
        self.first_floats = tuple(rand.random() for _ in range(_FIRST_FLOATS))
        self._changed: tuple[str, str] = header["table"]
        # ASCII text only has characters that become spaces: a table of those is enough.
        self.ascii_table = str.maketrans(*header["ascii_table"])
        # A run of characters that become spaces becomes one: the words are the same.
        self.to_space = compile_regex(header["to_space"])
        # The rest of the normalisation: characters folded, and Vietnamese marks.
        self.to_fold = compile_regex(header["to_fold"])

    @cached_property
    def table(self) -> dict[int, int]:
        """``NGram.normalize`` as a ``str.translate`` table of the characters it changes
        (18,000 of them: made when a text first has one to fold)."""
        return str.maketrans(*self._changed)

    def _unpack_group(self, key: str) -> None:
        """Make the factors of the n-grams starting with ``key`` available in ``factors``."""
        self._unpacked.add(key)
        code = _group_code(key)
        index = bisect_left(self._codes, code)
        if index < len(self._codes) and self._codes[index] == code:
            start, end = self._starts[index], self._starts[index + 1]
            self.factors.update(marshal.loads(self._groups[start:end]))

    def _factors_of(self, gram: str) -> _Factors | None:
        """The n-gram's factors, its group unpacked first if it was not."""
        if gram[:2] not in self._unpacked:
            self._unpack_group(gram[:2])
        return self.factors.get(gram)

    def _unpack_text(self, padded: str) -> None:
        """Make the factors of every n-gram of ``padded`` available in ``factors``."""
        for key in {*padded, *(padded[i : i + 2] for i in range(len(padded) - 1))}:
            if key not in self._unpacked:
                self._unpack_group(key)

    def _unpack_characters(self, padded: str) -> None:
        """Make the factors of the 1-grams of ``padded`` available in ``factors``."""
        for char in set(padded).difference(self._unpacked):
            self._unpack_group(char)

    def prepare(self, text: str) -> str:
        """The text as langdetect sees it: URLs and e-mail addresses dropped, characters
        normalised, Latin letters dropped where non-Latin ones are more than twice as many,
        and words separated by single spaces, padded by spaces; its characters' factors are
        then in ``factors``."""
        text = Detector.URL_RE.sub(" ", text) if "http" in text else text
        text = Detector.MAIL_RE.sub(" ", text) if "@" in text else text
        text = self.normalised(text)
        if _beyond_latin1(text) and (non_latin := _length(_NON_LATIN, text)):
            text = _LATIN.sub("", text) if 2 * _length(_LATIN, text) < non_latin else text
        padded = " " + " ".join(text.split()) + " "
        self._unpack_characters(padded)
        return padded

    def normalised(self, text: str) -> str:
        """``NGram.normalize_vi``, then ``NGram.normalize`` of each character, but for runs of
        characters that become spaces, which may become one space (the words are the same).

        ASCII text only has characters that become spaces, for ``str.translate``'s fast
        path. Other text has those substituted first, and most of it has nothing left to
        normalise (translating it would cost a table look-up per character): nothing does
        within Latin-1, which most Western text is once its punctuation is spaced.
        """
        if text.isascii():
            return text.translate(self.ascii_table)
        text = self.to_space.sub(" ", text)
        if _beyond_latin1(text) and self.to_fold.search(text):
            text = NGram.normalize_vi(text).translate(self.table)
        return text

    def listed(self, padded: str) -> list[str]:
        """Every 1-, 2- and 3-gram of a prepared text that the profiles know (the n-grams
        ending at each position of the padded text, where they fit)."""
        self._unpack_text(padded)
        return [
            gram
            for end in range(1, len(padded))
            if not _in_capitals(padded, end)
            for n in range(min(end, 2) + 1)
            if (gram := padded[end - n : end + 1]) in self.factors
        ]

    def spread(self, sparse: Iterable[tuple[int, float]]) -> list[float]:
        """The full vector of factors given by (language, factor) pairs."""
        vector = self.ones.copy()
        for lang, factor in sparse:
            vector[lang] = factor
        return vector

    def detect(self, text: str) -> tuple[str, float] | None:
        padded = self.prepare(text)
        # Any n-gram to draw? A known character at a position not skipped (usually the first
        # letter), which also bounds the draws and the list in ``_drawn``.
        factors = self.factors
        if not any(ch in factors and not _in_capitals(padded, j) for j, ch in enumerate(padded)):
            return None
        prob = self._walk(self._drawn(padded))
        best = prob.index(max(prob))
        return self.languages[best], prob[best]

    def _floats(self) -> Iterator[float]:
        """The walk's random floats: random.Random(_SEED)'s after the smoothing weight's."""
        return chain(self.first_floats, _floats_after(len(self.first_floats)))

    def _drawn(self, padded: str) -> Iterator[list[float]]:
        """The factor vectors of n-grams drawn uniformly from those ``listed`` gives, without
        listing them: a random end position and length, redrawn until the n-gram is one the
        profiles know (a walk needs only a few dozen). A text where drawing keeps failing is
        listed once and drawn from the list, so a text with few known n-grams cannot loop."""
        factors = self.factors
        choices = 3 * (len(padded) - 1)
        rejected = 0
        for used, u in enumerate(self._floats(), 1):
            drawn = int(u * choices)
            end, n = drawn // 3 + 1, drawn % 3  # the (n + 1)-gram ending at end
            if (
                n <= end
                and not _in_capitals(padded, end)
                and (known := self._factors_of(padded[end - n : end + 1]))
            ):
                rejected = 0
                yield known if isinstance(known, list) else self.spread(known)
                continue
            rejected += 1
            if rejected == _REJECTIONS:
                rand = _seeded(used)
                listed = self.listed(padded)
                while True:
                    known = factors[rand.choice(listed)]
                    yield known if isinstance(known, list) else self.spread(known)

    def _walk(self, vectors: Iterator[list[float]]) -> list[float]:
        """langdetect's random walk over the n-grams: the normalised probabilities at the end.

        langdetect normalises after the first update and every fifth after it. In between,
        each language's probability is multiplied by the five factors in turn in one pass
        over the languages, the same products as five passes. Dividing by the norm is left
        to that pass too; the convergence test is the same on the largest probability before
        division (dividing keeps the order).
        """
        start = 1.0 / len(self.languages)
        prob = [start * a for a in next(vectors)]
        i = 0
        while True:
            norm = sum(prob)
            if max(prob) / norm > _CONVERGED or i >= _ITERATION_LIMIT:
                return [p / norm for p in prob]
            # Not strict: every vector has one factor per language; checking costs 5% here.
            prob = [
                p / norm * a * b * c * d * e
                for p, a, b, c, d, e in zip(prob, *islice(vectors, 5), strict=False)
            ]
            i += 5


def _char_class(codes: Iterable[int]) -> str:
    """A regular-expression class of these code points, in ascending order, as ranges."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


def _beyond_latin1(text: str) -> bool:
    """Whether the text has a character beyond Latin-1 (none has anything to fold, nor is
    a non-Latin letter); encoding is a fast scan."""
    return not text.isascii() and len(text.encode("latin-1", "ignore")) < len(text)


def _in_capitals(padded: str, end: int) -> bool:
    """Whether the n-grams ending at ``end`` are skipped: it and the character before it are
    capitals (acronyms say little about the language)."""
    return padded[end].isupper() and padded[end - 1].isupper()


def _length(pattern: re.Pattern[str], text: str) -> int:
    """The number of characters in the pattern's matches."""
    return sum(map(len, pattern.findall(text)))


def _model_data() -> tuple[dict[str, Any], bytes]:
    """The model as ``_Model`` takes it, its header and its packed groups, read from
    langdetect's profiles.

    Each n-gram has a probability in only about 2 of the 55 languages on average, so most
    keep only those, as (language, factor) pairs, read straight from the profile files as
    langdetect's factory reads them (probability = count / n-grams of that length, files in
    directory order): a fraction of the factory's dense table. The factors of the n-grams
    that start with the same two characters (and of a 1-gram) are packed together
    (``marshal``).

    langdetect multiplies every language's probability by ``weight + p(n-gram|lang)``;
    dividing by ``weight`` leaves a factor of ``1 + p / weight``.
    """
    languages: list[str] = []
    scale = 1.0 / _smoothing_weight()
    pairs: dict[str, list[tuple[int, float]]] = {}
    for index, name in enumerate(os.listdir(PROFILES_DIRECTORY)):
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
            profile = json.load(handle)
        languages.append(profile["name"])
        totals = profile["n_words"]
        for gram, count in profile["freq"].items():
            if count and 1 <= len(gram) <= 3:
                p = count / totals[len(gram) - 1]
                pairs.setdefault(gram, []).append((index, 1.0 + p * scale))
    groups: dict[str, dict[str, _Factors]] = {}
    for gram, found in pairs.items():
        if not _formed(gram):
            continue
        if len(found) <= _SPARSE_UP_TO:
            factors: _Factors = tuple(found)
        else:
            # A full vector: unpacked, its floats lie together in memory, not each among its
            # language's profile (a walk reads whole vectors, and scattered factors cost a
            # cache miss each).
            factors = [1.0] * len(languages)
            for lang, factor in found:
                factors[lang] = factor
        groups.setdefault(gram[:2], {})[gram] = factors
    keys = sorted(groups, key=_group_code)
    blobs = [marshal.dumps(groups[key]) for key in keys]
    starts = array("I", accumulate((len(blob) for blob in blobs), initial=0))
    # Each character NGram.normalize changes, and the one it becomes.
    table = {chr(code): NGram.normalize(chr(code)) for code in range(0x10000)}
    changed = {ch: normal for ch, normal in table.items() if normal != ch}
    in_ascii = {ch: normal for ch, normal in changed.items() if ch.isascii()}
    spaced = (ord(ch) for ch, normal in changed.items() if normal == " ")
    folded = {*(ord(ch) for ch, normal in changed.items() if normal != " "), *_VI_MARKS}
    header = {
        "languages": languages,
        "codes": array("Q", map(_group_code, keys)).tobytes(),
        "starts": starts.tobytes(),
        "table": ("".join(changed), "".join(changed.values())),
        "ascii_table": ("".join(in_ascii), "".join(in_ascii.values())),
        "to_space": _char_class(spaced) + "+",
        "to_fold": _char_class(sorted(folded)),
    }
    return header, b"".join(blobs)


def _group_code(key: str) -> int:
    """A group's key (one or two characters) as a number, for a binary search in an array
    read from the file at once (a list of 30,000 keys took longer to read than the rest)."""
    return ord(key[0]) << 21 | (ord(key[1]) + 1 if len(key) > 1 else 0)


def _framed(header: dict[str, Any], groups: bytes) -> bytes:
    """The model's file: the header's length (8 bytes), the header, then the groups."""
    packed = marshal.dumps(header)
    return len(packed).to_bytes(8, "little") + packed + groups


def _mapped_model(name: str) -> tuple[dict[str, Any], memoryview] | None:
    """The header and the groups of the model's file in the cache, mapped; None when there
    is no whole file."""
    mapped = cache.mapped(name)
    if mapped is None:
        return None
    try:
        size = int.from_bytes(mapped[:8], "little")
        header = marshal.loads(mapped[8 : 8 + size])
        groups = memoryview(mapped)[8 + size :]
        if header.keys() == _HEADER_KEYS and len(groups) == array("I", header["starts"])[-1]:
            return header, groups
    except (AttributeError, EOFError, IndexError, TypeError, ValueError):
        pass
    return None


def _model_cache_name() -> str:
    """The cache file of the model: named after the code that builds it (this module and
    langdetect's normaliser), the Python version and the profile files (names in directory
    order, sizes and times)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(sys.modules[NGram.__module__].__file__ or "").read_bytes())
    digest.update(str(sys.hexversion).encode())
    for entry in os.scandir(PROFILES_DIRECTORY):
        stat = entry.stat()
        digest.update(f"{entry.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return f"langdetect-{digest.hexdigest()}.model"


_lock = threading.Lock()
_model: _Model | None = None


def _loaded_model() -> _Model:
    """The model, from the user's cache (``cleaner.cache``) or built and put there."""
    global _model
    with _lock:
        if _model is None:
            name = _model_cache_name()
            mapped = _mapped_model(name)
            if mapped is None:
                header, groups = _model_data()
                cache.store_bytes(name, _framed(header, groups))
                _model = _Model(header, groups)
            else:
                _model = _Model(*mapped)
        return _model


def detect_language(text: str, sample_chars: int) -> tuple[str | None, float | None]:
    """The language code and its probability, or (None, None) when the text has no letters."""
    sample = text[:sample_chars] if sample_chars else text
    if not any(ch.isalpha() for ch in sample):
        return None, None
    found = _loaded_model().detect(sample)
    if found is None:
        return None, None
    return found[0], round(found[1], 4)
