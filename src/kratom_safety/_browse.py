"""Browsing the interaction records (``kratom_safety.interactions``)."""

from __future__ import annotations

from typing import get_args

from ._data import get_store
from ._errors import InvalidInputError
from ._models import Evidence, Interaction, SubstanceId
from ._resolver import resolve
from ._rules import SEVERITY_RANK, applicable, rules_for

__all__ = ["interactions"]

_SUBSTANCES: tuple[str, ...] = get_args(SubstanceId)


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
        if value is not None and not isinstance(value, str):
            raise InvalidInputError(f"{name} must be a string", value=value)
    if substance is not None and substance not in _SUBSTANCES:
        raise InvalidInputError(
            f"substance must be one of {', '.join(_SUBSTANCES)}", value=substance
        )
    if severity is not None and severity not in SEVERITY_RANK:
        raise InvalidInputError("severity must be major, moderate or minor", value=severity)
    if evidence is not None and evidence not in get_args(Evidence):
        raise InvalidInputError(
            "evidence must be one of " + ", ".join(get_args(Evidence)), value=evidence
        )
    records = list(store.interactions.values())
    if drug is not None:
        m = resolve(drug)
        if m is None or m.ambiguous:
            raise InvalidInputError("drug not recognised (or ambiguous)", value=drug)
        ids: set[str] = set()
        for ing in m.ingredients:
            ids.update(h.record.id for h, _ in applicable(rules_for(store, ing), _SUBSTANCES))
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
