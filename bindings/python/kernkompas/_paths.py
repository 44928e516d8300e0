"""Where the package finds its data files: the embedded Wijdemeren data and the C API library."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_config_path", "capi_library_path", "capi_header_path"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_config_path():
    """Path of the embedded Wijdemeren configuration ``kernkompas.toml``.

    Looks in ``$KERNKOMPAS_DATA/wijdemeren`` when that variable is set, then in the copy
    installed with the package (``kernkompas/datasets/wijdemeren``), then where the C++
    library looks (its install prefix and the source tree).

    Returns
    -------
    pathlib.Path
        The configuration file.

    Raises
    ------
    InputError
        When no copy of the data is found (the message lists the places tried).
    """
    if os.environ.get("KERNKOMPAS_DATA"):
        candidate = Path(os.environ["KERNKOMPAS_DATA"]) / "wijdemeren" / "kernkompas.toml"
        if candidate.is_file():
            return candidate
    packaged = _PACKAGE_DIR / "datasets" / "wijdemeren" / "kernkompas.toml"
    if packaged.is_file():
        return packaged
    from . import _core

    return Path(_core.default_config_path())


def capi_library_path():
    """Path of the C API shared library (``libkernkompas.so.0``) for ctypes or cffi users.

    Looks at ``$KK_CAPI_LIB``, then the copy installed with the package
    (``kernkompas/capi``), then a CMake build tree the package was built in. The library is self-contained: it does not need the Python
    package, which only carries it.

    Returns
    -------
    pathlib.Path or None
        The library, or ``None`` when neither exists (the wheel was built without the C
        API).
    """
    if os.environ.get("KK_CAPI_LIB"):
        candidate = Path(os.environ["KK_CAPI_LIB"])
        if candidate.is_file():
            return candidate
    for candidate in (_PACKAGE_DIR / "capi" / "libkernkompas.so.0",
                      # a developer build: <build>/bindings/python/kernkompas -> <build>/bindings/c
                      _PACKAGE_DIR.parent.parent / "c" / "libkernkompas.so.0"):
        if candidate.is_file():
            return candidate
    return None


def capi_header_path():
    """Path of ``kernkompas.h`` installed next to the C API library, or ``None``."""
    packaged = _PACKAGE_DIR / "capi" / "kernkompas.h"
    return packaged if packaged.is_file() else None
