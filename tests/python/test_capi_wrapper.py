"""kernkompas.capi, the ctypes wrapper of libkernkompas.so.0: it declares every kk_ function of
kernkompas.h exactly as the header does (regenerated from the header here, so it cannot
drift), and its declarations make real calls work.

The wrapper module is loaded from the source tree by path (it imports nothing from the
package), so the drift checks run without the compiled package; the calls need the library.
"""

import ctypes
import importlib.util
import math
import re
import shutil
import subprocess

import pytest

from build_paths import BUILD_HINT, REPO, build_tree_file

HEADER = REPO / "bindings" / "c" / "kernkompas.h"
WRAPPER = REPO / "bindings" / "python" / "kernkompas" / "capi.py"


def _load_wrapper():
    spec = importlib.util.spec_from_file_location("kernkompas_capi_under_test", WRAPPER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


capi = _load_wrapper()


@pytest.fixture(scope="module")
def library_path():
    path = build_tree_file("bindings", "c", "libkernkompas.so.0")
    if path is None:
        pytest.fail(f"libkernkompas.so.0 is not built: {BUILD_HINT}", pytrace=False)
    return path


@pytest.fixture(scope="module")
def kk(library_path):
    return capi.load(library_path)


def test_declarations_are_those_generated_from_the_header():
    parsed = capi.parse_header(HEADER.read_text(encoding="utf-8"))
    expected = capi.render_declarations(parsed)
    actual = capi.generated_block(WRAPPER.read_text(encoding="utf-8"))
    assert actual == expected, (
        "bindings/python/kernkompas/capi.py is out of date with kernkompas.h: run "
        "python bindings/python/kernkompas/capi.py --regenerate bindings/c/kernkompas.h")


def test_parser_finds_every_function_the_header_exports():
    # Independent of the parser: every KK_API line that starts a declaration names one function.
    text = HEADER.read_text(encoding="utf-8")
    declared = set(re.findall(r"^KK_API\b[^(]*?\b(kk_\w+)\s*\(", text, re.M))
    assert len(declared) > 100
    assert set(capi.FUNCTIONS) == declared


def test_every_parameter_has_a_name_and_a_ctypes_type():
    for name, (result, params) in capi.FUNCTIONS.items():
        capi.ctype_of(result)
        for ctype, pname in params:
            assert pname, f"{name}: a parameter without a name ({ctype})"
            capi.ctype_of(ctype)


def test_hand_checked_signatures():
    # Read off kernkompas.h by hand: a strided, threaded statistic and the progress setter.
    assert capi.FUNCTIONS["kk_stats_dbscan"] == ("kk_status", [
        ("kk_context*", "ctx"), ("size_t", "count"), ("const double*", "x"),
        ("size_t", "x_stride_bytes"), ("const double*", "y"), ("size_t", "y_stride_bytes"),
        ("double", "eps"), ("uint32_t", "min_samples"), ("unsigned", "threads"),
        ("int32_t*", "labels"), ("uint8_t*", "core"), ("size_t", "capacity"),
        ("int32_t*", "cluster_count")])
    assert capi.FUNCTIONS["kk_options_set_progress"] == ("kk_status", [
        ("kk_context*", "ctx"), ("kk_options*", "options"), ("kk_progress_fn", "fn"),
        ("void*", "user")])
    assert capi.FUNCTIONS["kk_context_destroy"] == ("void", [("kk_context*", "ctx")])
    assert capi.FUNCTIONS["kk_network_create"][1][7:9] == [("const uint16_t*", "road_class"),
                                                          ("const uint8_t*", "direction")]
    assert capi.ctype_of("const uint16_t*") == ctypes.POINTER(ctypes.c_uint16)
    assert capi.ctype_of("const unsigned char* const*") == ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))
    assert capi.ctype_of("const char**") == ctypes.POINTER(ctypes.c_char_p)
    assert capi.CONSTANTS["KK_E_CANCELLED"] == 102
    assert capi.CONSTANTS["KK_NULL_INTEGER"] == -(2**63)
    assert capi.CONSTANTS["KK_BUITENGEBIED"] == -1
    # 16 doubles, as the header's struct: a field missed by the parser would shift the rest.
    assert ctypes.sizeof(capi.kk_moran_result) == 16 * 8
    assert [f for f, _ in capi.kk_clark_evans_test._fields_] == [
        "expected", "standard_error", "r", "z", "p"]


