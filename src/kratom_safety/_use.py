"""Product profiles, and matching a described use pattern to published signals."""

from __future__ import annotations

from dataclasses import dataclass

from ._args import number_arg
from ._check import Report, check
from ._data import get_store
from ._errors import InvalidInputError
from ._models import DependenceSignal, ProductProfile
from ._models_rules import ProductKind, UseFlag, UseMeasure, UseRule

__all__ = ["UseAssessment", "UsePattern", "UseSignal", "assess_use", "product_profiles"]

_PRODUCT_SUBSTANCE = {
    "leaf": "kratom",
    "extract": "kratom",
    "unknown": "kratom",
    "concentrated_7oh": "7-hydroxymitragynine",
}


def product_profiles() -> list[ProductProfile]:
    """Profiles of leaf products, extracts and concentrated 7-OH products, with figures."""
    return list(get_store().products.values())


@dataclass(frozen=True, slots=True)
class UsePattern:
    """A described pattern of kratom use. Every field is optional; unknown stays ``None``."""

    product: ProductKind = "unknown"
    grams_per_dose: float | None = None
    doses_per_day: float | None = None
    months_of_use: float | None = None
    co_used: tuple[str, ...] = ()
    pregnant: bool | None = None
    other_substance_use_disorder: bool | None = None


@dataclass(frozen=True, slots=True)
class UseSignal:
    """A published dependence or harm signal that the described pattern matches."""

    record_id: str
    title: str
    reason: str
    evidence: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UseAssessment:
    """Signals matched by a use pattern. These are signals, not a diagnosis."""

    pattern: UsePattern
    signals: tuple[UseSignal, ...]
    interactions: Report | None
    statement: str


def _pattern(pattern: object) -> UsePattern:
    if not isinstance(pattern, UsePattern):
        raise InvalidInputError("expected a UsePattern", value=pattern)
    if not isinstance(pattern.product, str) or pattern.product not in _PRODUCT_SUBSTANCE:
        raise InvalidInputError(
            "product must be leaf, extract, concentrated_7oh or unknown", value=pattern.product
        )
    number_arg("grams_per_dose", pattern.grams_per_dose, upper=500)
    number_arg("doses_per_day", pattern.doses_per_day, upper=100)
    number_arg("months_of_use", pattern.months_of_use, upper=1200)
    if not isinstance(pattern.co_used, tuple) or not all(
        isinstance(x, str) for x in pattern.co_used
    ):
        raise InvalidInputError("co_used must be a tuple of strings", value=pattern.co_used)
    for name in ("pregnant", "other_substance_use_disorder"):
        value = getattr(pattern, name)
        if value is not None and not isinstance(value, bool):
            raise InvalidInputError(f"{name} must be True, False or None", value=value)
    return pattern


def assess_use(pattern: UsePattern) -> UseAssessment:
    """Match a described use pattern to the dependence and harm signals in the data.

    The thresholds are those published in the cited studies (doses a day, grams per dose,
    doses a week, months of use), curated with their basis in ``use_rules.json``; each rule
    points to the signal records it matches. The result lists signals with their evidence; it
    is not a diagnosis and cannot show that a pattern is without risk. Co-used medicines and
    substances are also run through :func:`check`.
    """
    p = _pattern(pattern)
    store = get_store()
    report = None
    if p.co_used:
        report = check(p.co_used, substance=_PRODUCT_SUBSTANCE[p.product])
    per_day = p.doses_per_day
    measures: dict[UseMeasure, float | None] = {
        "grams_per_dose": p.grams_per_dose,
        "doses_per_day": per_day,
        "doses_per_week": None if per_day is None else per_day * 7,
        "months_of_use": p.months_of_use,
    }
    flags: dict[UseFlag, bool] = {
        "pregnant": p.pregnant is True,
        "other_substance_use_disorder": p.other_substance_use_disorder is True,
        "co_use_serious": report is not None
        and bool(
            report.cumulative_risks
            or any(f.severity == "major" and f.serious for f in report.findings)
        ),
    }
    hits: list[tuple[str, str]] = []
    for rule in sorted(store.use_rules.values(), key=lambda r: r.order):
        if _met(rule, p, measures, flags):
            hits.extend((s.record, s.reason.format(**measures)) for s in rule.signals)

    signals: list[UseSignal] = []
    seen: set[str] = set()
    for rid, reason in hits:
        if rid in seen:
            continue
        seen.add(rid)
        rec = store.dependence.get(rid) or store.adverse_events.get(rid)
        if rec is None:  # pragma: no cover - the loader checks every signal record
            continue
        title = rec.title if isinstance(rec, DependenceSignal) else rec.event
        signals.append(UseSignal(rid, title, reason, rec.evidence, rec.references))
    texts = store.use_statements
    count = {0: "matched_none", 1: "matched_one"}.get(len(signals), "matched_many")
    statement = texts[count].text.format(n=len(signals)) + " " + texts["caveat"].text
    return UseAssessment(p, tuple(signals), report, statement)


def _met(
    rule: UseRule,
    p: UsePattern,
    measures: dict[UseMeasure, float | None],
    flags: dict[UseFlag, bool],
) -> bool:
    """Every threshold of ``rule`` is met (the measure given and at least the threshold),
    every flag is set and the product, if named, is the one described."""
    for t in rule.thresholds:
        value = measures[t.measure]
        if value is None or value < t.at_least:
            return False
    if rule.product is not None and p.product != rule.product:
        return False
    return all(flags[f] for f in rule.flags)
