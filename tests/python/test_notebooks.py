"""Executes every notebook in notebooks/ on the embedded data; a failing cell fails the test.

The kernel is "python3" of the running interpreter (ipykernel in the same venv). Maps and
other files the notebooks write go to a temporary folder (KK_NOTEBOOK_OUT).
"""

import nbclient
import nbformat
import pytest

from build_paths import BUILD_HINT, build_tree_file
from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_kern_maps_wijdemeren.ipynb", "02_benchmarking_kernen.ipynb",
            "03_c_api_from_python.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, kk, tmp_path, monkeypatch):
    if path.name.startswith("03_") and kk.capi_library_path() is None and not _build_tree_library():
        pytest.fail("notebook 03 needs the C API library: none in the package (kernkompas/capi, "
                    f"KK_CAPI_LIB) nor in the build tree; {BUILD_HINT}", pytrace=False)
    monkeypatch.setenv("KK_NOTEBOOK_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell that failed
    errors = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors


def _build_tree_library():
    return build_tree_file("bindings", "c", "libkernkompas.so.0") is not None
