"""Grouping rows by patient: the one place that does it, with two strategies.

- ``grouped``: the rows are already grouped (contiguous) by patient, e.g. sorted; they are
  streamed and each patient's group is yielded as it ends. A patient id seen again after its
  group ended stops the stream (:class:`NotGrouped`). The ids already seen are kept in a set
  (exact) or, for files, a fixed-size Bloom filter (bounded memory; a false positive only
  sends the file down the other strategy).
- ``partitioned``: any row order. Rows are hash-partitioned (BLAKE2b of the patient id) into
  temporary files; each partition is grouped in memory and written back sorted by the
  patient's first row; the partitions are merged back into first-appearance order.

Both yield ``(patient_id, medications)`` in the order of each patient's first row, so the
same rows in any order give the same groups. A group holds the patient's stripped, non-blank
strings in input order; over the limit of one list (1000), identical strings count once, and
a patient still over it keeps just one string more than the limit (bounded memory).
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack
from operator import itemgetter
from pathlib import Path
from typing import IO, Literal, Protocol

from .._check import MAX_LIST, echo
from .._errors import InvalidInputError
from ._files import temp_directory, temp_errors
from ._read import Row, clean_med
from ._results import NoProgress, Progress

__all__ = [
    "Group",
    "NotGrouped",
    "SeenFilter",
    "Strategy",
    "group_by_patient",
    "group_rows",
    "partition_count",
]

Strategy = Literal["grouped", "partitioned"]
#: One patient: (patient id, medication strings).
Group = tuple[str, tuple[str, ...]]


class NotGrouped(Exception):
    """A patient id (possibly, for a Bloom filter) reappears after its rows ended."""

    def __init__(self, patient_id: str) -> None:
        super().__init__(patient_id)
        self.patient_id = patient_id


class _Meds:
    """One patient's strings, bounded: over MAX_LIST, identical strings count once; still
    over it, one string more than the limit is kept and the rest are dropped."""

    __slots__ = ("items", "seen")

    def __init__(self) -> None:
        self.items: list[str] = []
        self.seen: set[str] | None = None

    def add(self, med: str) -> None:
        seen = self.seen
        if seen is None:
            if len(self.items) < MAX_LIST:
                self.items.append(med)
                return
            self.items = list(dict.fromkeys(self.items))
            seen = self.seen = set(self.items)
        if med in seen or len(self.items) > MAX_LIST:
            return
        self.items.append(med)
        seen.add(med)


class _Seen(Protocol):
    def add(self, key: str) -> bool: ...


class _ExactSeen:
    """The ids seen so far, exactly (memory grows with the number of patients)."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def add(self, key: str) -> bool:
        """Add ``key``; True if it was present already."""
        if key in self.keys:
            return True
        self.keys.add(key)
        return False


class SeenFilter:
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


def _grouped(rows: Iterable[Row], seen: _Seen) -> Generator[Group, None, None]:
    """The ``grouped`` strategy: stream rows grouped by patient; NotGrouped on a reappearance
    (after yielding the group before it)."""
    current: str | None = None
    meds = _Meds()
    for _, pid, med in rows:
        if pid != current:
            if current is not None:
                yield current, tuple(meds.items)
            if seen.add(pid):
                raise NotGrouped(pid)
            current, meds = pid, _Meds()
        if med:
            meds.add(med)
    if current is not None:
        yield current, tuple(meds.items)


