"""The command line's outputs stay byte-identical to the golden copies in tests/data/golden.

One test per case (tests/python/golden.py, CASES): the program runs into tmp_path, every CSV it
writes must equal the golden copy byte for byte, it must write exactly the golden set of CSVs,
and the digest of kernkompas.gpkg (per layer: geometry type, feature count, fields, SHA-256 of
the features) must equal gpkg_digest.txt. After a deliberate change of outputs regenerate the
copies with scripts/update-golden.py (tests/data/golden/README.md).

The program is found by tests/python/build_paths.py (KK_CLI, else the build tree, else PATH); a
missing program fails the tests instead of skipping them, so the guard cannot silently switch
itself off.
"""

from __future__ import annotations

import difflib

import pytest

import golden
from build_paths import find_cli


def _golden_cli():
    """The program under test; a missing program fails the test (inside it, not as a fixture
    error, so it is reported as FAILED)."""
    path, where = find_cli()
    if path is None:
        pytest.fail(
            f"no kernkompas program ({where}): build it with scripts/build.sh or set "
            "KK_CLI to the program whose outputs are compared with tests/data/golden",
            pytrace=False,
        )
    return path


def _first_difference(name: str, want: bytes, got: bytes) -> str:
    want_lines = want.splitlines(keepends=True)
    got_lines = got.splitlines(keepends=True)
    for i, (w, g) in enumerate(zip(want_lines, got_lines), start=1):
        if w != g:
            return f"{name}: first difference at line {i}\n  golden: {w!r}\n  actual: {g!r}"
    shorter = min(len(want_lines), len(got_lines))
    return (
        f"{name}: golden has {len(want_lines)} lines, actual {len(got_lines)}; first extra line "
        f"{shorter + 1}: "
        + repr((want_lines if len(want_lines) > shorter else got_lines)[shorter])
    )


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_golden_outputs(case, tmp_path):
    golden_cli = _golden_cli()
    expected = golden.GOLDEN / case
    assert (expected / golden.DIGEST).is_file(), (
        f"no golden outputs in {expected}: run scripts/update-golden.py"
    )
    out = tmp_path / "out"
    golden.run_case(golden_cli, case, out)

    problems: list[str] = []

    want_csv = golden.csv_files(expected)
    got_csv = golden.csv_files(out)
    if want_csv != got_csv:
        problems.append(
            f"CSV files differ: missing {sorted(set(want_csv) - set(got_csv))}, "
            f"unexpected {sorted(set(got_csv) - set(want_csv))}"
        )
    for name in sorted(set(want_csv) & set(got_csv)):
        want = (expected / name).read_bytes()
        got = (out / name).read_bytes()
        if want != got:
            problems.append(_first_difference(name, want, got))

    gpkg = out / golden.GPKG
    if not gpkg.is_file():
        problems.append(f"{golden.GPKG} was not written")
    else:
        want_layers = golden.parse_digest((expected / golden.DIGEST).read_text(encoding="utf-8"))
        got_layers = golden.layer_digests(gpkg)
        if set(want_layers) != set(got_layers):
            problems.append(
                f"GeoPackage layers differ: missing {sorted(set(want_layers) - set(got_layers))}, "
                f"unexpected {sorted(set(got_layers) - set(want_layers))}"
            )
        for layer in sorted(set(want_layers) & set(got_layers)):
            if want_layers[layer] != got_layers[layer]:
                diff = "\n".join(
                    difflib.unified_diff(
                        want_layers[layer].splitlines(),
                        got_layers[layer].splitlines(),
                        "golden", "actual", lineterm="", n=1,
                    )
                )
                what = "feature values differ (same fields and count)" if all(
                    w == g or w.startswith("sha256:")
                    for w, g in zip(want_layers[layer].splitlines(), got_layers[layer].splitlines())
                ) and want_layers[layer].count("\n") == got_layers[layer].count("\n") else "differs"
                problems.append(f"GeoPackage layer {layer!r}: {what}\n{diff}")

    if problems:
        pytest.fail(
            f"case {case!r} differs from {expected} (run scripts/update-golden.py only if the "
            "change is deliberate):\n" + "\n".join(problems),
            pytrace=False,
        )
