"""Accuracy on the held-out set (benchmarks/heldout_devset.py), written without looking at
the resolver's output. Do not tune the resolver on it: report the figure, then replace the set.

    python benchmarks/bench_heldout.py
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
from typing import Any

import kratom_safety as ks

HERE = pathlib.Path(__file__).resolve().parent


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("heldout", HERE / "heldout_devset.py")
    assert spec
    assert spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    mod = _load()
    right, wrong_drug, missed, ambiguous = 0, [], [], []
    for text, expected in mod.HELDOUT_DRUGS:
        m = ks.resolve(text)
        if m is None:
            missed.append(text)
        elif m.ambiguous:
            ambiguous.append(text)
        elif set(m.ingredients) == set(expected) and not m.unmatched:
            right += 1
        elif set(expected) <= set(m.ingredients) or set(m.ingredients) <= set(expected):
            missed.append(f"{text} -> {m.ingredients} (partial)")
        else:
            wrong_drug.append(f"{text} -> {m.ingredients} (expected {expected})")
    false_pos = [t for t in mod.HELDOUT_NON_DRUGS if ks.resolve(t) is not None]
    n = len(mod.HELDOUT_DRUGS)
    print(
        json.dumps(
            {
                "drug_strings": n,
                "fully_right": right,
                "accuracy": round(right / n, 4),
                "unrecognised_or_partial": missed,
                "ambiguous": ambiguous,
                "wrong_drug": wrong_drug,
                "non_drug_strings": len(mod.HELDOUT_NON_DRUGS),
                "non_drug_false_positives": false_pos,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
