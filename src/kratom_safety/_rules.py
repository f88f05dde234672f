"""Which interaction records apply to a drug, and the combined risks of a whole list.

A record applies to an ingredient it names, or to every ingredient with a property it names
(class membership, derived from the curated class files). A record that applies lists in
``supersedes`` the broader rules it replaces for that drug: a drug-specific record replaces a
class rule, and a narrower class rule (e.g. CYP3A substrates with a narrow therapeutic index)
replaces a broader one (every sensitive CYP3A substrate).

Several drugs on one list can add up to one harm (``RiskGroup``): CNS and respiratory
depression, QT prolongation, a lowered seizure threshold, liver injury. When two or more drugs
on the list belong to the same group, ``check()`` reports one combined risk for the group,
escalated one severity step above its most severe member finding. The groups, their members,
statements and references are data (``combined_risks.json``), as are the severity tiers of
class rules (``class_caps.json``); this module holds only the mechanics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import get_args

from ._data import Store, get_store
from ._models import Action, Interaction, RiskGroup, Severity
from ._models_rules import CombinedRiskRule
from ._report import CumulativeRisk

__all__ = [
    "ACTIONS",
    "ACTION_RANK",
    "SEVERITIES",
    "SEVERITY_RANK",
    "CumulativeRisk",
    "Hit",
    "applicable",
    "applicable_for",
    "capped",
    "combined_for",
    "combined_risks",
    "properties_of",
    "rules_for",
]

# Most urgent / most severe first: the order in which the Literals list them.
ACTIONS: tuple[Action, ...] = get_args(Action)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
ACTION_RANK: dict[Action, int] = {a: i for i, a in enumerate(ACTIONS)}
SEVERITY_RANK: dict[Severity, int] = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Hit:
    """One record that applies to one ingredient, and how it matched."""

    record: Interaction
    matched_by: str
    """``ingredient:NAME`` for a drug-specific record, ``property:NAME`` for a class rule."""


# (store, hits) per (id(store), ingredient); holding the store keeps its id from being reused
_cache: dict[tuple[int, str], tuple[Store, tuple[Hit, ...]]] = {}


def rules_for(store: Store, ingredient: str) -> tuple[Hit, ...]:
    """Every record that names ``ingredient`` or one of its properties (before supersession).

    Memoised per store and ingredient (the store is immutable; sharing the dict between
    threads is safe, the worst case being the same tuple computed twice)."""
    key = (id(store), ingredient)
    hit = _cache.get(key)
    if hit is None:
        hit = _cache[key] = (store, _compute(store, ingredient))
    return hit[1]


_props_cache: dict[tuple[int, str], tuple[Store, frozenset[str]]] = {}


def properties_of(store: Store, ingredient: str) -> frozenset[str]:
    """The class memberships of ``ingredient`` (memoised like ``rules_for``)."""
    key = (id(store), ingredient)
    hit = _props_cache.get(key)
    if hit is None:
        ing = store.ingredients.get(ingredient)
        props = frozenset(p.property for p in ing.properties) if ing else frozenset()
        hit = _props_cache[key] = (store, props)
    return hit[1]


def _compute(store: Store, ingredient: str) -> tuple[Hit, ...]:
    ing = store.ingredients.get(ingredient)
    if ing is None:
        return ()
    props = {p.property for p in ing.properties}
    direct: list[Hit] = []
    by_rule: list[Hit] = []
    for it in store.interactions.values():
        if any(t.kind == "ingredient" and t.value == ingredient for t in it.targets):
            direct.append(Hit(it, f"ingredient:{ingredient}"))
            continue
        prop = next(
            (t.value for t in it.targets if t.kind == "property" and t.value in props), None
        )
        if prop is not None:
            by_rule.append(Hit(it, f"property:{prop}"))
    return tuple(direct + by_rule)


def capped(
    store: Store, hit: Hit, ingredient: str, props: frozenset[str]
) -> tuple[Severity, str | None]:
    """The severity of ``hit`` for ``ingredient`` after the class tiers (``class_caps.json``:
    a class rule reaches the members of another class at most at a severity), and why."""
    sev = hit.record.severity
    for cap in store.class_caps.values():
        if (
            hit.matched_by == f"property:{cap.rule_property}"
            and cap.member_of in props
            and ingredient not in cap.except_ingredients
            and SEVERITY_RANK[sev] < SEVERITY_RANK[cap.severity]
        ):
            return cap.severity, cap.note
    return sev, None


def applicable(hits: Iterable[Hit], active: Iterable[str]) -> list[tuple[Hit, tuple[str, ...]]]:
    """The hits that apply to the active kratom substances, after supersession.

    A record supersedes only when it applies itself, so a rule is never dropped for a record
    that does not cover the substance in use. Returns (hit, substances it applies to)."""
    active_set = set(active)
    live = [(h, tuple(s for s in h.record.substances if s in active_set)) for h in hits]
    live = [(h, subs) for h, subs in live if subs]
    superseded = {s for h, _ in live for s in h.record.supersedes}
    return [(h, subs) for h, subs in live if h.record.id not in superseded]


# --- combined risks -------------------------------------------------------------------------


def _member_severity(severities: Sequence[Severity]) -> Severity:
    return min(severities, key=SEVERITY_RANK.__getitem__) if severities else "minor"


def _escalate(sev: Severity) -> Severity:
    return SEVERITIES[max(SEVERITY_RANK[sev] - 1, 0)]


def combined_risks(
    store: Store,
    props: Mapping[str, frozenset[str]],
    hits: Mapping[str, Sequence[Hit]],
) -> tuple[list[CumulativeRisk], dict[tuple[str, str], str]]:
    """The combined risks of one list, and the (ingredient, record id) findings each folds in
    (mapped to its group).

    ``props``: each ingredient on the list and its class memberships; ``hits``: the records
    that apply to each (after supersession). A drug is a member of a group through a class
    membership of the group, or through an applicable record whose ``risk_group`` it is."""
    out: list[CumulativeRisk] = []
    folded: dict[tuple[str, str], str] = {}
    if len(props) < 2:
        return out, folded
    by_record = {ing: {h.record.risk_group for h in hits.get(ing, ())} for ing in props}
    for group in get_args(RiskGroup):
        rule = store.combined_risks.get(group)
        if rule is None:
            continue
        strong = sorted(
            ing for ing, p in props.items() if group in by_record[ing] or p & set(rule.properties)
        )
        if not strong:
            continue
        weak = sorted(
            ing for ing, p in props.items() if p & set(rule.conditional) and ing not in strong
        )
        members = strong + weak if strong else []
        if len(members) < rule.min_members:
            continue
        related = [
            (ing, h)
            for ing in members
            for h in hits.get(ing, ())
            if h.record.risk_group == group
            or (h.matched_by.startswith("property:") and h.matched_by[9:] in rule.properties)
        ]
        if rule.fold:
            folded.update(
                ((ing, h.record.id), group)
                for ing, h in related
                if h.record.risk_group == group
                and h.matched_by.startswith("property:")
                and h.matched_by[9:] in rule.properties
            )
        ids = tuple(sorted({h.record.id for _, h in related}))
        top = _member_severity(
            [capped(store, h, ing, props.get(ing, frozenset()))[0] for ing, h in related]
        )
        severity = _escalate(top)
        actions = [h.record.action for _, h in related if h.record.action != "no_action"]
        action: Action = min(actions, key=ACTION_RANK.__getitem__) if actions else "monitor"
        names = sorted(set(members))
        statement, refs = _text(rule, names, props)
        refs += tuple(
            m.reference
            for m in sorted(rule.member_references, key=lambda m: m.member)
            if any(m.member == n or m.member in props.get(n, frozenset()) for n in names)
        )
        refs += tuple(
            r
            for ing, h in related
            if (ing, h.record.id) in folded
            for r in h.record.references
            if r not in refs
        )
        refs = tuple(dict.fromkeys(refs))
        out.append(
            CumulativeRisk(
                group=group,
                ingredients=tuple(names),
                interaction_ids=ids,
                statement=statement,
                references=tuple(store.references[r] for r in refs),
                title=rule.title.format(n=len(names)),
                severity=severity,
                action=action,
                escalated=SEVERITY_RANK[severity] < SEVERITY_RANK[top],
            )
        )
    return out, folded


def _text(
    rule: CombinedRiskRule, names: list[str], props: Mapping[str, frozenset[str]]
) -> tuple[str, tuple[str, ...]]:
    """The statement of a combined risk and the references behind it.

    A treatment among the members (opioid use disorder treatment: never advise stopping it
    because of a combination) replaces the statement; an addendum is added when its drug and
    a member of its class are both on the list."""
    fill = {"n": len(names), "names": ", ".join(names)}
    refs = list(rule.references)
    treat = rule.treatment
    treated = [n for n in treat.ingredients if n in names] if treat else []
    if treat and treated:
        text = treat.statement.format(treatment=" and ".join(treated).capitalize(), **fill)
        refs += [r for r in treat.references if r not in refs]
    else:
        text = rule.statement.format(**fill)
    for add in rule.addenda:
        members = [n for n in names if add.with_property in props.get(n, frozenset())]
        if add.ingredient in names and members:
            text += " " + add.text.format(members=", ".join(members))
    return text, tuple(refs)


# --- memoised per store, active substances and list ----------------------------------------

_Applied = tuple[tuple[str, str, tuple[str, ...], Severity, "str | None"], ...]


@lru_cache(maxsize=65536)
def applicable_for(store_key: int, active: tuple[str, ...], ingredient: str) -> _Applied:
    """(record id, how it matched, substances, severity, why capped) of each record that
    applies to ``ingredient`` (memoised per store, active substances and ingredient)."""
    store = get_store()
    props = properties_of(store, ingredient)
    out = []
    for hit, applies in applicable(rules_for(store, ingredient), active):
        sev, why = capped(store, hit, ingredient, props)
        out.append((hit.record.id, hit.matched_by, applies, sev, why))
    return tuple(out)


@lru_cache(maxsize=4096)
def combined_for(
    store_key: int, active: tuple[str, ...], names: tuple[str, ...]
) -> tuple[tuple[CumulativeRisk, ...], Mapping[tuple[str, str], str]]:
    """The combined risks of a list of ingredients (memoised)."""
    store = get_store()
    props = {n: properties_of(store, n) for n in names}
    live: dict[str, list[Hit]] = {
        n: [h for h, _ in applicable(rules_for(store, n), active)] for n in names
    }
    risks, folded = combined_risks(store, props, live)
    return tuple(risks), MappingProxyType(folded)
