"""Findings that every reading of an ambiguous entry shares (issue 16, item 6)."""

from __future__ import annotations

import jsonschema

import kratom_safety as ks
from kratom_safety._check import _shared
from kratom_safety._data import get_store
from kratom_safety._fhir import to_cds_hooks, to_fhir
from kratom_safety._schema import json_schema

SEDATING_ANTIHISTAMINES = "KS-INT-0006"
SEIZURE_THRESHOLD = "KS-INT-0023"


def test_unisom_gives_the_sedating_antihistamine_finding() -> None:
    # Unisom is doxylamine or diphenhydramine: both sedating antihistamines
    m = ks.resolve("Unisom")
    assert m is not None and m.ambiguous and m.ingredients == ()
    assert m.alternatives == (("doxylamine",), ("diphenhydramine",))
    r = ks.check(["Unisom"])
    assert [f.interaction_id for f in r.findings] == [SEDATING_ANTIHISTAMINES]
    f = r.findings[0]
    assert f.from_ambiguous_input is True
    assert f.ingredient == "doxylamine or diphenhydramine"
    assert f.inputs == ("Unisom",)
    assert f.matched_by == "property:sedating_antihistamine"
    assert f.severity == "moderate" and f.action == "monitor"
    assert f.interaction is get_store().interactions[SEDATING_ANTIHISTAMINES]
    # still listed as ambiguous, and the coverage says something was not checked
    assert r.ambiguous == ("Unisom",)
    assert [i.status for i in r.inputs] == ["ambiguous"]
    assert r.coverage == "partial"
    assert "1 interaction finding with kratom" in r.statement
    assert "ambiguous, checked only for the findings every reading shares: 'Unisom'" in (
        r.statement
    )
    assert "ambiguous, not checked" not in r.statement


def test_readings_that_share_nothing_give_no_finding() -> None:
    # MS is morphine or magnesium sulfate: no interaction applies to both
    r = ks.check(["MS"])
    assert r.findings == ()
    assert r.ambiguous == ("MS",)
    assert r.coverage == "none"
    assert "ambiguous, not checked: 'MS'" in r.statement
    assert "This is not an all-clear" in r.statement
    r = ks.check(["MS", "sertraline"])
    assert all(not f.from_ambiguous_input for f in r.findings)
    assert r.coverage == "partial"


def test_the_mildest_severity_of_the_readings_is_reported() -> None:
    # the seizure class rule is major for clozapine, capped at moderate for haloperidol
    key = id(get_store())
    for one in ("clozapine", "haloperidol"):
        sev = {f.interaction_id: f.severity for f in ks.check([one]).findings}
        assert sev[SEIZURE_THRESHOLD] == ("major" if one == "clozapine" else "moderate")
    shared = _shared(key, ("kratom",), (("clozapine",), ("haloperidol",)))
    assert [(s[0], s[1], s[4]) for s in shared] == [
        (SEIZURE_THRESHOLD, "clozapine or haloperidol", "moderate")
    ]
    assert _shared(key, ("kratom",), (("clozapine",), ("bupropion",)))[0][4] == "major"
    # a reading with nothing in the clinical vocabulary shares nothing
    assert _shared(key, ("kratom",), (("clozapine",), ("magnesium sulfate",))) == ()
    assert _shared(key, ("kratom",), ()) == ()


def test_other_findings_are_not_marked() -> None:
    r = ks.check(["Unisom", "oxycodone"])
    marked = {f.interaction_id: f.from_ambiguous_input for f in r.findings}
    assert marked == {"KS-INT-0001": False, SEDATING_ANTIHISTAMINES: True}
    # the ambiguous entry takes no part in a combined risk (that would escalate on a guess)
    assert r.cumulative_risks == ()


def test_ambiguous_finding_in_json_schema_fhir_and_cds() -> None:
    r = ks.check(["Unisom", "oxycodone"])
    d = r.to_dict()
    assert [f["from_ambiguous_input"] for f in d["findings"]] == [False, True]
    assert list(d["findings"][1])[-1] == "from_ambiguous_input"
    jsonschema.validate(d, json_schema()["report"])
    issues = to_fhir(r)
    texts = [i["code"]["text"] for i in issues]
    assert "kratom - doxylamine or diphenhydramine (from an ambiguous entry) interaction" in texts
    assert "kratom - oxycodone interaction" in texts
    cards = to_cds_hooks(r)["cards"]
    details = [c["detail"] for c in cards]
    assert any(
        "**On the list as:** Unisom (from an ambiguous entry: doxylamine or diphenhydramine;" in d
        for d in details
    )
    unchecked = [c for c in cards if "not recognised by kratom_safety" in c["summary"]]
    assert len(unchecked) == 1
    assert "only the interactions that every reading of it shares" in unchecked[0]["detail"]
    # without such a finding, the card reads as before
    plain = to_cds_hooks(ks.check(["MS", "oxycodone"]))["cards"]
    assert all("every reading" not in c["detail"] for c in plain)
