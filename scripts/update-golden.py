#!/usr/bin/env python3
"""Regenerate tests/data/golden from a kernkompas command-line program.

Run this after a deliberate change of outputs, review `git diff tests/data/golden`, and say in
the commit message that (and why) the golden outputs changed:

    python3 scripts/update-golden.py [--cli build/bindings/cli/kernkompas] [--case NAME ...]

Each case (tests/python/golden.py, CASES) runs from the repository root into a scratch
directory; its CSVs are copied byte for byte to tests/data/golden/<case>/ and the digest of
kernkompas.gpkg is written to gpkg_digest.txt. --check compares instead of writing (exit 1 on a
difference). Only the standard library is needed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "python"))

import golden  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", type=Path, default=golden.DEFAULT_CLI,
                        help=f"the kernkompas program (default {golden.DEFAULT_CLI.relative_to(REPO)})")
    parser.add_argument("--case", action="append", choices=sorted(golden.CASES),
                        help="only this case (repeatable; default all)")
    parser.add_argument("--check", action="store_true",
                        help="compare with tests/data/golden instead of writing")
    args = parser.parse_args()

    cli = args.cli.resolve()
    if not cli.is_file():
        parser.error(f"no program at {cli}")
    cases = args.case or sorted(golden.CASES)
    differs = []
    with tempfile.TemporaryDirectory(prefix="kk-golden-") as tmp:
        for case in cases:
            out = Path(tmp) / case
            golden.run_case(cli, case, out)
            if args.check:
                ref = golden.GOLDEN / case
                same = golden.csv_files(ref) == golden.csv_files(out) and all(
                    (ref / n).read_bytes() == (out / n).read_bytes() for n in golden.csv_files(out)
                ) and (ref / golden.DIGEST).is_file() and (
                    (ref / golden.DIGEST).read_text(encoding="utf-8")
                    == golden.gpkg_digest(out / golden.GPKG)
                )
                print(f"{case}: {'same' if same else 'DIFFERS'}")
                if not same:
                    differs.append(case)
            else:
                golden.write_golden(out, golden.GOLDEN / case)
                print(f"{case}: wrote {(golden.GOLDEN / case).relative_to(REPO)}/ "
                      f"({len(golden.csv_files(out))} CSV files, {golden.DIGEST})")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
