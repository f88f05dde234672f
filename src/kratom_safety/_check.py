"""Checking a medication list against the curated kratom interactions.

A call assembles parts that are memoised, so that checking a list costs little more than
resolving its strings: what depends only on one string (its match, whether it is negated, its
status) is read once per string; the records that apply to an ingredient once per ingredient
and active substances (``_rules.applicable_for``); the combined risk of a group once per set of
its members; each finding and each input result once. What depends on a whole list (its
findings together, the report) is assembled each time, except the report on a short list
that :func:`check` has seen (batch screening keeps its own memo of lists): new lists rarely
repeat in a batch, and a memo of them would only hold more objects. Every memo is keyed by the
store too, so a reloaded store never answers from old records; every memoised value is
immutable.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ._args import SUBSTANCES, substance_arg
from ._browse import interactions
from ._data import Store, get_store
from ._errors import InvalidInputError
from ._models import Severity, SubstanceId
from ._report import (
    Coverage,
    CumulativeRisk,
    Finding,
    InputResult,
    Report,
    Status,
    report_statement,
    trusted,
)
from ._resolver import Match, resolve, validate_text
from ._rules import (
    ACTION_RANK,
    SEVERITY_RANK,
    applicable_for,
    capped,
    combined_for,
    properties_of,
    rules_for,
)
from ._text import NegationRule, negation_in, tokens
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

__all__ = [
    "DISCLAIMER",
    "ECHO_MAX",
    "MAX_LIST",
    "SUBSTANCES",
    "CumulativeRisk",
    "Finding",
    "InputResult",
    "Report",
    "check",
    "check_lenient",
    "echo",
    "interactions",
    "negation_of",
]

#: The most medication strings in one list.
MAX_LIST = 1000
#: Longest echo of a refused input string in a report (then an ellipsis).
ECHO_MAX = 200
# An ambiguous entry with more readings than this (several ambiguous parts) shares nothing.
_MAX_READINGS = 64
# Lists up to this long have their report memoised.
_MEMO_LIST = 32

DISCLAIMER = (
    "kratom_safety is decision support for health professionals, not medical advice. "
    "Kratom products vary widely in alkaloid content and may be adulterated; "
    "the evidence on kratom interactions is limited and mostly not from controlled human studies."
)


def check(medications: Iterable[str], *, substance: str = "kratom") -> Report:
    """Check a medication list against the kratom interaction data.

    ``substance`` is the kratom product the patient uses: ``"kratom"`` (leaf products),
    ``"mitragynine"`` or ``"7-hydroxymitragynine"`` (concentrated 7-OH products). Kratom
    products named in the list itself are detected and added.

    Every input is reported: matched, ambiguous, partially recognised, or unrecognised.
    An entry that could be more than one drug is not checked as either, except for the
    findings that every reading of it shares (``Finding.from_ambiguous_input``).
    An empty ``findings`` tuple is never a statement of safety.
    """
    primary = substance_arg(substance)
    if isinstance(medications, (str, bytes)) or not isinstance(medications, Iterable):
        raise InvalidInputError("medications must be a list of strings", value=medications)
    meds: list[str] = []
    for i, item in enumerate(medications):
        if i >= MAX_LIST:
            raise InvalidInputError(f"more than {MAX_LIST} medications in one list", index=i)
        meds.append(validate_text(item, index=i))
    return _check_texts(meds, primary, frozenset())


def check_lenient(meds: Sequence[str], substance: str) -> Report:
    """:func:`check` of one list for batch screening: strings that :func:`check` refuses (too
    long, empty, not a string) are reported as ``excluded``, echoed truncated, instead of
    raising. ``substance`` is checked as in :func:`check`; the list length is not limited."""
    primary = substance_arg(substance)
    texts: list[str] = []
    refused = set()
    for i, text in enumerate(meds):
        try:
            texts.append(validate_text(text))
        except InvalidInputError:
            refused.add(i)
            texts.append(text if isinstance(text, str) else repr(text))
    # batch screening keeps its own memo of lists; this one would only hold more objects for
    # the garbage collector to walk (new lists rarely repeat in a batch)
    return _report(id(get_store()), primary, tuple(texts), frozenset(refused))


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


class _Read(NamedTuple):
    """What one (valid) string is, for checking."""

    status: Status
    match: Match | None
    substances: tuple[SubstanceId, ...]
    """Kratom substances it names."""
    drugs: tuple[str, ...]
    """Its ingredients that are in the clinical vocabulary."""
    outside: tuple[str, ...]
    """Its ingredients recognised by name only (not in the clinical vocabulary)."""
    readings: tuple[tuple[str, ...], ...] = ()
    """For an ambiguous string: the ingredients of each way of reading it."""


@lru_cache(maxsize=65536)
def _read(text: str, store_key: int) -> _Read:
    store = get_store()
    m = resolve(text)
    if _negation_cached(text, store_key) is not None:
        return _Read("negated", m, (), (), ())
    if m is None:
        return _Read("unrecognized", None, (), (), ())
    if m.ambiguous:
        return _Read("ambiguous", m, (), (), (), _readings(m))
    subs = tuple(s for x in m.ingredients for s in SUBSTANCES if s == x)
    others = [x for x in m.ingredients if x not in SUBSTANCES]
    drugs = tuple(d for d in others if d in store.ingredients)
    outside = tuple(d for d in others if d not in store.ingredients)
    status: Status = "partial" if m.unmatched else ("substance" if not others else "matched")
    return _Read(status, m, subs, drugs, outside)


def _readings(m: Match) -> tuple[tuple[str, ...], ...]:
    """The ingredients of each way of reading an ambiguous match (every combination of its
    parts' alternatives); none when there are more than ``_MAX_READINGS``."""
    options = [p.alternatives if p.ambiguous else (p.ingredients,) for p in m.parts]
    n = 1
    for o in options:
        n *= len(o)
    if n > _MAX_READINGS:
        return ()
    return tuple(
        tuple(dict.fromkeys(ing for part in combo for ing in part))
        for combo in itertools.product(*options)
    )


@lru_cache(maxsize=4096)
def _input(index: int, text: str, store_key: int) -> InputResult:
    r = _read(text, store_key)
    return InputResult(index=index, input=text, status=r.status, match=r.match)


def _check_texts(meds: Sequence[str], primary: SubstanceId, refused: frozenset[int]) -> Report:
    """The report on validated strings; indexes in ``refused`` are reported as excluded."""
    key = id(get_store())
    if len(meds) > _MEMO_LIST:
        return _report(key, primary, tuple(meds), refused)
    return _report_memo(key, primary, tuple(meds), refused)


def _report(
    key: int, primary: SubstanceId, meds: tuple[str, ...], refused: frozenset[int]
) -> Report:
    """The report on one list."""
    inputs: list[InputResult] = []
    detected: list[SubstanceId] = []
    outside: list[str] = []
    ing_inputs: dict[str, list[str]] = {}
    ambiguous_reads: dict[str, tuple[tuple[str, ...], ...]] = {}
    gaps: dict[Status, list[str]] = {}
    checked = False
    for i, text in enumerate(meds):
        if i in refused:
            shown = echo(text)
            inputs.append(InputResult(index=i, input=shown, status="excluded", match=None))
            gaps.setdefault("excluded", []).append(shown)
            continue
        r = _read(text, key)
        inputs.append(_input(i, text, key))
        if r.status in ("matched", "substance"):
            checked = True
        else:
            gaps.setdefault(r.status, []).append(text)
            if r.status == "partial":
                checked = True
            elif r.status == "ambiguous":
                ambiguous_reads.setdefault(text, r.readings)
        for s in r.substances:
            if s not in detected:
                detected.append(s)
        for d in r.outside:
            if d not in outside:
                outside.append(d)
        for d in r.drugs:
            texts = ing_inputs.setdefault(d, [])
            if text not in texts:
                texts.append(text)

    active = (primary, *(s for s in SUBSTANCES if s in detected and s != primary))
    drugs = tuple((d, tuple(sorted(t))) for d, t in sorted(ing_inputs.items()))
    found = _findings(key, active, drugs, tuple(ambiguous_reads.items()))
    unrecognized = tuple(gaps.get("unrecognized", ()))
    ambiguous = tuple(gaps.get("ambiguous", ()))
    partial = tuple(gaps.get("partial", ()))
    negated = tuple(gaps.get("negated", ()))
    excluded = tuple(gaps.get("excluded", ()))
    coverage: Coverage
    if not checked and not found.shared_by:
        coverage = "none"
    elif gaps or outside:
        coverage = "partial"
    else:
        coverage = "complete"
    statement = report_statement(
        found.findings,
        active,
        found.without,
        unrecognized,
        tuple(a for a in ambiguous if a not in found.shared_by),
        partial,
        negated,
        excluded,
        empty=not inputs,
        checked=coverage != "none",
        combined=found.cumulative,
        outside=tuple(outside),
        shared=tuple(a for a in ambiguous if a in found.shared_by),
    )
    # Every part was validated when it was built (inputs, findings, combined risks) or is a
    # tuple of strings built above from validated values, so the report is assembled without
    # validating it all again (which would cost more than the rest of the check).
    return trusted(
        Report,
        {
            "package_version": __version__,
            "data_version": DATA_VERSION,
            "data_reviewed": DATA_REVIEWED,
            "substances": active,
            "substances_detected_in_list": tuple(detected),
            "coverage": coverage,
            "statement": statement,
            "findings": found.findings,
            "cumulative_risks": found.cumulative,
            "unrecognized": unrecognized,
            "ambiguous": ambiguous,
            "partially_recognized": partial,
            "negated": negated,
            "excluded": excluded,
            "outside_vocabulary": tuple(outside),
            "inputs": tuple(inputs),
            "disclaimer": DISCLAIMER,
        },
    )


# The report on a short list is memoised (a report is immutable, and the same strings in the
# same order always give the same report; keyed by the store too). Long lists are not, to keep
# the memory the memo holds small.
_report_memo = lru_cache(maxsize=1024)(_report)


class _Found(NamedTuple):
    findings: tuple[Finding, ...]
    """Sorted: most urgent action, then most severe, then ingredient and record id."""
    cumulative: tuple[CumulativeRisk, ...]
    without: tuple[str, ...]
    """Ingredients on the list with no finding and no combined risk."""
    shared_by: frozenset[str]
    """Ambiguous entries that gave a finding (shared by all their readings)."""


def _findings(
    key: int,
    active: tuple[str, ...],
    drugs: tuple[tuple[str, tuple[str, ...]], ...],
    ambiguous: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...],
) -> _Found:
    """The findings and combined risks of a list: ``drugs`` are its ingredients with the
    entries each came from, ``ambiguous`` its ambiguous entries with their readings (its
    parts are memoised)."""
    names = tuple(d for d, _ in drugs)
    cumulative, folded = combined_for(key, active, names)
    findings: list[Finding] = []
    for ingredient, inputs_of in drugs:
        for record_id, how, applies, sev, why in applicable_for(key, active, ingredient):
            group = folded.get((ingredient, record_id)) if folded else None
            findings.append(
                _finding(key, record_id, how, applies, ingredient, inputs_of, sev, why, group)
            )
    shared_by = _ambiguous_findings(key, active, ambiguous, findings) if ambiguous else set()
    findings.sort(key=_rank)
    without = set(names) - {f.ingredient for f in findings}
    without -= {i for c in cumulative for i in c.ingredients}
    return _Found(tuple(findings), cumulative, tuple(sorted(without)), frozenset(shared_by))


