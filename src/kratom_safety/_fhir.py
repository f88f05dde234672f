"""Outputs that EHR software understands: FHIR R4 DetectedIssue and CDS Hooks cards."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from ._check import CumulativeRisk, Finding, Report
from ._errors import InvalidInputError

__all__ = ["medications_from_fhir", "to_cds_hooks", "to_fhir"]

#: Namespace for identifiers, extensions and CDS topics minted by this library.
NAMESPACE = "urn:kratom-safety"
_UUID_NS = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)
_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_FHIR_SEVERITY = {"major": "high", "moderate": "moderate", "minor": "low"}
_INDICATOR = {"avoid": "critical", "adjust": "warning", "monitor": "warning", "no_action": "info"}
_SUMMARY_MAX = 139


def _finding_uuid(report: Report, f: Finding) -> str:
    key = f"{report.data_version}|{f.interaction_id}|{f.ingredient}|{','.join(f.substances)}"
    return str(uuid.uuid5(_UUID_NS, key))


def _footer(report: Report) -> str:
    return f"kratom_safety data {report.data_version}, reviewed {report.data_reviewed}."


def _substance_label(report: Report) -> str:
    return " / ".join(report.substances)


def _check_report(report: object) -> Report:
    if not isinstance(report, Report):
        raise InvalidInputError("expected a Report from kratom_safety.check()", value=report)
    return report


def to_fhir(
    report: Report,
    *,
    patient: str | None = None,
    implicated: Mapping[str, str] | None = None,
    identified: _dt.date | _dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """One FHIR R4 ``DetectedIssue`` per finding, as JSON-ready dicts.

    ``patient`` is a reference such as ``"Patient/123"``. ``implicated`` maps an input string
    (as passed to :func:`check`) to a reference such as ``"MedicationRequest/abc"``; inputs
    without a mapping are implicated by display name only. ``identified`` is echoed as
    ``identifiedDateTime`` only when given, so the output stays deterministic.
    The issue code is ``NHP`` (natural health product alert); severity maps
    major/moderate/minor to high/moderate/low; ``detail`` ends with the data version and review
    date. Status is ``preliminary`` when some inputs were not recognised.
    """
    report = _check_report(report)
    if patient is not None and (not isinstance(patient, str) or "/" not in patient):
        raise InvalidInputError("patient must be a reference like 'Patient/123'", value=patient)
    refs: Mapping[str, str] = {}
    if implicated is not None:
        if not isinstance(implicated, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in implicated.items()
        ):
            raise InvalidInputError("implicated must map input strings to references", value=None)
        refs = implicated
    if identified is not None and not isinstance(identified, (_dt.date, _dt.datetime)):
        raise InvalidInputError("identified must be a date or datetime", value=identified)

    issues = []
    status = "final" if report.coverage == "complete" else "preliminary"
    for f in report.findings:
        implicated_refs: list[dict[str, str]] = []
        for text in f.inputs:
            ref = {"display": text}
            if text in refs:
                ref = {"reference": refs[text], "display": text}
            implicated_refs.append(ref)
        implicated_refs.append({"display": f"{_substance_label(report)} (patient-reported)"})
        detail = (
            f"{f.summary}. Mechanism: {f.mechanism} Management: {f.management} "
            f"Evidence: {f.evidence} - {f.evidence_rationale} {_footer(report)}"
        )
        issue: dict[str, Any] = {
            "resourceType": "DetectedIssue",
            "id": "ks-" + _finding_uuid(report, f),
            "meta": {"tag": [{"system": f"{NAMESPACE}:data-version", "code": report.data_version}]},
            "identifier": [{"system": f"{NAMESPACE}:interaction", "value": f.interaction_id}],
            "status": status,
            "code": {
                "coding": [
                    {"system": _ACT_CODE, "code": "NHP", "display": "Natural Health Product Alert"}
                ],
                "text": f"{_substance_label(report)} - {f.ingredient} interaction",
            },
            "severity": _FHIR_SEVERITY[f.severity],
            "author": {
                "display": f"kratom_safety {report.package_version} (data {report.data_version})"
            },
            "implicated": implicated_refs,
            "evidence": [{"code": [{"text": f.clinical_effect}]}],
            "detail": detail,
            "extension": [
                {"url": f"{NAMESPACE}:fhir:action", "valueCode": f.action},
                {"url": f"{NAMESPACE}:fhir:evidence-level", "valueCode": f.evidence},
            ],
        }
        if f.references:
            issue["reference"] = f.references[0].canonical_url
        if patient is not None:
            issue["patient"] = {"reference": patient}
        if identified is not None:
            issue["identifiedDateTime"] = identified.isoformat()
        issues.append(issue)
    return issues


def _truncate(text: str) -> str:
    return text if len(text) <= _SUMMARY_MAX else text[: _SUMMARY_MAX - 3].rstrip() + "..."


def _card_footer(report: Report) -> str:
    return f"\n\n_{_footer(report)} {report.disclaimer}_"


def _finding_card(report: Report, f: Finding) -> dict[str, Any]:
    refs = "\n".join(
        f"- [{r.short}]({r.canonical_url}) ({r.study_type.replace('_', ' ')})" for r in f.references
    )
    detail = (
        f"**Consequence:** {f.clinical_effect}\n\n"
        f"**Mechanism:** {f.mechanism}\n\n"
        f"**What to do:** {f.management}\n\n"
        f"**For the patient:** {f.counselling}\n\n"
        f"**Evidence:** {f.evidence} - {f.evidence_rationale}\n\n"
        f"**References:**\n{refs}" + _card_footer(report)
    )
    return {
        "uuid": _finding_uuid(report, f),
        "summary": _truncate(f.summary),
        "indicator": _INDICATOR[f.action],
        "detail": detail,
        "source": {
            "label": f"kratom_safety (data {report.data_version})",
            "topic": {
                "system": f"{NAMESPACE}:cds-topics",
                "code": f.interaction_id,
                "display": f.title,
            },
        },
        "overrideReasons": [
            {"system": f"{NAMESPACE}:override", "code": code, "display": display}
            for code, display in (
                ("not-using-kratom", "Patient not currently using kratom"),
                ("benefit-outweighs-risk", "Benefit outweighs risk"),
                ("will-monitor", "Will monitor as recommended"),
            )
        ],
    }


def _cumulative_card(report: Report, c: CumulativeRisk) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid5(_UUID_NS, f"{report.data_version}|{c.group}|{c.ingredients}")),
        "summary": _truncate(
            f"Kratom + {len(c.ingredients)} CNS/respiratory depressants on the list: combined risk"
        ),
        "indicator": "critical",
        "detail": c.statement
        + "\n\n"
        + "\n".join(f"- [{r.short}]({r.canonical_url})" for r in c.references)
        + _card_footer(report),
        "source": {"label": f"kratom_safety (data {report.data_version})"},
    }


def to_cds_hooks(report: Report) -> dict[str, Any]:
    """A CDS Hooks response: one card per finding, one per cumulative risk, and an ``info``
    card when some medications were not recognised (and so not checked).

    No ``suggestions`` are made: the library does not author orders. With no findings and full
    coverage the response is ``{"cards": []}``.
    """
    report = _check_report(report)
    cards = [_cumulative_card(report, c) for c in report.cumulative_risks]
    cards += [_finding_card(report, f) for f in report.findings]
    unchecked = (*report.unrecognized, *report.ambiguous, *report.partially_recognized)
    if unchecked:
        n = len(unchecked)
        listing = "\n".join(f"- {text}" for text in unchecked)
        cards.append(
            {
                "uuid": str(uuid.uuid5(_UUID_NS, f"{report.data_version}|unchecked|{unchecked}")),
                "summary": _truncate(
                    f"{n} medication{'s' if n != 1 else ''} not recognised by kratom_safety "
                    "- not checked"
                ),
                "indicator": "info",
                "detail": "These entries were not (fully) recognised, so interactions with them "
                "were not checked:\n\n" + listing + _card_footer(report),
                "source": {"label": f"kratom_safety (data {report.data_version})"},
            }
        )
    return {"cards": cards}


_MED_RESOURCES = ("MedicationRequest", "MedicationStatement", "MedicationDispense")


def _concept_name(concept: object) -> str | None:
    if not isinstance(concept, Mapping):
        return None
    text = concept.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for coding in concept.get("coding") or ():
        if isinstance(coding, Mapping):
            display = coding.get("display")
            if isinstance(display, str) and display.strip():
                return display.strip()
    return None


def _resources(obj: object) -> Iterable[Mapping[str, Any]]:
    if isinstance(obj, Mapping):
        if obj.get("resourceType") == "Bundle":
            for entry in obj.get("entry") or ():
                if isinstance(entry, Mapping):
                    yield from _resources(entry.get("resource"))
        elif "resourceType" in obj:
            yield obj
        else:  # a CDS Hooks request: context (draftOrders, ...) and prefetch
            for part in (obj.get("context"), obj.get("prefetch")):
                if isinstance(part, Mapping):
                    for value in part.values():
                        yield from _resources(value)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _resources(item)


def medications_from_fhir(data: Mapping[str, Any]) -> list[str]:
    """Medication names from a FHIR Bundle, a single resource, or a CDS Hooks request.

    Reads MedicationRequest, MedicationStatement and MedicationDispense resources (from an
    ``order-select`` / ``order-sign`` ``draftOrders`` Bundle, from prefetch, or from a Bundle):
    ``medicationCodeableConcept`` text or coding display, or a contained ``Medication``. A
    resource with no usable name is returned as ``"<Type>/<id> (no medication name)"`` so that
    :func:`check` reports it as unrecognised instead of dropping it silently.
    """
    if not isinstance(data, Mapping):
        raise InvalidInputError("expected a FHIR resource, Bundle or CDS Hooks request", value=data)
    names: list[str] = []
    for res in _resources(data):
        rtype = res.get("resourceType")
        if rtype not in _MED_RESOURCES:
            continue
        name = _concept_name(res.get("medicationCodeableConcept"))
        if name is None:
            ref = res.get("medicationReference")
            target = ref.get("reference") if isinstance(ref, Mapping) else None
            if isinstance(target, str) and target.startswith("#"):
                for contained in res.get("contained") or ():
                    if isinstance(contained, Mapping) and contained.get("id") == target[1:]:
                        name = _concept_name(contained.get("code"))
            if name is None and isinstance(ref, Mapping):
                display = ref.get("display")
                name = display.strip() if isinstance(display, str) and display.strip() else None
        if name is None:
            name = f"{rtype}/{res.get('id', '?')} (no medication name)"
        names.append(name)
    return names
