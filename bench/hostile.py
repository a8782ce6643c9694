"""Hostile input: seconds per MB and peak memory of every nasty case, and of every built-in
pattern on adversarial lines.

Usage: python bench/hostile.py [--scale 1.0] [--cases NAME,...] [--skip-patterns]
                               [--json OUT] [--check]

Part 1 cleans each case of ``tests/nasty.py`` (full size at ``--scale 1``: a 50 MB line, a
million lines, 100 000 repeats, ...), the HTML bombs as text, and a document of every
adversarial pattern line, each in a fresh process, so that its peak resident memory is its
own. Every result must pass ``tests.invariants.clean_or_error`` or be the library's
``CleanerError``; anything else counts as a crash.

Part 2 searches every built-in pattern (rules/vocab, the vocabulary unions the filters
search, and the regexes in cleaner/) on adversarial lines of ``max_line_chars`` characters and
of a quarter of that: each character class of the pattern repeated, and its literal words
repeated with and without separators. The growth exponent from the short to the long line is
1 for linear time and 2 for quadratic (timings are noisy on a shared machine: +-0.3).

``--check`` exits 1 when a case crashed, a case took more than 5 s/MB, or a pattern took
more than 5 s/MB with a growth exponent above 1.5.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))

MB = 1_000_000
MAX_SECONDS_PER_MB = 5.0
MAX_EXPONENT = 1.5


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


ADVERSARIAL = "adversarial pattern lines"


def case_names() -> list[str]:
    from tests.nasty import HTML_BOMBS, NASTY

    return [*NASTY, *(f"html {name}" for name in HTML_BOMBS), ADVERSARIAL]


def build_case(name: str, scale: float) -> str | bytes:
    """The case ``name`` at ``scale``; built alone, so that it is all a process holds."""
    from tests.nasty import HTML_BOMBS, NASTY

    if name == ADVERSARIAL:
        length = max(200, int(2_000 * scale))
        return "\n".join(line for _, line in adversarial_document(length))
    if name.startswith("html "):
        return HTML_BOMBS[name.removeprefix("html ")](scale)
    return NASTY[name](scale)


def run_case(name: str, scale: float) -> dict[str, Any]:
    """Clean one case in this process; return its size, time, peak memory and outcome."""
    from cleaner import Cleaner, CleanerError
    from tests.invariants import assert_accounted

    cleaner = Cleaner.default()
    cleaner.clean("The council approved the plan on Monday after a long debate.")
    data = build_case(name, scale)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    before = _peak_rss_mb()
    start = time.perf_counter()
    try:
        doc = cleaner.clean(data)
        outcome = f"ok: {len(doc.lines)} lines, {len(doc.removed)} removed"
    except CleanerError as error:
        doc = None
        outcome = f"{type(error).__name__}: {error}"
    seconds = time.perf_counter() - start
    peak = _peak_rss_mb()
    if doc is not None:
        assert_accounted(doc)
    return {
        "case": name,
        "bytes": size,
        "seconds": seconds,
        "peak_rss_mb": peak,
        "rss_before_mb": before,
        "outcome": outcome,
    }


def measure_cases(names: list[str], scale: float) -> list[dict[str, Any]]:
    results = []
    for name in names:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name, "--scale", str(scale)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode == 0:
            result = json.loads(proc.stdout)
        else:
            tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
            result = {
                "case": name,
                "bytes": 0,
                "seconds": 0.0,
                "peak_rss_mb": 0.0,
                "rss_before_mb": 0.0,
                "outcome": f"CRASH: {tail[0]}",
            }
        print(f"{name}: {result['seconds']:.2f} s, {result['outcome']}", file=sys.stderr)
        results.append(result)
    return results


def _attack_parts(pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """Characters that each class of ``pattern`` tells apart, and its literal words."""
    from cleaner.regex_safety import telling_characters

    chars = [c for c in telling_characters(pattern.pattern, pattern.flags) if c != "\n"][:40]
    words = sorted(set(re.findall(r"[^\W\d_]{2,}", pattern.pattern)), key=lambda w: (len(w), w))
    words = words[-20:]  # the longest, ties in alphabetical order (not set order)
    return chars, words


def attack_lines(pattern: re.Pattern[str], length: int) -> list[tuple[str, str]]:
    """(kind, line) pairs of ``length`` characters built to make ``pattern`` backtrack."""
    chars, words = _attack_parts(pattern)
    lines = [(f"{c!r} repeated", c * length) for c in chars]
    for word in words:
        for sep in ("", " ", ", "):
            unit = word + sep
            lines.append((f"{unit!r} repeated", (unit * (length // len(unit) + 1))[:length]))
    joined = " ".join(words) or "x"
    lines.append(("all words", (joined + " ") * (length // (len(joined) + 1)) + "!"))
    return lines


def builtin_patterns() -> dict[str, re.Pattern[str]]:
    from tests.patterns import code_patterns, shipped_vocabulary_patterns, vocabulary_unions

    found = {
        f"{where}[{n}]": re.compile(pattern, re.IGNORECASE)
        for n, (where, pattern) in enumerate(shipped_vocabulary_patterns())
    }
    found.update(vocabulary_unions())
    # The attack lines are text; the few bytes patterns (charset sniffing) read only a
    # bounded head of the input, so they are left out here.
    found.update((k, p) for k, p in code_patterns().items() if isinstance(p.pattern, str))
    return found


def adversarial_document(length: int) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for pattern in builtin_patterns().values():
        lines.extend(attack_lines(pattern, length))
    return lines


def _search_seconds(pattern: re.Pattern[str], line: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        pattern.search(line)
        best = min(best, time.perf_counter() - start)
    return best


def measure_patterns(length: int) -> list[dict[str, Any]]:
    """For each pattern, its slowest attack line: seconds per MB at ``length`` characters,
    and the growth exponent from a quarter of that length (1 is linear, 2 quadratic)."""
    results = []
    for where, pattern in builtin_patterns().items():
        worst: dict[str, Any] | None = None
        pairs = zip(attack_lines(pattern, length), attack_lines(pattern, length // 4), strict=True)
        for (kind, long_line), (_, short_line) in pairs:
            long_s = _search_seconds(pattern, long_line, 3)
            per_mb = long_s / (len(long_line.encode("utf-8", "surrogatepass")) / MB)
            if worst is None or per_mb > worst["seconds_per_mb"]:
                short_s = _search_seconds(pattern, short_line, 3)
                exponent = math.log(long_s / short_s, 4) if short_s > 0 and long_s > 0 else 0.0
                worst = {
                    "pattern": where,
                    "attack": kind,
                    "seconds_per_mb": per_mb,
                    "seconds_per_line": long_s,
                    "exponent": exponent,
                }
        if worst is not None:
            results.append(worst)
    return sorted(results, key=lambda r: -r["seconds_per_mb"])


def case_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| case | MB | seconds | s/MB | peak RSS MB (before clean) | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        mb = r["bytes"] / MB
        per_mb = f"{r['seconds'] / mb:.2f}" if mb >= 0.01 else "—"
        lines.append(
            f"| {r['case']} | {mb:.2f} | {r['seconds']:.2f} | {per_mb} | "
            f"{r['peak_rss_mb']:.0f} ({r['rss_before_mb']:.0f}) | {r['outcome'][:70]} |"
        )
    return "\n".join(lines)


def pattern_table(results: list[dict[str, Any]], top: int = 10) -> str:
    lines = [
        "| pattern | worst attack line | s/MB | s per line | growth exponent |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results[:top]:
        attack = r["attack"].replace("|", "\\|")
        lines.append(
            f"| {r['pattern']} | {attack} | {r['seconds_per_mb']:.3f} | "
            f"{r['seconds_per_line']:.4f} | {r['exponent']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="case size factor (default 1)")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--skip-patterns", action="store_true", help="only part 1")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 on a crash or a slow case")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_case(args.one, args.scale)))
        return 0

    from cleaner.rules import load_rules

    names = args.cases.split(",") if args.cases else case_names()
    case_results = measure_cases(names, args.scale)
    print(case_table(case_results))
    crashes = [r for r in case_results if r["outcome"].startswith("CRASH")]
    slow = [
        r
        for r in case_results
        if r["bytes"] >= MB // 100 and r["seconds"] / (r["bytes"] / MB) > MAX_SECONDS_PER_MB
    ]
    print(f"\n{len(case_results)} cases, {len(crashes)} crashes")
    pattern_results: list[dict[str, Any]] = []
    if not args.skip_patterns:
        length = load_rules().limits.max_line_chars
        pattern_results = measure_patterns(length)
        print(
            f"\n{len(pattern_results)} patterns on lines of {length} and {length // 4} chars; "
            "the slowest:\n"
        )
        print(pattern_table(pattern_results))
        slow += [
            r
            for r in pattern_results
            if r["seconds_per_mb"] > MAX_SECONDS_PER_MB and r["exponent"] > MAX_EXPONENT
        ]
    if args.json:
        payload = {"scale": args.scale, "cases": case_results, "patterns": pattern_results}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.check and (crashes or slow):
        print(f"check failed: {len(crashes)} crashes, {len(slow)} too slow", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
