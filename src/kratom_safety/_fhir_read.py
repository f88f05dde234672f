"""Medication lists from FHIR and CDS Hooks input, read the way EHRs send them.

R4 and R4B are read; STU3 and DSTU2 shapes (``MedicationOrder``, ``product.ingredient``,
``taken``, ``wasNotTaken``) and the R5 ``CodeableReference`` are read too; DSTU1
``MedicationPrescription`` is refused. References are followed to contained resources, Bundle
entries and CDS Hooks prefetch; ingredient-only Medications are read ingredient by ingredient;
a code without a name is kept as an explicitly unrecognised entry naming the code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._check import echo
from ._errors import InvalidInputError
from ._fhir_codes import ConceptSource, concept_name, safe_label, text_of
from ._text import MAX_INPUT_LENGTH

__all__ = [
    "MAX_FHIR_DEPTH",
    "SKIPPED_STATUSES",
    "FhirEntry",
    "FhirMedications",
    "SkippedEntry",
    "medications_from_fhir",
    "read_fhir_medications",
]

#: Where the text of a medication entry came from.
#: ``concept``: medicationCodeableConcept (or R5 medication.concept), text or display;
#: ``unii``: a code without a name, mapped through an ingredient's UNII; ``code``: a code
#: without a name or mapping, reported as unrecognised (see :data:`ConceptSource`).
EntrySource = Literal[
    ConceptSource,
    "medication",  # a referenced or contained Medication's code
    "ingredient",  # one ingredient of a Medication without a usable code
    "reference-display",  # the display of a reference whose target is not in the payload
    "none",  # nothing usable: a placeholder, reported as unrecognised
]

#: Statuses that mean the drug is not being taken, for every medication resource type.
SKIPPED_STATUSES = frozenset(
    {"entered-in-error", "cancelled", "stopped", "not-taken", "declined", "not-done"}
)
#: Statuses that mean the order or statement is finished; a finished dispense was handed out,
#: so for MedicationDispense ``completed`` is current.
_FINISHED = frozenset({"completed", "ended"})
_MED_RESOURCES = frozenset(
    {"MedicationRequest", "MedicationStatement", "MedicationDispense", "MedicationOrder"}
)
_REFUSED_TYPES = {"MedicationPrescription": "DSTU1"}
#: Deepest nesting of Bundles / requests accepted; deeper input is refused, not walked.
MAX_FHIR_DEPTH = 32
_MAX_MEDS = 1000  # the list limit of check()
_NO_NAME = "(a medication entry with no usable name)"

_RELATIVE = re.compile(r"^([A-Z][A-Za-z]+)/([A-Za-z0-9.\-]{1,64})$")
_HISTORY = re.compile(r"/_history/[^/]*$")


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A medication resource that :func:`read_fhir_medications` left out, and why."""

    resource_type: str
    id: str | None
    name: str | None
    reason: str
    """``"status entered-in-error"`` (or cancelled, stopped, completed, not-taken, declined),
    ``"doNotPerform"``, ``"taken n"`` (STU3) or ``"wasNotTaken"`` (DSTU2)."""


@dataclass(frozen=True, slots=True)
class FhirEntry:
    """One medication string read from one resource, and where its text came from."""

    text: str
    resource_type: str
    id: str | None
    source: EntrySource
    note: str | None = None
    """Set when the text is weaker than a name, e.g. a reference whose target is absent."""


@dataclass(frozen=True, slots=True)
class FhirMedications:
    """The result of :func:`read_fhir_medications`: names to check, and what was skipped."""

    medications: tuple[str, ...]
    skipped: tuple[SkippedEntry, ...]
    entries: tuple[FhirEntry, ...] = ()
    """One per string read (before the 1000-entry limit), parallel to the resources read."""
    duplicates: int = 0
    """Resources seen more than once (same ``Type/id`` or ``fullUrl``), counted once."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What the reader could only read in part (e.g. a reference whose target is absent)."""
        return tuple(dict.fromkeys(f"{e.text}: {e.note}" for e in self.entries if e.note))

    def resources_of(self, text: str) -> tuple[str, ...]:
        """``Type/id`` of the resources a medication string was read from."""
        refs = (f"{e.resource_type}/{e.id}" for e in self.entries if e.text == text and e.id)
        return tuple(dict.fromkeys(refs))


