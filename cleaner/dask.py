"""Deprecated alias of ``cleaner.integrations.dask``, kept for one release."""

from __future__ import annotations

import warnings

from cleaner.integrations.dask import clean_bag, clean_dataframe

__all__ = ["clean_bag", "clean_dataframe"]

warnings.warn(
    "cleaner.dask is deprecated and will be removed in the next release: "
    "import clean_bag and clean_dataframe from cleaner.integrations.dask",
    DeprecationWarning,
    stacklevel=2,
)
