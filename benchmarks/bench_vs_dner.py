"""Side by side with drug-named-entity-recognition (optional: pip install ".[bench]").

Both resolvers get the labelled development set from tests/ (drug strings and non-drug
strings); figures are accuracy, throughput and import time, with kratom_safety as a ratio to
the other library measured in the same process.

    python benchmarks/bench_vs_dner.py
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
    assert spec
    assert spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _import_seconds(stmt: str) -> float:
    code = f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def _score(
    resolve: Callable[[str], set[str] | None],
    drugs: list[tuple[str, Any]],
    non_drugs: list[str],
) -> dict[str, float]:
    ok = 0
    wrong_drug = 0
    t0 = time.perf_counter()
    for text, expected in drugs:
        got = resolve(text)
        if expected == "AMBIGUOUS":
            ok += got is None  # neither library should guess
            continue
        if got is not None and set(expected) == got:
            ok += 1
        elif got:
            wrong_drug += 1
    false_pos = sum(1 for text in non_drugs if resolve(text))
    seconds = time.perf_counter() - t0
    n = len(drugs) + len(non_drugs)
    return {
        "drug_accuracy": round(ok / len(drugs), 4),
        "wrong_drug_returned": wrong_drug,
        "non_drug_false_positives": false_pos,
        "strings_per_s": round(n / seconds),
    }


def main() -> None:
    drugs, non_drugs = _load("_devset").drugs_and_non_drugs()

    import kratom_safety as ks
    from kratom_safety._resolver import resolve_cached

    def ours(text: str) -> set[str] | None:
        m = resolve_cached.__wrapped__(text)  # uncached, for a fair speed figure
        return set(m.ingredients) if m and not m.ambiguous and m.ingredients else None

    ks.resolve("warm up")
    figures: dict[str, Any] = {
        "strings": len(drugs) + len(non_drugs),
        "kratom_safety": _score(ours, drugs, non_drugs),
    }
    figures["kratom_safety"]["import_and_index_s"] = round(
        _import_seconds("import kratom_safety as k; k.resolve('x')"), 3
    )
    try:
        from drug_named_entity_recognition import find_drugs
    except ImportError:
        figures["drug_named_entity_recognition"] = "not installed (pip install '.[bench]')"
        print(json.dumps(figures, indent=2))
        return

    crashes: dict[str, int] = {"exact": 0, "fuzzy": 0}

    def safe_find(text: str, fuzzy: bool) -> list[Any]:
        try:
            return list(find_drugs(text.split(), is_fuzzy_match=fuzzy))
        except Exception:  # the other library raises on some inputs; count, do not stop
            crashes["fuzzy" if fuzzy else "exact"] += 1
            return []

    def theirs(fuzzy: bool) -> Callable[[str], set[str] | None]:
        def run(text: str) -> set[str] | None:
            found = safe_find(text, fuzzy)
            names: set[str] = set()
            for drug, _, _ in found:
                names.add(str(drug.get("name", "")).lower())
            return names or None

        return run

    def lenient(run: Callable[[str], set[str] | None]) -> Callable[[str], set[str] | None]:
        # count their answer right when each expected ingredient is its name or a synonym
        def wrapped(text: str) -> set[str] | None:
            found = safe_find(text, run is fuzzy_run)
            names: set[str] = set()
            for drug, _, _ in found:
                names.add(str(drug.get("name", "")).lower())
                names.update(str(s).lower() for s in drug.get("synonyms", []))
            return names or None

        return wrapped

    exact_run, fuzzy_run = theirs(False), theirs(True)
    for label, run in (("exact", exact_run), ("fuzzy", fuzzy_run)):
        scores = _score(run, drugs, non_drugs)
        # accuracy with synonyms allowed (so "paracetamol" counts for acetaminophen)
        syn = lenient(run)
        hits = sum(
            1
            for text, expected in drugs
            if expected != "AMBIGUOUS" and (got := syn(text)) and set(expected) <= got
        )
        scores["drug_accuracy_synonyms_allowed"] = round(hits / len(drugs), 4)
        scores["exceptions_raised"] = crashes[label]
        figures[f"drug_named_entity_recognition_{label}"] = scores
    figures["drug_named_entity_recognition_import_s"] = round(
        _import_seconds("from drug_named_entity_recognition import find_drugs"), 3
    )
    ours_rate = figures["kratom_safety"]["strings_per_s"]
    figures["speed_ratio_vs_dner_fuzzy"] = round(
        ours_rate / figures["drug_named_entity_recognition_fuzzy"]["strings_per_s"], 1
    )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
