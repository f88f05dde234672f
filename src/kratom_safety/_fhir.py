"""Outputs that EHR software understands: FHIR R4 DetectedIssue and CDS Hooks cards."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._check import CumulativeRisk, Finding, Report, echo
from ._errors import InvalidInputError
from ._text import MAX_INPUT_LENGTH

__all__ = [
    "FhirMedications",
    "SkippedEntry",
    "medications_from_fhir",
    "read_fhir_medications",
    "to_cds_hooks",
    "to_fhir",
]

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
    """One FHIR R4 ``DetectedIssue`` per finding and one per combined risk, as JSON-ready dicts.

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
    for c in report.cumulative_risks:
        issues.append(_combined_issue(report, c, refs, status, patient, identified))
    return issues


def _combined_issue(
    report: Report,
    c: CumulativeRisk,
    refs: Mapping[str, str],
    status: str,
    patient: str | None,
    identified: _dt.date | _dt.datetime | None,
) -> dict[str, Any]:
    """One DetectedIssue for a combined risk of the list (its members' inputs implicated)."""
    names = set(c.ingredients)
    texts = sorted({r.input for r in report.inputs if r.match and names & set(r.match.ingredients)})
    implicated = [
        {"reference": refs[t], "display": t} if t in refs else {"display": t} for t in texts
    ]
    implicated.append({"display": f"{_substance_label(report)} (patient-reported)"})
    key = f"{report.data_version}|{c.group}|{','.join(c.ingredients)}"
    issue: dict[str, Any] = {
        "resourceType": "DetectedIssue",
        "id": "ks-" + str(uuid.uuid5(_UUID_NS, key)),
        "meta": {"tag": [{"system": f"{NAMESPACE}:data-version", "code": report.data_version}]},
        "identifier": [{"system": f"{NAMESPACE}:combined-risk", "value": c.group}],
        "status": status,
        "code": {
            "coding": [
                {"system": _ACT_CODE, "code": "NHP", "display": "Natural Health Product Alert"}
            ],
            "text": f"{_substance_label(report)} - combined risk: {c.title}",
        },
        "severity": _FHIR_SEVERITY[c.severity],
        "author": {
            "display": f"kratom_safety {report.package_version} (data {report.data_version})"
        },
        "implicated": implicated,
        "detail": f"{c.statement} {_footer(report)}",
        "extension": [{"url": f"{NAMESPACE}:fhir:action", "valueCode": c.action}],
    }
    if c.references:
        issue["reference"] = c.references[0].canonical_url
    if patient is not None:
        issue["patient"] = {"reference": patient}
    if identified is not None:
        issue["identifiedDateTime"] = identified.isoformat()
    return issue


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
            f"{c.title}: combined risk"
            if c.title
            else f"Kratom + {len(c.ingredients)} CNS/respiratory depressants on the list: "
            "combined risk"
        ),
        "indicator": "critical",
        "detail": c.statement
        + "\n\n"
        + "\n".join(f"- [{r.short}]({r.canonical_url})" for r in c.references)
        + _card_footer(report),
        "source": {"label": f"kratom_safety (data {report.data_version})"},
    }


def _info_card(report: Report, key: str, summary: str, detail: str) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid5(_UUID_NS, f"{report.data_version}|{key}")),
        "summary": _truncate(summary),
        "indicator": "info",
        "detail": detail + _card_footer(report),
        "source": {"label": f"kratom_safety (data {report.data_version})"},
    }


