"""Longer fuzz run of the batch and EHR readers (issue 13).

Feeds hostile CSV and JSON Lines files to screen_file, and FHIR Bundles and CDS Hooks
requests to read_fhir_medications + check + to_cds_hooks, with the strategies of
tests/fuzz_strategies.py. Prints the inputs tried, the library errors by kind, and the
crashes (anything else raised, or a broken contract such as a silent all-clear). Goal: 0.

    python benchmarks/bench_fuzz.py [EXAMPLES_PER_KIND]   (default 500)
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_strategies import (
    cds_requests,
    csv_bytes,
    fhir_bundles,
    jsonl_bytes,
    run_fhir,
    run_file,
)


def _fuzz(
    name: str,
    strategy: st.SearchStrategy[Any],
    run: Callable[[Any], str],
    n: int,
    outcomes: Counter[str],
    crashes: list[str],
) -> None:
    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz(data: Any) -> None:
        try:
            outcomes[f"{name}: {run(data)}"] += 1
        except Exception as exc:  # a crash is what we count
            outcomes[f"{name}: CRASH {type(exc).__name__}"] += 1
            crashes.append(f"{name}: {type(exc).__name__}: {exc!s:.200} <- {data!r:.200}")
            if len(crashes) <= 3:
                traceback.print_exc()

    fuzz()


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    outcomes: Counter[str] = Counter()
    crashes: list[str] = []
    kinds: list[tuple[str, st.SearchStrategy[Any], Callable[[Any], str]]] = [
        ("csv", csv_bytes(), lambda d: run_file(d, "csv")),
        ("jsonl", jsonl_bytes(), lambda d: run_file(d, "jsonl", "jsonl")),
        ("fhir-bundle", fhir_bundles, run_fhir),
        ("cds-hooks", cds_requests, run_fhir),
    ]
    start = time.monotonic()
    for name, strategy, run in kinds:
        _fuzz(name, strategy, run, n, outcomes, crashes)
    tried = sum(outcomes.values())
    print(f"fuzz: {tried:,} inputs tried in {time.monotonic() - start:.1f} s")
    for key, count in sorted(outcomes.items()):
        print(f"  {key:<40} {count:>7,}")
    print(f"crashes: {len(crashes)}")
    for line in crashes[:20]:
        print("  " + line)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
