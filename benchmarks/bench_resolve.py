"""Resolver benchmark: figures are printed as ratios to a baseline run in the same process.

Baseline: a naive ``rapidfuzz.process.extractOne(query, names, scorer=fuzz.WRatio,
processor=default_process)`` over the same vocabulary keys. Run:

    python benchmarks/bench_resolve.py [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence

EXACT = [
    "oxycodone",
    "Percocet 5/325",
    "Xanax 0.5mg",
    "sertraline 50 mg tab",
    "APAP",
    "hydrocodone/apap 10-325",
    "alprazolam 0.5mg po qhs prn anxiety",
    "Tylenol #3",
    "fentanyl 25 mcg/hr patch",
    "kratom",
]
MISSPELLED = ["zolof", "trazadone", "zolaft", "oxycodon", "alprazolan", "gabapentine", "seroquell"]


def _rate(
    fn: Callable[[str], object], inputs: Sequence[str], seconds: float
) -> tuple[float, float]:
    """(calls per second, p99 latency in ms) for fn over inputs, cycling for ``seconds``."""
    lat: list[float] = []
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        for text in inputs:
            t0 = time.perf_counter()
            fn(text)
            lat.append(time.perf_counter() - t0)
            n += 1
    total = sum(lat)
    p99 = statistics.quantiles(lat, n=100)[98] * 1000 if len(lat) >= 100 else max(lat) * 1000
    return n / total, p99


_PEAK = (
    "import re; "
    "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)))"
)


def _import_cost() -> dict[str, float]:
    """Import plus first resolve (which builds the index), against the bare import of the two
    runtime dependencies, and peak RSS: each in a fresh interpreter, best of five.

    Children run with bytecode caching on (in a temporary cache directory), as an installed
    package has its .pyc files: with PYTHONDONTWRITEBYTECODE set, every run would compile this
    package's source while the dependencies' bytecode is already there. Peak RSS is read from
    /proc/self/status (VmHWM), which starts afresh at exec; the getrusage maximum would carry
    over this (large) benchmark process's peak to the child.
    """

    def first(text: str) -> str:
        return (
            "import time; t=time.perf_counter(); import kratom_safety as ks; "
            f"ks.resolve({text!r}); print(time.perf_counter()-t); " + _PEAK
        )

    # a name alone; a name with its strength and form, as EHR lists write it; and a string
    # with a word outside our vocabulary, which reads FDA's lists (55,000 names)
    code = first("oxycodone")
    code_ehr = first("oxycodone 5 mg tablet")
    code_fda = first("etidocaine hydrochloride 1% injection")
    # pydantic 2 imports its model machinery only when BaseModel is first touched, so the
    # bare import is given both ways: as written, and with BaseModel (what any user of it pays)
    bare = "import time; t=time.perf_counter(); import rapidfuzz, pydantic; "
    base = bare + "from pydantic import BaseModel; print(time.perf_counter()-t); " + _PEAK
    lazy = bare + "print(time.perf_counter()-t); " + _PEAK
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as cache:
        env["PYTHONPYCACHEPREFIX"] = cache

        def run(src: str) -> tuple[float, int]:
            out = subprocess.run(
                [sys.executable, "-c", src], capture_output=True, text=True, check=True, env=env
            ).stdout.split()
            return float(out[0]), int(out[1])

        run(code)  # writes the bytecode
        ours = [run(code) for _ in range(5)]
        ours_ehr = [run(code_ehr) for _ in range(5)]
        ours_fda = [run(code_fda) for _ in range(5)]
        deps = [run(base) for _ in range(5)]
        bare_deps = [run(lazy) for _ in range(5)]
    secs = min(t for t, _ in ours)
    secs0 = min(t for t, _ in deps)
    secs_lazy = min(t for t, _ in bare_deps)
    return {
        "import_and_first_resolve_s": secs,
        "import_deps_with_basemodel_s": secs0,
        "import_vs_deps_with_basemodel": secs / secs0,
        "import_deps_as_written_s": secs_lazy,
        "import_vs_deps_as_written": secs / secs_lazy,
        "import_and_first_ehr_string_s": min(t for t, _ in ours_ehr),
        "ehr_string_vs_deps_with_basemodel": min(t for t, _ in ours_ehr) / secs0,
        "import_and_first_unknown_word_s": min(t for t, _ in ours_fda),
        "unknown_word_vs_deps_with_basemodel": min(t for t, _ in ours_fda) / secs0,
        "rss_mib": max(r for _, r in ours) / 1024,
        "rss_with_fda_lists_mib": max(r for _, r in ours_fda) / 1024,
        "rss_deps_only_mib": max(r for _, r in deps) / 1024,
    }


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0)
    args = ap.parse_args(argv)

    from rapidfuzz import fuzz, process, utils

    import kratom_safety as ks
    from kratom_safety._index import get_index
    from kratom_safety._resolver import resolve_cached

    names = get_index().names

    def naive(text: str) -> object:
        return process.extractOne(text, names, scorer=fuzz.WRatio, processor=utils.default_process)

    def uncached(text: str) -> object:
        return resolve_cached.__wrapped__(text)

    # one call of each input first: the data it needs (FDA's lists, the word list) is read
    # once per process on first need, and that load is not part of the per-string cost
    for text in EXACT + MISSPELLED:
        uncached(text)
    base_rate, base_p99 = _rate(naive, EXACT + MISSPELLED, args.seconds)
    exact_rate, exact_p99 = _rate(uncached, EXACT, args.seconds)
    fuzzy_rate, fuzzy_p99 = _rate(uncached, MISSPELLED, args.seconds)
    cached_rate, _ = _rate(ks.resolve, EXACT + MISSPELLED, args.seconds)
    batch = (EXACT + MISSPELLED) * 200
    t0 = time.perf_counter()
    ks.resolve_many(batch)
    many_rate = len(batch) / (time.perf_counter() - t0)

    figures = {
        "vocabulary_keys": len(names),
        "baseline_naive_wratio_per_s": round(base_rate),
        "exact_uncached_per_s": round(exact_rate),
        "exact_vs_baseline": round(exact_rate / base_rate, 1),
        "exact_p99_ms": round(exact_p99, 3),
        "fuzzy_uncached_per_s": round(fuzzy_rate),
        "fuzzy_vs_baseline": round(fuzzy_rate / base_rate, 1),
        "fuzzy_p99_ms": round(fuzzy_p99, 3),
        "baseline_p99_ms": round(base_p99, 3),
        "resolve_cached_per_s": round(cached_rate),
        "resolve_many_per_s": round(many_rate),
        **{k: round(v, 3) for k, v in _import_cost().items()},
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
