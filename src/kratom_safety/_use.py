"""Product profiles, and matching a described use pattern to published signals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._check import Report, check
from ._data import get_store
from ._errors import InvalidInputError
from ._models import DependenceSignal, ProductProfile

__all__ = ["UseAssessment", "UsePattern", "UseSignal", "assess_use", "product_profiles"]

ProductKind = Literal["leaf", "extract", "concentrated_7oh", "unknown"]
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


def _number(name: str, value: object, *, upper: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InvalidInputError(f"{name} must be a number", value=value)
    if not 0 <= value <= upper:
        raise InvalidInputError(f"{name} must be between 0 and {upper:g}", value=value)
    return float(value)


def _pattern(pattern: object) -> UsePattern:
    if not isinstance(pattern, UsePattern):
        raise InvalidInputError("expected a UsePattern", value=pattern)
    if not isinstance(pattern.product, str) or pattern.product not in _PRODUCT_SUBSTANCE:
        raise InvalidInputError(
            "product must be leaf, extract, concentrated_7oh or unknown", value=pattern.product
        )
    _number("grams_per_dose", pattern.grams_per_dose, upper=500)
    _number("doses_per_day", pattern.doses_per_day, upper=100)
    _number("months_of_use", pattern.months_of_use, upper=1200)
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

    The thresholds are those published in the cited studies (for example three or more
    glasses a day, five grams or more per dose and 22 or more doses a week). The result lists
    signals with their evidence; it is not a diagnosis and cannot show that a pattern is
    without risk. Co-used medicines and substances are also run through :func:`check`.
    """
    p = _pattern(pattern)
    store = get_store()
    hits: list[tuple[str, str]] = []
    per_day = p.doses_per_day
    if per_day is not None and per_day >= 3:
        hits.append(
            (
                "KS-DEP-0005",
                f"{per_day:g} doses a day (three or more a day was linked "
                "to severe dependence; frequency mattered more than amount)",
            )
        )
    if per_day is not None and per_day >= 4:
        hits.append(
            (
                "KS-DEP-0003",
                "four or more doses a day: more pain and sleep problems reported on stopping",
            )
        )
    if (
        p.grams_per_dose is not None
        and per_day is not None
        and (p.grams_per_dose >= 5 and per_day * 7 >= 22)
    ):
        hits.append(("KS-AE-0007", "5 g or more per dose and 22 or more doses a week"))
    if p.months_of_use is not None and p.months_of_use >= 6 and (per_day or 0) >= 1:
        hits.append(("KS-DEP-0001", "daily use for six months or more"))
        hits.append(("KS-DEP-0002", "regular use: withdrawal is expected on stopping"))
    if p.product == "concentrated_7oh":
        hits.append(("KS-AE-0012", "concentrated 7-OH product"))
        hits.append(("KS-DEP-0007", "concentrated 7-OH product"))
    if p.pregnant:
        hits.append(("KS-DEP-0010", "use in pregnancy"))
        hits.append(("KS-AE-0009", "use in pregnancy"))
    if p.other_substance_use_disorder:
        hits.append(("KS-DEP-0006", "another substance use disorder"))

    report = None
    if p.co_used:
        report = check(p.co_used, substance=_PRODUCT_SUBSTANCE[p.product])
        if report.cumulative_risks or any(
            f.severity == "major" and f.serious for f in report.findings
        ):
            hits.append(("KS-AE-0010", "co-use with drugs involved in kratom-associated deaths"))

    signals: list[UseSignal] = []
    seen: set[str] = set()
    for rid, reason in hits:
        if rid in seen:
            continue
        seen.add(rid)
        rec = store.dependence.get(rid) or store.adverse_events.get(rid)
        if rec is None:  # pragma: no cover - guarded by tests
            continue
        title = rec.title if isinstance(rec, DependenceSignal) else rec.event
        signals.append(UseSignal(rid, title, reason, rec.evidence, rec.references))
    statement = (
        f"{len(signals)} published signal{'s' if len(signals) != 1 else ''} matched. "
        if signals
        else "No published signal in this data version matched the details given. "
    ) + (
        "These are signals from observational studies and case reports, not a diagnosis; "
        "fewer signals does not mean lower risk, and details not given were not assessed."
    )
    return UseAssessment(p, tuple(signals), report, statement)
