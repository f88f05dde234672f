"""Outputs that EHR software understands: FHIR R4 DetectedIssue and CDS Hooks cards."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ._args import bool_arg, instance_arg, optional_instance_arg
from ._check import CumulativeRisk, Finding, Report
from ._data import get_store
from ._errors import InvalidInputError
from ._fhir_read import (
    MAX_FHIR_DEPTH,
    SKIPPED_STATUSES,
    FhirEntry,
    FhirMedications,
    SkippedEntry,
    medications_from_fhir,
    read_fhir_medications,
)
from ._models import SUMMARY_MAX, Action, Severity

__all__ = [
    "MAX_FHIR_DEPTH",
    "SKIPPED_STATUSES",
    "FhirEntry",
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
# One entry per value of the Literal (tests/test_fhir.py checks the keys against it).
_FHIR_SEVERITY: dict[Severity, str] = {"major": "high", "moderate": "moderate", "minor": "low"}
_INDICATOR: dict[Action, str] = {
    "avoid": "critical",
    "adjust": "warning",
    "monitor": "warning",
    "no_action": "info",
}
#: Said of a finding that every reading of an ambiguous entry shares.
AMBIGUOUS_NOTE = "from an ambiguous entry"


def _finding_uuid(report: Report, f: Finding) -> str:
    key = f"{report.data_version}|{f.interaction_id}|{f.ingredient}|{','.join(f.substances)}"
    return str(uuid.uuid5(_UUID_NS, key))


def _footer(report: Report) -> str:
    return f"kratom_safety data {report.data_version}, reviewed {report.data_reviewed}."


def _substance_label(report: Report) -> str:
    return " / ".join(report.substances)


def _check_report(report: object) -> Report:
    return instance_arg(report, Report, "expected a Report from kratom_safety.check()")


def _check_source(source: object) -> FhirMedications | None:
    message = "source must be the FhirMedications the report was checked from"
    return optional_instance_arg(source, FhirMedications, message)


_SHARED_NOTE = (
    f"\n\nOf an ambiguous entry, only the interactions that every reading of it shares were "
    f"checked; they are shown marked '{AMBIGUOUS_NOTE}'."
)


def _ingredient_label(f: Finding) -> str:
    """The ingredient of a finding as EHR text shows it (saying when it is a reading of an
    ambiguous entry)."""
    return f"{f.ingredient} ({AMBIGUOUS_NOTE})" if f.from_ambiguous_input else f.ingredient


def _shown(report: Report, include_no_action: object) -> list[Finding]:
    """The findings EHR output shows: ``no_action`` ones only when asked for."""
    everything = bool_arg("include_no_action", include_no_action)
    return [f for f in report.findings if everything or f.action != "no_action"]


def _counts(report: Report) -> Counter[str]:
    """How many entries of the list each distinct input string came from."""
    return Counter(r.input for r in report.inputs)


def _entries(text: str, n: int) -> str:
    return text if n <= 1 else f"{text} ({n} entries)"


def _listing(texts: tuple[str, ...], counts: Counter[str]) -> str:
    return "\n".join(f"- {_entries(t, counts[t])}" for t in dict.fromkeys(texts))


def to_fhir(
    report: Report,
    *,
    patient: str | None = None,
    implicated: Mapping[str, str] | None = None,
    identified: _dt.date | _dt.datetime | None = None,
    include_no_action: bool = False,
    source: FhirMedications | None = None,
) -> list[dict[str, Any]]:
    """One FHIR R4 ``DetectedIssue`` per finding and one per combined risk, as JSON-ready dicts.

    ``patient`` is a reference such as ``"Patient/123"``. ``implicated`` maps an input string
    (as passed to :func:`check`) to a reference such as ``"MedicationRequest/abc"``; inputs
    without a mapping are implicated by display name only. ``identified`` is echoed as
    ``identifiedDateTime`` only when given, so the output stays deterministic.
    The issue code is ``NHP`` (natural health product alert); severity maps
    major/moderate/minor to high/moderate/low; ``detail`` ends with the data version and review
    date. Status is ``preliminary`` when some inputs were not recognised, or (``source``
    given) when a name came only from the display of a reference whose target was absent.

    Findings whose action is ``no_action`` are left out unless ``include_no_action=True``
    (the JSON report keeps them). An input that came from several entries is implicated once,
    its display saying how many. ``source``, the :class:`FhirMedications` the list was read
    from, implicates each input by the resource it came from when ``implicated`` does not.
    """
    report = _check_report(report)
    source = _check_source(source)
    shown = _shown(report, include_no_action)
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
    complete = report.coverage == "complete" and not (source and source.notes)
    status = "final" if complete else "preliminary"
    counts = _counts(report)
    for f in shown:
        implicated_refs: list[dict[str, str]] = []
        for text in f.inputs:
            ref = {"display": _entries(text, counts[text])}
            target = refs.get(text)
            if target is None and source is not None:
                target = next(iter(source.resources_of(text)), None)
            if target is not None:
                ref = {"reference": target, **ref}
            implicated_refs.append(ref)
        implicated_refs.append({"display": f"{_substance_label(report)} (patient-reported)"})
        detail = (
            f"{f.summary}. Mechanism: {f.mechanism} Management: {f.management} "
            f"Evidence: {f.evidence} - {f.evidence_rationale} {_footer(report)}"
        )
        issue = _detected_issue(
            report,
            uid=_finding_uuid(report, f),
            identifier=("interaction", f.interaction_id),
            status=status,
            title=f"{_substance_label(report)} - {_ingredient_label(f)} interaction",
            severity=f.severity,
            implicated=implicated_refs,
            evidence=[{"code": [{"text": f.clinical_effect}]}, *_coded(report, f)],
            detail=detail,
            extension=[
                {"url": f"{NAMESPACE}:fhir:action", "valueCode": f.action},
                {"url": f"{NAMESPACE}:fhir:evidence-level", "valueCode": f.evidence},
            ],
            reference=f.references[0].canonical_url if f.references else None,
            patient=patient,
            identified=identified,
        )
        issues.append(issue)
    for c in report.cumulative_risks:
        issues.append(_combined_issue(report, c, refs, status, patient, identified))
    return issues


_UNII_SYSTEM = "http://fdasis.nlm.nih.gov"


def _coded(report: Report, f: Finding) -> list[dict[str, Any]]:
    """The implicated ingredient and substances coded with FDA UNII (HL7's UNII system)."""
    store = get_store()
    out: list[dict[str, Any]] = []
    ing = store.ingredients.get(f.ingredient)
    names = [(f.ingredient, ing.unii if ing is not None else None)]
    names += [(s, store.substances[s].unii) for s in f.substances if s in store.substances]
    for name, unii in names:
        if unii is not None:
            coding = {"system": _UNII_SYSTEM, "code": unii, "display": name}
            out.append({"code": [{"coding": [coding], "text": name}]})
    return out


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
    return _detected_issue(
        report,
        uid=str(uuid.uuid5(_UUID_NS, key)),
        identifier=("combined-risk", c.group),
        status=status,
        title=f"{_substance_label(report)} - combined risk: {c.title}",
        severity=c.severity,
        implicated=implicated,
        evidence=None,
        detail=f"{c.statement} {_footer(report)}",
        extension=[{"url": f"{NAMESPACE}:fhir:action", "valueCode": c.action}],
        reference=c.references[0].canonical_url if c.references else None,
        patient=patient,
        identified=identified,
    )


def _detected_issue(
    report: Report,
    *,
    uid: str,
    identifier: tuple[str, str],
    status: str,
    title: str,
    severity: Severity,
    implicated: list[dict[str, str]],
    evidence: list[dict[str, Any]] | None,
    detail: str,
    extension: list[dict[str, str]],
    reference: str | None,
    patient: str | None,
    identified: _dt.date | _dt.datetime | None,
) -> dict[str, Any]:
    """One DetectedIssue of a finding or a combined risk: the shape both share."""
    issue: dict[str, Any] = {
        "resourceType": "DetectedIssue",
        "id": "ks-" + uid,
        "meta": {"tag": [{"system": f"{NAMESPACE}:data-version", "code": report.data_version}]},
        "identifier": [{"system": f"{NAMESPACE}:{identifier[0]}", "value": identifier[1]}],
        "status": status,
        "code": {
            "coding": [
                {"system": _ACT_CODE, "code": "NHP", "display": "Natural Health Product Alert"}
            ],
            "text": title,
        },
        "severity": _FHIR_SEVERITY[severity],
        "author": {
            "display": f"kratom_safety {report.package_version} (data {report.data_version})"
        },
        "implicated": implicated,
    }
    if evidence is not None:
        issue["evidence"] = evidence
    issue["detail"] = detail
    issue["extension"] = extension
    if reference is not None:
        issue["reference"] = reference
    if patient is not None:
        issue["patient"] = {"reference": patient}
    if identified is not None:
        issue["identifiedDateTime"] = identified.isoformat()
    return issue


def _truncate(text: str) -> str:
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 3].rstrip() + "..."


