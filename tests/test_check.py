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


# --- reports as frozen pydantic models (issue 14) --------------------------------------------

FINDING_KEYS = [
    "interaction_id",
    "ingredient",
    "inputs",
    "substances",
    "title",
    "summary",
    "severity",
    "serious",
    "action",
    "evidence",
    "evidence_rationale",
    "mechanism_type",
    "mechanism",
    "mechanism_targets",
    "clinical_effect",
    "onset",
    "management",
    "counselling",
    "matched_by",
    "property_verified",
    "references",
    "last_reviewed",
    "combined_risk",
    "from_ambiguous_input",
]
REPORT_KEYS = [
    "package_version",
    "data_version",
    "data_reviewed",
    "substances",
    "substances_detected_in_list",
    "coverage",
    "statement",
    "findings",
    "cumulative_risks",
    "unrecognized",
    "ambiguous",
    "partially_recognized",
    "negated",
    "excluded",
    "outside_vocabulary",
    "inputs",
    "disclaimer",
]


def test_finding_holds_its_interaction_and_reads_through_to_it() -> None:
    from kratom_safety._data import get_store

    store = get_store()
    r = ks.check(["haloperidol", "oxycodone", "Xanax", "diphenhydramine"])
    assert len(r.findings) >= 4
    for f in r.findings:
        it = store.interactions[f.interaction_id]
        assert f.interaction is it
        for name in (
            "title",
            "summary",
            "serious",
            "action",
            "evidence",
            "mechanism_type",
            "mechanism",
            "mechanism_targets",
            "clinical_effect",
            "onset",
            "management",
            "counselling",
        ):
            assert getattr(f, name) == getattr(it, name), name
        assert f.last_reviewed == it.last_reviewed.isoformat()
        assert f.property_verified is True
        assert f.references == tuple(store.references[x] for x in it.references)
        assert f.evidence_rationale.startswith(it.evidence_rationale)
    # a class tier caps the finding's severity below the record's: the finding's own value
    capped = next(f for f in r.findings if f.interaction_id == "KS-INT-0023")
    assert capped.interaction.severity == "major" and capped.severity == "moderate"
    assert capped.evidence_rationale != capped.interaction.evidence_rationale


def test_results_are_frozen_pydantic_models() -> None:
    import pydantic

    r = ks.check(["oxycodone", "Xanax"])
    for obj, field in (
        (r, "statement"),
        (r.findings[0], "severity"),
        (r.inputs[0], "status"),
        (r.cumulative_risks[0], "title"),
    ):
        assert isinstance(obj, pydantic.BaseModel)
        with pytest.raises(pydantic.ValidationError):
            setattr(obj, field, "x")
    with pytest.raises(pydantic.ValidationError):
        ks.Finding(**{**dict(r.findings[0]), "severity": "deadly"})


def test_json_keys_keep_their_order() -> None:
    d = ks.check(["oxycodone", "Xanax", "qqqq", "haloperidol", "methadone"]).to_dict()
    assert list(d) == REPORT_KEYS
    assert [list(f) for f in d["findings"]] == [FINDING_KEYS] * len(d["findings"])
    assert list(d["cumulative_risks"][0]) == [
        "group",
        "ingredients",
        "interaction_ids",
        "statement",
        "references",
        "title",
        "severity",
        "action",
        "escalated",
    ]
    assert list(d["findings"][0]["references"][0]) == [
        "id",
        "citation",
        "title",
        "year",
        "pmid",
        "pmcid",
        "doi",
        "url",
        "study_type",
    ]
    assert list(d["inputs"][0]) == ["index", "input", "status", "match"]
    assert d["inputs"][2]["match"] is None
    assert d["inputs"][0]["match"] == ks.resolve("oxycodone").to_dict()  # type: ignore[union-attr]
    assert json.loads(ks.check(["oxycodone"]).to_json()) == ks.check(["oxycodone"]).to_dict()


def test_check_lenient_reports_refused_strings_as_excluded() -> None:
    from kratom_safety._check import MAX_LIST, check_lenient

    assert MAX_LIST == 1000
    long = "oxycodone " * 60
    r = check_lenient(["Xanax", long, "   ", "sertraline"], "kratom")
    assert [i.status for i in r.inputs] == ["matched", "excluded", "excluded", "matched"]
    assert r.excluded == (long[:200] + "\u2026", "   ")
    assert r.coverage == "partial"
    assert "refused, not checked" in r.statement
    assert "alprazolam" in {f.ingredient for f in r.findings}
    # the same list without the refused strings gives the same findings
    assert r.findings == ks.check(["Xanax", "sertraline"]).findings
    junk = check_lenient(["Xanax", 3, None, ["x"]], "kratom")  # type: ignore[list-item]
    assert junk.excluded == ("3", "None", "['x']")
    with pytest.raises(ks.InvalidInputError, match="substance must be one of"):
        check_lenient(["Xanax"], "coffee")
    with pytest.raises(ks.InvalidInputError):
        ks.check(["Xanax", long])
    with pytest.raises(ks.InvalidInputError, match="more than 1000 medications"):
        ks.check(["Xanax"] * (MAX_LIST + 1))


def test_vocabularies_come_from_their_literals() -> None:
    from typing import get_args

    from kratom_safety._models import Action, Severity
    from kratom_safety._rules import ACTION_RANK, SEVERITY_RANK

    assert tuple(SEVERITY_RANK) == get_args(Severity) == ("major", "moderate", "minor")
    assert tuple(ACTION_RANK) == get_args(Action) == ("avoid", "adjust", "monitor", "no_action")
    assert SEVERITY_RANK["major"] < SEVERITY_RANK["minor"]
    assert ACTION_RANK["avoid"] < ACTION_RANK["no_action"]


def test_the_same_list_gives_the_same_report() -> None:
    meds = ["oxycodone", "Xanax", "qqqq"]
    assert ks.check(meds) == ks.check(list(meds))
    assert ks.check(meds) != ks.check(meds, substance="mitragynine")
    assert ks.check(meds).inputs != ks.check(["Xanax", "oxycodone", "qqqq"]).inputs
