"""Rendering screening results: CSV (one row per patient and finding) or JSON Lines."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from ._read import Format
from ._results import PatientResult

__all__ = ["CSV_COLUMNS", "NOT_SCREENED", "NO_FINDING_SUMMARY", "Writer", "patient_dict"]

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
#: The ``summary`` cell of the row written for a patient who could not be screened.
NOT_SCREENED = "NOT SCREENED"

_FINDING_KEYS = ("interaction_id", "ingredient", "action", "severity", "evidence", "summary")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in cells that carry input text (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class Writer:
    """Writes one patient's result at a time in the output format."""

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

    def write(self, result: PatientResult) -> None:
        if self.fmt == "jsonl":
            self.fh.write(json.dumps(patient_dict(result), ensure_ascii=False))
            self.fh.write("\n")
            return
        for row in _csv_rows(result):
            if "\r" in "".join(row):
                self.csv_all.writerow(row)
            else:
                self.csv.writerow(row)


def _csv_rows(result: PatientResult) -> list[list[str]]:
    report = result.report
    pid = _cell(result.patient_id)
    gaps = [
        _cell("; ".join(texts))
        for texts in (report.unrecognized, report.ambiguous, report.partially_recognized,
                      report.negated, report.excluded)
    ]  # fmt: skip
    if result.error is not None or not report.findings:
        summary = NO_FINDING_SUMMARY if result.error is None else f"{NOT_SCREENED}: {result.error}"
        return [[pid, "", "", "", "", "", summary, "", report.coverage, *gaps,
                 report.data_version]]  # fmt: skip
    return [
        [pid, f.interaction_id, f.ingredient, f.action, f.severity, f.evidence, f.summary,
         _cell("; ".join(f.inputs)), report.coverage, *gaps, report.data_version]
        for f in report.findings
    ]  # fmt: skip


def patient_dict(result: PatientResult) -> dict[str, Any]:
    """One patient's JSON Lines object."""
    report = result.report
    findings = []
    for f in report.findings:
        d: dict[str, Any] = {k: getattr(f, k) for k in _FINDING_KEYS}
        d["inputs"] = list(f.inputs)
        findings.append(d)
    return {
        "patient_id": result.patient_id,
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
