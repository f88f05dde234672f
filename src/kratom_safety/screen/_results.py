"""What screening returns: one result per patient, counts over a file, and the progress hook."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from .._check import Report
from .._version import DATA_VERSION, __version__

__all__ = ["NoProgress", "PatientResult", "Progress", "ScreenSummary", "Stats"]

_SEVERITIES = ("major", "moderate", "minor")
_TOP_UNRECOGNIZED = 50
#: Distinct unrecognised strings counted exactly; over this, the rarer half is dropped.
MAX_DISTINCT_UNRECOGNIZED = 100_000


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


class Stats:
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
            if len(self.unrecognized) > MAX_DISTINCT_UNRECOGNIZED:
                # keep memory bounded: drop the rarer half (the ranking becomes approximate)
                keep = self.unrecognized.most_common(MAX_DISTINCT_UNRECOGNIZED // 2)
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


class Progress(Protocol):
    """Where screening reports how far it got (the command line draws a line on stderr)."""

    def update(self, done: int, label: str, *, unit: str = "rows", force: bool = False) -> None:
        """``done`` units so far in the step ``label``; ``force`` at the end of a step."""

    def note(self, text: str) -> None:
        """A one-off message (e.g. the input is not grouped)."""

    def finish(self) -> None:
        """Screening ended (successfully or not)."""


class NoProgress:
    """Reports nothing."""

    def update(self, done: int, label: str, *, unit: str = "rows", force: bool = False) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def finish(self) -> None:
        pass