def to_cds_hooks(report: Report) -> dict[str, Any]:
    """A CDS Hooks response: one card per finding, one per cumulative risk, and ``info``
    cards when some entries were not checked: not recognised, read as not taken (negated or
    stopped), or - coverage ``"none"`` - when nothing at all was checked.

    No ``suggestions`` are made: the library does not author orders. With no findings and full
    coverage the response is ``{"cards": []}``; an empty list never gives an empty response.
    """
    report = _check_report(report)
    cards = [_cumulative_card(report, c) for c in report.cumulative_risks]
    cards += [_finding_card(report, f) for f in report.findings]
    if report.coverage == "none":
        cards.append(
            _info_card(
                report,
                f"nothing-checked|{len(report.inputs)}",
                "No medication was checked for kratom interactions",
                "kratom_safety found no current medication to check on this list (it was empty, "
                "or no entry was recognised as a current medication). This is not an "
                "all-clear: no conclusion about interactions can be drawn.",
            )
        )
    if report.negated:
        n = len(report.negated)
        cards.append(
            _info_card(
                report,
                f"negated|{report.negated}",
                f"{n} entr{'ies' if n != 1 else 'y'} read as not taken (negated or stopped) "
                "- not checked",
                "These entries say the drug is not taken (e.g. 'no', 'stopped', 'd/c', "
                "'allergic to'), so interactions with them were not checked:\n\n"
                + "\n".join(f"- {text}" for text in report.negated),
            )
        )
    unchecked = (
        *report.unrecognized,
        *report.ambiguous,
        *report.partially_recognized,
        *report.excluded,
    )
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
    codings = concept.get("coding")
    for coding in codings if isinstance(codings, list) else ():
        if isinstance(coding, Mapping):
            display = coding.get("display")
            if isinstance(display, str) and display.strip():
                return display.strip()
    return None


#: Statuses (of any of the three resource types) that mean the drug is not being taken.
SKIPPED_STATUSES = frozenset({"entered-in-error", "cancelled", "stopped", "not-taken", "declined"})
#: Deepest nesting of Bundles / requests accepted; deeper input is refused, not walked.
MAX_FHIR_DEPTH = 32
_MAX_MEDS = 1000  # the list limit of check()


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A medication resource that :func:`read_fhir_medications` left out, and why."""

    resource_type: str
    id: str | None
    name: str | None
    reason: str
    """``"status entered-in-error"`` (or cancelled, stopped, not-taken, declined) or
    ``"doNotPerform"``."""


@dataclass(frozen=True, slots=True)
class FhirMedications:
    """The result of :func:`read_fhir_medications`: names to check, and what was skipped."""

    medications: tuple[str, ...]
    skipped: tuple[SkippedEntry, ...]


def _bad(message: str) -> InvalidInputError:
    return InvalidInputError(f"malformed FHIR input: {message}")


def _resources(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every resource in ``data``, walked iteratively; malformed shapes raise."""
    stack: list[tuple[object, int, str]] = [(data, 0, "request")]
    out: list[Mapping[str, Any]] = []
    while stack:
        obj, depth, where = stack.pop()
        if depth > MAX_FHIR_DEPTH:
            raise _bad(f"nested more than {MAX_FHIR_DEPTH} levels deep")
        if not isinstance(obj, Mapping):
            raise _bad(f"{where} must be a JSON object, got {type(obj).__name__}")
        rtype = obj.get("resourceType")
        if rtype is None:
            if depth:
                raise _bad(f"{where} has no resourceType")
            context, prefetch = obj.get("context"), obj.get("prefetch")
            if not isinstance(context, Mapping) and not isinstance(prefetch, Mapping):
                raise _bad("expected a FHIR resource, Bundle or CDS Hooks request")
            kids: list[tuple[object, int, str]] = []
            if context is not None:
                if not isinstance(context, Mapping):
                    raise _bad(f"context must be a JSON object, got {type(context).__name__}")
                for key, value in context.items():
                    if key == "draftOrders" or (
                        isinstance(value, Mapping) and "resourceType" in value
                    ):
                        kids.append((value, depth + 1, f"context.{key}"))
                    elif isinstance(value, list):
                        kids += [
                            (v, depth + 1, f"context.{key}")
                            for v in value
                            if isinstance(v, Mapping) and "resourceType" in v
                        ]
            if prefetch is not None:
                if not isinstance(prefetch, Mapping):
                    raise _bad(f"prefetch must be a JSON object, got {type(prefetch).__name__}")
                kids += [
                    (v, depth + 1, f"prefetch.{k}") for k, v in prefetch.items() if v is not None
                ]
            stack.extend(reversed(kids))
        elif not isinstance(rtype, str):
            raise _bad(f"{where}: resourceType must be a string")
        elif rtype == "Bundle":
            entries = obj.get("entry")
            if entries is None:
                continue
            if not isinstance(entries, list):
                raise _bad(f"{where}: Bundle.entry must be a list, got {type(entries).__name__}")
            kids = []
            for i, entry in enumerate(entries):
                if not isinstance(entry, Mapping):
                    raise _bad(f"{where}: Bundle.entry[{i}] must be a JSON object")
                res = entry.get("resource")
                if res is not None:
                    kids.append((res, depth + 1, f"{where}.entry[{i}].resource"))
            stack.extend(reversed(kids))
        else:
            out.append(obj)
    return iter(out)


