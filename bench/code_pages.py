"""Held-out check of decoding: files in known encodings, read back by each decoder.

Usage: python bench/code_pages.py --data DIR [--failures] [--json OUT]

DIR holds one folder per encoding, named by the encoding with an optional language after
it (``windows-1250-hungarian``, ``SHIFT_JIS``, ``iso-8859-9-turkish``), as chardet's source
distribution lays out its test files (``pip download --no-deps --no-binary :all:
chardet==5.2.0``, folder ``tests``). Each file's truth is its bytes decoded with its
folder's encoding; a file that encoding cannot decode, or a folder Python has no codec for,
is skipped and counted. Systems: the cleaner's text decoder (bytes of unknown encoding),
its page decoder (a declared charset first), and charset-normalizer alone. A file counts as
right when the decoded text equals the truth (a leading BOM aside); wrong characters are
the larger side of the difference of the two texts' characters as multisets.
"""

from __future__ import annotations

import argparse
import codecs
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from cleaner.decoding import decode
from cleaner.html.charset import decode_page

Decoder = Callable[[bytes], tuple[str, str]]


def _normalizer(data: bytes) -> tuple[str, str]:
    best = from_bytes(data).best()
    return ("", "none") if best is None else (str(best), best.encoding)


SYSTEMS: dict[str, Decoder] = {
    "cleaner-text": decode,
    "cleaner-page": decode_page,
    "charset-normalizer": _normalizer,
}


def folder_codec(name: str) -> str | None:
    """The codec a folder's name gives, with a trailing language dropped; None if unknown."""
    parts = name.split("-")
    for end in (len(parts), len(parts) - 1):
        try:
            return codecs.lookup("-".join(parts[:end])).name
        except LookupError:
            continue
    return None


@dataclass
class Score:
    """How one decoder did: files right, characters wrong, and the files it got wrong."""

    right: int = 0
    wrong: int = 0
    wrong_chars: int = 0
    failures: list[str] = field(default_factory=list)


def wrong_characters(truth: str, got: str) -> int:
    """Characters by which the two texts differ, counted as multisets: one for a character
    read as another, one for each character missing or added (linear, unlike a diff)."""
    expected, read = Counter(truth), Counter(got)
    return max(sum((expected - read).values()), sum((read - expected).values()))


def samples(data: Path, skipped: Counter[str]) -> Iterator[tuple[str, bytes, str]]:
    """(folder/file, bytes, truth) for every file that its folder's encoding decodes."""
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        codec = folder_codec(folder.name)
        if codec is None:
            skipped["folder without a codec"] += 1
            continue
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            raw = path.read_bytes()
            try:
                truth = raw.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError:
                skipped["file its folder's encoding cannot decode"] += 1
                continue
            yield f"{folder.name}/{path.name}", raw, truth


def evaluate(data: Path) -> tuple[dict[str, Score], int, Counter[str]]:
    """Every system's score over the files of ``data``, the number of files, what was skipped."""
    scores = {name: Score() for name in SYSTEMS}
    skipped: Counter[str] = Counter()
    files = 0
    for name, raw, truth in samples(data, skipped):
        files += 1
        for system, decoder in SYSTEMS.items():
            text, used = decoder(raw)
            score = scores[system]
            if text.removeprefix("\ufeff") == truth:
                score.right += 1
                continue
            score.wrong += 1
            wrong = wrong_characters(truth, text.removeprefix("\ufeff"))
            score.wrong_chars += wrong
            score.failures.append(f"{name}: read as {used}, {wrong} characters wrong")
    return scores, files, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="one folder per encoding")
    parser.add_argument("--failures", action="store_true", help="list every file read wrong")
    parser.add_argument("--json", type=Path, help="write the scores here as JSON")
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"{args.data}: not a folder")
    scores, files, skipped = evaluate(args.data)
    if files == 0:
        parser.error(f"{args.data}: no file in a folder named by an encoding")
    print(f"{files} files; skipped: {dict(skipped) or 'none'}")
    print(f"{'system':<20} {'right':>6} {'wrong':>6} {'chars wrong':>12}")
    for system, score in scores.items():
        print(f"{system:<20} {score.right:>6} {score.wrong:>6} {score.wrong_chars:>12}")
    if args.failures:
        for system, score in scores.items():
            print(f"\n{system}:")
            for failure in score.failures:
                print(f"  {failure}")
    if args.json:
        report = {
            system: {"right": s.right, "wrong": s.wrong, "wrong_chars": s.wrong_chars}
            for system, s in scores.items()
        }
        args.json.write_text(json.dumps({"files": files, "systems": report}, indent=2) + "\n")


if __name__ == "__main__":
    main()
