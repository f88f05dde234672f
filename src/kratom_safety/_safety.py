"""Browsing the adverse-event and dependence records."""

from __future__ import annotations

from typing import get_args

from ._check import _substance_arg
from ._data import get_store
from ._errors import InvalidInputError
from ._models import AdverseEvent, DependenceSignal, PopulationNote

__all__ = ["adverse_events", "dependence_signals", "special_populations"]

_DEP_KINDS = get_args(DependenceSignal.model_fields["kind"].annotation)


def _opt_str(name: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"{name} must be a string", value=value)
    return value


def adverse_events(
    *, substance: str | None = None, system: str | None = None, serious: bool | None = None
) -> list[AdverseEvent]:
    """Adverse-event records, filtered by substance, organ system and seriousness."""
    if substance is not None:
        _substance_arg(substance)
    system = _opt_str("system", system)
    if serious is not None and not isinstance(serious, bool):
        raise InvalidInputError("serious must be True, False or None", value=serious)
    return [
        ae
        for ae in get_store().adverse_events.values()
        if (substance is None or substance in ae.substances)
        and (system is None or ae.system == system.strip().lower())
        and (serious is None or ae.serious is serious)
    ]


def dependence_signals(
    *, substance: str | None = None, kind: str | None = None
) -> list[DependenceSignal]:
    """Dependence, withdrawal and treatment records, filtered by substance and kind."""
    if substance is not None:
        _substance_arg(substance)
    kind = _opt_str("kind", kind)
    if kind is not None and kind not in _DEP_KINDS:
        raise InvalidInputError("kind must be one of " + ", ".join(_DEP_KINDS), value=kind)
    return [
        d
        for d in get_store().dependence.values()
        if (substance is None or substance in d.substances) and (kind is None or d.kind == kind)
    ]


def special_populations() -> list[PopulationNote]:
    """Notes on pregnancy and newborns, liver disease, older adults and opioid use disorder."""
    return list(get_store().populations.values())
