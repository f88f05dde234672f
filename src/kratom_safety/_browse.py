"""Browsing the interaction records (``kratom_safety.interactions``)."""

from __future__ import annotations

from typing import get_args

from ._args import SUBSTANCES, choice_arg, optional_str_arg, substance_arg
from ._data import get_store
from ._errors import InvalidInputError
from ._models import Evidence, Interaction
from ._resolver import resolve
from ._rules import SEVERITIES, applicable, rules_for

__all__ = ["interactions"]

_EVIDENCE: tuple[Evidence, ...] = get_args(Evidence)


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
    ingredient and the property rules that cover it (after supersession).
    """
    store = get_store()
    for name, value in (
        ("drug", drug),
        ("property", property),
        ("severity", severity),
        ("evidence", evidence),
    ):
        optional_str_arg(name, value)
    if substance is not None:
        substance_arg(substance)
    if severity is not None:
        choice_arg("severity", severity, SEVERITIES, "severity must be major, moderate or minor")
    if evidence is not None:
        choice_arg("evidence", evidence, _EVIDENCE)
    records = list(store.interactions.values())
    if drug is not None:
        m = resolve(drug)
        if m is None or m.ambiguous:
            raise InvalidInputError("drug not recognised (or ambiguous)", value=drug)
        ids: set[str] = set()
        for ing in m.ingredients:
            ids.update(h.record.id for h, _ in applicable(rules_for(store, ing), SUBSTANCES))
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