def _bad(message: str) -> InvalidInputError:
    return InvalidInputError(f"malformed FHIR input: {message}")


@dataclass(frozen=True, slots=True)
class _Found:
    res: Mapping[str, Any]
    full_url: str | None


class _Index:
    """Every resource of the payload, by ``fullUrl``, ``Type/id`` and id; built on the first
    reference that is not to a contained resource."""

    def __init__(self, found: list[_Found]) -> None:
        self.found = found
        self.by_url: dict[str, Mapping[str, Any]] = {}
        self.by_key: dict[str, list[_Found]] = {}
        self.by_id: dict[str, Mapping[str, Any]] = {}
        self.built = False

    def _build(self) -> None:
        for f in self.found:
            rtype, rid = f.res.get("resourceType"), f.res.get("id")
            if f.full_url:
                self.by_url.setdefault(f.full_url, f.res)
            if isinstance(rid, str):
                self.by_key.setdefault(f"{rtype}/{rid}", []).append(f)
                self.by_id.setdefault(rid, f.res)
        self.built = True

    def lookup(self, ref: str, holder: _Found) -> Mapping[str, Any] | None:
        ref = _HISTORY.sub("", ref.strip())
        if ref.startswith("#"):
            contained = holder.res.get("contained")
            for item in contained if isinstance(contained, list) else ():
                if isinstance(item, Mapping) and ref[1:] and item.get("id") == ref[1:]:
                    return item
            return None
        if not self.built:
            self._build()
        if ref in self.by_url:
            return self.by_url[ref]
        if ref.startswith("urn:uuid:"):  # a Bundle that lost its fullUrls keeps the ids
            return self.by_id.get(ref[9:])
        rel = _RELATIVE.match(ref)
        if rel is None:  # absolute: its Type/id tail, when it is one
            tail = "/".join(ref.rsplit("/", 2)[-2:])
            rel = _RELATIVE.match(tail) if "://" in ref else None
            if rel is None:
                return None
        key = f"{rel.group(1)}/{rel.group(2)}"
        if holder.full_url and "://" in holder.full_url and not ref.startswith(("http:", "https:")):
            parts = holder.full_url.rsplit("/", 2)
            if len(parts) == 3 and parts[0] + "/" + key in self.by_url:
                return self.by_url[parts[0] + "/" + key]
        hits = self.by_key.get(key, [])
        return hits[0].res if hits else None


