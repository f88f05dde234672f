"""Batch screening benchmark: throughput and memory of ``screen_file`` on a synthetic file.

A seeded synthetic CSV (default 200,000 rows; about five medications per patient, drawn from a
fixed list of realistic strings with misspellings and junk) is written to a temporary
directory, then screened. Figures are printed as JSON, with a baseline from the same process:
the rate of merely reading the same CSV with the ``csv`` module (ratio = screening rate /
reading rate, best of three reads). The same figures are also given in CPU time of this
process (``cpu_*``), which other programs running on the machine disturb much less than the
wall clock. The same script runs against an older build that still
has the private ``kratom_safety._screen`` module, so before and after can be compared. Run:

    python benchmarks/bench_screen.py [--rows 1000000] [--order interleaved] [--tracemalloc]

``--order interleaved`` writes patients' rows interleaved (not grouped), which exercises the
hash-partition path. ``--tracemalloc`` repeats the screening with cold caches under tracemalloc
and reports its peak traced memory (tracing slows the run; the rates come from the first run).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path

MEDICATIONS = [
    "oxycodone 5 mg",
    "oxycodone HCl 5 mg tab",
    "Percocet 5/325",
    "hydrocodone/apap 10-325",
    "Xanax 0.5mg",
    "alprazolam 0.5mg po qhs prn anxiety",
    "clonazepam 1 mg",
    "sertraline 50 mg tab",
    "Zoloft",
    "escitalopram 10mg",
    "fluoxetine 20 mg cap",
    "trazodone 50mg qhs",
    "gabapentin 300 mg tid",
    "lisinopril 10 mg",
    "metformin 500 mg bid",
    "atorvastatin 40mg",
    "amlodipine 5 mg",
    "levothyroxine 75 mcg",
    "omeprazole 20 mg",
    "Tylenol #3",
    "APAP",
    "ibuprofen 800 mg",
    "buprenorphine/naloxone 8-2 mg film",
    "methadone 10 mg",
    "quetiapine 25 mg",
    "zolpidem 10 mg",
    "fentanyl 25 mcg/hr patch",
    "tramadol 50 mg",
    "cyclobenzaprine 10 mg",
    "Adderall XR 20 mg",
    "kratom",
    "7-OH tablets",
    # misspellings
    "zolof",
    "trazadone",
    "oxycodon",
    "alprazolan",
    "gabapentine",
    "seroquell",
    "lisinoprill",
    # junk and free text
    "patient refused",
    "see chart",
    "vitamin gummies",
    "??",
    "herbal tea from market",
    "",
]


def _rows(n_rows: int, seed: int, order: str) -> Iterator[tuple[str, str]]:
    """(patient_id, medication) rows; grouped by patient, or interleaved over 1,000 patients."""
    rng = random.Random(seed)
    patient = 0

    def one_patient() -> list[tuple[str, str]]:
        nonlocal patient
        patient += 1
        pid = f"P{patient:08d}"
        return [(pid, rng.choice(MEDICATIONS)) for _ in range(rng.randint(3, 7))]

    produced = 0
    if order == "grouped":
        while produced < n_rows:
            for row in one_patient()[: n_rows - produced]:
                produced += 1
                yield row
        return
    active: list[list[tuple[str, str]]] = []
    while produced < n_rows:
        while len(active) < 1000:
            active.append(one_patient())
        i = rng.randrange(len(active))
        yield active[i].pop()
        produced += 1
        if not active[i]:
            active[i] = active[-1]
            active.pop()


def _generate(path: Path, n_rows: int, seed: int, order: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["patient_id", "medication", "prescriber"])
        for pid, med in _rows(n_rows, seed, order):
            w.writerow([pid, med, "Dr Example"])


def _csv_read_rate(path: Path) -> tuple[float, float]:
    """Data rows per second of merely reading ``path`` with ``csv.reader`` (best of three),
    by the wall clock and by the CPU time of this process."""
    best = best_cpu = 0.0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        n = 0
        with open(path, encoding="utf-8", newline="") as fh:
            for _ in csv.reader(fh):
                n += 1
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = max(best, (n - 1) / wall)
        best_cpu = max(best_cpu, (n - 1) / max(cpu, 1e-9))
    return best, best_cpu


def _rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--order", choices=("grouped", "interleaved"), default="grouped")
    ap.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format")
    ap.add_argument("--tracemalloc", action="store_true")
    args = ap.parse_args(argv)

    try:
        from kratom_safety._resolver import resolve_cached
        from kratom_safety.screen import screen_file
        from kratom_safety.screen._run import report_for
    except ImportError:  # a build from before the screen package
        from kratom_safety._screen import (  # type: ignore[no-redef]
            _report_for as report_for,
        )
        from kratom_safety._screen import screen_file  # type: ignore[no-redef]

        from kratom_safety._resolver import (  # type: ignore[attr-defined,no-redef]
            _resolve_cached as resolve_cached,
        )

    with tempfile.TemporaryDirectory(prefix="bench-screen-") as tmp:
        src = Path(tmp) / "input.csv"
        out = Path(tmp) / f"output.{args.format}"
        _generate(src, args.rows, args.seed, args.order)
        rss_before = _rss_mib()

        csv_rate, csv_cpu_rate = _csv_read_rate(src)
        t0, c0 = time.perf_counter(), time.process_time()
        summary = screen_file(src, out, progress=False, output_format=args.format)
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        rate = summary.rows_read / seconds
        cpu_rate = summary.rows_read / cpu_seconds
        rss_peak = _rss_mib()

        figures: dict[str, object] = {
            "rows": summary.rows_read,
            "order": args.order,
            "input_grouped": summary.input_grouped,
            "patients": summary.patients_screened,
            "input_mib": round(src.stat().st_size / 2**20, 1),
            "output_mib": round(out.stat().st_size / 2**20, 1),
            "seconds": round(seconds, 2),
            "rows_per_s": round(rate),
            "baseline_csv_read_rows_per_s": round(csv_rate),
            "ratio_to_csv_read": round(rate / csv_rate, 4),
            "cpu_seconds": round(cpu_seconds, 2),
            "cpu_rows_per_s": round(cpu_rate),
            "cpu_baseline_csv_read_rows_per_s": round(csv_cpu_rate),
            "cpu_ratio_to_csv_read": round(cpu_rate / csv_cpu_rate, 4),
            "rss_before_screening_mib": round(rss_before, 1),
            "peak_rss_mib": round(rss_peak, 1),
            "report_cache": report_for.cache_info()._asdict(),
        }
        if args.tracemalloc:
            report_for.cache_clear()
            resolve_cached.cache_clear()
            tracemalloc.start()
            screen_file(src, out, progress=False, output_format=args.format)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            figures["peak_traced_mib_cold_caches"] = round(peak / 2**20, 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
