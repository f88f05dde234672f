"""One error hierarchy; each error also inherits the matching builtin."""

from __future__ import annotations

from typing import Any

__all__ = ["DataIntegrityError", "InvalidInputError", "KratomSafetyError"]


class KratomSafetyError(Exception):
    """Base class of every error raised by kratom_safety."""


class InvalidInputError(KratomSafetyError, ValueError):
    """The caller passed something that is not a usable medication string or option.

    ``value`` holds the offending input (truncated to 200 characters when it is a long
    string); ``index`` is its position when it came from a list.
    """

    def __init__(self, message: str, *, value: Any = None, index: int | None = None) -> None:
        if isinstance(value, str) and len(value) > 200:
            value = value[:200] + "..."
        self.value = value
        self.index = index
        where = f" (item {index})" if index is not None else ""
        super().__init__(f"{message}{where}")


class DataIntegrityError(KratomSafetyError, RuntimeError):
    """A shipped data file is missing, malformed, or inconsistent.

    ``file`` names the data file and ``record`` the record id (when one is known).
    """

    def __init__(self, message: str, *, file: str, record: str | None = None) -> None:
        self.file = file
        self.record = record
        where = f"{file}" + (f", record {record!r}" if record else "")
        super().__init__(f"{where}: {message}")
