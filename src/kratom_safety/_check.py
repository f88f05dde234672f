"""Checking a medication list against the curated kratom interactions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from ._browse import interactions
from ._data import Store, get_store
from ._errors import InvalidInputError
from ._models import Action, Evidence, Reference, Severity, SubstanceId
from ._resolver import Match, resolve_cached, validate_text
from ._rules import (
    ACTION_RANK,
    SEVERITY_RANK,
    CumulativeRisk,
    applicable_for,
    combined_for,
)
from ._schema import FindingDict, ReferenceDict, ReportDict
from ._text import NegationRule, negation_in, tokens
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

__all__ = [
    "DISCLAIMER",
    "CumulativeRisk",
    "Finding",
    "InputResult",
    "Report",
    "check",
    "interactions",
    "negation_of",
]

SUBSTANCES: tuple[str, ...] = get_args(SubstanceId)
_MAX_LIST = 1000
#: Longest echo of a refused input string in a report (then an ellipsis).
ECHO_MAX = 200

Status = Literal[
    "matched", "partial", "ambiguous", "substance", "unrecognized", "negated", "excluded"
]
Coverage = Literal["complete", "partial", "none"]

DISCLAIMER = (
    "kratom_safety is decision support for health professionals, not medical advice. "
    "Kratom products vary widely in alkaloid content and may be adulterated; "
    "the evidence on kratom interactions is limited and mostly not from controlled human studies."
)


@dataclass(frozen=True, slots=True)
class InputResult:
    """What became of one input string."""

    index: int
    input: str
    status: Status
    """``negated``: the entry says the drug is not taken ("no ...", "stopped ...");
    ``excluded``: refused before checking (e.g. too long; only from batch screening)."""
    match: Match | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One interaction that applies to one ingredient of the list."""

    interaction_id: str
    ingredient: str
    inputs: tuple[str, ...]
    substances: tuple[str, ...]
    title: str
    summary: str
    severity: Severity
    serious: bool
    action: Action
    evidence: Evidence
    evidence_rationale: str
    mechanism_type: str
    mechanism: str
    mechanism_targets: tuple[str, ...]
    clinical_effect: str
    onset: str
    management: str
    counselling: str
    matched_by: str
    """``ingredient:NAME`` for a drug-specific record, ``property:NAME`` for a class rule."""
    property_verified: bool
    """Always True: every shipped class membership was read in its source by a curator
    (``docs/classes.md``); an unverified one is not shipped. Kept for compatibility."""
    references: tuple[Reference, ...]
    last_reviewed: str
    combined_risk: str | None = None
    """The group of the combined risk this finding is part of (its generic class-rule line,
    e.g. one QT drug of several): the combined risk is the line to show first."""


@dataclass(frozen=True, slots=True)
class Report:
    """The result of :func:`check`."""

    substances: tuple[str, ...]
    substances_detected_in_list: tuple[str, ...]
    inputs: tuple[InputResult, ...]
    findings: tuple[Finding, ...]
    cumulative_risks: tuple[CumulativeRisk, ...]
    unrecognized: tuple[str, ...]
    ambiguous: tuple[str, ...]
    partially_recognized: tuple[str, ...]
    coverage: Coverage
    """``complete``: every entry was checked; ``partial``: some were not (see the lists);
    ``none``: nothing was checked at all (empty list, or no entry usable)."""
    statement: str
    disclaimer: str
    data_version: str
    package_version: str
    data_reviewed: str
    negated: tuple[str, ...] = ()
    """Entries read as not taken (negation, stopped, held, allergy): no finding, not checked."""
    excluded: tuple[str, ...] = ()
    """Entries refused before checking (batch screening: too long), echoed truncated."""
    outside_vocabulary: tuple[str, ...] = ()
    """Substances recognised by name (FDA's substance list) that are not in the clinical
    vocabulary: no class or interaction data was checked for them."""

    def to_dict(self) -> ReportDict:
        """A JSON-ready dict; the same report always gives the same dict."""
        return {
            "package_version": self.package_version,
            "data_version": self.data_version,
            "data_reviewed": self.data_reviewed,
            "substances": list(self.substances),
            "substances_detected_in_list": list(self.substances_detected_in_list),
            "coverage": self.coverage,
            "statement": self.statement,
            "findings": [_finding_dict(f) for f in self.findings],
            "cumulative_risks": [
                {
                    "group": c.group,
                    "ingredients": list(c.ingredients),
                    "interaction_ids": list(c.interaction_ids),
                    "statement": c.statement,
                    "references": [_ref_dict(r) for r in c.references],
                    "title": c.title,
                    "severity": c.severity,
                    "action": c.action,
                    "escalated": c.escalated,
                }
                for c in self.cumulative_risks
            ],
            "unrecognized": list(self.unrecognized),
            "ambiguous": list(self.ambiguous),
            "partially_recognized": list(self.partially_recognized),
            "negated": list(self.negated),
            "excluded": list(self.excluded),
            "outside_vocabulary": list(self.outside_vocabulary),
            "inputs": [
                {
                    "index": r.index,
                    "input": r.input,
                    "status": r.status,
                    "match": r.match.to_dict() if r.match else None,
                }
                for r in self.inputs
            ],
            "disclaimer": self.disclaimer,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)


