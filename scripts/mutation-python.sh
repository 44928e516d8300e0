#!/usr/bin/env bash
# mutmut on the pure-Python package (docs/testing.md, "The Python package: mutmut").
#   scripts/mutation-python.sh            mutate the default modules, run their unit tests
#   KK_MUTMUT_MODULES="stats.py _classify.py" KK_MUTMUT_TESTS="tests/python/test_stats.py" scripts/mutation-python.sh
#
# mutmut names a mutant after its file's path below src/ and checks that the tests import
# it under that name, so the package is staged in src/ layout in $KK_MUTATION_BUILD_DIR/mutmut
# (default build-mutation/mutmut): the installed package (its compiled _core and embedded
# datasets, from `pip install .`) with the repository's Python sources copied over it, and a
# copy of tests/python. mutmut then copies that into mutants/, mutates it there and runs the
# selected tests against each mutant; the repository is never touched. The build tree for the
# command line is $KK_BUILD_DIR (default build/). Writes report.txt (mutmut results) there
# and exits 1 when a mutant survived that tests/mutation/python-equivalent.txt does not excuse.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
PY="$REPO/.venv/bin/python"
STAGE="${KK_MUTATION_BUILD_DIR:-build-mutation}/mutmut"
MODULES="${KK_MUTMUT_MODULES:-stats.py _classify.py _publication.py}"
TESTS="${KK_MUTMUT_TESTS:-tests/python/test_stats.py tests/python/test_gi_star_general_weights.py tests/python/test_maps.py}"
EXCUSES="$REPO/tests/mutation/python-equivalent.txt"

installed="$("$PY" -c 'import kernkompas, os; print(os.path.dirname(kernkompas.__file__))')"
# The installed sources must be the repository's: an older `pip install` would test old code.
for module in "$REPO"/bindings/python/kernkompas/*.py; do
  cmp -s "$module" "$installed/$(basename "$module")" || {
    echo "mutation-python: $installed differs from bindings/python/kernkompas ($(basename "$module")):" \
         "reinstall with: .venv/bin/python -m pip install -C cmake.define.KK_DEMO_FAMILY=ON ." >&2
    exit 2
  }
done

rm -rf "$STAGE"
mkdir -p "$STAGE/src" "$STAGE/tests"
cp -r "$installed" "$STAGE/src/kernkompas"
find "$STAGE/src" -name __pycache__ -prune -exec rm -rf {} +
cp -r tests/python "$STAGE/tests/python"
find "$STAGE/tests" -name __pycache__ -prune -exec rm -rf {} +

toml_list() { printf '"%s", ' "$@" | sed 's/, $//'; }
only=()
for module in $MODULES; do only+=("src/kernkompas/$module"); done
read -r -a tests <<<"$TESTS"
cat >"$STAGE/pyproject.toml" <<TOML
[tool.mutmut]
source_paths = ["src/kernkompas"]
only_mutate = [$(toml_list "${only[@]}")]
pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-x"]
pytest_add_cli_args_test_selection = [$(toml_list "${tests[@]}")]

[tool.pytest.ini_options]
testpaths = ["tests/python"]
TOML

cd "$STAGE"
export KK_BUILD_DIR="${KK_BUILD_DIR:-$REPO/build}"
echo "mutation-python: mutating $MODULES; tests: $TESTS" >&2
nice -n 19 "$REPO/.venv/bin/mutmut" run --max-children "${KK_MUTMUT_CHILDREN:-2}" || true
"$REPO/.venv/bin/mutmut" results --all true >report.txt 2>&1 || "$REPO/.venv/bin/mutmut" results >report.txt 2>&1 || true

# Survivors not excused (one mutant name per line in the excuse list, '#' comments).
survivors="$(grep -E ': survived$' report.txt | sed 's/^ *//; s/: survived$//' || true)"
open=()
for name in $survivors; do
  grep -qxF "$name" <(sed 's/#.*//; s/[[:space:]]*$//' "$EXCUSES" 2>/dev/null) || open+=("$name")
done
python3 - "$PWD/report.txt" <<'PYEOF'
import collections, re, sys
counts = collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"\s*(\S+): (.+)$", line)
    if m and "__mutmut_" in m.group(1):
        counts[m.group(2)] += 1
total = sum(counts.values())
print("mutation-python:", ", ".join(f"{v} {k}" for k, v in sorted(counts.items())), f"(of {total})")
PYEOF
if ((${#open[@]})); then
  printf 'mutation-python: survived, not excused: %s\n' "${open[@]}" >&2
  exit 1
fi
