"""The integrations without their libraries: a clear ImportError naming the extra; and the
old ``cleaner.dask`` import, deprecated."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

BLOCKED = """
import sys
for name in ("datatrove", "datasets", "dask"):
    sys.modules[name] = None  # as if not installed
for module in sys.argv[1:]:
    try:
        __import__(module)
    except ImportError as error:
        print(module, "|", error)
"""


def test_a_missing_library_names_the_extra_to_install() -> None:
    needs = {
        "cleaner.integrations.datatrove": ("datatrove needs datatrove", "datatrove"),
        "cleaner.integrations.hf": ("hf needs datasets", "hf"),
        "cleaner.integrations.dask": ("dask needs Dask", "dask"),
        "cleaner.dask": ("dask needs Dask", "dask"),
    }
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED, *needs], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert [line.split(" | ")[0] for line in lines] == list(needs)
    for line, (what, extra) in zip(lines, needs.values(), strict=True):
        message = line.split(" | ")[1]
        assert message.startswith(f"cleaner.integrations.{what}, which is not installed (")
        assert message.endswith(f"): pip install 'webcleaner[{extra}]'")


def test_the_old_dask_import_works_with_a_deprecation_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("dask.bag", reason="Dask is not installed (pip install 'webcleaner[dask]')")
    from cleaner.integrations.dask import clean_bag

    monkeypatch.delitem(sys.modules, "cleaner.dask", raising=False)
    with pytest.warns(DeprecationWarning, match="import clean_bag and clean_dataframe from "):
        old = importlib.import_module("cleaner.dask")
    assert old.clean_bag is clean_bag
