"""Batch screening: many patients' medication lists from a CSV or JSON Lines file.

Two entry points:

- :func:`screen_rows` is a pure function over ``(patient_id, medication)`` pairs that are
  grouped contiguously by patient; it yields one :class:`PatientResult` per patient.
- :func:`screen_file` streams a file, screens every patient and writes one output file
  (CSV: one row per patient and finding; JSON Lines: one object per patient), atomically.

Output order: patients appear in the order of their first row in the input, whatever path
the screening took (grouped stream or hash partitions), so the same input always gives the
same output, and a grouped and a shuffled copy of the same rows give the same output.

Memory stays bounded whatever the row order. The first pass streams the input and screens
each patient's group as it ends. Reappearance of a patient id is detected with a fixed-size
Bloom filter; on the first (possible) reappearance the pass is abandoned and the rows are
hash-partitioned (BLAKE2b of the patient id) into temporary files, each partition is grouped in
memory, and the per-partition results are merged back into first-appearance order. A Bloom
false positive only costs time: both paths give identical output.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import heapq
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, TextIO

from ._args import substance_arg as _substance_arg
from ._check import Report, check, check_lenient, echo
from ._errors import InvalidInputError
from ._text import MAX_INPUT_LENGTH
from ._version import DATA_VERSION, __version__

__all__ = [
    "CSV_COLUMNS",
    "NO_FINDING_SUMMARY",
    "PatientResult",
    "ScreenSummary",
    "format_summary",
    "screen_file",
    "screen_rows",
]

Format = Literal["csv", "jsonl"]

#: Columns of the CSV output, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "patient_id",
    "interaction_id",
    "ingredient",
    "action",
    "severity",
    "evidence",
    "summary",
    "inputs",
    "coverage",
    "unrecognized",
    "ambiguous",
    "partially_recognized",
    "negated",
    "excluded",
    "data_version",
)
#: The ``summary`` cell of the single CSV row written for a patient without a finding.
NO_FINDING_SUMMARY = "No interaction recorded in this data version (not evidence of safety)"

_FINDING_KEYS = ("interaction_id", "ingredient", "action", "severity", "evidence", "summary")
_MAX_MEDS = 1000  # the limit of check()
_SEVERITIES = ("major", "moderate", "minor")
_TOP_UNRECOGNIZED = 50
_MAX_DISTINCT_UNRECOGNIZED = 100_000
_PROGRESS_INTERVAL = 0.1
#: The ``summary`` cell of the row written for a patient who could not be screened.
NOT_SCREENED = "NOT SCREENED"
_EXTENSIONS: dict[str, Format] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SURROGATE = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PatientResult:
    """The screening result for one patient."""

    patient_id: str
    report: Report
    """For a patient who could not be screened (``error`` set): an empty report, coverage
    ``"none"``, whose statement says why."""
    error: str | None = None
    """Why the patient was not screened (e.g. more than 1000 distinct medications)."""


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    """Counts over a whole screened file (returned by :func:`screen_file`)."""

    rows_read: int
    """Data rows read (header and blank lines excluded; blank medication cells included)."""
    patients_screened: int
    patients_with_findings: int
    patients_by_highest_severity: dict[str, int]
    """Patients with at least one finding, by the most severe one: major, moderate, minor."""
    patients_with_partial_coverage: int
    blank_medications: int
    """Rows whose medication cell was blank (skipped; the patient is still screened)."""
    unrecognized_ranked: tuple[tuple[str, int], ...]
    """The most frequent unrecognised medication strings (top 50), by count then string."""
    data_version: str
    package_version: str
    unrecognized_ranking_exact: bool = True
    """False when more than 100,000 distinct unrecognised strings were seen: counts were then
    kept for the most frequent ones only and the ranking is approximate."""
    input_grouped: bool = True
    """False when the input was not grouped by patient and was screened by hash partitions."""
    patients_with_no_coverage: int = 0
    """Patients for whom nothing was checked (coverage ``"none"``), errors excluded."""
    patients_with_errors: int = 0
    """Patients not screened (over the item limit): each has its own error row."""
    ambiguous_inputs: int = 0
    partially_recognized_inputs: int = 0
    negated_inputs: int = 0
    excluded_inputs: int = 0
    """Entries (over all patients) that were ambiguous, partly recognised, read as not taken,
    or refused (too long): none of them was fully checked."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "rows_read": self.rows_read,
            "patients_screened": self.patients_screened,
            "patients_with_findings": self.patients_with_findings,
            "patients_by_highest_severity": dict(self.patients_by_highest_severity),
            "patients_with_partial_coverage": self.patients_with_partial_coverage,
            "blank_medications": self.blank_medications,
            "unrecognized_ranked": [
                {"medication": text, "count": n} for text, n in self.unrecognized_ranked
            ],
            "unrecognized_ranking_exact": self.unrecognized_ranking_exact,
            "input_grouped": self.input_grouped,
            "patients_with_no_coverage": self.patients_with_no_coverage,
            "patients_with_errors": self.patients_with_errors,
            "ambiguous_inputs": self.ambiguous_inputs,
            "partially_recognized_inputs": self.partially_recognized_inputs,
            "negated_inputs": self.negated_inputs,
            "excluded_inputs": self.excluded_inputs,
            "data_version": self.data_version,
            "package_version": self.package_version,
        }