def test_the_library_exports_exactly_the_declared_functions(kk, library_path):
    nm = shutil.which("nm")
    if nm is None:
        pytest.fail("nm (binutils) is needed to list the library's exports", pytrace=False)
    listing = subprocess.run([nm, "-D", "--defined-only", str(library_path)], check=True,
                             capture_output=True, text=True).stdout
    exported = set(re.findall(r"\bT (kk_\w+)(?:@@?[\w.]+)?$", listing, re.M))
    assert exported == set(capi.FUNCTIONS)
    for name in capi.FUNCTIONS:
        assert getattr(kk, name).argtypes is not None or not capi.FUNCTIONS[name][1]


def test_a_run_through_the_wrapper_matches_the_hand_counted_data(kk):
    import csv

    steps = []

    @capi.PROGRESS
    def progress(step, fraction, user):
        steps.append(step.decode())
        return 1

    with capi.Context(kk) as ctx:
        options = capi.handle("kk_options")
        ctx.check(kk.kk_options_create(ctx.pointer, ctypes.byref(options)))
        ctx.check(kk.kk_options_set_progress(ctx.pointer, options, progress, None))
        project = capi.handle("kk_project")
        ctx.check(kk.kk_project_open_config(
            ctx.pointer, str(REPO / "datasets" / "wijdemeren" / "kernkompas.toml").encode(),
            options, ctypes.byref(project)))
        result = capi.handle("kk_result")
        ctx.check(kk.kk_analysis_run(ctx.pointer, project, options, ctypes.byref(result)))
        kern_count = ctypes.c_size_t()
        ctx.check(kk.kk_result_kern_count(ctx.pointer, result, ctypes.byref(kern_count)))
        data = ctypes.POINTER(ctypes.c_int64)()
        rows = ctypes.c_size_t()
        ctx.check(kk.kk_result_integer_column_data(ctx.pointer, result, b"kern", b"n_locations",
                                                   ctypes.byref(data), ctypes.byref(rows)))
        counts = [data[i] for i in range(rows.value)]
        location_count = ctypes.c_size_t()
        ctx.check(kk.kk_result_location_count(ctx.pointer, result, ctypes.byref(location_count)))
        kk.kk_result_destroy(result)
        kk.kk_project_destroy(project)
        kk.kk_options_destroy(options)

    # The register has one row per location; every location lands in a kern or buitengebied.
    with open(REPO / "datasets" / "wijdemeren" / "locations.csv", encoding="utf-8") as file:
        register_rows = sum(1 for _ in csv.DictReader(file))
    assert rows.value == kern_count.value + 1
    assert location_count.value == register_rows
    assert sum(counts) == register_rows
    assert steps


def test_errors_carry_the_library_message_and_cancel_stops_the_run(kk):
    with capi.Context(kk) as ctx:
        options = capi.handle("kk_options")
        ctx.check(kk.kk_options_create(ctx.pointer, ctypes.byref(options)))
        with pytest.raises(capi.KernkompasCError) as error:
            ctx.check(kk.kk_options_set_integer(ctx.pointer, options, b"hotspots.no_such", 1))
        assert error.value.status == capi.KK_E_INVALID_ARGUMENT
        assert "hotspots.no_such" in error.value.message

        cancel = capi.PROGRESS(lambda step, fraction, user: 0)
        ctx.check(kk.kk_options_set_progress(ctx.pointer, options, cancel, None))
        project = capi.handle("kk_project")
        status = kk.kk_project_open_config(
            ctx.pointer, str(REPO / "datasets" / "wijdemeren" / "kernkompas.toml").encode(),
            options, ctypes.byref(project))
        assert status == capi.KK_E_CANCELLED
        assert not project
        kk.kk_options_destroy(options)


def test_a_strided_statistic_through_the_wrapper(kk):
    # Two groups of points 1 m apart, 100 m between the groups: DBSCAN with eps 2 m finds two
    # clusters; the interleaved x/y array is read with a stride of two doubles.
    xy = (ctypes.c_double * 12)(0, 0, 1, 0, 0, 1, 100, 0, 101, 0, 100, 1)
    base = ctypes.cast(xy, ctypes.POINTER(ctypes.c_double))
    y = ctypes.cast(ctypes.byref(xy, 8), ctypes.POINTER(ctypes.c_double))
    labels = (ctypes.c_int32 * 6)()
    core = (ctypes.c_uint8 * 6)()
    clusters = ctypes.c_int32()
    with capi.Context(kk) as ctx:
        ctx.check(kk.kk_stats_dbscan(ctx.pointer, 6, base, 16, y, 16, 2.0, 3, 1, labels, core, 6,
                                     ctypes.byref(clusters)))
    assert clusters.value == 2
    assert list(labels) == [0, 0, 0, 1, 1, 1]
    assert math.isclose(xy[2], 1.0)
