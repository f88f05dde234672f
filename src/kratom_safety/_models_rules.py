"""Clinical rules as data: combined risks, class caps and use-pattern rules."""

from __future__ import annotations

import string
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ._models import ID_PATTERN, SLUG_PATTERN, Property, Record, RiskGroup, Severity

__all__ = [
    "ClassCap",
    "CombinedRiskRule",
    "MemberReference",
    "ProductKind",
    "StatementAddendum",
    "TreatmentStatement",
    "UseFlag",
    "UseMeasure",
    "UseRule",
    "UseRuleSignal",
    "UseStatement",
    "UseStatementId",
    "UseThreshold",
]


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


class _Template(Record):
    """A record holding text with ``{placeholders}``: only the names in ``_allowed``."""

    _allowed: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> _Template:
        for name, allowed in self._allowed.items():
            extra = _fields(getattr(self, name)) - allowed
            if extra:
                raise ValueError(f"{name}: unknown placeholder(s) {sorted(extra)}")
        return self


class MemberReference(Record):
    """A reference cited when a member with this class (or this ingredient) is on the list."""

    member: str = Field(pattern=ID_PATTERN)
    reference: str = Field(pattern=SLUG_PATTERN)


class TreatmentStatement(_Template):
    """Replaces a group's statement when one of ``ingredients`` (a treatment) is a member."""

    _allowed: ClassVar[dict[str, frozenset[str]]] = {
        "statement": frozenset({"n", "names", "treatment"})
    }
    ingredients: tuple[str, ...] = Field(min_length=1)
    """In the order they are named in ``{treatment}``."""
    statement: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)


class StatementAddendum(_Template):
    """A sentence added when ``ingredient`` and a member with ``with_property`` are both on it."""

    _allowed: ClassVar[dict[str, frozenset[str]]] = {"text": frozenset({"members"})}
    ingredient: str = Field(pattern=ID_PATTERN)
    with_property: Property
    text: str = Field(min_length=20)
    """``{members}``: the members with ``with_property``."""


class CombinedRiskRule(_Template):
    """A harm that several drugs on one list add up to, and what a report says about it."""

    _allowed: ClassVar[dict[str, frozenset[str]]] = {
        "title": frozenset({"n"}),
        "statement": frozenset({"n", "names"}),
    }
    id: RiskGroup
    title: str = Field(min_length=10)
    statement: str = Field(min_length=20)
    properties: tuple[Property, ...] = Field(min_length=1)
    """Class memberships that make a drug a member of the group."""
    conditional: tuple[Property, ...] = ()
    """Memberships that count only when a drug with one of ``properties`` is on the list."""
    min_members: int = Field(default=2, ge=2)
    fold: bool = False
    """Fold the members' findings from the group's own class rule (the same generic text for
    every drug) into the combined risk: they stay in the report (every drug keeps its line,
    for outputs that list findings only) but carry ``combined_risk`` so that they are shown
    under the one combined line, not as loose lines. Drug-specific records are not folded."""
    references: tuple[str, ...] = Field(min_length=1)
    member_references: tuple[MemberReference, ...] = ()
    """Cited when a member with that class or id is on the list (its part in the risk)."""
    treatment: TreatmentStatement | None = None
    addenda: tuple[StatementAddendum, ...] = ()


class ClassCap(Record):
    """A class rule reaches the members of another class at most at ``severity``."""

    id: str = Field(pattern=SLUG_PATTERN)
    rule_property: Property
    member_of: Property
    severity: Severity
    except_ingredients: tuple[str, ...] = ()
    note: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)


ProductKind = Literal["leaf", "extract", "concentrated_7oh", "unknown"]
UseMeasure = Literal["grams_per_dose", "doses_per_day", "doses_per_week", "months_of_use"]
"""A number of a use pattern (``doses_per_week`` is seven times ``doses_per_day``)."""
UseFlag = Literal["pregnant", "other_substance_use_disorder", "co_use_serious"]
"""A yes/no fact of a use pattern. ``co_use_serious``: the co-used medicines produce a combined
risk or a major, serious interaction finding."""


class UseThreshold(Record):
    """Met when ``measure`` is given and at least ``at_least``."""

    measure: UseMeasure
    at_least: float = Field(ge=0)


class UseRuleSignal(Record):
    """A signal record that a met rule points to, and the reason shown with it."""

    record: str = Field(pattern=r"^KS-(DEP|AE)-[0-9]{4}$")
    reason: str = Field(min_length=5)
    """May name a measure of the rule's thresholds, e.g. ``{doses_per_day:g}``."""


class UseRule(Record):
    """A published use-pattern threshold: met when every threshold, flag and product holds."""

    id: str = Field(pattern=SLUG_PATTERN)
    order: int = Field(ge=1)
    """Signals are listed in rule order."""
    thresholds: tuple[UseThreshold, ...] = ()
    flags: tuple[UseFlag, ...] = ()
    product: ProductKind | None = None
    signals: tuple[UseRuleSignal, ...] = Field(min_length=1)
    basis: str = Field(min_length=20)
    """Where the threshold was published (the records it points to carry the figures)."""
    references: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _conditions(self) -> UseRule:
        if not (self.thresholds or self.flags or self.product):
            raise ValueError("a use rule needs a threshold, a flag or a product")
        measures = {t.measure for t in self.thresholds}
        for s in self.signals:
            if not _fields(s.reason) <= measures:
                raise ValueError(f"reason of {s.record} names a measure the rule does not test")
        return self


UseStatementId = Literal["caveat", "matched_many", "matched_none", "matched_one"]


class UseStatement(Record):
    """A fixed sentence of a use assessment (``{n}``: the number of signals)."""

    id: UseStatementId
    text: str = Field(min_length=10)
