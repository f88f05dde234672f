"""Names from FHIR CodeableConcepts: text, display, UNII codes and codes without a name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from ._check import echo
from ._data import Store, get_store
from ._resolver import resolve

__all__ = ["ConceptSource", "concept_name", "safe_label", "text_of", "unii_map"]

#: How a CodeableConcept was read: its text or a display, a UNII mapped to an ingredient, or
#: a code without a name (reported as unrecognised).
ConceptSource = Literal["concept", "unii", "code"]

_UNII_SYSTEMS = frozenset({"http://fdasis.nlm.nih.gov", "urn:oid:2.16.840.1.113883.4.9"})
_RXNORM_SYSTEMS = frozenset(
    {"http://www.nlm.nih.gov/research/umls/rxnorm", "urn:oid:2.16.840.1.113883.6.88"}
)
_SYSTEM_NAMES = {
    "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm",
    "urn:oid:2.16.840.1.113883.6.88": "RxNorm",
    "http://hl7.org/fhir/sid/ndc": "NDC",
    "urn:oid:2.16.840.1.113883.6.69": "NDC",
    "http://snomed.info/sct": "SNOMED CT",
    "http://fdasis.nlm.nih.gov": "UNII",
    "urn:oid:2.16.840.1.113883.4.9": "UNII",
    "http://www.whocc.no/atc": "ATC",
    "http://hl7.org/fhir/sid/cvx": "CVX",
    "https://dmd.nhs.uk": "dm+d",
}
_SNOMED_SYSTEMS = frozenset({"http://snomed.info/sct", "urn:oid:2.16.840.1.113883.6.96"})
_SEMANTIC_TAG = re.compile(
    r"^(.*?\S)\s*\((?:product|substance|medicinal product|medicinal product form|clinical drug"
    r"|real clinical drug|real medicinal product)\)$",
    re.IGNORECASE,
)
_BRAND_SUFFIX = re.compile(r"^(.*?\S)\s*\[[^\[\]]+\]$")
_unii_cache: dict[int, tuple[Store, dict[str, str]]] = {}


def unii_map() -> dict[str, str]:
    """UNII code -> ingredient id, from the ``unii`` field of the shipped ingredients."""
    store = get_store()
    hit = _unii_cache.get(id(store))
    if hit is None:
        table = {i.unii: i.id for i in store.ingredients.values() if i.unii is not None}
        hit = _unii_cache[id(store)] = (store, table)
    return hit[1]


def text_of(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _codings(concept: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    codings = concept.get("coding")
    return [c for c in codings if isinstance(c, Mapping)] if isinstance(codings, list) else []


def _tidy(name: str, concept: Mapping[str, Any]) -> str:
    """A name as its terminology writes it, less what names no further drug: an RxNorm
    branded name lists every active ingredient before its ``[Brand]``; a SNOMED CT
    fully specified name ends with a semantic tag such as ``(product)``. Only text that is
    the display of such a coding is tidied."""
    for c in _codings(concept):
        if text_of(c.get("display")) != name:
            continue
        if c.get("system") in _RXNORM_SYSTEMS and (m := _BRAND_SUFFIX.match(name)):
            return m.group(1)
        if c.get("system") in _SNOMED_SYSTEMS and (m := _SEMANTIC_TAG.match(name)):
            return m.group(1)
    return name


def safe_label(label: str, fallback: str) -> str:
    """``label`` for a placeholder, unless some word of it (an id, a code, a system) reads as
    a drug: then ``fallback``. A placeholder must never become a drug."""
    return label if resolve(label) is None else fallback


def _code_label(coding: Mapping[str, Any]) -> str:
    system, code = coding.get("system"), coding.get("code")
    sys_name = _SYSTEM_NAMES.get(system) if isinstance(system, str) else None
    if sys_name is None:
        sys_name = f"code system {echo(system)[:60]}" if isinstance(system, str) else "no system"
    label = f"{sys_name} code {str(code)[:40]} (no name given)"
    return safe_label(label, "(a medication code with no name given)")


def concept_name(concept: object) -> tuple[str, ConceptSource] | None:
    """The name of a CodeableConcept: text, a display, a UNII mapped to an ingredient, or a
    label naming the code; None when it holds nothing usable."""
    if not isinstance(concept, Mapping):
        return None
    text = text_of(concept.get("text"))
    if text is not None:
        return _tidy(text, concept), "concept"
    codings = _codings(concept)
    for c in codings:
        display = text_of(c.get("display"))
        if display is not None:
            return _tidy(display, concept), "concept"
    for c in codings:
        code = c.get("code")
        if c.get("system") in _UNII_SYSTEMS and isinstance(code, str):
            ing = unii_map().get(code.strip().upper())
            if ing is not None:
                return ing, "unii"
    for c in codings:
        if text_of(c.get("code")) is not None:
            return _code_label(c), "code"
    return None
