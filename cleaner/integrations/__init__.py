"""Adapters that put the cleaner inside pipelines users already run, each an optional extra.

- ``cleaner.integrations.datatrove``: ``CleanerExtractor`` and ``CleanerFilter``, pipeline
  steps for datatrove (``pip install 'webcleaner[datatrove]'``);
- ``cleaner.integrations.hf``: ``clean_batch`` for Hugging Face ``Dataset.map``
  (``pip install 'webcleaner[hf]'``);
- ``cleaner.integrations.dask``: ``clean_bag`` and ``clean_dataframe`` on a Dask cluster
  (``pip install 'webcleaner[dask]'``).

Importing one without its library raises ImportError naming the extra to install.
"""

from __future__ import annotations

from cleaner.errors import CleanerError, install_hint


def failure(error: Exception) -> str:
    """Why a document could not be cleaned: the cleaner's own message, or the exception's
    type and message for a bug, which fails the document it met, not the whole job."""
    if isinstance(error, CleanerError):
        return str(error)
    return f"internal error: {type(error).__name__}: {error}"


def missing_extra(module: str, library: str, extra: str, error: ImportError) -> ImportError:
    """The ImportError to raise (``from error``) when ``module`` cannot import ``library``:
    it names the extra that installs it."""
    return ImportError(
        f"{module} needs {library}, which is not installed ({error}): {install_hint(extra)}"
    )
