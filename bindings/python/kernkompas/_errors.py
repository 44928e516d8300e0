"""Exceptions raised by kernkompas, mirroring the engine's ``kk::Error`` hierarchy.

The compiled module translates ``kk::InputError`` to :class:`InputError`,
``kk::Cancelled`` to :class:`Cancelled` and any other ``kk::Error`` to
:class:`KernkompasError`. Every exception carries the engine's error code, the same number
the C API returns.
"""

from __future__ import annotations

import enum

__all__ = ["ErrorCode", "KernkompasError", "InputError", "ArgumentError", "Cancelled"]


class ErrorCode(enum.IntEnum):
    """Error codes shared by the engine, the C API and Python.

    Grouped by range: 1xx argument, 2xx data/IO, 3xx geometry, 4xx CRS, 9xx internal.
    """

    OK = 0
    INVALID_ARGUMENT = 100
    API_MISUSE = 101
    CANCELLED = 102
    IO = 200
    UNKNOWN_FORMAT = 201
    MISSING_FIELD = 202
    BAD_VALUE = 203
    DUPLICATE_ID = 204
    EMPTY_LAYER = 205
    WRONG_GEOMETRY_TYPE = 206
    CONFIG = 207
    INVALID_GEOMETRY = 300
    EMPTY_GEOMETRY = 301
    CRS_MISSING = 400
    CRS_IMPLAUSIBLE = 401
    CRS_TRANSFORM = 402
    INTERNAL = 900


def _as_code(code):
    try:
        return ErrorCode(code)
    except ValueError:
        return int(code)


class KernkompasError(Exception):
    """Base class of every error kernkompas raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong; for input errors it names the file (or layer), the record and
        the problem.
    code : int, optional
        The engine's error code, default :attr:`ErrorCode.INTERNAL`.

    Attributes
    ----------
    code : ErrorCode
        The error code (an ``int`` subclass, equal to the C API's ``kk_status``).
    message : str
        The message, also ``str(error)``.
    """

    default_code = ErrorCode.INTERNAL

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = str(message)
        self.code = _as_code(self.default_code if code is None else code)

    def __reduce__(self):
        return (type(self), (self.message, int(self.code)))


class InputError(KernkompasError, ValueError):
    """Bad input data or configuration.

    The message names the file (or the in-memory layer), the record and the problem, e.g.
    ``locations file '.../locations.csv', record 12 (id 'WDM000012'): id already used by
    record 3``. Also a :class:`ValueError`.
    """

    default_code = ErrorCode.BAD_VALUE


class ArgumentError(KernkompasError, ValueError):
    """An argument out of range, e.g. a vacancy option the engine rejects.

    Raised for the engine's :attr:`ErrorCode.INVALID_ARGUMENT`; also a :class:`ValueError`.
    """

    default_code = ErrorCode.INVALID_ARGUMENT


class Cancelled(KernkompasError):
    """The progress callback asked to stop (returned ``False``)."""

    default_code = ErrorCode.CANCELLED

    def __init__(self, message="cancelled by the caller", code=None):
        super().__init__(message, code)