def _rank(f: Finding) -> tuple[int, int, str, str]:
    return (ACTION_RANK[f.action], SEVERITY_RANK[f.severity], f.ingredient, f.interaction_id)


def _ambiguous_findings(
    key: int,
    active: tuple[str, ...],
    reads: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...],
    findings: list[Finding],
) -> set[str]:
    """Add to ``findings`` those that every reading of an ambiguous entry shares; return the
    entries that gave one. A finding already on the list from an unambiguous entry (same
    record, same ingredient) is not repeated."""
    found: dict[_Shared, list[str]] = {}
    for text, readings in reads:
        for shared in _shared(key, active, readings):
            found.setdefault(shared, []).append(text)
    seen = {(f.interaction_id, f.ingredient) for f in findings}
    entries: set[str] = set()
    for (rid, ingredient, how, applies, sev, why), texts in found.items():
        entries.update(texts)
        if (rid, ingredient) not in seen:
            inputs = tuple(sorted(texts))
            findings.append(
                _finding(key, rid, how, applies, ingredient, inputs, sev, why, None, True)
            )
    return entries


# (record id, ingredient label, how it matched, substances, severity, why capped)
_Shared = tuple[str, str, str, tuple[str, ...], Severity, "str | None"]
_Carrier = tuple[str, str, tuple[str, ...], Severity, "str | None"]