def _name_of(res: Mapping[str, Any]) -> str | None:
    name = _concept_name(res.get("medicationCodeableConcept"))
    if name is None:
        ref = res.get("medicationReference")
        target = ref.get("reference") if isinstance(ref, Mapping) else None
        if isinstance(target, str) and target.startswith("#"):
            contained = res.get("contained")
            for item in contained if isinstance(contained, list) else ():
                if isinstance(item, Mapping) and item.get("id") == target[1:]:
                    name = _concept_name(item.get("code"))
        if name is None and isinstance(ref, Mapping):
            display = ref.get("display")
            name = display.strip() if isinstance(display, str) and display.strip() else None
    return name


def read_fhir_medications(data: Mapping[str, Any]) -> FhirMedications:
    """Medication names from a FHIR Bundle, a single resource, or a CDS Hooks request, and
    the medication resources skipped because they are not being taken.

    Skipped: any MedicationRequest, MedicationStatement or MedicationDispense whose status is
    ``entered-in-error``, ``cancelled``, ``stopped``, ``not-taken`` or ``declined``, or with
    ``doNotPerform: true``. A resource without a usable name, or with a name longer than the
    library accepts, is returned as a ``"<Type>/<id> (...)"`` placeholder so that
    :func:`check` reports it as unrecognised instead of dropping it silently. Identical names
    are counted once when there are more than 1000; any beyond 1000 are replaced by one
    placeholder saying how many were not checked.

    Raises InvalidInputError for malformed shapes (``"entry": {}``, ``draftOrders`` that is
    not a resource, ...) and for nesting deeper than :data:`MAX_FHIR_DEPTH`. The walk is
    iterative, so no input can exhaust the Python stack.
    """
    if not isinstance(data, Mapping):
        raise InvalidInputError("expected a FHIR resource, Bundle or CDS Hooks request", value=data)
    names: list[str] = []
    skipped: list[SkippedEntry] = []
    for res in _resources(data):
        rtype = str(res.get("resourceType"))
        if rtype not in _MED_RESOURCES:
            continue
        rid = res.get("id")
        label = f"{rtype}/{echo(str(rid)) if rid is not None else '?'}"
        name = _name_of(res)
        status = res.get("status")
        reason = None
        if isinstance(status, str) and status in SKIPPED_STATUSES:
            reason = f"status {status}"
        elif res.get("doNotPerform") is True:
            reason = "doNotPerform"
        if reason is not None:
            skipped.append(
                SkippedEntry(
                    rtype, None if rid is None else echo(str(rid)), name and echo(name), reason
                )
            )
            continue
        if name is None:
            name = f"{label} (no medication name)"
        elif len(name) > MAX_INPUT_LENGTH:
            name = f"{label} (medication name longer than {MAX_INPUT_LENGTH} characters)"
        names.append(name)
    if len(names) > _MAX_MEDS:
        names = list(dict.fromkeys(names))
        if len(names) > _MAX_MEDS:
            extra = len(names) - (_MAX_MEDS - 1)
            names = names[: _MAX_MEDS - 1]
            names.append(f"({extra} more medication entries not checked: over the limit)")
    return FhirMedications(tuple(names), tuple(skipped))


def medications_from_fhir(data: Mapping[str, Any]) -> list[str]:
    """Medication names from a FHIR Bundle, a single resource, or a CDS Hooks request.

    Reads MedicationRequest, MedicationStatement and MedicationDispense resources (from an
    ``order-select`` / ``order-sign`` ``draftOrders`` Bundle, from prefetch, or from a Bundle):
    ``medicationCodeableConcept`` text or coding display, or a contained ``Medication``.
    Entries that are not being taken (entered-in-error, cancelled, stopped, not-taken,
    declined, doNotPerform) are left out: use :func:`read_fhir_medications` to learn which
    and why. Malformed input raises InvalidInputError; see :func:`read_fhir_medications`.
    """
    return list(read_fhir_medications(data).medications)