def _walk(data: Mapping[str, Any]) -> list[_Found]:
    """Every resource in ``data`` in document order, walked iteratively; malformed shapes
    raise. A CDS Hooks prefetch value may be a resource, a Bundle or a Bundle entry."""
    stack: list[tuple[object, int, str, str | None]] = [(data, 0, "request", None)]
    out: list[_Found] = []
    while stack:
        obj, depth, where, full_url = stack.pop()
        if depth > MAX_FHIR_DEPTH:
            raise _bad(f"nested more than {MAX_FHIR_DEPTH} levels deep")
        if not isinstance(obj, Mapping):
            raise _bad(f"{where} must be a JSON object, got {type(obj).__name__}")
        rtype = obj.get("resourceType")
        kids: list[tuple[object, int, str, str | None]] = []
        if rtype is None:
            if depth and where.startswith("prefetch.") and isinstance(obj.get("resource"), Mapping):
                url = obj.get("fullUrl")
                kids.append(
                    (obj["resource"], depth + 1, where, url if isinstance(url, str) else None)
                )
                stack.extend(kids)
                continue
            if depth:
                raise _bad(f"{where} has no resourceType")
            context, prefetch = obj.get("context"), obj.get("prefetch")
            if not isinstance(context, (Mapping, list)) and not isinstance(prefetch, Mapping):
                raise _bad("expected a FHIR resource, Bundle or CDS Hooks request")
            if isinstance(context, list) or (
                isinstance(context, Mapping) and "resourceType" in context
            ):  # CDS Hooks before 1.0: the context is the resource, or a list of them
                items = context if isinstance(context, list) else [context]
                kids += [(v, depth + 1, "context", None) for v in items]
            elif context is not None:
                if not isinstance(context, Mapping):
                    raise _bad(f"context must be a JSON object, got {type(context).__name__}")
                for key, value in context.items():
                    if key == "draftOrders" or (
                        isinstance(value, Mapping) and "resourceType" in value
                    ):
                        kids.append((value, depth + 1, f"context.{key}", None))
                    elif isinstance(value, list):
                        kids += [
                            (v, depth + 1, f"context.{key}", None)
                            for v in value
                            if isinstance(v, Mapping) and "resourceType" in v
                        ]
            if prefetch is not None:
                if not isinstance(prefetch, Mapping):
                    raise _bad(f"prefetch must be a JSON object, got {type(prefetch).__name__}")
                kids += [
                    (v, depth + 1, f"prefetch.{k}", None)
                    for k, v in prefetch.items()
                    if v is not None
                ]
        elif not isinstance(rtype, str):
            raise _bad(f"{where}: resourceType must be a string")
        elif rtype in _REFUSED_TYPES:
            raise InvalidInputError(
                f"FHIR {_REFUSED_TYPES[rtype]} {rtype} resources are not supported "
                "(R4, R4B, STU3 and DSTU2 are read)",
                value=rtype,
            )
        elif rtype == "Bundle":
            entries = obj.get("entry")
            if entries is None:
                continue
            if not isinstance(entries, list):
                raise _bad(f"{where}: Bundle.entry must be a list, got {type(entries).__name__}")
            for i, entry in enumerate(entries):
                if not isinstance(entry, Mapping):
                    raise _bad(f"{where}: Bundle.entry[{i}] must be a JSON object")
                res, url = entry.get("resource"), entry.get("fullUrl")
                if res is not None:
                    kids.append(
                        (
                            res,
                            depth + 1,
                            f"{where}.entry[{i}].resource",
                            url if isinstance(url, str) else None,
                        )
                    )
        else:
            out.append(_Found(obj, full_url))
        stack.extend(reversed(kids))
    return out


def _split(value: object) -> tuple[object, object]:
    """(concept, reference) of a CodeableConcept / Reference / R5 CodeableReference."""
    if not isinstance(value, Mapping):
        return None, None
    if "concept" in value or ("reference" in value and isinstance(value["reference"], Mapping)):
        return value.get("concept"), value.get("reference")
    if "reference" in value or ("display" in value and "coding" not in value):
        return None, value
    return value, None