@lru_cache(maxsize=4096)
def _shared(
    key: int, active: tuple[str, ...], readings: tuple[tuple[str, ...], ...]
) -> tuple[_Shared, ...]:
    """The records that apply under every reading of an ambiguous entry.

    A record counts for a reading when it applies to one of the reading's ingredients, also
    when a more specific record supersedes it there (``Unisom``: the sedating-antihistamine
    class rule applies to doxylamine, and to diphenhydramine under its own record). Of the
    shared records, one superseded by another shared record is left out. Each is reported at
    the mildest severity among the readings (a guess never escalates), its ingredient naming
    the ingredients that carry it (``"doxylamine or diphenhydramine"``)."""
    store = get_store()
    per_reading: list[dict[str, list[_Carrier]]] = []
    for reading in readings:
        recs: dict[str, list[_Carrier]] = {}
        for ing in reading:
            props = properties_of(store, ing)
            for hit in rules_for(store, ing):
                applies = tuple(x for x in hit.record.substances if x in active)
                if applies:
                    sev, why = capped(store, hit, ing, props)
                    recs.setdefault(hit.record.id, []).append(
                        (ing, hit.matched_by, applies, sev, why)
                    )
        per_reading.append(recs)
    if not per_reading:
        return ()
    common = set(per_reading[0]).intersection(*per_reading[1:])
    common -= {x for rid in common for x in store.interactions[rid].supersedes}
    out: list[_Shared] = []
    for rid in sorted(common):
        carriers = [c for recs in per_reading for c in recs[rid]]
        # each reading at its most severe carrier; then the mildest reading
        worst = [min(recs[rid], key=lambda c: SEVERITY_RANK[c[3]]) for recs in per_reading]
        mild = max(worst, key=lambda c: SEVERITY_RANK[c[3]])
        ings = " or ".join(dict.fromkeys(c[0] for c in carriers))
        hows = " or ".join(dict.fromkeys(c[1] for c in carriers))
        out.append((rid, ings, hows, mild[2], mild[3], mild[4]))
    return tuple(out)


@lru_cache(maxsize=4096)
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
    from_ambiguous_input: bool = False,
) -> Finding:
    """One finding (memoised: findings are immutable; keyed by the store too, so a reloaded
    store never answers from old records)."""
    store = get_store()
    it = store.interactions[record_id]
    return Finding(
        interaction=it,
        ingredient=ingredient,
        inputs=inputs,
        substances=applies,
        severity=severity,
        evidence_rationale=it.evidence_rationale + (f" {why}" if why else ""),
        matched_by=matched_by,
        references=tuple(store.references[r] for r in it.references),
        combined_risk=combined_risk,
        from_ambiguous_input=from_ambiguous_input,
    )
