"""Where the tests find the built programs: the command line, the build tree and its helpers.

Standard library only (scripts/update-golden.py imports it through golden.py). The Python
package itself is the installed one (`pip install .`); the wheel holds no command line, so the
program comes from

  1. KK_CLI, when set (it must then name an executable: a wrong KK_CLI is an error, not a
     reason to fall back);
  2. the build tree: KK_BUILD_DIR, else build/ in the repository (scripts/build.sh);
  3. `kernkompas` on PATH (`cmake --install`).

The build tree comes first so a fresh build is tested rather than an older installed copy.
Nothing here skips: a caller that finds None fails its test, naming what to build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

BUILD_HINT = "build it with scripts/build.sh (or set KK_BUILD_DIR / KK_CLI)"


def build_dir() -> Path:
    """KK_BUILD_DIR, else build/ in the repository (whether or not it exists)."""
    env = os.environ.get("KK_BUILD_DIR")
    return Path(env) if env else REPO / "build"


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_cli() -> tuple[Path | None, str]:
    """The kernkompas program and where it was found, or (None, what was looked at)."""
    env = os.environ.get("KK_CLI")
    if env:
        path = Path(env)
        return (path, "KK_CLI") if _executable(path) else (None, f"KK_CLI={env} is not an executable")
    built = build_dir() / "bindings" / "cli" / "kernkompas"
    if _executable(built):
        return built, "the build tree"
    on_path = shutil.which("kernkompas")
    if on_path:
        return Path(on_path), "PATH"
    return None, f"no program at {built} nor `kernkompas` on PATH"


def build_tree_file(*parts: str) -> Path | None:
    """A file of the build tree (e.g. tests/engine/kk_gi_star_cli), or None when absent."""
    path = build_dir().joinpath(*parts)
    return path if path.is_file() else None
