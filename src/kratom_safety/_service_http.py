"""HTTP-level rules of the service shared by its endpoints: limits, JSON bodies, errors.

Nothing here imports Starlette, so the rules can be tested (and reused) without the extra.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_MEDICATIONS",
    "HttpError",
    "parse_json_body",
]

#: Request bodies larger than this are refused with 413.
MAX_BODY_BYTES = 1_000_000
#: Lists longer than this are refused with 422 (the limit of ``check()``).
MAX_MEDICATIONS = 1000

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class HttpError(Exception):
    """An error answered as ``{"error": message}`` with an HTTP status; never a traceback."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        # one line, bounded: error messages may echo a bit of the input
        line = message.splitlines()[0] if message else "error"
        self.message = line if len(line) <= 300 else line[:300] + "\u2026"


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json_body(body: bytes) -> Any:
    """The JSON value of a request body, or HttpError(400) with one line saying why.

    The body must be UTF-8 (a leading BOM is accepted). ``NaN`` / ``Infinity``, nesting deep
    enough to exhaust the parser, and lone surrogate escapes (``"\\ud800"``, which no UTF-8
    response could echo) are refused. The size limit is enforced before this is called.
    """
    if not body.strip():
        raise HttpError(400, "the request body is empty: expected a JSON object")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the request body is not UTF-8 (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise HttpError(400, "malformed JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise HttpError(
            400, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:  # NaN / Infinity, integers too long to convert
        raise HttpError(400, f"malformed JSON: {exc}") from None
    if _SURROGATE_ESCAPE.search(body):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise HttpError(400, "malformed JSON: a \\u escape is a lone surrogate") from None
        except RecursionError:
            raise HttpError(400, "malformed JSON: nested too deeply") from None
    return value