def _ref_dict(r: Reference) -> ReferenceDict:
    return {
        "id": r.id,
        "citation": r.short,
        "title": r.title,
        "year": r.year,
        "pmid": r.pmid,
        "pmcid": r.pmcid,
        "doi": r.doi,
        "url": r.canonical_url,
        "study_type": r.study_type,
    }


def _finding_dict(f: Finding) -> FindingDict:
    return {
        "interaction_id": f.interaction_id,
        "ingredient": f.ingredient,
        "inputs": list(f.inputs),
        "substances": list(f.substances),
        "title": f.title,
        "summary": f.summary,
        "severity": f.severity,
        "serious": f.serious,
        "action": f.action,
        "evidence": f.evidence,
        "evidence_rationale": f.evidence_rationale,
        "mechanism_type": f.mechanism_type,
        "mechanism": f.mechanism,
        "mechanism_targets": list(f.mechanism_targets),
        "clinical_effect": f.clinical_effect,
        "onset": f.onset,
        "management": f.management,
        "counselling": f.counselling,
        "matched_by": f.matched_by,
        "property_verified": f.property_verified,
        "references": [_ref_dict(r) for r in f.references],
        "last_reviewed": f.last_reviewed,
        "combined_risk": f.combined_risk,
    }


def _substance_arg(substance: object) -> str:
    if not isinstance(substance, str) or substance not in SUBSTANCES:
        raise InvalidInputError(
            f"substance must be one of {', '.join(SUBSTANCES)}", value=substance
        )
    return substance


def check(medications: Iterable[str], *, substance: str = "kratom") -> Report:
    """Check a medication list against the kratom interaction data.

    ``substance`` is the kratom product the patient uses: ``"kratom"`` (leaf products),
    ``"mitragynine"`` or ``"7-hydroxymitragynine"`` (concentrated 7-OH products). Kratom
    products named in the list itself are detected and added.

    Every input is reported: matched, ambiguous, partially recognised, or unrecognised.
    An empty ``findings`` tuple is never a statement of safety.
    """
    primary = _substance_arg(substance)
    if isinstance(medications, (str, bytes)) or not isinstance(medications, Iterable):
        raise InvalidInputError("medications must be a list of strings", value=medications)
    meds: list[str] = []
    for i, item in enumerate(medications):
        if i >= _MAX_LIST:
            raise InvalidInputError(f"more than {_MAX_LIST} medications in one list", index=i)
        meds.append(validate_text(item, index=i))
    return _check_texts(meds, primary, frozenset())


def echo(text: str) -> str:
    """``text`` as echoed in reports: at most ECHO_MAX characters, then an ellipsis."""
    return text if len(text) <= ECHO_MAX else text[:ECHO_MAX] + "\u2026"


_negation_cache: dict[int, tuple[Store, tuple[NegationRule, ...]]] = {}


def _negation_rules(store: Store) -> tuple[NegationRule, ...]:
    hit = _negation_cache.get(id(store))
    if hit is None:
        rules = tuple(
            (tuple(tokens(n.pattern)), n.position, n.id) for n in store.negations.values()
        )
        # longest patterns first, so "not taking" wins over a shorter overlap
        rules = tuple(sorted(rules, key=lambda r: (-len(r[0]), r[2])))
        hit = _negation_cache[id(store)] = (store, rules)
    return hit[1]


