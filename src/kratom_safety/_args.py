"""Checks of the arguments of the public functions: one place, one message per kind of mistake.

Each function returns the value (narrowed) or raises :class:`InvalidInputError`; none guesses.
The names are public within the package so that any module may import them.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import TypeVar, get_args

from ._errors import InvalidInputError
from ._models import SubstanceId

__all__ = [
    "SUBSTANCES",
    "bool_arg",
    "choice_arg",
    "date_arg",
    "encoding_arg",
    "instance_arg",
    "number_arg",
    "optional_bool_arg",
    "optional_instance_arg",
    "optional_str_arg",
    "path_arg",
    "substance_arg",
]

#: The kratom substances, in the order of ``SubstanceId``.
SUBSTANCES: tuple[SubstanceId, ...] = get_args(SubstanceId)

_T = TypeVar("_T")
_S = TypeVar("_S", bound=str)


def substance_arg(value: object) -> SubstanceId:
    """``value`` if it names a kratom substance (``SubstanceId``)."""
    if isinstance(value, str):
        for s in SUBSTANCES:
            if value == s:
                return s
    raise InvalidInputError(f"substance must be one of {', '.join(SUBSTANCES)}", value=value)


def choice_arg(name: str, value: object, choices: Sequence[_S], message: str | None = None) -> _S:
    """``value`` if it is one of ``choices`` (strings); ``message`` overrides the default one."""
    if isinstance(value, str):
        for c in choices:
            if value == c:
                return c
    raise InvalidInputError(message or f"{name} must be one of {', '.join(choices)}", value=value)


def optional_str_arg(name: str, value: object) -> str | None:
    """``value`` if it is a string or None."""
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"{name} must be a string", value=value)
    return value


def bool_arg(name: str, value: object) -> bool:
    """``value`` if it is True or False (not a truthy stand-in)."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{name} must be True or False", value=value)
    return value


def optional_bool_arg(name: str, value: object) -> bool | None:
    """``value`` if it is True, False or None."""
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(f"{name} must be True, False or None", value=value)
    return value


def number_arg(name: str, value: object, *, upper: float) -> float | None:
    """``value`` as a float if it is a number from 0 to ``upper`` (not a bool, not NaN), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InvalidInputError(f"{name} must be a number", value=value)
    if not 0 <= value <= upper:
        raise InvalidInputError(f"{name} must be between 0 and {upper:g}", value=value)
    return float(value)


def date_arg(name: str, value: object) -> _dt.date:
    """``value`` if it is a ``datetime.date`` (not a datetime); today for None."""
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise InvalidInputError(f"{name} must be a datetime.date (or None for today)", value=value)
    return value


def instance_arg(value: object, cls: type[_T], message: str) -> _T:
    """``value`` if it is an instance of ``cls``."""
    if not isinstance(value, cls):
        raise InvalidInputError(message, value=value)
    return value


def optional_instance_arg(value: object, cls: type[_T], message: str) -> _T | None:
    """``value`` if it is an instance of ``cls`` or None."""
    return None if value is None else instance_arg(value, cls, message)


def path_arg(name: str, value: object, *, optional: bool = False) -> str | None:
    """``value`` as a file-system path string (``str`` or ``os.PathLike``); ``None`` allowed
    only when ``optional``; else InvalidInputError."""
    if value is None and optional:
        return None
    path = os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
    if not isinstance(path, str) or not path or "\x00" in path or not _encodable(path):
        raise InvalidInputError(f"{name} must be a path (a non-empty string)", value=value)
    return path


def encoding_arg(value: object) -> str:
    """``value`` if it can name a text encoding (an ASCII string; whether Python knows it is
    for the caller to find out where it can say which file it was for); else
    InvalidInputError."""
    if isinstance(value, str) and value and value.isascii() and "\x00" not in value:
        return value
    raise InvalidInputError("encoding must name a text encoding (e.g. 'utf-8')", value=value)


def _encodable(path: str) -> bool:
    try:
        os.fsencode(path)
    except UnicodeError:
        return False
    return True