def partition_count(size: int) -> int:
    """64 partitions, more (up to 128) for inputs over 256 MiB: about 4 MiB of input each."""
    return max(64, min(128, size // (4 << 20)))


def _partition_of(patient_id: str, n: int) -> int:
    digest = hashlib.blake2b(patient_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % n


def _open(path: Path, mode: str) -> IO[str]:
    return open(path, mode, encoding="utf-8", errors="surrogatepass", newline="")


def _writerow(fh: IO[str]) -> Callable[[Iterable[object]], object]:
    # CRLF terminator: csv then quotes any field holding a CR or an LF
    return csv.writer(fh, lineterminator="\r\n").writerow


def _partitioned(
    rows: Iterable[Row],
    *,
    parts: int,
    temp_dir: str | None,
    progress: Progress | None,
) -> Generator[Group, None, None]:
    """The ``partitioned`` strategy: rows in any order, grouped through hash partitions in a
    temporary folder in ``temp_dir``, which is removed when the iterator ends or is closed.

    A temporary folder that cannot be written raises InvalidInputError."""
    progress = progress or NoProgress()
    with temp_directory(temp_dir) as tmp, temp_errors(temp_dir), ExitStack() as merge:
        paths = [tmp / f"part-{i:03d}.csv" for i in range(parts)]
        with ExitStack() as stack:
            writers = [_writerow(stack.enter_context(_open(p, "w"))) for p in paths]
            last_pid: str | None = None
            last = 0
            for line, pid, med in rows:
                if pid != last_pid:
                    last_pid, last = pid, _partition_of(pid, parts)
                writers[last]((line, pid, med))
        done = 0
        for i, path in enumerate(paths):
            done += _group_partition(path, path.with_suffix(".groups"))
            path.unlink()
            progress.update(done, f"grouping (partition {i + 1}/{parts})")
        handles = [merge.enter_context(_open(p.with_suffix(".groups"), "r")) for p in paths]
        for _, pid, meds in heapq.merge(*map(_read_groups, handles), key=itemgetter(0)):
            yield pid, meds


def _group_partition(path: Path, out: Path) -> int:
    """Group one partition in memory; write its groups in first-row order. Returns its rows."""
    groups: dict[str, tuple[str, _Meds]] = {}
    rows = 0
    with _open(path, "r") as fh:
        for line, pid, med in csv.reader(fh):
            rows += 1
            group = groups.get(pid)
            if group is None:
                group = groups[pid] = (line, _Meds())
            if med:
                group[1].add(med)
    # dict order is first-appearance order (rows were written in input order)
    with _open(out, "w") as fh:
        writerow = _writerow(fh)
        for pid, (line, meds) in groups.items():
            writerow((line, pid, *meds.items))
    return rows


def _read_groups(fh: IO[str]) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    for row in csv.reader(fh):
        yield int(row[0]), row[1], tuple(row[2:])


def _pairs(rows: Iterable[object], partitioned: bool) -> Iterator[Row]:
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
        if partitioned and ("\x00" in row[0] or "\x00" in row[1]):
            raise InvalidInputError(
                "a NUL character cannot go through the partitioned strategy", index=n
            )
        yield n, row[0], clean_med(row[1])


def group_by_patient(
    rows: Iterable[tuple[str, str]],
    *,
    strategy: Strategy = "grouped",
    temp_dir: str | os.PathLike[str] | None = None,
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Group ``(patient_id, medication)`` pairs by patient: ``(patient_id, medications)``.

    Patients come in the order of their first row. Medication strings are stripped, blank
    ones skipped (a patient whose strings are all blank gets an empty tuple); a patient with
    more than 1000 strings has identical strings counted once, and if still over the limit of
    one list, keeps only the first 1001 (``screen_rows`` reports such a patient as not
    screened).

    ``strategy="grouped"`` (default) streams rows that are grouped contiguously by patient
    and raises InvalidInputError naming a patient id that reappears after its rows ended (the
    ids are kept in memory to notice). ``strategy="partitioned"`` takes any row order in
    bounded memory, through hash partitions in a temporary folder in ``temp_dir`` (default:
    the system one), removed at the end; strings must not hold NUL characters.

    Raises InvalidInputError when ``rows`` is not an iterable of pairs of strings.
    """
    given: object = rows
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInputError("rows must be an iterable of (patient_id, medication) pairs")
    if strategy not in ("grouped", "partitioned"):
        raise InvalidInputError("strategy must be 'grouped' or 'partitioned'", value=strategy)
    if strategy == "partitioned":
        tmp = None if temp_dir is None else os.fspath(temp_dir)
        return group_rows(_pairs(given, True), "partitioned", temp_dir=tmp)
    return _exactly_grouped(_pairs(given, False))


def _exactly_grouped(rows: Iterable[Row]) -> Iterator[Group]:
    try:
        yield from group_rows(rows, "grouped")
    except NotGrouped as exc:
        raise InvalidInputError(
            f"patient {echo(exc.patient_id)!r} reappears after its rows ended; "
            "rows must be grouped by patient",
            value=exc.patient_id,
        ) from None


def group_rows(
    rows: Iterable[Row],
    strategy: Strategy,
    *,
    seen: SeenFilter | None = None,
    parts: int = 64,
    temp_dir: str | None = None,
    progress: Progress | None = None,
) -> Generator[Group, None, None]:
    """The grouping behind :func:`group_by_patient` and ``screen_file``, over numbered rows.

    ``grouped``: NotGrouped on a reappearing id, noticed exactly, or by the Bloom filter
    ``seen`` when given. ``partitioned``: ``parts`` partitions in a temporary folder in
    ``temp_dir``, with ``progress`` told of each one.
    """
    if strategy == "partitioned":
        return _partitioned(rows, parts=parts, temp_dir=temp_dir, progress=progress)
    return _grouped(rows, _ExactSeen() if seen is None else seen)
