"""Language identification with langdetect's model, deterministic and bounded in cost.

langdetect's own ``Detector`` spends most of its time normalising characters one Python call
at a time and running seven random trials. This module loads the same profiles and runs the
same algorithm (n-grams of 1-3 normalised characters, random sampling with Bayesian updates
until one language passes 0.99999) with the per-character normalisation precomputed into a
translation table, a fixed seed per call, fewer trials, and a bounded sample of the text.
The same input therefore always gives the same answer and probability.
"""

from __future__ import annotations

import random
import threading

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.utils.ngram import NGram

_SEED = 0
_TRIALS = 2
_ALPHA = Detector.ALPHA_DEFAULT
_ALPHA_WIDTH = Detector.ALPHA_WIDTH
_BASE_FREQ = Detector.BASE_FREQ
_CONVERGED = Detector.CONV_THRESHOLD
_ITERATION_LIMIT = Detector.ITERATION_LIMIT


class _Model:
    """langdetect's profiles: n-gram -> probability per language, plus the normaliser."""

    def __init__(self) -> None:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        self.languages: list[str] = list(factory.langlist)
        self.ngram_probs: dict[str, list[float]] = factory.word_lang_prob_map
        table: dict[int, str] = {}
        for code in range(0x10000):
            if 0xD800 <= code <= 0xDFFF:
                continue
            normal = NGram.normalize(chr(code))
            if normal != chr(code):
                table[code] = normal
        self.table = table

    def ngrams(self, text: str) -> list[str]:
        """The n-grams langdetect would extract from ``text``, in order."""
        text = Detector.URL_RE.sub(" ", text)
        text = Detector.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text).translate(self.table)
        latin = sum(1 for ch in text if "A" <= ch <= "z")
        non_latin = sum(1 for ch in text if ch >= "\u0300" and not "\u1e00" <= ch <= "\u1eff")
        if latin * 2 < non_latin:
            text = "".join(ch for ch in text if ch < "A" or ch > "z")
        probs = self.ngram_probs
        found: list[str] = []
        grams = " "
        capital = False
        for ch in text:
            last = grams[-1]
            if last == " ":
                grams = " "
                capital = False
                if ch == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in (1, 2, 3):
                if len(grams) < n:
                    break
                gram = grams[-n:]
                if gram != " " and gram in probs:
                    found.append(gram)
        return found

    def detect(self, text: str) -> tuple[str, float] | None:
        grams = self.ngrams(text)
        if not grams:
            return None
        rand = random.Random(_SEED)
        count = len(self.languages)
        total = [0.0] * count
        for _ in range(_TRIALS):
            prob = [1.0 / count] * count
            weight = (_ALPHA + rand.gauss(0.0, 1.0) * _ALPHA_WIDTH) / _BASE_FREQ
            i = 0
            while True:
                vector = self.ngram_probs[rand.choice(grams)]
                prob = [p * (weight + q) for p, q in zip(prob, vector, strict=True)]
                if i % 5 == 0:
                    norm = sum(prob)
                    prob = [p / norm for p in prob]
                    if max(prob) > _CONVERGED or i >= _ITERATION_LIMIT:
                        break
                i += 1
            total = [t + p / _TRIALS for t, p in zip(total, prob, strict=True)]
        best = max(range(count), key=total.__getitem__)
        return self.languages[best], total[best]


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
