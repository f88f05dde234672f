"""Reading a medication-list export: CSV or JSON Lines, one row per (patient, medication).

Every refusal names the file and, where known, the line: undecodable bytes, NUL bytes, a
missing or duplicate column, a duplicate JSON key, a cell holding a line break (an unbalanced
quote), a malformed row or JSON line, a blank patient id, an empty file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from collections.abc import Generator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from .._errors import InvalidInputError
from .._text import MAX_INPUT_LENGTH
from ._results import Progress

__all__ = ["Format", "Row", "Source", "clean_med", "format_of", "input_stat"]

Format = Literal["csv", "jsonl"]
#: One data row: (line number or position, patient id, stripped medication or "").
Row = tuple[int, str, str]

_EXTENSIONS: dict[str, Format] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_PROGRESS_EVERY = 1024  # rows between progress updates (a power of two)


def clean_med(text: str) -> str:
    """Stripped; a string the library would refuse anyway is cut just past the limit, so
    memory stays bounded whatever the input (it is still refused, and echoed truncated)."""
    text = text.strip()
    return text if len(text) <= MAX_INPUT_LENGTH else text[: MAX_INPUT_LENGTH + 1]


@dataclass(slots=True)
class Source:
    """An input file; :meth:`rows` reads it (again) from the start."""

    path: Path
    fmt: Format
    patient_column: str
    medication_column: str
    encoding: str
    size: int = 0
    rows_read: int = field(default=0, init=False)
    """Data rows of the last complete :meth:`rows` pass."""
    blank: int = field(default=0, init=False)
    """Rows with a blank medication cell, in the last complete pass."""

    def error(self, message: str, line: int | None = None) -> InvalidInputError:
        where = f", line {line}" if line is not None else ""
        return InvalidInputError(f"{self.path}{where}: {message}", value=str(self.path))

    def rows(self, progress: Progress, label: str) -> Generator[Row, None, None]:
        """Every data row, counted, with progress reported under ``label``."""
        n = blank = 0
        with ExitStack() as stack:
            try:
                fh = stack.enter_context(
                    open(self.path, encoding=self.encoding, errors="surrogateescape", newline="")
                )
            except LookupError:
                raise self.error(f"unknown encoding {self.encoding!r}") from None
            except OSError as exc:
                raise self.error(f"cannot read file ({exc.strerror or exc})") from None
            lines = self._checked_lines(fh)
            rows = self._csv_rows(lines) if self.fmt == "csv" else self._jsonl_rows(lines)
            for row in rows:
                n += 1
                if not row[2]:
                    blank += 1
                if not n % _PROGRESS_EVERY:
                    progress.update(n, label)
                yield row
        self.rows_read, self.blank = n, blank
        progress.update(n, label, force=True)

    def _checked_lines(self, fh: TextIO) -> Iterator[str]:
        """The lines of ``fh``, refusing NUL characters and undecodable bytes."""
        for line_no, line in enumerate(fh, 1):
            if not line.isascii():
                if _SURROGATE.search(line):
                    raise self.error(
                        f"undecodable bytes: not valid {self.encoding} text "
                        "(another encoding, or a binary file such as a spreadsheet?)",
                        line_no,
                    )
            elif "\x00" in line:
                raise self.error("NUL bytes: a binary file, not text", line_no)
            yield line

    def _csv_rows(self, lines: Iterator[str]) -> Iterator[Row]:
        reader = csv.reader(lines, strict=True)
        try:
            header: list[str] | None = None
            for row in reader:
                if row and any(row):
                    header = row
                    break
            if header is None:
                raise self.error("empty file (no header row)")
            header[0] = header[0].lstrip("\ufeff")
            width = len(header)
            names: dict[str, str] = {}
            for name in header:
                key = name.strip().casefold()
                if key and key in names:
                    raise self.error(
                        f"duplicate column {name!r} in the header (also {names[key]!r}); "
                        "refusing to guess which one to read",
                        reader.line_num,
                    )
                names[key] = name
            try:
                pcol = header.index(self.patient_column)
                mcol = header.index(self.medication_column)
            except ValueError:
                missing = [
                    c for c in (self.patient_column, self.medication_column) if c not in header
                ]
                raise self.error(
                    f"missing column {', '.join(repr(c) for c in missing)}; columns found: "
                    + ", ".join(repr(c) for c in header),
                    reader.line_num,
                ) from None
            n = 0
            start = reader.line_num + 1
            for row in reader:
                first, start = start, reader.line_num + 1
                if len(row) != width:
                    if not row:
                        continue  # blank line
                    raise self.error(
                        f"malformed row: {len(row)} field{'s' if len(row) != 1 else ''}, "
                        f"the header has {width}",
                        reader.line_num,
                    )
                pid, med = row[pcol], row[mcol]
                if "\n" in pid or "\r" in pid or "\n" in med or "\r" in med:
                    col = (
                        self.patient_column
                        if "\n" in pid or "\r" in pid
                        else self.medication_column
                    )
                    raise self.error(
                        f"the {col!r} cell holds a line break (a quote that spans lines "
                        f"{first}-{reader.line_num}?); refusing to read on",
                        first,
                    )
                if not pid.strip():
                    raise self.error("blank patient id", reader.line_num)
                n += 1
                yield reader.line_num, pid, clean_med(med)
            if n == 0:
                raise self.error("empty file (a header but no data rows)")
        except csv.Error as exc:
            raise self.error(f"malformed CSV ({exc})", max(reader.line_num, 1)) from None

    def _jsonl_rows(self, lines: Iterator[str]) -> Iterator[Row]:
        n = 0
        for line_no, line in enumerate(lines, 1):
            if line_no == 1:
                line = line.lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                obj = json.loads(line, object_pairs_hook=_unique_keys)
            except json.JSONDecodeError as exc:
                raise self.error(
                    f"malformed JSON ({exc.msg} at column {exc.pos + 1})", line_no
                ) from None
            except _DuplicateKey as exc:
                raise self.error(
                    f"duplicate key {exc.args[0]!r} in one object; refusing to guess which "
                    "value to read",
                    line_no,
                ) from None
            except RecursionError:
                raise self.error("malformed JSON (nested too deeply)", line_no) from None
            except ValueError as exc:  # e.g. an integer with thousands of digits
                raise self.error(f"malformed JSON ({str(exc)[:80]})", line_no) from None
            if not isinstance(obj, dict):
                raise self.error(f"expected a JSON object, got {type(obj).__name__}", line_no)
            try:
                pid = obj[self.patient_column]
                med = obj[self.medication_column]
            except KeyError as exc:
                raise self.error(
                    f"missing column {exc.args[0]!r}; columns found: "
                    + ", ".join(repr(k) for k in obj),
                    line_no,
                ) from None
            if isinstance(pid, int) and not isinstance(pid, bool):
                pid = str(pid)
            if not isinstance(pid, str) or not pid.strip():
                raise self.error(
                    f"{self.patient_column!r} must be a non-blank string or integer", line_no
                )
            if med is None:
                med = ""
            if not isinstance(med, str):
                raise self.error(
                    f"{self.medication_column!r} must be a string or null, "
                    f"got {type(med).__name__}",
                    line_no,
                )
            for value in (pid, med):
                if not value.isascii() and _SURROGATE.search(value):
                    raise self.error("invalid Unicode (lone surrogate escape)", line_no)
            n += 1
            yield line_no, pid, clean_med(med)
        if n == 0:
            raise self.error("empty file (no JSON objects)")


class _DuplicateKey(Exception):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def format_of(path: Path, given: str | None, what: str) -> Format:
    """The format named by ``given``, else by the extension of ``path``."""
    if given is not None:
        if given not in ("csv", "jsonl"):
            raise InvalidInputError(
                f"{what} (--{what.replace('_', '-')}) must be 'csv' or 'jsonl'", value=given
            )
        return "csv" if given == "csv" else "jsonl"
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInputError(
            f"{path}: cannot tell the format from the extension {path.suffix!r}; "
            f"use .csv, .jsonl or .ndjson, or pass {what} (--{what.replace('_', '-')} on "
            "the command line)",
            value=str(path),
        )
    return fmt


def input_stat(path: Path, label: str | None) -> os.stat_result:
    """The stat of a non-empty regular input file (``label`` names it in errors)."""
    name = label or str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InvalidInputError(f"{name}: file not found", value=name) from None
    except OSError as exc:
        raise InvalidInputError(
            f"{name}: cannot read file ({exc.strerror or exc})", value=name
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInputError(f"{name}: not a regular file", value=name)
    if st.st_size == 0:
        raise InvalidInputError(f"{name}: empty file", value=name)
    return st