def _card_footer(report: Report) -> str:
    return f"\n\n_{_footer(report)} {report.disclaimer}_"


def _finding_card(report: Report, f: Finding, counts: Counter[str]) -> dict[str, Any]:
    on_list = "; ".join(_entries(t, counts[t]) for t in f.inputs)
    if f.from_ambiguous_input:
        on_list += f" ({AMBIGUOUS_NOTE}: {f.ingredient}; every reading has this interaction)"
    refs = "\n".join(
        f"- [{r.short}]({r.canonical_url}) ({r.study_type.replace('_', ' ')})" for r in f.references
    )
    detail = (
        f"**On the list as:** {on_list}\n\n"
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


def _partial_line(report: Report, text: str, counts: Counter[str]) -> str:
    m = next((r.match for r in report.inputs if r.input == text and r.match), None)
    if m is None:
        return f"- {_entries(text, counts[text])}"
    words = ", ".join(repr(w) for w in dict.fromkeys(m.unmatched))
    return f"- {_entries(text, counts[text])}: checked as {m.name}; not recognised: {words}"


def to_cds_hooks(
    report: Report,
    *,
    include_no_action: bool = False,
    source: FhirMedications | None = None,
) -> dict[str, Any]:
    """A CDS Hooks response: one card per finding, one per cumulative risk, and ``info``
    cards for what was not (fully) checked: entries not recognised or ambiguous (not
    checked), entries partly recognised (checked for what was recognised, the rest named),
    entries read as not taken (negated or stopped), names taken only from a reference's
    display (``source`` given), or - coverage ``"none"`` - when nothing at all was checked.

    Findings whose action is ``no_action`` are left out unless ``include_no_action=True``.
    Identical strings are listed once, saying how many entries they came from. No
    ``suggestions`` are made: the library does not author orders. With no findings shown and
    full coverage the response is ``{"cards": []}``; an empty list never gives an empty
    response.
    """
    report = _check_report(report)
    source = _check_source(source)
    shown = _shown(report, include_no_action)
    counts = _counts(report)
    cards = [_cumulative_card(report, c) for c in report.cumulative_risks]
    cards += [_finding_card(report, f, counts) for f in shown]
    if report.coverage == "none":
        why = ""
        if source is not None and source.skipped:
            reasons = Counter(s.reason for s in source.skipped)
            why = (
                f" {len(source.skipped)} medication entr"
                f"{'ies were' if len(source.skipped) != 1 else 'y was'} not current ("
                + ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items()))
                + ") and not checked."
            )
        cards.append(
            _info_card(
                report,
                f"nothing-checked|{len(report.inputs)}",
                "No medication was checked for kratom interactions",
                "kratom_safety found no current medication to check on this list (it was empty, "
                "or no entry was recognised as a current medication)." + why + " This is not "
                "an all-clear: no conclusion about interactions can be drawn.",
            )
        )
    if report.negated:
        n = len(set(report.negated))
        cards.append(
            _info_card(
                report,
                f"negated|{report.negated}",
                f"{n} medication{'s' if n != 1 else ''} read as not taken (negated or stopped) "
                "- not checked",
                "These entries say the drug is not taken (e.g. 'no', 'stopped', 'd/c', "
                "'allergic to'), so interactions with them were not checked:\n\n"
                + _listing(report.negated, counts),
            )
        )
    unchecked = (*report.unrecognized, *report.ambiguous, *report.excluded)
    if unchecked:
        n = len(set(unchecked))
        cards.append(
            _info_card(
                report,
                f"unchecked|{unchecked}",
                f"{n} medication{'s' if n != 1 else ''} not recognised by kratom_safety "
                "- not checked",
                "These entries were not recognised (or were ambiguous), so interactions with "
                "them were not checked:\n\n"
                + _listing(unchecked, counts)
                + (_SHARED_NOTE if any(f.from_ambiguous_input for f in report.findings) else ""),
            )
        )
    partial = tuple(dict.fromkeys(report.partially_recognized))
    if partial:
        n = len(partial)
        cards.append(
            _info_card(
                report,
                f"partial|{partial}",
                f"{n} medication{'s' if n != 1 else ''} partly recognised by kratom_safety",
                "These entries were checked for the drugs recognised in them; the words named "
                "were not recognised and could be a further drug, which was not checked:\n\n"
                + "\n".join(_partial_line(report, t, counts) for t in partial),
            )
        )
    notes = source.notes if source is not None else ()
    if notes:
        n = len(notes)
        cards.append(
            _info_card(
                report,
                f"reference-display|{notes}",
                f"{n} medication name{'s' if n != 1 else ''} read only from a reference's "
                "display text",
                "The medication these entries refer to was not in the request, so only the "
                "display text of the reference could be checked:\n\n"
                + "\n".join(f"- {note}" for note in notes),
            )
        )
    return {"cards": cards}
