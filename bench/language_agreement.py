"""Language detection: agreement of cleaner's bounded detector with langdetect, and cost.

Usage: python bench/language_agreement.py --data PATH [--windows 3] [--chars 600]

Texts: the expected bodies of fixtures/articles and the gold bodies (over 800 characters) of
the article-extraction benchmark at PATH. For each text, random windows of ``--chars``
characters are classified by ``cleaner.language.detect_language`` and compared with
``langdetect.detect`` (seeded) on the whole text; CPU time per call is reported for both.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from common import REPO_ROOT
from langdetect import DetectorFactory, detect

from cleaner.language import detect_language


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="article-extraction folder")
    parser.add_argument("--windows", type=int, default=3, help="windows per text")
    parser.add_argument("--chars", type=int, default=600, help="characters per window")
    args = parser.parse_args()
    DetectorFactory.seed = 0
    texts = [
        p.read_text("utf-8") for p in sorted(REPO_ROOT.glob("fixtures/articles/*/expected.txt"))
    ]
    gold = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    texts += [v["articleBody"] for v in gold.values() if len(v["articleBody"]) > 800]
    reference = [detect(text) for text in texts]
    rand = random.Random(1)
    windows: list[tuple[str, str]] = []
    for text, lang in zip(texts, reference, strict=True):
        for _ in range(args.windows):
            start = rand.randrange(0, max(1, len(text) - args.chars))
            windows.append((text[start : start + args.chars], lang))
    detect_language("warm-up text", args.chars)
    started = time.process_time()
    ours = [detect_language(window, args.chars)[0] for window, _ in windows]
    ours_ms = (time.process_time() - started) / len(windows) * 1000
    started = time.process_time()
    for window, _ in windows:
        detect(window)
    theirs_ms = (time.process_time() - started) / len(windows) * 1000
    agree = sum(a == lang for a, (_, lang) in zip(ours, windows, strict=True))
    print(f"texts: {len(texts)}, languages: {dict(Counter(reference))}")
    print(f"windows of {args.chars} chars: {len(windows)}; agreement with langdetect: {agree}")
    print(f"CPU ms per call: cleaner {ours_ms:.3f}, langdetect.detect {theirs_ms:.3f}")


if __name__ == "__main__":
    main()
