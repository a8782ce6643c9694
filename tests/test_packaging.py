"""What an installing user meets: the distribution's name in every hint, typed keyword
options that refuse a misspelling with the keyword meant, and the Dask extra named."""

from __future__ import annotations

import inspect
from importlib import resources

import pytest

import cleaner
from cleaner.errors import DISTRIBUTION, install_hint

OPTIONS = ["url", "language", "boilerplate", "input", "backend", "mode", "encoding"]


def test_install_hints_name_the_distribution_not_the_import_package() -> None:
    # "cleaner" on the package index is an unrelated project.
    assert DISTRIBUTION == "webcleaner"
    assert install_hint("fast") == "pip install 'webcleaner[fast]'"


def test_the_package_ships_py_typed() -> None:
    assert resources.files("cleaner").joinpath("py.typed").is_file()


@pytest.mark.parametrize(
    "function",
    [cleaner.clean, cleaner.Cleaner.clean, cleaner.Cleaner.clean_many],
    ids=["clean", "Cleaner.clean", "Cleaner.clean_many"],
)
def test_options_are_keyword_parameters(function: object) -> None:
    parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    keywords = [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert [k for k in keywords if k != "workers"] == OPTIONS
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters)


def test_a_misspelt_keyword_names_the_one_meant() -> None:
    message = r"clean\(\) got an unexpected keyword argument 'lang'; did you mean language=\?"
    with pytest.raises(TypeError, match=message):
        cleaner.clean("The council met on Monday.", lang="en")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=message):
        cleaner.Cleaner.default().clean("x", lang="en")  # type: ignore[call-arg]


def test_an_unknown_keyword_lists_the_keywords() -> None:
    with pytest.raises(TypeError, match=r"'colour' \(keywords: url, language, .*encoding\)$"):
        cleaner.clean("x", colour=True)  # type: ignore[call-arg]


def test_clean_many_refuses_a_misspelt_keyword_when_called() -> None:
    # Not at the first document (or in a worker): the call itself fails.
    with pytest.raises(TypeError, match="did you mean language="):
        cleaner.Cleaner.default().clean_many(["x"], languge="en")  # type: ignore[call-arg]


def test_clean_many_passes_its_options_to_every_document() -> None:
    docs = list(
        cleaner.Cleaner.default().clean_many(["Advertisement\n\nA line."] * 2, language="xx")
    )
    assert [d.metadata.language for d in docs] == ["xx", "xx"]


def test_a_type_error_inside_cleaning_is_not_rewritten() -> None:
    with pytest.raises(TypeError) as error:
        cleaner.clean("x", boilerplate=3)  # type: ignore[arg-type]
    assert "keyword" not in str(error.value)
