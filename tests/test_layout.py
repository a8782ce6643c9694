"""The layers of docs/design.md, checked on the source: a module never imports one above it
(lazy imports inside functions included), so that no import loop can come back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"

# (modules, modules they must not import), by dotted-name prefix.
ABOVE_SHARED = ("cleaner.filters", "cleaner.rules", "cleaner.pipeline", "cleaner.batch")
FORBIDDEN = [
    ("cleaner.pipeline", ("cleaner.batch", "cleaner.integrations", "cleaner.cli")),
    ("cleaner.pool", ("cleaner.",)),
    # HTML input sits below the filters and the rules loader.
    ("cleaner.html", (*ABOVE_SHARED, "cleaner.whole_page")),
    # The one loader of rule data sits below everything that reads rule data.
    ("cleaner.rule_files", ("cleaner.html", *ABOVE_SHARED, "cleaner.vocabulary")),
    ("cleaner.dates", ("cleaner.html", *ABOVE_SHARED)),
    ("cleaner.bylines", ("cleaner.html", *ABOVE_SHARED)),
    ("cleaner.vocabulary", ("cleaner.html", *ABOVE_SHARED)),
    ("cleaner.stopwords", ("cleaner.html", *ABOVE_SHARED)),
    ("cleaner.prefixes", ("cleaner.html", *ABOVE_SHARED)),
    # The document model and what its text is: below everything that reads documents.
    ("cleaner.document", ("cleaner.html", *ABOVE_SHARED, "cleaner.vocabulary")),
    ("cleaner.modes", ("cleaner.html", *ABOVE_SHARED, "cleaner.document")),
]


def imports_of(path: Path) -> set[str]:
    """The cleaner modules a source file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("cleaner.")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize(("layer", "above"), FORBIDDEN)
def test_no_module_imports_a_layer_above_it(layer: str, above: tuple[str, ...]) -> None:
    checked = [name for name in MODULES if name == layer or name.startswith(layer + ".")]
    assert checked, f"no module {layer}"
    wrong = {
        name: sorted(i for i in imports_of(MODULES[name]) if i.startswith(above))
        for name in checked
    }
    assert {name: found for name, found in wrong.items() if found} == {}
