"""Checking a medication list against the curated kratom interactions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from ._data import Store, get_store
from ._errors import InvalidInputError
from ._models import Action, Evidence, Interaction, Reference, Severity, SubstanceId
from ._resolver import Match, _resolve_cached, validate_text
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
_ACTION_RANK = {"avoid": 0, "adjust": 1, "monitor": 2, "no_action": 3}
_SEVERITY_RANK = {"major": 0, "moderate": 1, "minor": 2}
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
    """False when the class rule matched through an ingredient property that the curators
    have not yet checked in its source (see the data policy)."""
    references: tuple[Reference, ...]
    last_reviewed: str


@dataclass(frozen=True, slots=True)
class CumulativeRisk:
    """Several findings on the list that add up to the same harm."""

    group: str
    ingredients: tuple[str, ...]
    interaction_ids: tuple[str, ...]
    statement: str
    references: tuple[Reference, ...]


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
    }


_CUMULATIVE_TEXT = {
    "cns_respiratory_depression": (
        "Kratom is combined here with {n} drugs that depress breathing or consciousness "
        "({names}). Sedation and respiratory depression from such drugs add up, so the "
        "combined risk is greater than that of any single pair. Review the need for each "
        "depressant, use the lowest effective doses, and make naloxone available."
    ),
}
_CUMULATIVE_REFS = {"cns_respiratory_depression": ("fda_dsc_opioid_benzo_2016",)}


def _substance_arg(substance: object) -> str:
    if not isinstance(substance, str) or substance not in SUBSTANCES:
        raise InvalidInputError(
            f"substance must be one of {', '.join(SUBSTANCES)}", value=substance
        )
    return substance


_Rules = list[tuple[Interaction, str, bool]]
# (store, rules) per (id(store), ingredient); holding the store keeps its id from being reused
_rules_cache: dict[tuple[int, str], tuple[Store, _Rules]] = {}


def _rules_for(store: Store, ingredient: str) -> _Rules:
    """The records that apply to one ingredient: (record, how it matched, property verified).

    Memoised per store and ingredient (the store is immutable; sharing the dict between
    threads is safe, the worst case being the same list computed twice)."""
    key = (id(store), ingredient)
    hit = _rules_cache.get(key)
    if hit is None:
        hit = _rules_cache[key] = (store, _compute_rules(store, ingredient))
    return hit[1]


def _compute_rules(store: Store, ingredient: str) -> _Rules:
    ing = store.ingredients.get(ingredient)
    if ing is None:
        return []
    props: dict[str, bool] = {}
    for p in ing.properties:
        props[p.property] = props.get(p.property, False) or p.verified
    direct: list[tuple[Interaction, str, bool]] = []
    by_rule: list[tuple[Interaction, str, bool]] = []
    for it in store.interactions.values():
        for t in it.targets:
            if t.kind == "ingredient" and t.value == ingredient:
                direct.append((it, f"ingredient:{ingredient}", True))
                break
            if t.kind == "property" and t.value in props:
                by_rule.append((it, f"property:{t.value}", props[t.value]))
                break
    superseded = {s for it, _, _ in direct for s in it.supersedes}
    return direct + [r for r in by_rule if r[0].id not in superseded]


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
        m = _resolve_cached(text)
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
    active_set = set(active)
    findings: list[Finding] = []
    for ingredient in sorted(ing_inputs):
        for it, how, verified in _rules_for(store, ingredient):
            applies = tuple(s for s in it.substances if s in active_set)
            if not applies:
                continue
            findings.append(
                Finding(
                    interaction_id=it.id,
                    ingredient=ingredient,
                    inputs=tuple(sorted(ing_inputs[ingredient])),
                    substances=applies,
                    title=it.title,
                    summary=it.summary,
                    severity=it.severity,
                    serious=it.serious,
                    action=it.action,
                    evidence=it.evidence,
                    evidence_rationale=it.evidence_rationale,
                    mechanism_type=it.mechanism_type,
                    mechanism=it.mechanism,
                    mechanism_targets=it.mechanism_targets,
                    clinical_effect=it.clinical_effect,
                    onset=it.onset,
                    management=it.management,
                    counselling=it.counselling,
                    matched_by=how,
                    property_verified=verified,
                    references=tuple(store.references[r] for r in it.references),
                    last_reviewed=it.last_reviewed.isoformat(),
                )
            )
    findings.sort(
        key=lambda f: (
            _ACTION_RANK[f.action],
            _SEVERITY_RANK[f.severity],
            f.ingredient,
            f.interaction_id,
        )
    )

    cumulative: list[CumulativeRisk] = []
    for group, template in _CUMULATIVE_TEXT.items():
        hits = [f for f in findings if store.interactions[f.interaction_id].risk_group == group]
        names = sorted({f.ingredient for f in hits})
        if len(names) >= 2:
            cumulative.append(
                CumulativeRisk(
                    group=group,
                    ingredients=tuple(names),
                    interaction_ids=tuple(sorted({f.interaction_id for f in hits})),
                    statement=template.format(n=len(names), names=", ".join(names)),
                    references=tuple(store.references[r] for r in _CUMULATIVE_REFS[group]),
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
        cumulative_risks=tuple(cumulative),
        unrecognized=unrecognized,
        ambiguous=ambiguous,
        partially_recognized=partial,
        coverage=coverage,
        statement=_statement(
            findings,
            active,
            sorted(set(ing_inputs) - {f.ingredient for f in findings}),
            unrecognized,
            ambiguous,
            partial,
            negated,
            excluded,
            empty=not inputs,
            checked=coverage != "none",
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
    elif findings:
        n = len(findings)
        text = (
            f"{n} interaction finding{'s' if n != 1 else ''} with {subs} "
            f"(kratom_safety data {DATA_VERSION})."
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


def interactions(
    *,
    substance: str | None = None,
    drug: str | None = None,
    property: str | None = None,
    severity: str | None = None,
    evidence: str | None = None,
) -> list[Interaction]:
    """Browse the interaction records, filtered by any combination of criteria.

    ``drug`` is resolved like any medication string and matches both records naming that
    ingredient and the property rules that cover it.
    """
    store = get_store()
    for name, value in (
        ("drug", drug),
        ("property", property),
        ("severity", severity),
        ("evidence", evidence),
    ):
        if value is not None and not isinstance(value, str):
            raise InvalidInputError(f"{name} must be a string", value=value)
    if substance is not None:
        _substance_arg(substance)
    if severity is not None and severity not in _SEVERITY_RANK:
        raise InvalidInputError("severity must be major, moderate or minor", value=severity)
    if evidence is not None and evidence not in get_args(Evidence):
        raise InvalidInputError(
            "evidence must be one of " + ", ".join(get_args(Evidence)), value=evidence
        )
    records = list(store.interactions.values())
    if drug is not None:
        m = _resolve_cached(validate_text(drug))
        if m is None or m.ambiguous:
            raise InvalidInputError("drug not recognised (or ambiguous)", value=drug)
        ids: set[str] = set()
        for ing in m.ingredients:
            ids.update(it.id for it, _, _ in _rules_for(store, ing))
        records = [r for r in records if r.id in ids]
    return [
        r
        for r in records
        if (substance is None or substance in r.substances)
        and (
            property is None or any(t.kind == "property" and t.value == property for t in r.targets)
        )
        and (severity is None or r.severity == severity)
        and (evidence is None or r.evidence == evidence)
    ]
