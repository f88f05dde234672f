"""Browsing the adverse-event and dependence records."""

from __future__ import annotations

from typing import get_args

from ._args import (
    choice_arg,
    optional_bool_arg,
    optional_str_arg,
    substance_arg,
)
from ._data import get_store
from ._models import AdverseEvent, DependenceSignal, PopulationNote

__all__ = ["adverse_events", "dependence_signals", "special_populations"]

_DEP_KINDS: tuple[str, ...] = get_args(DependenceSignal.model_fields["kind"].annotation)


def adverse_events(
    *, substance: str | None = None, system: str | None = None, serious: bool | None = None
) -> list[AdverseEvent]:
    """Adverse-event records, filtered by substance, organ system and seriousness."""
    if substance is not None:
        substance_arg(substance)
    system = optional_str_arg("system", system)
    serious = optional_bool_arg("serious", serious)
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
        substance_arg(substance)
    if kind is not None:
        kind = choice_arg("kind", optional_str_arg("kind", kind), _DEP_KINDS)
    return [
        d
        for d in get_store().dependence.values()
        if (substance is None or substance in d.substances) and (kind is None or d.kind == kind)
    ]


def special_populations() -> list[PopulationNote]:
    """Notes on pregnancy and newborns, liver disease, older adults and opioid use disorder."""
    return list(get_store().populations.values())
