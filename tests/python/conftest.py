"""Shared fixtures of the Python binding tests (test_binding, test_maps, test_notebooks).

kernkompas is imported inside the fixtures, so the dataset tests in this folder still run
where the package is not installed. The command line's outputs are compared when KK_CLI
names the built `kernkompas` program (scripts/test-all.sh sets it).
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "datasets" / "wijdemeren"


@pytest.fixture(scope="session")
def kk():
    return pytest.importorskip("kernkompas")


@pytest.fixture(scope="session")
def project(kk):
    return kk.load_default()


@pytest.fixture(scope="session")
def result(project):
    return project.run()


@pytest.fixture(scope="session")
def internal_result(project):
    """Disclosure control off: the only result whose premises may be drawn or written."""
    return project.run(internal=True)


@pytest.fixture(scope="session")
def cli():
    """The built command-line program, or skip."""
    path = os.environ.get("KK_CLI")
    if not path or not Path(path).is_file() or not os.access(path, os.X_OK):
        pytest.skip("set KK_CLI to the built kernkompas program to compare with the command line")
    return Path(path)