@lru_cache(maxsize=65536)
def _negation_cached(text: str, store_key: int) -> str | None:
    # keyed by the store too, so a reloaded store never answers from old rules
    return negation_in(tokens(text), _negation_rules(get_store()))


def negation_of(text: str) -> str | None:
    """The id of the negation record (``negations.json``) that marks ``text`` as not taken."""
    return _negation_cached(text, id(get_store()))


def _check_texts(meds: Sequence[str], primary: str, refused: frozenset[int]) -> Report:
    """The report on validated strings; indexes in ``refused`` are reported as excluded."""
    store = get_store()
    inputs: list[InputResult] = []
    detected: list[str] = []
    outside: list[str] = []
    ing_inputs: dict[str, list[str]] = {}
    for i, text in enumerate(meds):
        if i in refused:
            inputs.append(InputResult(i, echo(text), "excluded", None))
            continue
        m = resolve_cached(text)
        if _negation_cached(text, id(store)) is not None:
            inputs.append(InputResult(i, text, "negated", m))
            continue
        if m is None:
            inputs.append(InputResult(i, text, "unrecognized", None))
            continue
        if m.ambiguous:
            inputs.append(InputResult(i, text, "ambiguous", m))
            continue
        subs = [x for x in m.ingredients if x in SUBSTANCES]
        drugs = [x for x in m.ingredients if x not in SUBSTANCES]
        for s in subs:
            if s not in detected:
                detected.append(s)
        for d in drugs:
            if d not in store.ingredients:
                if d not in outside:
                    outside.append(d)
                continue
            ing_inputs.setdefault(d, [])
            if text not in ing_inputs[d]:
                ing_inputs[d].append(text)
        status: Literal["matched", "partial", "substance"]
        status = "partial" if m.unmatched else ("substance" if not drugs else "matched")
        inputs.append(InputResult(i, text, status, m))

    active = [primary] + [s for s in SUBSTANCES if s in detected and s != primary]
    findings: list[Finding] = []
    key = (id(store), tuple(active))
    names = tuple(sorted(ing_inputs))
    cumulative, folded = combined_for(*key, names)
    for ingredient in names:
        inputs_of = tuple(sorted(ing_inputs[ingredient]))
        for record_id, how, applies, sev, why in applicable_for(*key, ingredient):
            group = folded.get((ingredient, record_id)) if folded else None
            findings.append(
                _finding(key[0], record_id, how, applies, ingredient, inputs_of, sev, why, group)
            )
    findings.sort(
        key=lambda f: (
            ACTION_RANK[f.action],
            SEVERITY_RANK[f.severity],
            f.ingredient,
            f.interaction_id,
        )
    )

    unrecognized = tuple(r.input for r in inputs if r.status == "unrecognized")
    ambiguous = tuple(r.input for r in inputs if r.status == "ambiguous")
    partial = tuple(r.input for r in inputs if r.status == "partial")
    negated = tuple(r.input for r in inputs if r.status == "negated")
    excluded = tuple(r.input for r in inputs if r.status == "excluded")
    coverage: Coverage
    if not any(r.status in ("matched", "partial", "substance") for r in inputs):
        coverage = "none"
    elif unrecognized or ambiguous or partial or negated or excluded or outside:
        coverage = "partial"
    else:
        coverage = "complete"
    return Report(
        substances=tuple(active),
        substances_detected_in_list=tuple(detected),
        inputs=tuple(inputs),
        findings=tuple(findings),
        cumulative_risks=cumulative,
        unrecognized=unrecognized,
        ambiguous=ambiguous,
        partially_recognized=partial,
        coverage=coverage,
        statement=_statement(
            findings,
            active,
            sorted(
                set(ing_inputs)
                - {f.ingredient for f in findings}
                - {i for c in cumulative for i in c.ingredients}
            ),
            unrecognized,
            ambiguous,
            partial,
            negated,
            excluded,
            empty=not inputs,
            checked=coverage != "none",
            combined=cumulative,
            outside=tuple(outside),
        ),
        disclaimer=DISCLAIMER,
        data_version=DATA_VERSION,
        package_version=__version__,
        data_reviewed=DATA_REVIEWED,
        negated=negated,
        excluded=excluded,
        outside_vocabulary=tuple(outside),
    )


