"""Legal status by jurisdiction: layered, dated, and explicit about what is unknown or stale."""

from __future__ import annotations

import datetime as _dt
from typing import get_args

from pydantic import BaseModel, ConfigDict

from ._args import choice_arg, date_arg
from ._data import get_store
from ._errors import InvalidInputError
from ._models import (
    LegalConfidence,
    LegalStatus,
    PendingChange,
    RegulatedSubstance,
    RegulatoryRecord,
    RegulatorySource,
)

__all__ = ["STALE_AFTER_DAYS", "RegulatoryStatus", "regulatory_status"]

#: A record whose sources were last read more than this many days before ``on`` is stale.
STALE_AFTER_DAYS = 365

_SUBSTANCES: tuple[RegulatedSubstance, ...] = get_args(RegulatedSubstance)
_FEDERAL = "US"


class RegulatoryStatus(BaseModel):
    """What this data says of kratom or of 7-OH in one jurisdiction, on one date.

    ``status`` is ``"unknown"`` when there is no record, and also when the record is
    ``stale`` on the date asked about (past ``expires``, or more than a year after
    ``checked``); ``last_known_status`` then keeps what the record said. Never read an
    ``unknown`` or a ``not_controlled`` answer as permission: this is not legal advice.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    jurisdiction: str
    jurisdiction_name: str
    substance: RegulatedSubstance
    status: LegalStatus
    last_known_status: LegalStatus
    stale: bool
    stale_reason: str | None
    on: _dt.date
    detail: str
    effective: str | None
    expires: _dt.date | None
    checked: _dt.date | None
    confidence: LegalConfidence
    pending_change: PendingChange | None
    sources: tuple[RegulatorySource, ...]
    note: str | None
    has_record: bool


def _code(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidInputError("jurisdiction must be an ISO 3166 code string", value=code)
    key = code.strip().upper()
    known = get_store().jurisdictions
    entry = known.get(key)
    if entry is None:
        raise InvalidInputError(
            "unknown jurisdiction: use an ISO 3166-1 country code such as 'TH' or 'GB', "
            "or a US state code such as 'US-FL'",
            value=code,
        )
    return entry.alias_of or entry.id


def _substances(substance: object) -> tuple[RegulatedSubstance, ...]:
    if substance is None:
        return _SUBSTANCES
    message = "substance must be 'kratom' or '7-hydroxymitragynine' (or None for both)"
    return (choice_arg("substance", substance, _SUBSTANCES, message),)


def _answer(rec: RegulatoryRecord, on: _dt.date) -> RegulatoryStatus:
    reason = None
    if rec.expires is not None and on > rec.expires:
        reason = f"the rule expired on {rec.expires.isoformat()}"
    elif (on - rec.checked).days > STALE_AFTER_DAYS:
        reason = f"its sources were last read on {rec.checked.isoformat()}, over a year before"
    fields = rec.model_dump(exclude={"status"})
    return RegulatoryStatus(
        **fields,
        status="unknown" if reason else rec.status,
        last_known_status=rec.status,
        stale=reason is not None,
        stale_reason=reason,
        on=on,
        has_record=True,
    )


def _no_record(code: str, substance: RegulatedSubstance, on: _dt.date) -> RegulatoryStatus:
    name = get_store().jurisdictions[code].name
    return RegulatoryStatus(
        id=f"{code}-{substance}",
        jurisdiction=code,
        jurisdiction_name=name,
        substance=substance,
        status="unknown",
        last_known_status="unknown",
        stale=False,
        stale_reason=None,
        on=on,
        detail=(
            f"This data version has no legal-status record for {substance} in {name}. "
            "Unknown is not permission: check the jurisdiction's current law."
        ),
        effective=None,
        expires=None,
        checked=None,
        confidence="none",
        pending_change=None,
        sources=(),
        note=None,
        has_record=False,
    )


def regulatory_status(
    code: str, substance: str | None = None, *, on: _dt.date | None = None
) -> list[RegulatoryStatus]:
    """Legal status of kratom and of 7-OH in a jurisdiction, as known on ``on`` (default today).

    ``code`` is an ISO 3166-1 country code (``"TH"``, ``"GB"``; ``"UK"`` is read as ``"GB"``) or
    a US state code (``"US-FL"``). Both substances are always answered unless ``substance``
    names one; a place or substance with no record gets an explicit ``"unknown"`` answer, never
    an empty list. A US state query also returns the federal (``"US"``) answers, each labelled
    with its ``jurisdiction``. Unknown codes, substances and dates raise
    :class:`InvalidInputError`.

    >>> [(r.jurisdiction, r.substance) for r in regulatory_status("US-FL", "kratom")]
    [('US-FL', 'kratom'), ('US', 'kratom')]
    """
    place = _code(code)
    wanted = _substances(substance)
    day = date_arg("on", on)
    layers = [place]
    if place.startswith(_FEDERAL + "-"):
        layers.append(_FEDERAL)
    records = get_store().regulatory
    out = []
    for layer in layers:
        for sub in wanted:
            rec = records.get(f"{layer}-{sub}")
            out.append(_answer(rec, day) if rec else _no_record(layer, sub, day))
    return out
