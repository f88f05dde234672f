"""The real-world benchmark's scoring (benchmarks/bench_realworld.py) on constructed cases,
and the shape of the committed development set. Fast: no resolver, no other library."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

from ._paths import REPO as ROOT


def _load() -> Any:
    path = ROOT / "benchmarks" / "bench_realworld.py"
    spec = importlib.util.spec_from_file_location("bench_realworld", path)
    assert spec
    assert spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


bench = _load()
SALTS = frozenset(
    {"hydrochloride", "sodium", "phosphate", "tromethamine", "bitartrate", "sulfate"}
    | {"heptahydrate", "pentahydrate", "calcium", "carbonate", "acetate", "lithium"}
)
MATCHER = bench.Matcher(
    SALTS, {"paracetamol": frozenset({"U1"}), "acetaminophen": frozenset({"U1"})}
)


def classify(
    items: Any, readings: list[list[str]], ambiguous: bool = False
) -> tuple[str, list[str]]:
    result: tuple[str, list[str]] = bench.classify(items, ambiguous, readings, MATCHER)
    return result


@pytest.mark.parametrize(
    ("items", "readings", "expected"),
    [
        # exact: salt word taken off the label
        ([["ketorolac"]], [["KETOROLAC TROMETHAMINE"]], "exact"),
        # exact: same name, different case and punctuation
        ([["florbetapir f 18"]], [["FLORBETAPIR F-18"]], "exact"),
        # exact: two salt words taken off, one at a time
        ([["dexamethasone"]], [["DEXAMETHASONE SODIUM PHOSPHATE"]], "exact"),
        # exact: a hydrate word off the label, the salt kept
        ([["magnesium sulfate"]], [["MAGNESIUM SULFATE HEPTAHYDRATE"]], "exact"),
        # exact: a hydrate named on our side only
        ([["leucovorin calcium pentahydrate"]], [["LEUCOVORIN CALCIUM"]], "exact"),
        # exact: the bare element for its salt, though "lithium" is a salt word too
        ([["lithium"]], [["LITHIUM CARBONATE"]], "exact"),
        # exact: same UNII under another name
        ([["paracetamol"]], [["ACETAMINOPHEN"]], "exact"),
        # exact: combination, in any order
        (
            [["acetaminophen"], ["hydrocodone"]],
            [["HYDROCODONE BITARTRATE", "ACETAMINOPHEN"]],
            "exact",
        ),
        # partial: one of two found, nothing wrong
        ([["hydrocodone"]], [["HYDROCODONE BITARTRATE", "ACETAMINOPHEN"]], "partial"),
        # none: no answer, or an answer with no ingredients
        (None, [["ACETAMINOPHEN"]], "none"),
        ([], [["ACETAMINOPHEN"]], "none"),
        # wrong: another drug
        ([["ibuprofen"]], [["ACETAMINOPHEN"]], "wrong"),
        # wrong: the right drug plus one that is not in the product
        ([["acetaminophen"], ["caffeine"]], [["ACETAMINOPHEN"]], "wrong"),
        # wrong: a near name is not a salt form ("calcium carbonate" is not "calcium acetate")
        ([["calcium acetate"]], [["CALCIUM CARBONATE"]], "wrong"),
    ],
)
def test_outcomes(items: Any, readings: list[list[str]], expected: str) -> None:
    assert classify(items, readings)[0] == expected


def test_wrong_names_are_reported() -> None:
    outcome, wrong = classify([["acetaminophen"], ["caffeine"]], [["ACETAMINOPHEN"]])
    assert (outcome, wrong) == ("wrong", ["caffeine"])


def test_ambiguous_is_its_own_outcome_and_counts_as_none() -> None:
    assert classify([], [["ACETAMINOPHEN"]], ambiguous=True) == ("ambiguous", [])
    tally = bench.Tally()
    for outcome in ("ambiguous", "none", "exact", "wrong"):
        tally.add(outcome)
    cells = tally.row("x").split()
    # n, exact%, partial%, none% (none + ambiguous), ambiguous%, wrong%, wrong, recognised%,
    # far% (wrong sharing no name with the label: counted by score(), none here)
    assert cells[1:] == ["4", "25.0", "0.0", "50.0", "25.0", "25.0", "1", "25.0", "0.0"]


def test_far_wrong_forgives_a_name_written_differently_only() -> None:
    label = [["TENOFOVIR DISOPROXIL FUMARATE"]]
    assert not bench.far_wrong(["tenofovir"], label)  # the same drug, an ester not named
    assert bench.far_wrong(["mepyramine"], [["CYSTEINE HYDROCHLORIDE", "HISTIDINE"]])
    assert bench.far_wrong(["bee pollen", "avena sativa pollen"], [["AVENA SATIVA POLLEN"]])


def test_products_that_disagree_allow_only_what_they_share() -> None:
    pain_relief = [["ACETAMINOPHEN"], ["IBUPROFEN"]]
    assert classify([["acetaminophen"]], pain_relief)[0] == "wrong"  # a guess
    assert classify(None, pain_relief)[0] == "none"
    tylenol = [["ACETAMINOPHEN"], ["ACETAMINOPHEN", "DIPHENHYDRAMINE HYDROCHLORIDE"]]
    assert classify([["acetaminophen"]], tylenol)[0] == "exact"
    assert classify([["acetaminophen"], ["diphenhydramine"]], tylenol)[0] == "wrong"


def test_strip_salts_keeps_one_word() -> None:
    salts = frozenset({"sodium", "chloride"})
    assert bench.strip_salts("sodium chloride", salts) == "sodium"
    assert bench.strip_salts("sodium", salts) == "sodium"
    assert bench.norm("  Camphor (Synthetic),  MENTHOL ") == "camphor synthetic menthol"


def test_committed_devset_shape() -> None:
    path = ROOT / "benchmarks" / "realworld" / "devset.tsv"
    assert path.stat().st_size < 2_000_000
    rows = bench.load_devset(path)
    assert 5000 <= len(rows) <= 10000
    assert len({r.id for r in rows}) == len(rows)
    assert len({r.text.casefold() for r in rows}) == len(rows)  # de-duplicated
    assert {r.style for r in rows} == {
        "brand",
        "brand_suffix",
        "generic_strength_form",
        "upper_ehr",
    }
    assert all(r.readings and all(r.readings) for r in rows)
    keys = [(r.style, r.text.casefold(), r.id) for r in rows]
    assert keys == sorted(keys)
    salts = bench.load_salts()
    assert {"hydrochloride", "sodium", "tromethamine", "hyclate"} <= salts
