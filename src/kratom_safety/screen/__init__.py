"""Batch screening: many patients' medication lists, from pairs or from a file.

- :func:`screen_rows` screens ``(patient_id, medication)`` pairs grouped by patient and yields
  one :class:`PatientResult` per patient.
- :func:`screen_file` screens a CSV or JSON Lines file in bounded memory, whatever its row
  order, and writes one output file (CSV: one row per patient and finding, columns
  :data:`CSV_COLUMNS`; JSON Lines: one object per patient), atomically. It returns a
  :class:`ScreenSummary`.
- :func:`group_by_patient` is the grouping both use: rows already grouped by patient are
  streamed; rows in any order go through hash partitions in a temporary folder.

Patients always come out in the order of their first row. A patient without a finding has no
interaction recorded in this data version: that is not evidence of safety.
"""

from __future__ import annotations

from ._group import group_by_patient
from ._results import PatientResult, ScreenSummary
from ._run import screen_file, screen_rows
from ._write import CSV_COLUMNS, NO_FINDING_SUMMARY

__all__ = [
    "CSV_COLUMNS",
    "NO_FINDING_SUMMARY",
    "PatientResult",
    "ScreenSummary",
    "group_by_patient",
    "screen_file",
    "screen_rows",
]
