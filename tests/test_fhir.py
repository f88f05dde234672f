"""FHIR R4 DetectedIssue and CDS Hooks output, validated against a real FHIR model library."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fhir.resources.R4B.detectedissue import DetectedIssue

import kratom_safety as ks

MEDS = ["oxycodone 5 mg", "Xanax", "blorptastic"]


def test_detected_issues_validate_and_follow_the_mapping() -> None:
    report = ks.check(MEDS)
    issues = ks.fhir.to_fhir(
        report,
        patient="Patient/123",
        implicated={"Xanax": "MedicationRequest/abc"},
        identified=dt.date(2026, 11, 24),
    )
    assert len(issues) == len(report.findings) + len(report.cumulative_risks)
    for issue, finding in zip(issues, report.findings, strict=False):
        DetectedIssue.model_validate(issue)  # R4B DetectedIssue is structurally R4's
        assert issue["code"]["coding"][0]["code"] == "NHP"
        assert (
            issue["severity"]
            == {"major": "high", "moderate": "moderate", "minor": "low"}[finding.severity]
        )
        assert issue["status"] == "preliminary"  # 'blorptastic' was not recognised
        assert issue["detail"].endswith(f"data {ks.DATA_VERSION}, reviewed {ks.DATA_REVIEWED}.")
    xanax = next(i for i in issues if "alprazolam" in i["code"]["text"])
    assert {"reference": "MedicationRequest/abc", "display": "Xanax"} in xanax["implicated"]


def test_a_combined_risk_is_a_detected_issue_too() -> None:
    """Findings folded into a combined risk never leave the FHIR output empty."""
    report = ks.check(["methadone 90 mg", "citalopram 20 mg", "ondansetron", "azithromycin"])
    issues = ks.fhir.to_fhir(report, implicated={"ondansetron": "MedicationRequest/o"})
    combined = [i for i in issues if i["identifier"][0]["system"].endswith(":combined-risk")]
    assert len(combined) == len(report.cumulative_risks) >= 1
    for issue, c in zip(combined, report.cumulative_risks, strict=True):
        DetectedIssue.model_validate(issue)
        assert issue["identifier"][0]["value"] == c.group
        assert (
            issue["severity"]
            == {"major": "high", "moderate": "moderate", "minor": "low"}[c.severity]
        )
    qt = next(i for i in combined if i["identifier"][0]["value"] == "qt_prolongation")
    assert {"reference": "MedicationRequest/o", "display": "ondansetron"} in qt["implicated"]


def test_fhir_output_is_deterministic() -> None:
    a = json.dumps(ks.fhir.to_fhir(ks.check(MEDS)))
    b = json.dumps(ks.fhir.to_fhir(ks.check(list(reversed(MEDS)))))
    assert a == b
    assert "identifiedDateTime" not in a


def test_cds_hooks_cards() -> None:
    resp = ks.fhir.to_cds_hooks(ks.check(["oxycodone", "alprazolam", "gabapentin", "qqqq"]))
    cards = resp["cards"]
    assert cards
    for card in cards:
        assert len(card["summary"]) < 140
        assert card["indicator"] in ("info", "warning", "critical")
        assert ks.DATA_VERSION in card["source"]["label"]
        assert card["detail"].rstrip("_").endswith(ks.check([]).disclaimer)
        assert ks.DATA_VERSION in card["detail"]
    assert any(c["indicator"] == "critical" for c in cards)
    assert "not recognised" in cards[-1]["summary"]
    assert ks.fhir.to_cds_hooks(ks.check(["amoxicillin"])) == {"cards": []}


def test_medications_from_an_order_select_request() -> None:
    request = {
        "hook": "order-select",
        "context": {
            "patientId": "123",
            "selections": ["MedicationRequest/m1"],
            "draftOrders": {
                "resourceType": "Bundle",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "MedicationRequest",
                            "id": "m1",
                            "medicationCodeableConcept": {
                                "coding": [
                                    {"system": "rxnorm", "display": "Oxycodone 5 MG Oral Tablet"}
                                ]
                            },
                        }
                    },
                    {
                        "resource": {
                            "resourceType": "MedicationRequest",
                            "id": "m2",
                            "contained": [
                                {
                                    "resourceType": "Medication",
                                    "id": "med",
                                    "code": {"text": "Xanax"},
                                }
                            ],
                            "medicationReference": {"reference": "#med"},
                        }
                    },
                    {"resource": {"resourceType": "MedicationRequest", "id": "m3"}},
                    {"resource": {"resourceType": "Observation", "id": "o1"}},
                ],
            },
        },
        "prefetch": {
            "meds": {
                "resourceType": "Bundle",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "MedicationStatement",
                            "id": "s1",
                            "medicationCodeableConcept": {"text": "kratom capsules"},
                        }
                    }
                ],
            }
        },
    }
    names = ks.fhir.medications_from_fhir(request)
    assert names == [
        "Oxycodone 5 MG Oral Tablet",
        "Xanax",
        "MedicationRequest/m3 (no medication name)",
        "kratom capsules",
    ]
    report = ks.check(names)
    assert report.substances_detected_in_list == ("kratom",)
    assert report.unrecognized == ("MedicationRequest/m3 (no medication name)",)


@pytest.mark.parametrize("junk", [None, 1, "x", [], object()])
def test_junk_is_refused(junk: object) -> None:
    for fn in (ks.fhir.to_fhir, ks.fhir.to_cds_hooks):
        with pytest.raises(ks.InvalidInputError):
            fn(junk)  # type: ignore[arg-type]
    if not isinstance(junk, list):
        with pytest.raises(ks.InvalidInputError):
            ks.fhir.medications_from_fhir(junk)  # type: ignore[arg-type]


def test_fhir_mappings_cover_each_vocabulary_once() -> None:
    from typing import get_args

    from kratom_safety import _fhir
    from kratom_safety._models import SUMMARY_MAX, Action, Interaction, Severity

    assert tuple(_fhir._FHIR_SEVERITY) == get_args(Severity)
    assert tuple(_fhir._INDICATOR) == get_args(Action)
    # one limit for a card summary and for the summary of a record
    assert Interaction.model_fields["summary"].metadata[-1].max_length == SUMMARY_MAX == 139
    long = "word " * 60
    assert len(_fhir._truncate(long)) <= SUMMARY_MAX
    assert _fhir._truncate("x" * SUMMARY_MAX) == "x" * SUMMARY_MAX
    assert _fhir._truncate("x" * (SUMMARY_MAX + 1)).endswith("...")


def test_fhir_refuses_what_is_not_a_report() -> None:
    report = ks.check(MEDS)
    for fn in (ks.fhir.to_fhir, ks.fhir.to_cds_hooks):
        with pytest.raises(ks.InvalidInputError, match="expected a Report"):
            fn(report.to_dict())  # type: ignore[arg-type]
        with pytest.raises(ks.InvalidInputError, match="source must be the FhirMedications"):
            fn(report, source=["oxycodone"])  # type: ignore[arg-type]
        with pytest.raises(ks.InvalidInputError, match="include_no_action must be True or"):
            fn(report, include_no_action=1)  # type: ignore[arg-type]
