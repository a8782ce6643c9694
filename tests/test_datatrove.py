"""cleaner.integrations.datatrove in a datatrove pipeline: the documents that come out are the
``cleaner`` command's records on the same WARC and JSONL files, and what is dropped is
counted in datatrove's stats."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install datatrove)")
# datatrove's WarcReader needs these (datatrove[io]); python-magic also needs libmagic.
pytest.importorskip("cchardet", reason="faust-cchardet is not installed (datatrove[io])")
pytest.importorskip("magic", reason="python-magic or libmagic is not installed (datatrove[io])")

from datatrove.data import Document as DatatroveDocument
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader, WarcReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import Cleaner, InputError
from cleaner.integrations.datatrove import CleanerExtractor, CleanerFilter
from tests.corpus import article, as_html, records, write_jsonl, write_warc
from tests.test_cli import run

EMPTY = "Advertisement\n\nShare this article"
# Rules whose input limit the damaged record is over (and every other record is under).
LIMITS = "[limits]\nmax_input_bytes = 50000\n"


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    """A WARC of three pages and a JSONL of three articles, a residue-only record that
    cleans to nothing and a damaged record (60 kB of one run of letters)."""
    (tmp_path / "warc").mkdir()
    (tmp_path / "jsonl").mkdir()
    pages = [
        ("response", f"https://site{n}.example/news/{n}", as_html(article(n)[0], f"Story {n}"))
        for n in (4, 5, 6)
    ]
    warc = write_warc(
        tmp_path / "warc" / "crawl.warc.gz",
        [(kind, url, page, "text/html; charset=utf-8") for kind, url, page in pages],
    )
    lines = [*records(3), {"id": "ad", "text": EMPTY}, {"id": "damaged", "text": "x" * 60_000}]
    return warc, write_jsonl(tmp_path / "jsonl" / "docs.jsonl", lines)


def _cleaner_metadata(metadata: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """The cleaner's values of ``keys``, taken back out of a merged datatrove metadata."""
    return {k: metadata.get(f"cleaner_{k}", metadata.get(k)) for k in keys}


def test_pipeline_output_equals_the_command_on_the_same_records(tmp_path: Path) -> None:
    warc, jsonl = _inputs(tmp_path)
    rules = tmp_path / "rules.toml"
    rules.write_text(LIMITS, "utf-8")
    command = run(str(warc), str(jsonl), "--rules", str(rules), "-j", "1", "-q")
    assert command.returncode == 0, command.stderr
    expected = [json.loads(line) for line in command.stdout.splitlines()]
    assert len(expected) == 8 and "over the limit" in expected[-1]["error"]["message"]
    assert expected[-2]["text"] == ""

    stats = LocalPipelineExecutor(
        [
            WarcReader(str(warc.parent)),
            JsonlReader(str(jsonl.parent)),
            CleanerExtractor(rules),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = [json.loads(line) for line in (tmp_path / "out" / "00000.jsonl").read_text().splitlines()]

    kept = [r for r in expected if "error" not in r and r["text"]]
    assert [d["id"] for d in out] == [r["id"] for r in kept]
    for doc, record in zip(out, kept, strict=True):
        assert doc["text"] == record["text"]
        metadata = doc["metadata"]
        want = dict(record["metadata"])
        if "warc_date" in record:
            # datatrove's reader decodes the page, so the cleaner gets text, not bytes.
            want["encoding"] = None
            assert metadata["date"] == record["warc_date"]  # the reader's key is kept
            assert metadata["cleaner_date"] == want["date"]
        else:
            assert metadata["crawl"] == record["crawl"]
        assert metadata["url"] == record["url"]
        assert _cleaner_metadata(metadata, list(want)) == want
        assert metadata["removal_counts"] == Counter(r["rule"] for r in record["removed"])

    counts = stats.stats[2].stats
    assert counts["total"].total == 8
    assert counts["forwarded"].total == len(kept) == 6
    assert counts["dropped"].total == 2
    assert counts["dropped_empty"].total == counts["dropped_failed"].total == 1
    removed = Counter(r["rule"] for r in expected if "error" not in r for r in r["removed"])
    assert (
        removed
        and {
            label.removeprefix("removed_lines/"): metric.total
            for label, metric in counts.items()
            if label.startswith("removed_lines/")
        }
        == removed
    )


def _documents() -> list[DatatroveDocument]:
    return [
        DatatroveDocument(text=article(n)[0], id=f"doc-{n}", metadata={"url": f"https://x/{n}"})
        for n in range(3)
    ]


def test_extractor_with_a_timeout_cleans_in_a_sandbox_with_the_same_result() -> None:
    documents = [*_documents(), DatatroveDocument(text=42, id="number")]
    step = CleanerExtractor(timeout=120, language="en")
    out = list(step.run(iter(documents)))
    default = Cleaner.default()
    assert [d.id for d in out] == ["doc-0", "doc-1", "doc-2"]
    for doc in out:
        n = int(doc.id[-1])
        want = default.clean(article(n)[0], url=f"https://x/{n}", language="en")
        assert doc.text == want.text == article(n)[1]
        assert doc.metadata["language"] == "en"
        assert doc.metadata["removal_counts"] == dict(want.removal_counts())
    assert step.stats["dropped_failed"].total == 1


def test_filter_cleans_text_in_place_and_keeps_what_it_drops(tmp_path: Path) -> None:
    documents = [
        *_documents(),
        DatatroveDocument(text=EMPTY, id="ad", metadata={"language": "xx"}),
        DatatroveDocument(text="x" * 100, id="huge"),
    ]
    rules = tmp_path / "rules.toml"
    rules.write_text("[limits]\nmax_input_bytes = 60\n", "utf-8")
    step = CleanerFilter(rules, exclusion_writer=JsonlWriter(str(tmp_path / "dropped")))
    kept = list(step.run(iter(documents[3:])))
    assert kept == []
    assert step.stats["dropped_empty"].total == step.stats["dropped_failed"].total == 1
    written = gzip.decompress((tmp_path / "dropped" / "00000.jsonl.gz").read_bytes())
    dropped = [json.loads(line) for line in written.splitlines()]
    assert [(d["id"], d["text"], d["metadata"]["filter_reason"]) for d in dropped] == [
        ("ad", EMPTY, "empty"),
        ("huge", "x" * 100, "failed"),
    ]
    assert dropped[1]["metadata"]["cleaner_error"].startswith("input is")

    step = CleanerFilter(mode="article")
    kept = list(step.run(iter(_documents())))
    assert [d.text for d in kept] == [article(n)[1] for n in range(3)]
    assert step.stats["forwarded"].total == 3


def test_wrong_options_fail_when_the_step_is_made() -> None:
    with pytest.raises(InputError, match="mode must be one of"):
        CleanerExtractor(mode="everything")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        CleanerExtractor(colour="red")
    with pytest.raises(TypeError, match="takes no input option"):
        CleanerFilter(input="html")