class _Reader:
    def __init__(self, index: _Index) -> None:
        self.index = index

    def names(self, found: _Found, label: str) -> list[tuple[str, EntrySource, str | None]]:
        res = found.res
        concept: object = res.get("medicationCodeableConcept")
        ref: object = res.get("medicationReference")
        if concept is None and ref is None and "medication" in res:  # R5 CodeableReference
            concept, ref = _split(res.get("medication"))
        named = concept_name(concept)
        if named is not None and named[1] != "code":
            return [(named[0], named[1], None)]
        if isinstance(ref, Mapping):
            got = self._follow(ref, found, label)
            if got:
                return got
        if named is not None:
            return [(named[0], named[1], None)]
        return []

    def _follow(
        self, ref: Mapping[str, Any], holder: _Found, label: str
    ) -> list[tuple[str, EntrySource, str | None]]:
        target_ref = ref.get("reference")
        target = None
        if isinstance(target_ref, str):
            target = self.index.lookup(target_ref, holder)
        if target is not None and target.get("resourceType") == "Medication":
            return self._medication(target, _Found(target, None), holder, label)
        display = text_of(ref.get("display"))
        where = echo(target_ref) if isinstance(target_ref, str) else "(no reference)"
        note = f"{where} is not in the payload"
        if target is not None:
            note = f"{where} is a {echo(str(target.get('resourceType')))}, not a Medication"
        if display is not None:
            return [(display, "reference-display", note)]
        text = safe_label(f"{label} (medication {where} not in the payload)", _NO_NAME)
        return [(text, "none", note)]

    def _medication(
        self, med: Mapping[str, Any], found: _Found, holder: _Found, label: str
    ) -> list[tuple[str, EntrySource, str | None]]:
        named = concept_name(med.get("code"))
        if named is not None and named[1] != "code":
            return [(named[0], "medication" if named[1] == "concept" else named[1], None)]
        product = med.get("product")  # DSTU2 keeps ingredients under product
        ingredients = med.get("ingredient")
        if ingredients is None and isinstance(product, Mapping):
            ingredients = product.get("ingredient")
        out: list[tuple[str, EntrySource, str | None]] = []
        for i, ing in enumerate(ingredients if isinstance(ingredients, list) else ()):
            if not isinstance(ing, Mapping) or ing.get("isActive") is False:
                continue
            concept, ref = ing.get("itemCodeableConcept"), ing.get("itemReference")
            if concept is None and ref is None:
                concept, ref = _split(ing.get("item"))
            got = concept_name(concept)
            if got is None or got[1] == "code":  # by reference: a Substance or Medication
                sub = None
                if isinstance(ref, Mapping) and isinstance(ref.get("reference"), str):
                    sub = self.index.lookup(ref["reference"], holder) or self.index.lookup(
                        ref["reference"], found
                    )
                sub_named = concept_name(sub.get("code")) if isinstance(sub, Mapping) else None
                if sub_named is not None and (got is None or sub_named[1] != "code"):
                    got = sub_named
            if got is not None:
                out.append((got[0], "ingredient" if got[1] == "concept" else got[1], None))
            elif isinstance(ref, Mapping) and text_of(ref.get("display")) is not None:
                note = f"ingredient {echo(str(ref.get('reference')))} is not in the payload"
                out.append((str(text_of(ref.get("display"))), "reference-display", note))
            else:  # never dropped: an ingredient without a name is reported as unrecognised
                text = f"{label} ingredient {i + 1} (no name given)"
                out.append((safe_label(text, "(an ingredient with no name given)"), "none", None))
        if out:
            return out
        if named is not None:
            return [(named[0], named[1], None)]
        return []


def _skip_reason(res: Mapping[str, Any], rtype: str) -> str | None:
    status = res.get("status")
    if isinstance(status, str):
        if status in SKIPPED_STATUSES:
            return f"status {status}"
        if status in _FINISHED and rtype != "MedicationDispense":
            return f"status {status}"
    if res.get("doNotPerform") is True:
        return "doNotPerform"
    if res.get("wasNotTaken") is True:  # DSTU2 MedicationStatement
        return "wasNotTaken"
    if res.get("taken") == "n":  # STU3 MedicationStatement
        return "taken n"
    return None


