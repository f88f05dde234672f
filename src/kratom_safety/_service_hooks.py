"""The CDS Hooks 2.0 services: discovery, order-select, order-sign, patient-view, feedback.

Pure functions over parsed JSON, without Starlette. Order hooks alert only where the patient's
record (prefetch, or the draft orders themselves) documents current kratom, mitragynine or 7-OH
use; a request that does not carry the record gets an ``info`` card saying what could not be
checked, never silence. This service never queries the FHIR server and keeps nothing.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ._check import Report, check
from ._errors import InvalidInputError
from ._fhir import FhirMedications, read_fhir_medications, to_cds_hooks
from ._service_http import HttpError
from ._version import DATA_REVIEWED, DATA_VERSION

__all__ = [
    "PREFETCH",
    "SERVICES",
    "FeedbackCounts",
    "discovery",
    "hook_response",
]

#: Prefetch templates: the patient's medication record, where kratom use is documented.
PREFETCH = {
    "medicationStatements": "MedicationStatement?patient={{context.patientId}}",
    "medicationRequests": "MedicationRequest?patient={{context.patientId}}",
}

_SCOPE = (
    "Cards appear only for patients whose record documents current use of kratom, "
    "mitragynine or 7-hydroxymitragynine (7-OH) in a MedicationStatement or MedicationRequest "
    "(prefetch), or in the draft orders. "
)
_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:kratom-safety:service")
_LABEL = f"kratom_safety (data {DATA_VERSION})"

SERVICES: dict[str, dict[str, Any]] = {
    "kratom-safety-order-select": {
        "hook": "order-select",
        "title": "Kratom interaction check (order select)",
        "description": _SCOPE + "Warns when a selected medication order interacts with "
        "kratom, with the evidence, management and references.",
    },
    "kratom-safety-order-sign": {
        "hook": "order-sign",
        "title": "Kratom interaction check (order sign)",
        "description": _SCOPE + "Warns before signing medication orders that interact with "
        "kratom, with the evidence, management and references.",
    },
    "kratom-safety-patient-view": {
        "hook": "patient-view",
        "title": "Kratom-related risks of the current medication list",
        "description": _SCOPE + "Summarises the interactions of the patient's current "
        "medication list with the kratom product documented.",
    },
}


def discovery() -> dict[str, Any]:
    """The discovery document served at ``GET /cds-services``."""
    return {
        "services": [
            {
                "hook": svc["hook"],
                "id": sid,
                "title": svc["title"],
                "description": svc["description"],
                "prefetch": dict(PREFETCH),
            }
            for sid, svc in SERVICES.items()
        ]
    }


def _footer() -> str:
    return (
        f"\n\n_kratom_safety data {DATA_VERSION}, reviewed {DATA_REVIEWED}. Decision support "
        "for health professionals, not medical advice._"
    )


def _card(key: str, indicator: str, summary: str, detail: str) -> dict[str, Any]:
    summary = summary if len(summary) < 140 else summary[:136].rstrip() + "..."
    return {
        "uuid": str(uuid.uuid5(_NS, f"{DATA_VERSION}|{key}")),
        "summary": summary,
        "indicator": indicator,
        "detail": detail + _footer(),
        "source": {"label": _LABEL},
    }


def _missing_prefetch(body: Mapping[str, Any]) -> list[str]:
    """Our prefetch keys the request does not satisfy (absent, or an OperationOutcome).

    A key sent as ``null`` means the EHR found no such resources: the record was checked."""
    prefetch = body.get("prefetch")
    if not isinstance(prefetch, Mapping):
        return list(PREFETCH)
    out = []
    for key in PREFETCH:
        if key not in prefetch:
            out.append(key)
            continue
        value = prefetch[key]
        if isinstance(value, Mapping) and value.get("resourceType") == "OperationOutcome":
            out.append(key)
    return out


def _not_checked_card(body: Mapping[str, Any], missing: list[str], n_read: int) -> dict[str, Any]:
    server = "given" if isinstance(body.get("fhirServer"), str) else "not given"
    return _card(
        f"record-not-sent|{','.join(missing)}|{n_read}",
        "info",
        "Kratom use could not be checked: the patient's medication record was not sent",
        "kratom_safety looks for documented kratom, mitragynine or 7-OH use in the patient's "
        "MedicationStatement and MedicationRequest resources, sent as prefetch. This request "
        f"did not include {', '.join(missing)} (a FHIR server was {server}; this service "
        "does not query it). "
        f"{n_read} medication entr{'y' if n_read == 1 else 'ies'} in the request "
        f"{'was' if n_read == 1 else 'were'} read and none documents kratom use. "
        "Interactions with kratom were not checked: this is not an all-clear. Ask the "
        "patient about kratom and 7-OH products.",
    )


def _record_missing_card(missing: list[str]) -> dict[str, Any]:
    return _card(
        f"record-missing|{','.join(missing)}",
        "info",
        "Only the orders in this request were checked: the medication record was not sent",
        "Kratom use is documented in this request, but it did not include "
        f"{', '.join(missing)}, so interactions with the patient's other current medications "
        "were not checked (this service does not query the FHIR server).",
    )


def _tail(ref: str) -> str:
    """``Type/id`` of a (possibly absolute) reference."""
    return "/".join(ref.rstrip("/").split("/")[-2:])


def _focus(context: object, hook: str) -> set[str]:
    """The medication strings of the orders this hook is about: the selected draft orders
    (order-select with ``selections``), else every medication in the context."""
    if not isinstance(context, (Mapping, list)):
        return set()
    read = read_fhir_medications({"context": context})
    if hook == "order-select" and isinstance(context, Mapping):
        selections = context.get("selections")
        if selections is not None:
            if not isinstance(selections, list) or not all(isinstance(s, str) for s in selections):
                raise HttpError(400, "context.selections must be a list of references")
            if selections:
                chosen = {_tail(s) for s in selections}
                return {e.text for e in read.entries if f"{e.resource_type}/{e.id}" in chosen}
    return set(read.medications)


def _focused(report: Report, focus: set[str]) -> Report:
    """The report with only the findings (and cumulative risks) that involve ``focus``."""
    findings = tuple(f for f in report.findings if focus.intersection(f.inputs))
    names = {f.ingredient for f in findings}
    cumulative = tuple(c for c in report.cumulative_risks if names.intersection(c.ingredients))
    return report.model_copy(update={"findings": findings, "cumulative_risks": cumulative})


_INDICATOR = {"avoid": "critical", "adjust": "warning", "monitor": "warning"}


def _summary_card(report: Report) -> dict[str, Any]:
    shown = [f for f in report.findings if f.action != "no_action"]
    documented = [r.input for r in report.inputs if r.status == "substance"]
    indicators = {_INDICATOR[f.action] for f in shown}
    if report.cumulative_risks:
        indicators.add("critical")
    indicator = next((i for i in ("critical", "warning") if i in indicators), "info")
    subs = " / ".join(report.substances)
    n = len(shown)
    if n:
        summary = f"{subs} use documented: {n} interaction finding{'s' if n != 1 else ''} on "
        summary += "the current medication list"
    else:
        summary = f"{subs} use documented: no interaction recorded for the recognised medications"
    lines = [
        "**Documented on the record as:** " + "; ".join(dict.fromkeys(documented)),
        "",
    ]
    if shown:
        lines.append("**Findings:**")
        for f in shown:
            lines.append(
                f"- **{f.action.replace('_', ' ')}** ({f.severity}; evidence {f.evidence}) "
                f"{f.ingredient}: {f.summary}. {f.management}"
            )
        lines.append("")
    for c in report.cumulative_risks:
        lines += [f"**Cumulative risk:** {c.statement}", ""]
    lines.append(report.statement)
    return _card(f"patient-view|{report.inputs}", indicator, summary, "\n".join(lines))


def _report(fm: FhirMedications) -> Report:
    meds = list(fm.medications)
    try:
        report = check(meds)
        found = report.substances_detected_in_list
        if found and "kratom" not in found:  # 7-OH or mitragynine only: check as that product
            report = check(meds, substance=found[0])
    except InvalidInputError as exc:
        raise HttpError(400, f"malformed CDS Hooks request: {exc}") from None
    return report


def hook_response(service_id: str, body: object) -> dict[str, Any]:
    """The ``{"cards": [...]}`` answer of ``POST /cds-services/{service_id}``."""
    svc = SERVICES.get(service_id)
    if svc is None:
        raise HttpError(404, "no CDS service with this id (see /cds-services)")
    hook: str = svc["hook"]
    if not isinstance(body, Mapping):
        raise HttpError(400, "malformed CDS Hooks request: expected a JSON object")
    sent_hook = body.get("hook")
    if sent_hook is not None and sent_hook != hook:
        shown = repr(sent_hook)[:60] if isinstance(sent_hook, str) else type(sent_hook).__name__
        raise HttpError(400, f"this service answers the {hook} hook, not {shown}")
    if "context" not in body or body.get("context") is None:
        raise HttpError(400, "malformed CDS Hooks request: no context")
    try:
        fm = read_fhir_medications(body)
        focus = _focus(body["context"], hook)
    except InvalidInputError as exc:
        raise HttpError(400, str(exc)) from None
    report = _report(fm)
    if not report.substances_detected_in_list:
        missing = _missing_prefetch(body)
        if missing:
            return {"cards": [_not_checked_card(body, missing, len(fm.medications))]}
        return {"cards": []}
    if hook == "patient-view":
        info = [c for c in to_cds_hooks(report, source=fm)["cards"] if c["indicator"] == "info"]
        return {"cards": [_summary_card(report), *info]}
    if any(r.status == "substance" and r.input in focus for r in report.inputs):
        focus = {r.input for r in report.inputs}  # the order is for kratom itself: all of it
    cards: list[dict[str, Any]] = to_cds_hooks(_focused(report, focus), source=fm)["cards"]
    missing = _missing_prefetch(body)
    if missing:  # use documented in the orders, but the current medications were not sent
        cards.append(_record_missing_card(missing))
    return {"cards": cards}


_OUTCOMES = frozenset({"accepted", "overridden"})
_OVERRIDE_CODES = frozenset({"not-using-kratom", "benefit-outweighs-risk", "will-monitor"})


class FeedbackCounts:
    """Feedback counted by service, outcome and (our own) override reason code; card ids,
    comments, timestamps and everything else in the request are read and dropped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str, str]] = Counter()

    def record(self, service_id: str, body: object) -> int:
        if service_id not in SERVICES:
            raise HttpError(404, "no CDS service with this id (see /cds-services)")
        items = body.get("feedback") if isinstance(body, Mapping) else None
        if not isinstance(items, list) or not items:
            raise HttpError(400, 'malformed feedback: expected {"feedback": [...]}')
        keys: list[tuple[str, str, str]] = []
        for i, item in enumerate(items):
            outcome = item.get("outcome") if isinstance(item, Mapping) else None
            if outcome not in _OUTCOMES:
                raise HttpError(
                    400, f"malformed feedback: feedback[{i}].outcome must be accepted or overridden"
                )
            reason = "-"
            if outcome == "overridden":
                override = item.get("overrideReason")
                coding = override.get("reason") if isinstance(override, Mapping) else None
                code = coding.get("code") if isinstance(coding, Mapping) else None
                reason = code if code in _OVERRIDE_CODES else "other"
            keys.append((service_id, str(outcome), str(reason)))
        with self._lock:
            self._counts.update(keys)
        return len(keys)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            items = sorted(self._counts.items())
        return [
            {"service": s, "outcome": o, "override_reason": r, "count": n} for (s, o, r), n in items
        ]
