"""Validation of arguments shared by several entry points."""

from __future__ import annotations

from typing import get_args

from ._errors import InvalidInputError
from ._models import SubstanceId

__all__ = ["substance_arg"]

_SUBSTANCES: tuple[str, ...] = get_args(SubstanceId)


def substance_arg(value: object) -> str:
    """``value`` if it names a substance (``kratom``...); else InvalidInputError."""
    if not isinstance(value, str) or value not in _SUBSTANCES:
        raise InvalidInputError(f"substance must be one of {', '.join(_SUBSTANCES)}", value=value)
    return value
