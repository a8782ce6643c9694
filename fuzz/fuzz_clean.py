"""atheris fuzz target: ``Cleaner.clean`` on arbitrary bytes (and, behind a 0x01 byte, str).

Usage: python fuzz/fuzz_clean.py [libFuzzer flags] [CORPUS_DIR ...]

Each input must give a document that passes ``tests.invariants.clean_or_error`` (every line
accounted for, UTF-8 JSON out) or the library's ``CleanerError``; anything else, or more
than ``-timeout`` seconds on one input, is a crash. An empty corpus directory is seeded with
the nasty corpus at a small size. Keep every crash as a regression fixture: copy the
artifact into fixtures/crashes/ (``tests/test_crashes.py`` replays them all); ``tox -e fuzz``
writes artifacts there directly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner

from tests.invariants import clean_or_error, document_of  # noqa: E402
from tests.nasty import html_bombs, nasty_cases  # noqa: E402

CLEANER = Cleaner.default()


def test_one_input(data: bytes) -> None:
    clean_or_error(CLEANER, document_of(data))


def seed(corpus: Path) -> None:
    """Fill an empty corpus directory with small nasty cases and the kept crashes."""
    if any(corpus.iterdir()):
        return
    cases = {**nasty_cases(0.0001), **html_bombs(0.00001)}
    for name, data in cases.items():
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        (corpus / name).write_bytes(raw[:20_000])
    for crash in (ROOT / "fixtures" / "crashes").glob("crash-*"):
        (corpus / crash.name).write_bytes(crash.read_bytes())


def main() -> None:
    for arg in sys.argv[1:]:
        if not arg.startswith("-"):
            Path(arg).mkdir(parents=True, exist_ok=True)
            seed(Path(arg))
            break
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
