"""Shared fixtures of the Python tests, and the rule that nothing is skipped silently.

kernkompas is imported inside the fixtures, so the dataset tests in this folder still run
where the package is not installed; every test that needs it then fails (not skips) with the
command that installs it. The command line and the build tree are found by build_paths
(KK_CLI / KK_BUILD_DIR when set, else build/ in the repository, else PATH); a test that needs
one fails when it is missing.

Skips: pytest prints every skip with its reason (`-rs`, pyproject.toml). With KK_NO_SKIPS=1
(scripts/test-all.sh, hence CI) a session with any skipped test fails.
"""

import os
import subprocess
from pathlib import Path

import pytest

from build_paths import BUILD_HINT, REPO, build_tree_file, find_cli

DATA = REPO / "datasets" / "wijdemeren"

INSTALL_HINT = ".venv/bin/python -m pip install -C cmake.define.KK_DEMO_FAMILY=ON ."


@pytest.fixture(scope="session")
def kk():
    try:
        import kernkompas
    except ImportError as error:
        pytest.fail(f"the kernkompas package is not installed ({error}): {INSTALL_HINT}", pytrace=False)
    return kernkompas


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
def cli() -> Path:
    """The built command-line program; its absence fails the test."""
    path, where = find_cli()
    if path is None:
        pytest.fail(f"no kernkompas program ({where}): {BUILD_HINT}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def default_runs(cli, tmp_path_factory) -> dict[str, Path]:
    """The output folders of `kernkompas run` on the embedded data: "published" and "internal"."""
    runs = {}
    for mode, flags in (("published", []), ("internal", ["--internal"])):
        out = tmp_path_factory.mktemp(f"default-{mode}") / "out"
        subprocess.run([str(cli), "run", "--quiet", *flags, "--out", str(out)], cwd=REPO, check=True, timeout=600)
        runs[mode] = out
    return runs


def build_file(*parts: str) -> Path:
    """A file of the build tree, e.g. build_file("tests", "engine", "kk_gi_star_cli"); fails the
    calling test when it is absent."""
    path = build_tree_file(*parts)
    if path is None:
        pytest.fail(f"no {'/'.join(parts)} in the build tree: {BUILD_HINT}", pytrace=False)
    return path


# --- no silent skips --------------------------------------------------------------------------

_SKIPPED: list[str] = []


def _no_skips() -> bool:
    return os.environ.get("KK_NO_SKIPS") == "1"


def _note_skip(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_runtest_logreport(report):
    _note_skip(report)


def pytest_collectreport(report):
    _note_skip(report)


def pytest_sessionfinish(session, exitstatus):
    if _no_skips() and _SKIPPED and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _no_skips() and _SKIPPED:
        terminalreporter.section("KK_NO_SKIPS=1: a skip fails the run", sep="=", red=True, bold=True)
        for line in _SKIPPED:
            terminalreporter.line(line, red=True)
