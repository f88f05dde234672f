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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple, get_args

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
        if len(strong) + len(weak) < rule.min_members:
            continue
        risk, folds = _group_risk(store, group, rule, strong + weak, props, hits, folded)
        out.append(risk)
        folded.update(folds)
    return out, folded


def _group_risk(
    store: Store,
    group: RiskGroup,
    rule: CombinedRiskRule,
    members: list[str],
    props: Mapping[str, frozenset[str]],
    hits: Mapping[str, Sequence[Hit]],
    prior: Collection[tuple[str, str]],
) -> tuple[CumulativeRisk, tuple[tuple[tuple[str, str], str], ...]]:
    """The combined risk of one group whose ``members`` (its strong, then its conditional
    members on the list) reach the group's minimum, and the findings it folds in.

    It depends on the members only (their class memberships and applicable records) and on
    ``prior``, the findings folded by the groups before it (their references are cited when
    also related to this group), not on the rest of the list."""
    related = [
        (ing, h)
        for ing in members
        for h in hits.get(ing, ())
        if h.record.risk_group == group
        or (h.matched_by.startswith("property:") and h.matched_by[9:] in rule.properties)
    ]
    folded: dict[tuple[str, str], str] = {}
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
        if (ing, h.record.id) in folded or (ing, h.record.id) in prior
        for r in h.record.references
        if r not in refs
    )
    refs = tuple(dict.fromkeys(refs))
    risk = CumulativeRisk(
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
    return risk, tuple(folded.items())


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


class _Role(NamedTuple):
    """What one ingredient brings to the combined risks of a list (for given substances)."""

    hits: tuple[Hit, ...]
    """The records that apply to it (after supersession)."""
    strong: tuple[str, ...]
    """The groups it is a member of (a class membership, or an applicable record's group)."""
    weak: tuple[str, ...]
    """The other groups whose conditional classes it belongs to."""


@lru_cache(maxsize=65536)
def _role(store_key: int, active: tuple[str, ...], ingredient: str) -> _Role:
    store = get_store()
    props = properties_of(store, ingredient)
    hits = tuple(h for h, _ in applicable(rules_for(store, ingredient), active))
    by_record = {h.record.risk_group for h in hits}
    rules = store.combined_risks
    strong = tuple(g for g, r in rules.items() if g in by_record or props & set(r.properties))
    weak = tuple(g for g, r in rules.items() if props & set(r.conditional) and g not in strong)
    return _Role(hits, strong, weak)


def combined_for(
    store_key: int, active: tuple[str, ...], names: tuple[str, ...]
) -> tuple[tuple[CumulativeRisk, ...], Mapping[tuple[str, str], str]]:
    """The combined risks of a list of ingredients: what :func:`combined_risks`
    gives, each group's risk computed once per set of its members (``_group_for``)."""
    store = get_store()
    risks: list[CumulativeRisk] = []
    folded: dict[tuple[str, str], str] = {}
    unique = sorted(set(names))
    if len(unique) < 2:
        return (), MappingProxyType(folded)
    strong: dict[str, list[str]] = {}
    weak: dict[str, list[str]] = {}
    for n in unique:
        role = _role(store_key, active, n)
        for g in role.strong:
            strong.setdefault(g, []).append(n)
        for g in role.weak:
            weak.setdefault(g, []).append(n)
    for group in get_args(RiskGroup):
        rule = store.combined_risks.get(group)
        if rule is None or group not in strong:
            continue
        members = (*strong[group], *weak.get(group, ()))
        if len(members) < rule.min_members:
            continue
        prior = frozenset(k for k in folded if k[0] in members)
        risk, folds = _group_for(store_key, active, group, members, prior)
        risks.append(risk)
        folded.update(folds)
    return tuple(risks), MappingProxyType(folded)


@lru_cache(maxsize=4096)
def _group_for(
    store_key: int,
    active: tuple[str, ...],
    group: RiskGroup,
    members: tuple[str, ...],
    prior: frozenset[tuple[str, str]],
) -> tuple[CumulativeRisk, tuple[tuple[tuple[str, str], str], ...]]:
    """The combined risk of one group with these members (memoised)."""
    store = get_store()
    props = {n: properties_of(store, n) for n in members}
    hits = {n: _role(store_key, active, n).hits for n in members}
    return _group_risk(store, group, store.combined_risks[group], list(members), props, hits, prior)
