"""What the command line shows while and after screening: a progress line and the summary."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .screen import ScreenSummary

__all__ = ["ProgressLine", "format_summary"]

_INTERVAL = 0.1  # seconds between redraws


class ProgressLine:
    """A progress line on stderr, redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int, label: str, *, unit: str = "rows", force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < _INTERVAL:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        sys.stderr.write(f"\r{label}: {done:,} {unit}, {rate:,.0f} {unit}/s   ")
        sys.stderr.flush()
        self.drawn = True

    def note(self, text: str) -> None:
        self.finish()
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


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
