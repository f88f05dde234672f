"""check() cost against resolution of the same strings, as a ratio measured in one process.

Each list has 5 medication strings; the ratio is (time of one check) / (time of resolving its
5 strings with ``resolve()``). Three comparisons, each like against like:

* warm: the same 6 lists again and again, every cache warm on both sides (``resolve()`` answers
  from its per-string memo, ``check()`` from its per-list memo: a report is immutable);
* fresh: every list a combination of 5 of the 30 strings never checked before, the strings
  themselves resolved before (a service or batch run: known strings, new lists); this is
  the cost of assembling a report, and the figure the issue's target (at most 10) is about;
* cold: every memo of the package cleared before each list, on both sides: ``check()``
  resolves its strings anew, as ``resolve()`` does.

Run:

    python benchmarks/bench_check.py [--seconds 2.0] [--json]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import random
import time
from collections.abc import Callable, Iterator, Sequence

import kratom_safety
from kratom_safety import check, resolve

LISTS: tuple[tuple[str, ...], ...] = (
    ("oxycodone 5 mg", "Xanax 0.5mg", "sertraline 50 mg tab", "lisinopril 10mg", "kratom"),
    ("Percocet 5/325", "gabapentin 300 mg", "trazodone", "metformin 500 mg", "omeprazole"),
    ("methadone 80 mg", "quetiapine 100mg qhs", "citalopram", "Unisom", "atorvastatin"),
    ("buprenorphine/naloxone", "clonazepam 1mg", "ondansetron", "amlodipine", "levothyroxine"),
    ("tramadol 50mg", "bupropion XL 300", "ibuprofen", "zolof", "some herbal tea"),
    ("warfarin 5 mg", "fluconazole", "midazolam", "simvastatin", "acetaminophen 500 mg"),
)


def _caches() -> list[Callable[[], None]]:
    """``cache_clear`` of every lru_cache in the package (resolution, negation, checking)."""
    import sys

    clears = []
    for name, module in sorted(sys.modules.items()):
        if module is None or not name.startswith("kratom_safety"):
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and callable(getattr(value, "cache_info", None)):
                clears.append(clear)
    return clears


def _fresh() -> Iterator[tuple[str, ...]]:
    """Combinations of 5 of the strings of LISTS, each once, in a fixed shuffled order."""
    pool = sorted({m for meds in LISTS for m in meds})
    combos = list(itertools.combinations(pool, 5))
    random.Random(14).shuffle(combos)
    return iter(combos)


def _rate(
    fn: Callable[[Sequence[str]], object],
    seconds: float,
    before: Callable[[], None],
    lists: Iterator[tuple[str, ...]] | None = None,
) -> float:
    """Calls per second of ``fn`` over LISTS (or over ``lists``, each once), cycling for
    ``seconds``; ``before`` runs before each call, untimed."""
    n = 0
    total = 0.0
    gc.collect()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for meds in LISTS if lists is None else itertools.islice(lists, len(LISTS)):
            before()
            t0 = time.perf_counter()
            fn(meds)
            total += time.perf_counter() - t0
            n += 1
    return n / total


def _resolve_all(meds: Sequence[str]) -> object:
    return [resolve(m) for m in meds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    for meds in LISTS:  # load the data and build the index outside the timings
        check(meds)
    clears = _caches()

    def clear() -> None:
        for c in clears:
            c()

    def nothing() -> None:
        pass

    out: dict[str, object] = {"package_version": kratom_safety.__version__}
    for mode, before in (("warm", nothing), ("fresh", nothing), ("cold", clear)):
        fresh = mode == "fresh"
        lists_s = _rate(check, args.seconds, before, _fresh() if fresh else None)
        strings_s = _rate(_resolve_all, args.seconds, before, _fresh() if fresh else None) * 5
        out[mode] = {
            "check_lists_per_s": round(lists_s),
            "resolve_strings_per_s": round(strings_s),
            "ratio": round(strings_s / 5 / lists_s, 2),
        }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"kratom_safety {out['package_version']}, {len(LISTS)} lists of 5 strings")
    for mode in ("warm", "fresh", "cold"):
        r = out[mode]
        assert isinstance(r, dict)
        print(
            f"{mode:>5}: check {r['check_lists_per_s']:>8} lists/s, resolve "
            f"{r['resolve_strings_per_s']:>8} strings/s, ratio (check of 5 / resolve of 5) "
            f"{r['ratio']}"
        )


if __name__ == "__main__":
    main()