def read_fhir_medications(data: Mapping[str, Any]) -> FhirMedications:
    """Medication names from a FHIR Bundle, a single resource, or a CDS Hooks request, and
    the medication resources skipped because they are not being taken.

    Reads MedicationRequest, MedicationStatement, MedicationDispense and DSTU2
    MedicationOrder. Skipped: status ``entered-in-error``, ``cancelled``, ``stopped``,
    ``not-taken``, ``declined``, or finished (``completed``, except for a dispense, which was
    handed out), ``doNotPerform: true``, STU3 ``taken: "n"``, DSTU2 ``wasNotTaken: true``.

    A ``medicationReference`` is followed to a contained Medication (``#id``), a Bundle entry
    (by ``fullUrl``, or ``Type/id`` relative to it) or a resource in the CDS Hooks prefetch;
    only when the target is absent is the reference's display used, and that entry's
    :attr:`FhirEntry.note` says so. A Medication without a usable code is read by its
    ingredients, each one an entry. A code without a name is mapped through the ingredients'
    UNII, or kept as an entry naming the code (``"RxNorm code 313782 (no name given)"``)
    that :func:`check` reports as unrecognised. A resource with nothing usable, or a name
    longer than the library accepts, becomes a ``"<Type>/<id> (...)"`` placeholder. The same
    resource seen twice (same ``Type/id`` or ``fullUrl``, same medication) counts once.
    Identical names are counted once when there are more than 1000; any beyond 1000 are
    replaced by one placeholder saying how many were not checked.

    Raises InvalidInputError for malformed shapes (``"entry": {}``, ``draftOrders`` that is
    not a resource, ...), for DSTU1 ``MedicationPrescription`` and for nesting deeper than
    :data:`MAX_FHIR_DEPTH`. The walk is iterative, so no input can exhaust the Python stack.
    """
    if not isinstance(data, Mapping):
        raise InvalidInputError("expected a FHIR resource, Bundle or CDS Hooks request", value=data)
    found_all = _walk(data)
    reader = _Reader(_Index(found_all))
    entries: list[FhirEntry] = []
    skipped: list[SkippedEntry] = []
    seen: dict[str, set[tuple[str, ...]]] = {}
    duplicates = 0
    for found in found_all:
        res = found.res
        rtype = str(res.get("resourceType"))
        if rtype not in _MED_RESOURCES:
            continue
        rid = res.get("id")
        rid_s = None if rid is None else echo(str(rid))
        label = f"{rtype}/{rid_s if rid_s is not None else '?'}"
        got = reader.names(found, label)
        texts = tuple(t for t, _, _ in got)
        keys = [k for k in (found.full_url, f"{rtype}/{rid}" if rid is not None else None) if k]
        if any(texts in seen.get(k, ()) for k in keys):
            duplicates += 1
            continue
        for k in keys:
            seen.setdefault(k, set()).add(texts)
        reason = _skip_reason(res, rtype)
        if reason is not None:
            name = "; ".join(texts) if texts else None
            skipped.append(SkippedEntry(rtype, rid_s, name and echo(name), reason))
            continue
        if not got:
            got = [(safe_label(f"{label} (no medication name)", _NO_NAME), "none", None)]
        for text, how, note in got:
            if len(text) > MAX_INPUT_LENGTH:
                text = f"{label} (medication name longer than {MAX_INPUT_LENGTH} characters)"
                text, how = safe_label(text, _NO_NAME), "none"
            entries.append(FhirEntry(text, rtype, rid_s, how, note))
    names = [e.text for e in entries]
    if len(names) > _MAX_MEDS:
        names = list(dict.fromkeys(names))
        if len(names) > _MAX_MEDS:
            extra = len(names) - (_MAX_MEDS - 1)
            names = names[: _MAX_MEDS - 1]
            names.append(f"({extra} more medication entries not checked: over the limit)")
    return FhirMedications(tuple(names), tuple(skipped), tuple(entries), duplicates)


def medications_from_fhir(data: Mapping[str, Any]) -> list[str]:
    """Medication names from a FHIR Bundle, a single resource, or a CDS Hooks request.

    Reads MedicationRequest, MedicationStatement, MedicationDispense (and DSTU2
    MedicationOrder) resources from an ``order-select`` / ``order-sign`` ``draftOrders``
    Bundle, from prefetch, or from a Bundle, following medication references and reading
    ingredients. Entries that are not being taken are left out: use
    :func:`read_fhir_medications` to learn which and why, and where each name came from.
    Malformed input raises InvalidInputError; see :func:`read_fhir_medications`.
    """
    return list(read_fhir_medications(data).medications)
