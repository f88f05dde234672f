"""Validation of arguments shared by several entry points."""

from __future__ import annotations

import os
from typing import get_args

from ._errors import InvalidInputError
from ._models import SubstanceId

__all__ = ["encoding_arg", "path_arg", "substance_arg"]

_SUBSTANCES: tuple[str, ...] = get_args(SubstanceId)


def substance_arg(value: object) -> str:
    """``value`` if it names a substance (``kratom``...); else InvalidInputError."""
    if not isinstance(value, str) or value not in _SUBSTANCES:
        raise InvalidInputError(f"substance must be one of {', '.join(_SUBSTANCES)}", value=value)
    return value


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