@lru_cache(maxsize=65536)
def _finding(
    store_key: int,
    record_id: str,
    matched_by: str,
    applies: tuple[str, ...],
    ingredient: str,
    inputs: tuple[str, ...],
    severity: Severity,
    why: str | None,
    combined_risk: str | None,
) -> Finding:
    """One finding (memoised: findings are immutable; keyed by the store too, so a reloaded
    store never answers from old records)."""
    store = get_store()
    it = store.interactions[record_id]
    return Finding(
        interaction_id=it.id,
        ingredient=ingredient,
        inputs=inputs,
        substances=applies,
        title=it.title,
        summary=it.summary,
        severity=severity,
        serious=it.serious,
        action=it.action,
        evidence=it.evidence,
        evidence_rationale=it.evidence_rationale + (f" {why}" if why else ""),
        mechanism_type=it.mechanism_type,
        mechanism=it.mechanism,
        mechanism_targets=it.mechanism_targets,
        clinical_effect=it.clinical_effect,
        onset=it.onset,
        management=it.management,
        counselling=it.counselling,
        matched_by=matched_by,
        property_verified=True,
        references=tuple(store.references[r] for r in it.references),
        last_reviewed=it.last_reviewed.isoformat(),
        combined_risk=combined_risk,
    )


def _statement(
    findings: list[Finding],
    active: list[str],
    without: list[str],
    unrecognized: tuple[str, ...],
    ambiguous: tuple[str, ...],
    partial: tuple[str, ...],
    negated: tuple[str, ...] = (),
    excluded: tuple[str, ...] = (),
    *,
    empty: bool = False,
    checked: bool = True,
    combined: Sequence[CumulativeRisk] = (),
    outside: tuple[str, ...] = (),
) -> str:
    subs = ", ".join(active)
    if not checked:
        why = (
            "the medication list is empty"
            if empty
            else "no entry on the list was recognised as a current medication"
        )
        text = (
            f"Nothing was checked against {subs} (kratom_safety data {DATA_VERSION}): {why}. "
            "This is not an all-clear: no conclusion about interactions can be drawn from it."
        )
    elif findings or combined:
        n = len(findings)
        text = (
            f"{n} interaction finding{'s' if n != 1 else ''} with {subs} "
            f"(kratom_safety data {DATA_VERSION})."
        )
        if combined:
            text += (
                f" {len(combined)} combined risk{'s' if len(combined) != 1 else ''} across "
                "the list: " + "; ".join(f"{c.title} ({c.severity})" for c in combined) + "."
            )
        if without:
            text += (
                f" No interaction is recorded for {', '.join(without)}; this is not evidence "
                "that the combination is safe."
            )
    else:
        text = (
            f"No interaction with {subs} is recorded in kratom_safety data {DATA_VERSION} "
            "for the recognised medications. This is not evidence that the combination is safe: "
            "the evidence base for kratom is small and absence of a record is not absence of risk."
        )
    gaps = []
    if unrecognized:
        gaps.append("not recognised: " + "; ".join(repr(u) for u in unrecognized))
    if ambiguous:
        gaps.append("ambiguous, not checked: " + "; ".join(repr(a) for a in ambiguous))
    if partial:
        gaps.append("partly recognised: " + "; ".join(repr(p) for p in partial))
    if negated:
        gaps.append(
            "read as not taken (negated or stopped), not checked: "
            + "; ".join(repr(n) for n in negated)
        )
    if excluded:
        gaps.append("refused, not checked: " + "; ".join(repr(e) for e in excluded))
    if outside:
        gaps.append(
            "recognised but outside the clinical vocabulary, not checked: " + "; ".join(outside)
        )
    if gaps:
        text += f" Coverage is {'partial' if checked else 'none'} - " + " | ".join(gaps) + "."
    return text


MAX_LIST = _MAX_LIST


def check_lenient(meds: Sequence[str], substance: str) -> Report:
    """check() on one list, for batch screening: strings that ``validate_text`` refuses (too
    long...) are reported as ``excluded`` (echoed truncated) instead of raising.

    ``substance`` must already be valid.
    """
    refused = set()
    for i, text in enumerate(meds):
        try:
            validate_text(text)
        except InvalidInputError:
            refused.add(i)
    return _check_texts(list(meds), _substance_arg(substance), frozenset(refused))
