"""Argument checks shared by the functions on plain arrays (stats and its modules): one
message per problem, raised as :class:`kernkompas.ArgumentError`."""

from __future__ import annotations

import math
import operator

from ._errors import ArgumentError

UINT32_MAX = 2**32 - 1
UINT64_MAX = 2**64 - 1


def int_in_range(value, name, low, high):
    """``value`` as an int in [low, high]: anything with ``__index__``; a float is refused."""
    try:
        number = operator.index(value)
    except TypeError:
        raise ArgumentError(f"{name} must be an integer, got {value!r}") from None
    if not low <= number <= high:
        raise ArgumentError(f"{name} must lie in [{low}, {high}], got {number}")
    return number


def positive_number(value, name):
    """``value`` as a finite float > 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ArgumentError(f"{name} must be a number, got {value!r}") from None
    if not (number > 0 and math.isfinite(number)):
        raise ArgumentError(f"{name} must be a positive number, got {value!r}")
    return number
