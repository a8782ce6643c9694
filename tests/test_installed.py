"""Under tox the suite runs against the built wheel: the package and its rules must come from
the installed files, never from the source tree beside the tests (a wheel built without its
rules would otherwise pass)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.rule_files import rules_dir

SOURCE = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("CLEANER_TEST_INSTALLED") != "1",
    reason="tox sets CLEANER_TEST_INSTALLED=1 where it installs the wheel",
)


def test_the_package_and_its_rules_are_the_installed_ones() -> None:
    package = Path(cleaner.__file__).resolve().parent
    assert package != SOURCE / "cleaner" and "site-packages" in package.parts, package
    assert rules_dir() == package / "rules" != SOURCE / "rules"
    assert (package / "rules" / "default.toml").is_file()


def test_the_command_is_the_installed_one() -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import cleaner; print(cleaner.__file__)"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    assert Path(found).resolve() == Path(cleaner.__file__).resolve()
