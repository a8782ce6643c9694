"""A command that cleans one text file starts without what only pages and corpora need:
each of these modules costs a start-up tens of milliseconds (see docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = Path(__file__).parent.parent / "fixtures" / "articles" / "08_en_brief_library_closure"
# Needed by pages (lxml, trafilatura), WARC files (warcio and the fsspec it imports),
# batch runs (the run, the pool's processes) and reports (importlib.metadata).
NOT_FOR_ONE_TEXT = (
    "lxml",
    "trafilatura",
    "warcio",
    "fsspec",
    "multiprocessing",
    "cleaner.batch.run",
    "cleaner.report",
    "importlib.metadata",
)
PROBE = """
import json, runpy, sys
sys.argv = ["cleaner", sys.argv[1]]
try:
    runpy.run_module("cleaner", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def test_one_text_file_imports_nothing_for_pages_or_corpora() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(ARTICLE / "input.txt")],
        capture_output=True,
        check=True,
        timeout=120,
    )
    modules = set(json.loads(result.stderr.decode().splitlines()[-1]))
    assert "cleaner.pipeline" in modules  # the probe ran the command
    assert sorted(m for m in NOT_FOR_ONE_TEXT if m in modules) == []
