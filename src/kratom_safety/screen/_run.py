"""Screening patients: :func:`screen_rows` over pairs, :func:`screen_file` over a file."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from .._args import encoding_arg, path_arg, substance_arg
from .._cache import register
from .._check import MAX_LIST, Report, check, check_lenient
from .._cli_display import ProgressLine
from .._errors import InvalidInputError
from ._files import AtomicOutput, output_target, temp_directory, temp_error
from ._group import Group, NotGrouped, SeenFilter, group_by_patient, group_rows, partition_count
from ._read import Format, Source, format_of, input_stat
from ._results import NoProgress, PatientResult, Progress, ScreenSummary, Stats
from ._write import Writer

__all__ = ["GC_YOUNG", "relaxed_gc", "report_for", "screen_file", "screen_rows"]

_PROGRESS_EVERY = 1024  # patients between progress updates of the partitioned pass

#: While a file is screened: allocations between two collections of the youngest generation
#: of the garbage collector (Python's default is 700).
GC_YOUNG = 50_000

_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved = (0, 0, 0)


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """The garbage collector runs less often inside the block, and as before after it.

    Screening allocates many short-lived, acyclic objects (the parts of each report), which
    reference counting frees; at Python's default threshold the collector still scans the
    young generation every 700 allocations, which cost about a seventh of a batch. The
    youngest threshold is raised to :data:`GC_YOUNG` (never lowered; a threshold of 0, the
    collector disabled, is left alone) and the thresholds found are set back when the block
    ends, also on an error. Nested or concurrent blocks (threads) share it: the first one
    saves the thresholds, the last one to end restores them."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            young, *older = _gc_saved
            if young:
                gc.set_threshold(max(young, GC_YOUNG), *older)
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


@lru_cache(maxsize=4096)
def report_for(meds: tuple[str, ...], substance: str) -> Report:
    """:func:`check_lenient` on one list, cached: identical lists (same strings, same order)
    are checked once (Report is immutable)."""
    return check_lenient(meds, substance)


register(report_for.cache_clear)


def _screen_group(group: Group, substance: str) -> PatientResult:
    patient_id, meds = group
    if len(meds) > MAX_LIST:
        message = (
            f"not screened: more than {MAX_LIST} distinct medications "
            "(the limit of one list; identical strings counted once)"
        )
        report = check((), substance=substance).model_copy(
            update={"statement": f"Patient {message}."}
        )
        return PatientResult(patient_id, report, message)
    return PatientResult(patient_id, report_for(meds, substance))


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
    instead). For rows in any order, group them first with
    ``group_by_patient(rows, strategy="partitioned")`` (see ``docs/scaling.md``).
    """
    substance_arg(substance)  # validate the substance before consuming anything
    for group in group_by_patient(rows):
        yield _screen_group(group, substance)


def _screen_groups(
    groups: Iterable[Group], writer: Writer, substance: str, progress: Progress | None = None
) -> Stats:
    stats = Stats()
    for n, group in enumerate(groups, 1):
        result = _screen_group(group, substance)
        stats.add(result)
        writer.write(result)
        if progress is not None and not n % _PROGRESS_EVERY:
            progress.update(n, "screening", unit="patients")
    if progress is not None:
        progress.update(stats.patients, "screening", unit="patients", force=True)
    return stats


def _screen_source(
    src: Source, fh: TextIO, fmt: Format, substance: str, progress: Progress, temp_dir: str | None
) -> tuple[Stats, bool]:
    """Screen the grouped stream; if a patient (possibly) reappears, start again through
    hash partitions. Returns the counts and whether the input was grouped."""
    writer = Writer(fh, fmt)
    writer.header()
    try:
        with closing(src.rows(progress, "screening")) as rows:
            groups = group_rows(rows, "grouped", seen=SeenFilter(src.size // 4 + 1))
            stats = _screen_groups(groups, writer, substance)
        grouped = True
    except NotGrouped:
        progress.note("input not grouped by patient: screening through hash partitions")
        fh.seek(0)
        fh.truncate()
        writer = Writer(fh, fmt)
        writer.header()
        parts = partition_count(src.size)
        with ExitStack() as stack:
            rows = stack.enter_context(closing(src.rows(progress, "partitioning")))
            partitioned = group_rows(
                rows, "partitioned", parts=parts, temp_dir=temp_dir, progress=progress
            )
            stats = _screen_groups(
                stack.enter_context(closing(partitioned)), writer, substance, progress
            )
        grouped = False
    stats.rows, stats.blank = src.rows_read, src.blank
    return stats, grouped


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
    strings the library refuses are reported as ``excluded``.

    Output CSV: one row per patient and finding (columns ``CSV_COLUMNS``); a patient without
    a finding gets one row with empty finding cells and the summary ``NO_FINDING_SUMMARY``.
    Output JSON Lines: one object per patient. Patients are written in the order of their
    first row in the input, whatever the row order, so the same rows always give the same
    output. The output is written to a temporary file beside ``path_out`` and renamed over it
    only on success.

    Memory is bounded whether or not the rows are grouped by patient: the file is streamed
    with :func:`group_by_patient`'s ``grouped`` strategy, noticing a reappearing patient id
    with a fixed-size Bloom filter; on the first (possible) reappearance it is read again
    with the ``partitioned`` strategy, through a temporary folder in ``temp_dir`` (default:
    the system one). A false positive only costs time: both give the same output.
    ``progress`` shows a progress line on stderr (None: only when stderr is a terminal).

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
    path_arg("path_in", path_in)
    path_arg("path_out", path_out)
    path_arg("temp_dir", temp_dir, optional=True)
    encoding_arg(encoding)
    to_stdout = os.fspath(path_out) == "-"
    from_stdin = os.fspath(path_in) == "-"
    src_path = Path(path_in)
    out_path = Path(path_out)
    in_fmt = format_of(src_path, input_format or ("csv" if from_stdin else None), "input_format")
    out_fmt = format_of(out_path, output_format or ("csv" if to_stdout else None), "output_format")
    substance_arg(substance)  # validate the substance before any work
    for name, col in (("patient_column", patient_column), ("medication_column", medication_column)):
        if not isinstance(col, str) or not col:
            raise InvalidInputError(f"{name} must be a non-empty string", value=col)
    if patient_column == medication_column:
        raise InvalidInputError("patient_column and medication_column must differ")
    if not to_stdout:
        out_path = output_target(out_path)
    tmp = None if temp_dir is None else os.fspath(temp_dir)
    show = sys.stderr.isatty() if progress is None else bool(progress)
    prog: Progress = ProgressLine() if show else NoProgress()
    with ExitStack() as stack:
        if from_stdin or to_stdout:
            staging = stack.enter_context(temp_directory(tmp))
            if from_stdin:
                src_path = staging / "stdin"
                try:
                    with open(src_path, "wb") as fh_in:
                        shutil.copyfileobj(sys.stdin.buffer, fh_in)
                except OSError as exc:
                    raise temp_error(tmp, exc) from None
            if to_stdout:
                out_path = staging / "stdout"
        st = input_stat(src_path, "standard input" if from_stdin else None)
        if not to_stdout and out_path.exists() and os.path.samefile(src_path, out_path):
            raise InvalidInputError(
                f"{out_path}: the output would overwrite the input", value=str(out_path)
            )
        src = Source(src_path, in_fmt, patient_column, medication_column, encoding, st.st_size)
        shown = "-" if to_stdout else str(out_path)
        try:
            with AtomicOutput(out_path) as fh, relaxed_gc():
                stats, grouped = _screen_source(src, fh, out_fmt, substance, prog, tmp)
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
