"""One JSON list's items parsed one at a time (a large dataset's records), so that the whole
list never sits in memory beside what its reader builds from it."""

from __future__ import annotations

import json
from collections.abc import Iterator

__all__ = ["json_list_items"]

_JSON_SPACE = " \t\n\r"


def _skip(text: str, at: int) -> int:
    """The position of the first character at or after ``at`` that is not JSON whitespace."""
    while at < len(text) and text[at] in _JSON_SPACE:
        at += 1
    return at


def json_list_items(text: str, at: int) -> Iterator[object]:
    """The items of the JSON list whose first item starts at or after ``at`` (just after its
    "["), then a check that only the enclosing object's closing brace follows the list.
    Raises ValueError (``json.JSONDecodeError`` among them) on anything else."""
    decoder = json.JSONDecoder()
    at = _skip(text, at)
    try:
        while text[at] != "]":
            item, at = decoder.raw_decode(text, at)
            yield item
            at = _skip(text, at)
            if text[at] == ",":
                at = _skip(text, at + 1)
            elif text[at] != "]":
                raise ValueError(f"',' or ']' expected at {at}")
    except IndexError:
        raise ValueError("the list is not closed") from None
    if text[at + 1 :].strip() != "}":
        raise ValueError("the object does not end after the list")
