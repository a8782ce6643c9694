"""cleaner.integrations.dask on a distributed LocalCluster: the same records as the
single-machine run, with and without the two-stage cross-document boilerplate pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dask_bag = pytest.importorskip("dask.bag")
dask_dataframe = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from cleaner.batch import RecordError  # noqa: E402
from cleaner.integrations.dask import clean_bag, clean_dataframe  # noqa: E402
from tests.corpus import article, records, write_jsonl  # noqa: E402
from tests.test_batch import batch  # noqa: E402

NAV = "Home | World | Business | Sport | Culture"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _corpus() -> list[dict[str, Any]]:
    inputs = records(14)
    for record in inputs:
        record["text"] = f"{NAV}\n\n{record['text']}"
    inputs[5] = {"id": "broken", "url": "https://news2.example/x", "body": "no text field"}
    return inputs


@pytest.mark.parametrize("boilerplate_by", [None, "host"])
def test_bag_equals_the_local_run(client: Any, tmp_path: Path, boilerplate_by: str | None) -> None:
    inputs = _corpus()
    local, _ = batch([write_jsonl(tmp_path / "in.jsonl", inputs)], boilerplate_by=boilerplate_by)
    bag = dask_bag.from_sequence(inputs, npartitions=4)
    remote = clean_bag(bag, boilerplate_by=boilerplate_by).compute()
    assert [r for r in remote if "error" not in r] == [r for r in local if "error" not in r]
    assert [r.get("id") for r in remote] == [r.get("id") for r in local]
    assert remote[5]["error"]["message"] == local[5]["error"]["message"] == "no field 'text'"
    nav_rules = {
        x["rule"] for r in remote if "removed" in r for x in r["removed"] if x["text"] == NAV
    }
    assert (nav_rules == {"boilerplate"}) == (boilerplate_by == "host")


def test_bag_of_plain_documents_and_policies(client: Any) -> None:
    texts = [article(n)[0] for n in range(3)]
    out = clean_bag(dask_bag.from_sequence(texts, npartitions=2), removed=False).compute()
    assert [r["text"] for r in out] == [article(n)[1] for n in range(3)]
    assert set(out[0]) == {"text", "metadata"}
    bad = dask_bag.from_sequence([{"text": texts[0]}, {"id": 7}], npartitions=1)
    assert len(clean_bag(bad, on_error="skip").compute()) == 1
    with pytest.raises(RecordError, match="id=7: no field 'text'"):
        clean_bag(bad, on_error="fail").compute()


def test_dataframe_columns_equal_the_local_run(client: Any, tmp_path: Path) -> None:
    inputs = _corpus()
    local, _ = batch([write_jsonl(tmp_path / "in.jsonl", inputs)], boilerplate_by="host")
    frame = pd.DataFrame(
        {
            "id": [r["id"] for r in inputs],
            "url": [r["url"] for r in inputs],
            "content": [r.get("text") for r in inputs],
        }
    )
    ddf = dask_dataframe.from_pandas(frame, npartitions=3)
    out = clean_dataframe(ddf, column="content", boilerplate_by="host").compute()
    assert list(out.columns) == ["id", "url", "content", "text", "metadata", "error"]
    assert out["text"].tolist() == [r.get("text") for r in local]
    assert out["metadata"].tolist() == [r.get("metadata") for r in local]
    assert out["error"].tolist()[5] == "id=broken: no field 'content'"
    assert out["error"].isna().sum() == len(inputs) - 1
