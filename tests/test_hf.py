"""cleaner.integrations.hf: a ``datasets`` map on two processes gives ``clean_many``'s
documents, in new columns beside the input ones."""

from __future__ import annotations

import pytest

datasets = pytest.importorskip(
    "datasets", reason="datasets is not installed (pip install datasets)"
)

from cleaner import Cleaner, InputError  # noqa: E402
from cleaner.integrations.hf import clean_batch, clean_features  # noqa: E402
from tests.corpus import article, as_html  # noqa: E402


def test_map_on_two_processes_equals_clean_many() -> None:
    texts = [article(n)[0] for n in range(5)]
    texts.insert(2, as_html(article(7)[0], "A page").decode())
    texts.insert(4, "Advertisement")
    ids = [f"doc-{n}" for n in range(len(texts))]
    ds = datasets.Dataset.from_dict({"id": [*ids, "none"], "text": [*texts, None]})
    out = ds.map(
        clean_batch,
        batched=True,
        batch_size=2,
        num_proc=2,
        fn_kwargs={"removed": True},
        features=clean_features(ds.features, removed=True),
    )
    expected = [d.as_dict() for d in Cleaner.default().clean_many(texts)]
    assert out["id"] == [*ids, "none"] and out["text"] == [*texts, None]
    rows = list(out)
    assert [
        {"text": r["clean_text"], "metadata": r["clean_metadata"], "removed": r["clean_removed"]}
        for r in rows[:-1]
    ] == expected
    assert [r["clean_error"] for r in rows[:-1]] == [None] * len(texts)
    assert rows[-1]["clean_error"] == "expected str or bytes, not NoneType"
    assert rows[-1]["clean_text"] is rows[-1]["clean_metadata"] is None


def test_batch_options_errors_and_urls() -> None:
    batch = {"body": [article(0)[0]], "url": ["https://news.example/a"]}
    columns = clean_batch(batch, text_column="body", language="en")
    assert set(columns) == {"clean_text", "clean_metadata", "clean_error"}
    metadata = columns["clean_metadata"][0]
    assert (metadata["url"], metadata["language"]) == ("https://news.example/a", "en")
    assert columns["clean_text"] == [article(0)[1]]
    with pytest.raises(KeyError, match="no column 'text' \\(columns: body, url\\)"):
        clean_batch(batch)
    with pytest.raises(InputError, match="mode must be one of"):
        clean_batch(batch, text_column="body", mode="everything", on_error="fail")
    with pytest.raises(ValueError, match="on_error must be one of record, fail"):
        clean_batch(batch, text_column="body", on_error="skip")