def format_summary(summary: ScreenSummary) -> str:
    """A human-readable form of a :class:`ScreenSummary` (for the command line)."""
    s = summary
    sev = s.patients_by_highest_severity
    pairs = [
        ("Rows read", f"{s.rows_read:,}"),
        ("Patients screened", f"{s.patients_screened:,}"),
        (
            "Patients with findings",
            f"{s.patients_with_findings:,} (by highest severity: major {sev.get('major', 0):,},"
            f" moderate {sev.get('moderate', 0):,}, minor {sev.get('minor', 0):,})",
        ),
        ("Patients with partial coverage", f"{s.patients_with_partial_coverage:,}"),
        ("Patients with nothing checked", f"{s.patients_with_no_coverage:,}"),
        ("Patients NOT SCREENED (errors)", f"{s.patients_with_errors:,}"),
        ("Blank medication cells skipped", f"{s.blank_medications:,}"),
        ("Ambiguous entries (not checked)", f"{s.ambiguous_inputs:,}"),
        ("Partly recognised entries", f"{s.partially_recognized_inputs:,}"),
        ("Negated/stopped entries", f"{s.negated_inputs:,}"),
        ("Refused entries (too long)", f"{s.excluded_inputs:,}"),
    ]
    width = max(len(label) for label, _ in pairs) + 2
    lines = [f"kratom-safety {s.package_version} (data {s.data_version}) batch screening"]
    lines += [f"{label + ':':<{width}}{value}" for label, value in pairs]
    if not s.input_grouped:
        lines.append("Input was not grouped by patient; it was screened in hash partitions.")
    if s.unrecognized_ranked:
        note = "" if s.unrecognized_ranking_exact else " (approximate counts)"
        lines.append(f"Most frequent unrecognised medications{note}:")
        width = max(len(f"{n:,}") for _, n in s.unrecognized_ranked)
        for text, n in s.unrecognized_ranked:
            shown = text if len(text) <= 80 else text[:77] + "..."
            lines.append(f"  {n:>{width},}  {shown!r}")
    else:
        lines.append("Unrecognised medications: none")
    lines.append(
        "A patient without a finding has no interaction recorded in this data version; "
        "that is not evidence of safety."
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- screening


@lru_cache(maxsize=4096)
def _report_for(meds: tuple[str, ...], substance: str) -> Report:
    """check() on one list; strings the library refuses (too long) are reported as
    ``excluded``, echoed truncated, instead of failing the patient.

    Cached: identical lists (same strings, same order) are checked once; Report is immutable.
    """
    return check_lenient(meds, substance)


def _error_result(patient_id: str, substance: str) -> PatientResult:
    message = (
        f"not screened: more than {_MAX_MEDS} distinct medications "
        "(the limit of one list; identical strings counted once)"
    )
    report = check((), substance=substance).model_copy(update={"statement": f"Patient {message}."})
    return PatientResult(patient_id, report, message)


class _Meds:
    """One patient's medication strings, bounded: over the limit, identical strings count
    once; still over it, the patient is marked ``over`` and the strings are dropped."""

    __slots__ = ("items", "over", "seen")

    def __init__(self) -> None:
        self.items: list[str] = []
        self.seen: set[str] | None = None
        self.over = False

    def add(self, med: str) -> None:
        if self.over:
            return
        if self.seen is None:
            if len(self.items) < _MAX_MEDS:
                self.items.append(med)
                return
            self.items = list(dict.fromkeys(self.items))
            self.seen = set(self.items)
        if med in self.seen:
            return
        if len(self.items) >= _MAX_MEDS:
            self.over, self.items, self.seen = True, [], None
            return
        self.items.append(med)
        self.seen.add(med)

    def result(self, patient_id: str, substance: str) -> PatientResult:
        if self.over:
            return _error_result(patient_id, substance)
        return PatientResult(patient_id, _report_for(tuple(self.items), substance))


def _clean_med(text: str) -> str:
    """Stripped; a string the library would refuse anyway is cut just past the limit, so
    memory stays bounded whatever the input (it is still refused, and echoed truncated)."""
    text = text.strip()
    return text if len(text) <= MAX_INPUT_LENGTH else text[: MAX_INPUT_LENGTH + 1]


def screen_rows(
    rows: Iterable[tuple[str, str]], *, substance: str = "kratom"
) -> Iterator[PatientResult]:
    """Screen ``(patient_id, medication)`` pairs grouped contiguously by patient.

    Yields one :class:`PatientResult` per patient, in input order. Medication strings are
    stripped; blank ones are skipped (a patient whose cells are all blank is still screened,
    with an empty list, and gets coverage ``"none"``). A string the library refuses (longer
    than its limit) is reported as ``excluded``. Pure: the result for a patient depends only
    on that patient's rows, so any partition of the rows by patient can be screened
    separately and the results combined.

    A patient with more than 1000 medications is deduplicated (identical strings count
    once); if still over the limit, the patient gets a result with ``error`` set and an
    empty report of coverage ``"none"``, and screening continues.

    Raises InvalidInputError when ``rows`` is not an iterable of ``(patient_id, medication)``
    pairs of strings, when a patient id reappears after its group ended (naming it), or for
    an unknown ``substance``. The ids of finished patients are kept to detect reappearance
    (memory grows with the number of patients; :func:`screen_file` uses a bounded structure
    instead).
    """
    _substance_arg(substance)  # validate the substance before consuming anything
    given: object = rows
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInputError("rows must be an iterable of (patient_id, medication) pairs")
    seen: set[str] = set()
    current: str | None = None
    meds = _Meds()
    for n, row in enumerate(rows):
        if (
            not isinstance(row, (tuple, list))
            or len(row) != 2
            or not isinstance(row[0], str)
            or not isinstance(row[1], str)
        ):
            raise InvalidInputError(
                "rows must be (patient_id, medication) pairs of strings",
                value=echo(repr(row)),
                index=n,
            )
        patient_id, medication = row
        if patient_id != current:
            if current is not None:
                yield meds.result(current, substance)
                seen.add(current)
            if patient_id in seen:
                raise InvalidInputError(
                    f"patient {echo(patient_id)!r} reappears after its rows ended; "
                    "rows must be grouped by patient",
                    value=patient_id,
                )
            current, meds = patient_id, _Meds()
        med = _clean_med(medication)
        if med:
            meds.add(med)
    if current is not None:
        yield meds.result(current, substance)


# --------------------------------------------------------------------------- statistics


class _Stats:
    """Mutable counters behind a ScreenSummary."""

    def __init__(self) -> None:
        self.rows = 0
        self.blank = 0
        self.patients = 0
        self.with_findings = 0
        self.by_severity = dict.fromkeys(_SEVERITIES, 0)
        self.partial = 0
        self.unrecognized: Counter[str] = Counter()
        self.unrecognized_exact = True
        self.none = 0
        self.errors = 0
        self.inputs = dict.fromkeys(("ambiguous", "partial", "negated", "excluded"), 0)

    def add(self, result: PatientResult) -> None:
        self.patients += 1
        if result.error is not None:
            self.errors += 1
            return
        report = result.report
        for r in report.inputs:
            if r.status in self.inputs:
                self.inputs[r.status] += 1
        if report.coverage == "none":
            self.none += 1
        if report.findings:
            self.with_findings += 1
            worst = min(_SEVERITIES.index(f.severity) for f in report.findings)
            self.by_severity[_SEVERITIES[worst]] += 1
        if report.coverage == "partial":
            self.partial += 1
        if report.unrecognized:
            self.unrecognized.update(report.unrecognized)
            if len(self.unrecognized) > _MAX_DISTINCT_UNRECOGNIZED:
                # keep memory bounded: drop the rarer half (the ranking becomes approximate)
                keep = self.unrecognized.most_common(_MAX_DISTINCT_UNRECOGNIZED // 2)
                self.unrecognized = Counter(dict(keep))
                self.unrecognized_exact = False

    def summary(self, *, grouped: bool) -> ScreenSummary:
        ranked = sorted(self.unrecognized.items(), key=lambda kv: (-kv[1], kv[0]))
        return ScreenSummary(
            rows_read=self.rows,
            patients_screened=self.patients,
            patients_with_findings=self.with_findings,
            patients_by_highest_severity=dict(self.by_severity),
            patients_with_partial_coverage=self.partial,
            blank_medications=self.blank,
            unrecognized_ranked=tuple(ranked[:_TOP_UNRECOGNIZED]),
            data_version=DATA_VERSION,
            package_version=__version__,
            unrecognized_ranking_exact=self.unrecognized_exact,
            input_grouped=grouped,
            patients_with_no_coverage=self.none,
            patients_with_errors=self.errors,
            ambiguous_inputs=self.inputs["ambiguous"],
            partially_recognized_inputs=self.inputs["partial"],
            negated_inputs=self.inputs["negated"],
            excluded_inputs=self.inputs["excluded"],
        )


class _Progress:
    """A progress line on stderr, redrawn at most ten times a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, rows: int, label: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < _PROGRESS_INTERVAL:
            return
        self.last = now
        rate = rows / max(now - self.start, 1e-9)
        sys.stderr.write(f"\r{label}: {rows:,} rows, {rate:,.0f} rows/s   ")
        sys.stderr.flush()
        self.drawn = True

    def note(self, text: str) -> None:
        if self.enabled:
            self.finish()
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


# --------------------------------------------------------------------------- input


@dataclass(slots=True)
class _Source:
    path: Path
    fmt: Format
    patient_column: str
    medication_column: str
    encoding: str
    size: int = field(default=0)

    def error(self, message: str, line: int | None = None) -> InvalidInputError:
        where = f", line {line}" if line is not None else ""
        return InvalidInputError(f"{self.path}{where}: {message}", value=str(self.path))

    def rows(self) -> Generator[tuple[int, str, str], None, None]:
        """(line number, patient id, stripped medication or "") for every data row."""
        with ExitStack() as stack:
            try:
                fh = stack.enter_context(
                    open(self.path, encoding=self.encoding, errors="surrogateescape", newline="")
                )
            except LookupError:
                raise self.error(f"unknown encoding {self.encoding!r}") from None
            except OSError as exc:
                raise self.error(f"cannot read file ({exc.strerror or exc})") from None
            lines = _checked_lines(fh, self)
            if self.fmt == "csv":
                yield from self._csv_rows(lines)
            else:
                yield from self._jsonl_rows(lines)

    def _csv_rows(self, lines: Iterator[str]) -> Iterator[tuple[int, str, str]]:
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
                pid = row[pcol]
                for col, value in ((self.patient_column, pid), (self.medication_column, row[mcol])):
                    if "\n" in value or "\r" in value:
                        raise self.error(
                            f"the {col!r} cell holds a line break (a quote that spans lines "
                            f"{first}-{reader.line_num}?); refusing to read on",
                            first,
                        )
                if not pid.strip():
                    raise self.error("blank patient id", reader.line_num)
                n += 1
                yield reader.line_num, pid, _clean_med(row[mcol])
            if n == 0:
                raise self.error("empty file (a header but no data rows)")
        except csv.Error as exc:
            raise self.error(f"malformed CSV ({exc})", max(reader.line_num, 1)) from None

    def _jsonl_rows(self, lines: Iterator[str]) -> Iterator[tuple[int, str, str]]:
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
            yield line_no, pid, _clean_med(med)
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


def _checked_lines(fh: TextIO, src: _Source) -> Iterator[str]:
    """The lines of ``fh``, refusing NUL characters and undecodable bytes (with line numbers)."""
    for line_no, line in enumerate(fh, 1):
        if not line.isascii():
            if _SURROGATE.search(line):
                raise src.error(
                    f"undecodable bytes: not valid {src.encoding} text "
                    "(another encoding, or a binary file such as a spreadsheet?)",
                    line_no,
                )
        elif "\x00" in line:
            raise src.error("NUL bytes: a binary file, not text", line_no)
        yield line


def _format_of(path: Path, given: str | None, what: str) -> Format:
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


# --------------------------------------------------------------------------- output


_Payload = list[list[str]] | str


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in cells that carry input text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Writer:
    """Renders one patient's result and writes it in the output format."""

    def __init__(self, fh: TextIO, fmt: Format) -> None:
        self.fh = fh
        self.fmt = fmt
        self.csv = csv.writer(fh, lineterminator="\n")
        # csv quotes only the characters of its line terminator: a row holding a bare CR is
        # written fully quoted, so that every CSV reader keeps it as one row
        self.csv_all = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def header(self) -> None:
        if self.fmt == "csv":
            self.csv.writerow(CSV_COLUMNS)

    def payload(self, result: PatientResult) -> _Payload:
        patient_id, report = result.patient_id, result.report
        if self.fmt == "csv":
            pid = _cell(patient_id)
            gaps = [
                _cell("; ".join(texts))
                for texts in (report.unrecognized, report.ambiguous,
                              report.partially_recognized, report.negated, report.excluded)
            ]  # fmt: skip
            if result.error is not None:
                summary = f"{NOT_SCREENED}: {result.error}"
                return [[pid, "", "", "", "", "", summary, "", report.coverage, *gaps,
                         report.data_version]]  # fmt: skip
            if not report.findings:
                return [
                    [pid, "", "", "", "", "", NO_FINDING_SUMMARY, "", report.coverage,
                     *gaps, report.data_version]
                ]  # fmt: skip
            return [
                [pid, f.interaction_id, f.ingredient, f.action, f.severity, f.evidence,
                 f.summary, _cell("; ".join(f.inputs)), report.coverage, *gaps,
                 report.data_version]
                for f in report.findings
            ]  # fmt: skip
        return json.dumps(_patient_dict(result), ensure_ascii=False)

    def write(self, payload: _Payload) -> None:
        if isinstance(payload, str):
            self.fh.write(payload)
            self.fh.write("\n")
        else:
            for row in payload:
                if any("\r" in cell for cell in row):
                    self.csv_all.writerow(row)
                else:
                    self.csv.writerow(row)


def _patient_dict(result: PatientResult) -> dict[str, Any]:
    patient_id, report = result.patient_id, result.report
    findings = []
    for f in report.findings:
        d: dict[str, Any] = {k: getattr(f, k) for k in _FINDING_KEYS}
        d["inputs"] = list(f.inputs)
        findings.append(d)
    return {
        "patient_id": patient_id,
        "findings": findings,
        "cumulative_risks": [
            {
                "group": c.group,
                "ingredients": list(c.ingredients),
                "interaction_ids": list(c.interaction_ids),
            }
            for c in report.cumulative_risks
        ],
        "unrecognized": list(report.unrecognized),
        "ambiguous": list(report.ambiguous),
        "partially_recognized": list(report.partially_recognized),
        "negated": list(report.negated),
        "excluded": list(report.excluded),
        "coverage": report.coverage,
        "statement": report.statement,
        **({"error": result.error} if result.error is not None else {}),
        "data_version": report.data_version,
    }


class _AtomicOutput:
    """A temporary file beside ``path``, renamed over it only when the block succeeds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp: Path | None = None
        self.fh: TextIO | None = None
        try:
            self.old: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            self.old = None

    def __enter__(self) -> TextIO:
        with _deferred_signals():  # no signal between creating the file and owning it
            fd, name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".partial"
            )
            self.tmp = Path(name)
            self.fh = open(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.fh is not None
        assert self.tmp is not None
        done = False
        try:
            if exc_type is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
            self.fh.close()
            if exc_type is None:
                self._set_mode()
                os.replace(self.tmp, self.path)
                done = True
        finally:
            if not done:
                self.fh.close()
                self.tmp.unlink(missing_ok=True)

    def _set_mode(self) -> None:
        """An existing file keeps its mode (and owner, where allowed); a new one gets the
        mode that the user's umask gives (mkstemp made the temporary file 0600)."""
        assert self.tmp is not None
        if self.old is not None:
            os.chmod(self.tmp, stat.S_IMODE(self.old.st_mode))
            if (self.old.st_uid, self.old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(self.tmp, self.old.st_uid, self.old.st_gid)
        else:
            os.chmod(self.tmp, 0o666 & ~_umask())


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it back at once
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- passes


class _NotGrouped(Exception):
    """Raised by the streaming pass when a patient id (possibly) reappears."""


class _SeenFilter:
    """A Bloom filter of patient ids: fixed memory, no false negatives."""

    _K = 7

    def __init__(self, expected_max: int) -> None:
        bits = 1 << 16
        while bits < expected_max * 32 and bits < (1 << 27):  # 16 MiB at most
            bits <<= 1
        self.mask = bits - 1
        self.bits = bytearray(bits // 8)

    def add(self, key: str) -> bool:
        """Add ``key``; True if it was (probably) present already."""
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        h1 = int.from_bytes(digest[:8], "little")
        h2 = int.from_bytes(digest[8:], "little") | 1
        present = True
        bits = self.bits
        for i in range(self._K):
            b = (h1 + i * h2) & self.mask
            byte, bit = b >> 3, 1 << (b & 7)
            if not bits[byte] & bit:
                present = False
                bits[byte] |= bit
        return present


def _grouped_pass(src: _Source, writer: _Writer, substance: str, progress: _Progress) -> _Stats:
    """Screen a file whose rows are grouped by patient; raise _NotGrouped otherwise."""
    stats = _Stats()
    seen = _SeenFilter(src.size // 4 + 1)
    current: str | None = None
    meds = _Meds()
    rows = 0
    with closing(src.rows()) as source:
        for _line, pid, med in source:
            rows += 1
            if pid != current:
                if current is not None:
                    result = meds.result(current, substance)
                    stats.add(result)
                    writer.write(writer.payload(result))
                if seen.add(pid):
                    raise _NotGrouped
                current, meds = pid, _Meds()
            if med:
                meds.add(med)
            else:
                stats.blank += 1
            if not rows & 1023:
                progress.update(rows, "screening")
    if current is not None:
        result = meds.result(current, substance)
        stats.add(result)
        writer.write(writer.payload(result))
    stats.rows = rows
    progress.update(rows, "screening", force=True)
    return stats


def _partition_of(patient_id: str, n: int) -> int:
    digest = hashlib.blake2b(patient_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % n


def _partition_count(size: int) -> int:
    """64 partitions, more (up to 128) for inputs over 256 MiB: about 4 MiB of input each."""
    return max(64, min(128, size // (4 << 20)))


def _partitioned_pass(
    src: _Source,
    writer: _Writer,
    substance: str,
    progress: _Progress,
    temp_dir: str | None,
) -> _Stats:
    """Screen a file in any row order through hash partitions on disk."""
    stats = _Stats()
    n = _partition_count(src.size)
    with ExitStack() as outer:
        with _temp_errors(), _deferred_signals():
            tmp = outer.enter_context(
                tempfile.TemporaryDirectory(prefix="kratom-screen-", dir=temp_dir)
            )
        with _temp_errors():
            parts = [Path(tmp) / f"part-{i:03d}.csv" for i in range(n)]
            with ExitStack() as stack:
                files = [
                    stack.enter_context(
                        open(p, "w", encoding="utf-8", errors="surrogatepass", newline="")
                    )
                    for p in parts
                ]
                # CRLF terminator: csv then quotes any field holding a CR or an LF
                writers = [csv.writer(f, lineterminator="\r\n") for f in files]
                rows = 0
                last_pid: str | None = None
                last_part = 0
                for line, pid, med in stack.enter_context(closing(src.rows())):
                    rows += 1
                    if pid != last_pid:
                        last_pid, last_part = pid, _partition_of(pid, n)
                    writers[last_part].writerow((line, pid, med))
                    if not med:
                        stats.blank += 1
                    if not rows & 1023:
                        progress.update(rows, "partitioning")
                stats.rows = rows
                progress.update(rows, "partitioning", force=True)

            results = [p.with_suffix(".out") for p in parts]
            done = 0
            for i, (p, out) in enumerate(zip(parts, results, strict=True)):
                done += _screen_partition(p, out, writer, substance, stats)
                p.unlink()
                progress.update(done, f"screening (partition {i + 1}/{n})")
            handles = [
                outer.enter_context(open(out, encoding="utf-8", errors="surrogatepass"))
                for out in results
            ]
        for _, payload in heapq.merge(*(_results(h) for h in handles), key=lambda r: r[0]):
            writer.write(payload)
    return stats


@contextlib.contextmanager
def _deferred_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (a temporary file or folder is created
    and handed to its owner in one step, so an interrupt cannot leave it behind)."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, OSError, ValueError):  # no pthread_sigmask on this platform
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _temp_errors() -> Iterator[None]:
    """OSErrors inside the block concern the temporary folder: raised as _TempError."""
    try:
        yield
    except OSError as exc:
        raise _TempError(str(exc)) from exc


def _screen_partition(part: Path, out: Path, writer: _Writer, substance: str, stats: _Stats) -> int:
    """Group one partition in memory and write its results keyed by first line number.

    Returns the number of rows in the partition.
    """
    groups: dict[str, tuple[int, _Meds]] = {}
    rows = 0
    with open(part, encoding="utf-8", errors="surrogatepass", newline="") as fh:
        for line_s, pid, med in csv.reader(fh):
            rows += 1
            group = groups.get(pid)
            if group is None:
                group = groups[pid] = (int(line_s), _Meds())
            if med:
                group[1].add(med)
    # dict order is first-appearance order within the partition (rows were written in order)
    with open(out, "w", encoding="utf-8", errors="surrogatepass") as fh:
        for pid, (first, meds) in groups.items():
            result = meds.result(pid, substance)
            stats.add(result)
            fh.write(json.dumps([first, writer.payload(result)], ensure_ascii=False))
            fh.write("\n")
    return rows


def _results(fh: IO[str]) -> Iterator[tuple[int, _Payload]]:
    for line in fh:
        first, payload = json.loads(line)
        yield first, payload


# --------------------------------------------------------------------------- screen_file


def screen_file(
    path_in: str | os.PathLike[str],
    path_out: str | os.PathLike[str],
    *,
    input_format: str | None = None,
    output_format: str | None = None,
    patient_column: str = "patient_id",
    medication_column: str = "medication",
    substance: str = "kratom",
    progress: bool | None = None,
    encoding: str = "utf-8",
    temp_dir: str | os.PathLike[str] | None = None,
) -> ScreenSummary:
    """Screen every patient in a CSV or JSON Lines file and write the results to ``path_out``.

    The input has one row per (patient, medication): columns ``patient_column`` and
    ``medication_column`` (other columns are ignored). Formats default from the extensions
    (``.csv``; ``.jsonl`` or ``.ndjson``). Blank medication cells are skipped and counted;
    strings the library refuses are reported as unrecognised.

    Output CSV: one row per patient and finding (columns :data:`CSV_COLUMNS`); a patient
    without a finding gets one row with empty finding cells and the summary
    :data:`NO_FINDING_SUMMARY`. Output JSON Lines: one object per patient. Patients are
    written in the order of their first row in the input. The output is written to a
    temporary file beside ``path_out`` and renamed over it only on success.

    Memory is bounded whether or not the rows are grouped by patient (see the module
    docstring); partitions of ungrouped input go to a temporary directory in ``temp_dir``
    (default: the system temporary directory). ``progress`` shows a progress line on stderr
    (None: only when stderr is a terminal).

    ``path_in`` may be ``"-"`` for standard input and ``path_out`` ``"-"`` for standard
    output (formats then default to CSV); standard input is first copied to a temporary
    file, standard output is written only once screening has succeeded. ``path_out`` must
    otherwise name a regular file, new or existing: a device, FIFO, socket or directory is
    refused. A symlink is written through: its target is replaced, the link stays. An
    existing output keeps its permissions; a new one gets the mode the umask gives.

    A patient over the item limit (1000 distinct medications) gets an error row and the
    batch continues (see :attr:`ScreenSummary.patients_with_errors`).

    Raises InvalidInputError, with the file and line number where known, for a missing,
    unreadable, binary or empty file, a missing or duplicate column, a duplicate JSON key,
    a patient or medication cell holding a line break (an unbalanced quote), a malformed
    row or JSON line, or a blank patient id.
    """
    to_stdout = os.fspath(path_out) == "-"
    from_stdin = os.fspath(path_in) == "-"
    src_path = Path(path_in)
    out_path = Path(path_out)
    in_fmt = _format_of(src_path, input_format or ("csv" if from_stdin else None), "input_format")
    out_fmt = _format_of(out_path, output_format or ("csv" if to_stdout else None), "output_format")
    _substance_arg(substance)  # validate the substance before any work
    for name, col in (("patient_column", patient_column), ("medication_column", medication_column)):
        if not isinstance(col, str) or not col:
            raise InvalidInputError(f"{name} must be a non-empty string", value=col)
    if patient_column == medication_column:
        raise InvalidInputError("patient_column and medication_column must differ")
    if not to_stdout:
        out_path = _output_target(out_path)
    tmp = None if temp_dir is None else os.fspath(temp_dir)
    show = sys.stderr.isatty() if progress is None else bool(progress)
    prog = _Progress(show)
    with ExitStack() as stack:
        if from_stdin or to_stdout:
            try:
                with _deferred_signals():
                    staging = Path(stack.enter_context(
                        tempfile.TemporaryDirectory(prefix="kratom-screen-", dir=tmp)
                    ))  # fmt: skip
            except OSError as exc:
                raise _temp_error(tmp, exc) from None
            if from_stdin:
                src_path = staging / "stdin"
                try:
                    with open(src_path, "wb") as fh_in:
                        shutil.copyfileobj(sys.stdin.buffer, fh_in)
                except OSError as exc:
                    raise _temp_error(tmp, exc) from None
            if to_stdout:
                out_path = staging / "stdout"
        st = _input_stat(src_path, "standard input" if from_stdin else None)
        if not to_stdout and out_path.exists() and os.path.samefile(src_path, out_path):
            raise InvalidInputError(
                f"{out_path}: the output would overwrite the input", value=str(out_path)
            )
        src = _Source(src_path, in_fmt, patient_column, medication_column, encoding, st.st_size)
        shown = "-" if to_stdout else str(out_path)
        try:
            with _AtomicOutput(out_path) as fh:
                writer = _Writer(fh, out_fmt)
                writer.header()
                try:
                    stats = _grouped_pass(src, writer, substance, prog)
                    grouped = True
                except _NotGrouped:
                    prog.note("input not grouped by patient: screening through hash partitions")
                    fh.seek(0)
                    fh.truncate()
                    writer = _Writer(fh, out_fmt)
                    writer.header()
                    stats = _partitioned_pass(src, writer, substance, prog, tmp)
                    grouped = False
        except _TempError as exc:
            raise _temp_error(tmp, exc.__cause__) from None
        except OSError as exc:
            raise InvalidInputError(
                f"{shown}: cannot write the output ({exc.strerror or exc})", value=shown
            ) from None
        finally:
            prog.finish()
        if to_stdout:
            with open(out_path, encoding="utf-8", newline="") as fh_out:
                shutil.copyfileobj(fh_out, sys.stdout)
            sys.stdout.flush()
    return stats.summary(grouped=grouped)


class _TempError(Exception):
    """An OSError in the temporary folder of the partitioned pass (its cause)."""


def _temp_error(temp_dir: str | None, exc: BaseException | None) -> InvalidInputError:
    where = temp_dir or tempfile.gettempdir()
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return InvalidInputError(
        f"temporary folder {where}: cannot write ({why}); pass another one with temp_dir "
        "(or TMPDIR)",
        value=where,
    )


def _input_stat(path: Path, label: str | None) -> os.stat_result:
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


def _output_target(path: Path) -> Path:
    """The regular file to replace: ``path``, or the target of a symlink (written through).

    Devices, FIFOs, sockets and directories are refused."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InvalidInputError(
            f"{path}: cannot use as output ({exc.strerror or exc})", value=str(path)
        ) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InvalidInputError(f"{path}: is a directory", value=str(path))
        if not stat.S_ISREG(st.st_mode):
            raise InvalidInputError(
                f"{path}: not a regular file (a device, FIFO or socket); the output must be a "
                "regular file, or '-' for standard output",
                value=str(path),
            )
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path}: output directory does not exist", value=str(path))
    return path
