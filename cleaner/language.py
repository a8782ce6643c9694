"""Language identification with langdetect's model, deterministic and bounded in cost.

langdetect's own ``Detector`` spends most of its time normalising characters one Python call
at a time, listing every n-gram of the text, and running seven random walks. This module
loads the same profiles and runs the same algorithm (n-grams of 1-3 normalised characters
drawn at random, Bayesian updates until one language passes 0.99999), with:

- the per-character normalisation precomputed into a translation table;
- n-grams drawn by rejection sampling from the text instead of listed first (a walk only
  draws a few dozen of them), from random floats computed once since the seed is fixed;
- one walk instead of seven, its factors divided by the smoothing weight (a common factor,
  which normalisation removes), so that they are exactly 1 for the languages that never saw
  the n-gram and most n-grams need only a few (language, factor) pairs;
- a fixed seed per call and a bounded sample of the text. The walk's smoothing weight, its
  first draw after seeding, is then a constant, so every n-gram's factors are computed once,
  and the five updates between two normalisations are done in one pass.

The same input therefore always gives the same answer and probability. On 600-character
windows of 197 articles in 11 languages it agreed with ``langdetect.detect`` run on the whole
article in 590 of 591 cases (bench/language_agreement.py).
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
from collections.abc import Iterator
from itertools import islice

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils.ngram import NGram

_SEED = 0
# Floats of the walk's random stream computed once: more than almost any walk draws.
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
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")


# A vector of one factor per language, or (language, factor) pairs where the others' is 1.
_Factors = list[float] | tuple[tuple[int, float], ...]


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


def _formed(gram: str) -> bool:
    """Whether langdetect forms this n-gram: 1 to 3 characters, not a lone space, and no
    space inside a 3-gram (n-grams do not cross words). Keeping only these lets a slice of
    the prepared text be looked up as it is."""
    return 1 <= len(gram) <= 3 and gram != " " and not (len(gram) == 3 and gram[1] == " ")


class _Model:
    """langdetect's profiles: n-gram -> factor per language, plus the normaliser."""

    def __init__(self) -> None:
        # Each n-gram has a probability in only about 2 of the 55 languages on average, so
        # only those (language, probability) pairs are kept, read straight from the profile
        # files as langdetect's factory reads them (probability = count / n-grams of that
        # length, files in directory order): a fraction of the factory's dense table.
        #
        # langdetect multiplies every language's probability by ``weight + p(n-gram|lang)``;
        # dividing by ``weight`` leaves a factor of ``1 + p / weight``.
        self.languages: list[str] = []
        pairs: dict[str, list[tuple[int, float]]] = {}
        for index, name in enumerate(os.listdir(PROFILES_DIRECTORY)):
            with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
                profile = json.load(handle)
            self.languages.append(profile["name"])
            totals = profile["n_words"]
            for gram, count in profile["freq"].items():
                if count and _formed(gram):
                    pairs.setdefault(gram, []).append((index, count / totals[len(gram) - 1]))
        count = len(self.languages)
        scale = 1.0 / _smoothing_weight()
        self.ones = [1.0] * count
        self.factors: dict[str, _Factors] = {}
        for gram, found in pairs.items():
            sparse = tuple((lang, 1.0 + p * scale) for lang, p in found)
            self.factors[gram] = sparse if len(found) <= _SPARSE_UP_TO else self.spread(sparse)
        rand = _seeded(0)
        self.first_floats = tuple(rand.random() for _ in range(_FIRST_FLOATS))
        self.table = _NormalisedChars()

    def prepare(self, text: str) -> tuple[str, frozenset[int]]:
        """The text as langdetect sees it, padded by spaces, and the positions to skip.

        Characters are normalised, words separated by single spaces, and n-grams that end
        inside a run of capitals are skipped (acronyms say little about the language).
        """
        text = Detector.URL_RE.sub(" ", text) if "http" in text else text
        text = Detector.MAIL_RE.sub(" ", text) if "@" in text else text
        text = NGram.normalize_vi(text).translate(self.table)
        if 2 * len(_LATIN.findall(text)) < len(_NON_LATIN.findall(text)):
            text = _LATIN.sub("", text)
        padded = " " + " ".join(text.split()) + " "
        skip: frozenset[int] = frozenset()
        if padded != padded.lower():
            upper = [ch.isupper() for ch in padded]
            skip = frozenset(j for j in range(1, len(padded)) if upper[j] and upper[j - 1])
        return padded, skip

    def listed(self, padded: str, skip: frozenset[int]) -> list[str]:
        """Every 1-, 2- and 3-gram of a prepared text that the profiles know (the n-grams
        ending at each position of the padded text, where they fit)."""
        return [
            gram
            for end in range(1, len(padded))
            if end not in skip
            for n in range(min(end, 2) + 1)
            if (gram := padded[end - n : end + 1]) in self.factors
        ]

    def spread(self, sparse: tuple[tuple[int, float], ...]) -> list[float]:
        """The full vector of factors given by (language, factor) pairs."""
        vector = self.ones.copy()
        for lang, factor in sparse:
            vector[lang] = factor
        return vector

    def detect(self, text: str) -> tuple[str, float] | None:
        padded, skip = self.prepare(text)
        # Any n-gram to draw? A known character at a position not skipped (usually the first
        # letter), which also bounds the draws and the list in ``_drawn``.
        if not any(j not in skip and ch in self.factors for j, ch in enumerate(padded)):
            return None
        prob = self._walk(self._drawn(padded, skip))
        best = max(range(len(prob)), key=prob.__getitem__)
        return self.languages[best], prob[best]

    def _floats(self) -> Iterator[float]:
        """The walk's random floats: random.Random(_SEED)'s after the smoothing weight's."""
        yield from self.first_floats
        yield from iter(_seeded(len(self.first_floats)).random, None)

    def _drawn(self, padded: str, skip: frozenset[int]) -> Iterator[list[float]]:
        """The factor vectors of n-grams drawn uniformly from those ``listed`` gives, without
        listing them: a random end position and length, redrawn until the n-gram is one the
        profiles know (a walk needs only a few dozen). A text where drawing keeps failing is
        listed once and drawn from the list, so a text with few known n-grams cannot loop."""
        factors = self.factors
        choices = 3 * (len(padded) - 1)
        rejected = 0
        for used, u in enumerate(self._floats(), 1):
            end, n = divmod(int(u * choices), 3)  # the (n + 1)-gram ending at end + 1
            end += 1
            if n <= end and end not in skip and (known := factors.get(padded[end - n : end + 1])):
                rejected = 0
                yield known if isinstance(known, list) else self.spread(known)
                continue
            rejected += 1
            if rejected == _REJECTIONS:
                rand = _seeded(used)
                listed = self.listed(padded, skip)
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
            prob = [
                p / norm * a * b * c * d * e
                for p, a, b, c, d, e in zip(prob, *islice(vectors, 5), strict=True)
            ]
            i += 5


class _NormalisedChars(dict[int, str]):
    """langdetect's per-character normalisation as a ``str.translate`` table, filled in as
    characters are first met."""

    def __missing__(self, code: int) -> str:
        normal: str = NGram.normalize(chr(code))
        self[code] = normal
        return normal


_lock = threading.Lock()
_model: _Model | None = None


def _loaded_model() -> _Model:
    global _model
    with _lock:
        if _model is None:
            _model = _Model()
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
