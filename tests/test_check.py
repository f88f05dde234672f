from __future__ import annotations

import json
import random
import threading

import pytest

import kratom_safety as ks

DONE_WHEN = ["oxycodone", "Xanax", "sertraline"]


def test_done_when_list_gives_cited_findings() -> None:
    r = ks.check(DONE_WHEN)
    by_drug = {f.ingredient for f in r.findings}
    assert {"oxycodone", "alprazolam"} <= by_drug
    assert all(f.references for f in r.findings)
    assert r.unrecognized == ()
    assert r.coverage == "complete"
    assert "sertraline" in r.statement and "not evidence" in r.statement
    assert r.data_version == ks.DATA_VERSION and r.package_version == ks.__version__
    assert r.data_reviewed == ks.DATA_REVIEWED


def test_findings_ordered_by_action_then_severity() -> None:
    r = ks.check(["midazolam", "oxycodone", "dextromethorphan", "Xanax", "naltrexone"])
    action = {"avoid": 0, "adjust": 1, "monitor": 2, "no_action": 3}
    sev = {"major": 0, "moderate": 1, "minor": 2}
    keys = [(action[f.action], sev[f.severity]) for f in r.findings]
    assert keys == sorted(keys)


@pytest.mark.parametrize("drug", ["amoxicillin", "lisinopril", "metformin", "atorvastatin"])
def test_no_over_alerting_for_drugs_without_mechanism(drug: str) -> None:
    r = ks.check([drug])
    assert all(f.severity == "minor" for f in r.findings if drug != "atorvastatin")
    # atorvastatin is a moderately sensitive CYP3A substrate: at most a monitor finding
    assert all(f.action in ("monitor", "no_action") for f in r.findings)


def test_empty_result_is_never_called_safe() -> None:
    r = ks.check(["amoxicillin"])
    assert r.findings == ()
    assert ks.DATA_VERSION in r.statement
    assert "not evidence that the combination is safe" in r.statement


def test_unrecognised_inputs_are_listed_and_coverage_partial() -> None:
    r = ks.check(["oxycodone", "blorptastic", "MS"])
    assert r.unrecognized == ("blorptastic",)
    assert r.ambiguous == ("MS",)
    assert r.coverage == "partial"
    assert "blorptastic" in r.statement and "MS" in r.statement


def test_kratom_products_in_the_list_are_detected() -> None:
    r = ks.check(["7-OH tablets", "hydrocodone"])
    assert "7-hydroxymitragynine" in r.substances
    assert r.substances_detected_in_list == ("7-hydroxymitragynine",)
    assert "KS-INT-0002" in {f.interaction_id for f in r.findings}
    leaf = ks.check(["hydrocodone"])
    assert "KS-INT-0002" not in {f.interaction_id for f in leaf.findings}


def test_substance_argument() -> None:
    r = ks.check(["hydrocodone"], substance="7-hydroxymitragynine")
    assert r.substances == ("7-hydroxymitragynine",)
    assert {f.interaction_id for f in r.findings} >= {"KS-INT-0002"}


def test_drug_specific_record_supersedes_class_rule() -> None:
    ids = {f.interaction_id for f in ks.check(["midazolam"]).findings}
    assert "KS-INT-0009" in ids and "KS-INT-0008" not in ids
    dxm = {f.interaction_id for f in ks.check(["dextromethorphan"]).findings}
    assert "KS-INT-0011" in dxm and "KS-INT-0010" not in dxm


def test_rescue_drug_is_never_avoid() -> None:
    for f in ks.check(["naloxone", "Narcan", "buprenorphine"]).findings:
        assert f.action != "avoid"


def test_cumulative_risk_across_the_list() -> None:
    r = ks.check(["oxycodone", "alprazolam", "gabapentin"])
    assert r.cumulative_risks
    assert set(r.cumulative_risks[0].ingredients) == {"oxycodone", "alprazolam", "gabapentin"}
    assert ks.check(["oxycodone"]).cumulative_risks == ()


def test_json_is_deterministic_and_order_independent() -> None:
    meds = ["oxycodone", "Xanax", "sertraline", "midazolam", "zolof", "gabapentin"]
    first = ks.check(meds).to_dict()
    assert json.dumps(first) == json.dumps(ks.check(meds).to_dict())
    shuffled = meds[:]
    random.Random(4).shuffle(shuffled)
    second = ks.check(shuffled).to_dict()
    assert first["findings"] == second["findings"]
    assert first["cumulative_risks"] == second["cumulative_risks"]


def test_threads_get_the_same_answers() -> None:
    meds = ["oxycodone", "Xanax", "zolof", "Percocet 5/325", "midazolam"]
    expected = ks.check(meds).to_json()
    results: list[str] = []

    def work() -> None:
        for _ in range(20):
            results.append(ks.check(meds).to_json())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 160 and set(results) == {expected}


def test_interactions_browse() -> None:
    everything = ks.interactions()
    assert len(everything) == 38
    assert all(r.severity == "major" for r in ks.interactions(severity="major"))
    assert {r.id for r in ks.interactions(drug="midazolam")} >= {"KS-INT-0009"}
    assert all(
        "7-hydroxymitragynine" in r.substances
        for r in ks.interactions(substance="7-hydroxymitragynine")
    )
    assert ks.interactions(property="benzodiazepine")
    with pytest.raises(ks.InvalidInputError):
        ks.interactions(drug="blorptastic")


def _candidates(store, record):  # type: ignore[no-untyped-def]
    """Ingredients whose check could produce ``record``: named ones, then class members."""
    for t in record.targets:
        if t.kind == "ingredient":
            yield t.value
    for t in record.targets:
        if t.kind == "property":
            for ing in sorted(store.ingredients.values(), key=lambda i: i.id):
                if ing.has(t.value):
                    yield ing.id


def test_every_record_fires_for_a_drug_it_covers(store) -> None:  # type: ignore[no-untyped-def]
    for record in store.interactions.values():
        fired = [
            drug
            for drug in _candidates(store, record)
            if record.id
            in {f.interaction_id for f in ks.check([drug], substance=record.substances[0]).findings}
        ]
        assert fired, f"no ingredient triggers {record.id}"
