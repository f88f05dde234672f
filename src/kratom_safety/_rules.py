"""Which interaction records apply to a drug, and the combined risks of a whole list.

A record applies to an ingredient it names, or to every ingredient with a property it names
(class membership, derived from the curated class files). A record that applies lists in
``supersedes`` the broader rules it replaces for that drug: a drug-specific record replaces a
class rule, and a narrower class rule (e.g. CYP3A substrates with a narrow therapeutic index)
replaces a broader one (every sensitive CYP3A substrate).

Several drugs on one list can add up to one harm (``RiskGroup``): CNS and respiratory
depression, QT prolongation, a lowered seizure threshold, liver injury. When two or more drugs
on the list belong to the same group, ``check()`` reports one combined risk for the group,
escalated one severity step above its most severe member finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import get_args

from ._data import Store, get_store
from ._models import Action, Interaction, RiskGroup, Severity
from ._report import CumulativeRisk

__all__ = [
    "ACTIONS",
    "ACTION_RANK",
    "CLASS_CAPS",
    "GROUPS",
    "SEVERITIES",
    "SEVERITY_RANK",
    "ClassCap",
    "CombinedRule",
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


@dataclass(frozen=True, slots=True)
class ClassCap:
    """A class rule reaches the members of another class at most at ``severity``."""

    rule_property: str
    member_of: str
    severity: Severity
    except_ingredients: tuple[str, ...]
    note: str


# Severity tiers set for class rules (issue #11: antipsychotics other than clozapine at most
# moderate). The seizure class file grades them as a class effect, clozapine by its dose-related
# label warning (see its definition and the members' details).
CLASS_CAPS: tuple[ClassCap, ...] = (
    ClassCap(
        rule_property="seizure_threshold_lowering",
        member_of="antipsychotic",
        severity="moderate",
        except_ingredients=("clozapine",),
        note=(
            "For antipsychotics other than clozapine this class rule is graded at most "
            "moderate: their seizure risk is a class effect, while clozapine carries a "
            "dose-related seizure warning in its label."
        ),
    ),
)


def capped(hit: Hit, ingredient: str, props: frozenset[str]) -> tuple[Severity, str | None]:
    """The severity of ``hit`` for ``ingredient`` after the class tiers, and why it was capped."""
    sev = hit.record.severity
    for cap in CLASS_CAPS:
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


@dataclass(frozen=True, slots=True)
class CombinedRule:
    """When drugs on a list make up a combined risk, and what is said about it."""

    properties: frozenset[str]
    """Class memberships that make a drug a member of the group."""
    title: str
    statement: str
    """``{n}`` and ``{names}`` are filled in; the text comes from the cited references."""
    references: tuple[str, ...]
    conditional: frozenset[str] = frozenset()
    """Memberships that count only when a drug with one of ``properties`` is on the list."""
    min_members: int = 2
    fold: bool = False
    """Fold the members' findings from the group's own class rule (the same generic text for
    every drug) into the combined risk: they stay in the report (every drug keeps its line,
    for outputs that list findings only) but carry ``combined_risk`` so that they are shown
    under the one combined line, not as loose lines. Drug-specific records are not folded."""


CNS_PROPERTIES = frozenset(
    {
        "opioid_agonist",
        "opioid_partial_agonist",
        "benzodiazepine",
        "z_drug",
        "gabapentinoid",
        "barbiturate",
        "muscle_relaxant",
        "sedating_antihistamine",
        "sedating_antipsychotic",
        "sedating_antidepressant",
        "cns_depressant",
    }
)

GROUPS: dict[RiskGroup, CombinedRule] = {
    "cns_respiratory_depression": CombinedRule(
        properties=CNS_PROPERTIES,
        title="Kratom with {n} drugs that depress breathing or consciousness",
        statement=(
            "Kratom is combined here with {n} drugs that depress breathing or consciousness "
            "({names}). Sedation and respiratory depression from such drugs add up, so the "
            "combined risk is greater than that of any single pair. Review the need for each "
            "depressant, use the lowest effective doses, and make naloxone available."
        ),
        references=("fda_dsc_opioid_benzo_2016",),
    ),
    "qt_prolongation": CombinedRule(
        fold=True,
        properties=frozenset({"qt_prolonging"}),
        conditional=frozenset({"qt_possible"}),
        title="Kratom with {n} drugs that prolong the QT interval",
        statement=(
            "Kratom is combined here with {n} drugs listed as prolonging the QT interval, with "
            "a known or (counted only alongside a known one) a possible risk ({names}). Each "
            "carries a QT warning or report, and taken together the risk may add up; "
            "mitragynine blocks hERG potassium channels in vitro and QTc rose with serum "
            "mitragynine in a small case series. Check whether each drug is needed, and check "
            "an ECG and electrolytes, above all in heavy kratom use or with other risk factors."
        ),
        references=("tay2016taap", "leongbinabdullah2021fphar_case"),
    ),
    "seizure_threshold": CombinedRule(
        fold=True,
        properties=frozenset({"seizure_threshold_lowering"}),
        title="Kratom with {n} drugs that lower the seizure threshold",
        statement=(
            "Kratom is combined here with {n} drugs that lower the seizure threshold "
            "({names}). Kratom use has been associated with seizures, and seizures are more "
            "likely when threshold-lowering drugs are taken together (reported with tramadol "
            "and antidepressants). Ask about seizure history, review the need for each drug, "
            "and avoid high doses in heavy kratom users."
        ),
        references=("eggleston2019pharmacotherapy", "sansone2009psychiatry"),
    ),
    "hepatotoxicity": CombinedRule(
        fold=True,
        properties=frozenset({"hepatotoxic"}),
        title="Kratom with {n} drugs that can injure the liver",
        statement=(
            "Kratom is combined here with {n} drugs that can injure the liver ({names}). "
            "Kratom is a rare cause of acute liver injury, and other liver-toxic drugs may add "
            "to that risk. Ask about jaundice, itching or dark urine, check liver tests if "
            "symptoms appear, and include kratom and each of these drugs in the assessment of "
            "any liver injury."
        ),
        references=("livertox_kratom",),
    ),
}

_GROUP_ORDER: tuple[RiskGroup, ...] = tuple(g for g in get_args(RiskGroup) if g in GROUPS)

# References added when a member with this class or id is on the list (the cited basis of
# that member's part in the combined risk).
MEMBER_REFERENCES: dict[RiskGroup, dict[str, str]] = {
    "cns_respiratory_depression": {
        "gabapentinoid": "fda_dsc_gabapentinoids_2019",
        "xylazine": "chhabra2022mmwr",
    },
    "hepatotoxicity": {"kava": "livertox-kava"},
}

# Opioid use disorder treatment: never advise stopping or reducing it because of a combination.
OUD_TREATMENT = ("buprenorphine", "methadone")
_OUD_STATEMENT = (
    "Kratom is combined here with {n} drugs that depress breathing or consciousness "
    "({names}). Sedation and respiratory depression from such drugs add up, so the combined "
    "risk is greater than that of any single pair. {oud} treats opioid use disorder: the FDA "
    "advises that it not be withheld because of other depressants on the list. Manage the "
    "combination carefully, review the need for the other depressants, and make naloxone "
    "available."
)
_BUP_BENZO = (
    " Buprenorphine with a benzodiazepine ({benzos}) is named by the FDA: the combination "
    "raises the risk of serious side effects, including breathing problems."
)
_OUD_REFS: tuple[str, ...] = ("fda_dsc_mat_benzo_2017",)


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
    for group in _GROUP_ORDER:
        rule = GROUPS[group]
        strong = sorted(
            ing for ing, p in props.items() if group in by_record[ing] or p & rule.properties
        )
        if not strong:
            continue
        weak = sorted(ing for ing, p in props.items() if p & rule.conditional and ing not in strong)
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
            [capped(h, ing, props.get(ing, frozenset()))[0] for ing, h in related]
        )
        severity = _escalate(top)
        actions = [h.record.action for _, h in related if h.record.action != "no_action"]
        action: Action = min(actions, key=ACTION_RANK.__getitem__) if actions else "monitor"
        names = sorted(set(members))
        statement, refs = _text(group, rule, names, props)
        extra = MEMBER_REFERENCES.get(group, {})
        refs += tuple(
            r
            for key, r in sorted(extra.items())
            if any(key == n or key in props.get(n, frozenset()) for n in names)
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
    group: str, rule: CombinedRule, names: list[str], props: Mapping[str, frozenset[str]]
) -> tuple[str, tuple[str, ...]]:
    fill = {"n": len(names), "names": ", ".join(names)}
    refs = list(rule.references)
    if group != "cns_respiratory_depression":
        return rule.statement.format(**fill), tuple(refs)
    oud = [n for n in OUD_TREATMENT if n in names]
    if oud:
        text = _OUD_STATEMENT.format(oud=" and ".join(oud).capitalize(), **fill)
        refs += [r for r in _OUD_REFS if r not in refs]
    else:
        text = rule.statement.format(**fill)
    benzos = [n for n in names if "benzodiazepine" in props.get(n, frozenset())]
    if "buprenorphine" in names and benzos:
        text += _BUP_BENZO.format(benzos=", ".join(benzos))
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
        sev, why = capped(hit, ingredient, props)
        out.append((hit.record.id, hit.matched_by, applies, sev, why))
    return tuple(out)


@lru_cache(maxsize=65536)
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
