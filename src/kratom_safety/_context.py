"""Reading a name in its context: what the words around a matched name say about it.

A vehicle ("in dextrose") or an additive ("with aloe") is not an active; a plant part other
than the one written is not the substance, and a plant injected or measured in allergy units
is its pollen; a scent after a product name is not one of its drugs; a product line member
made for children is not the adult product; substances named beside a product line are read;
two product names that differ make the string ambiguous. Each rule takes the parts the
resolver matched and returns the parts it keeps and the words it leaves unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._fda import brand_routes, other_substances, product_types
from ._index import Index
from ._match import MatchPart
from ._spelling import is_stop
from ._text import (
    ORGANISM_WORDS,
    PART_WORDS,
    POPULATION_WORDS,
    PRODUCT_TYPE_WORDS,
    ROUTE_WORDS,
    SMOKED_FORM_WORDS,
    UNIT_WORDS,
    normalize,
)

__all__ = ["NAMED_KINDS", "additive", "after_vehicle", "extract_context", "settle", "type_actives"]

#: kinds of a part the rules below look at
_IN_CONTEXT = frozenset({"brand", "other_substance"})
#: kinds of a part that names a substance as itself
NAMED_KINDS = frozenset({"generic", "synonym", "other_substance"})

Parts = tuple[list[MatchPart], list[str]]

#: kinds of a part that names a product line (a brand of ours)
_LINES = frozenset({"brand", "combination"})

#: kinds of a part named by our own vocabulary that may name a plant ("coffee")
_OURS = frozenset({"generic", "synonym"})

#: Words of an allergen extract or an injection: units that measure allergen extracts
#: (protein nitrogen units, bioequivalent allergy units, allergy units), the words of FDA's
#: allergenic product types ("standardized"), and the injection forms, since a plant is
#: injected only as an allergen extract (see also ``_by_weight``).
_ALLERGEN_WORDS = frozenset({"allergenic", "au", "bau", "pnu", "pollen", "pollens", "standardized"})
_EXTRACT_WORDS = _ALLERGEN_WORDS | {"inj", "injection"}


def settle(idx: Index, words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """Apply the context rules to the parts matched in ``words``."""
    if not PRODUCT_TYPE_WORDS.isdisjoint(words):
        parts, unmatched = _not_the_active(words, parts, unmatched)
        if not parts:
            return parts, unmatched
    if not ROUTE_WORDS.keys().isdisjoint(words) and any(p.kind in _LINES for p in parts):
        parts, unmatched = _given_otherwise(words, parts, unmatched)
        if not parts:
            return parts, unmatched
    if len(parts) > 1 and any(p.text in SMOKED_FORM_WORDS for p in parts):
        parts, unmatched = _form_of_another(parts, unmatched)
    if len(parts) == 1:  # the common case: one part
        kind = parts[0].kind
        if kind in _OURS:
            if not _allergen(words):
                return parts, unmatched
        elif kind not in _IN_CONTEXT or (kind == "brand" and POPULATION_WORDS.isdisjoint(words)):
            return parts, unmatched
    kinds = {p.kind for p in parts}
    # an allergen extract's units or words: a plant named by a name of ours is its extract
    allergen = not _OURS.isdisjoint(kinds) and _allergen(words)
    if "other_substance" in kinds:
        parts, unmatched = _part_as_written(words, parts, unmatched)
        if "in" in words and len(parts) > 1:
            parts, unmatched = _in_vehicle(words, parts, unmatched)
    if allergen or ("other_substance" in kinds and extract_context(words)):
        parts, unmatched = _extract_of(idx, parts, unmatched, allergen)
    if "brand" not in kinds:
        return parts, unmatched  # the rules below are about product names
    if not POPULATION_WORDS.isdisjoint(words):
        parts, unmatched = _for_whom(words, parts, unmatched)
    if len(parts) > 1:
        parts, unmatched = _scent_of_product(idx, words, parts, unmatched)
    if len(parts) > 1 and any(p.ambiguous and p.kind == "brand" for p in parts):
        parts, unmatched = _named_beside_brand(idx, parts, unmatched)
    if sum(p.kind == "brand" for p in parts) > 1:
        parts = _one_product(parts)
    return parts, unmatched


def after_vehicle(words: Sequence[str], i: int, after_drug: bool) -> bool:
    """Whether word ``i`` follows "in" after a drug ("Magnesium Sulfate in 5% Dextrose": a
    strength between allowed), or comes after "with" in a product's name ("Hand Sanitizer
    with Moisturizers and Vitamin E"): a vehicle or an additive."""
    j = i - 1
    while j >= 0 and (words[j].isdigit() or words[j] in UNIT_WORDS or words[j] == "percent"):
        j -= 1
    if j >= 1 and words[j] == "in":
        return after_drug or not all(is_stop(w) for w in words[:j])
    return "with" in words[1:i]


def additive(words: Sequence[str], key: str) -> bool:
    """Whether the name ``key`` comes after "with" in the words (not first)."""
    n = len(key.split())
    at = next((i for i in range(len(words) - n + 1) if " ".join(words[i : i + n]) == key), None)
    return at is not None and after_vehicle(words, at, False)


def _part_as_written(words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A plant, fungus or animal substance read as one part ("robinia pseudoacacia" is FDA's
    name of the bark), or a food named without one ("white mulberry"), when the string goes
    on to name a part the name does not ("... pollen"): not that substance. The words are
    left unread, as the part written is not in the list."""
    joined = f" {' '.join(words)} "
    kept: list[MatchPart] = []
    for p in parts:
        named = PART_WORDS.intersection(normalize(p.name).split())
        at = joined.find(f" {p.text} ") if p.kind == "other_substance" else -1
        after = joined[at + len(p.text) + 2 :].split()[:1] if at >= 0 else []
        before = joined[:at].split() if at >= 0 else []
        # the organism written first ("Smut, Bermuda Grass") of a plant part
        organism = bool(named) and len(before) == 1 and before[0] in ORGANISM_WORDS
        if organism or (
            after
            and (after[0] in ORGANISM_WORDS or (after[0] in PART_WORDS and after[0] not in named))
        ):
            unmatched.append(p.text)
        else:
            kept.append(p)
    return kept, unmatched


def type_actives(words: Sequence[str]) -> frozenset[str]:
    """The actives of FDA's products of the types the words name ("spf": UV filters), or
    nothing when they name no product type."""
    named = PRODUCT_TYPE_WORDS.intersection(words)
    if not named:  # (the common case: FDA's lists are not needed)
        return frozenset()
    types = product_types()
    return frozenset().union(*(types.get(w, ()) for w in named))


def _given_otherwise(words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A brand of ours in a string that names a route ("eye", "nasal") none of FDA's products
    of that brand is given by ("Zyrtec Itchy Eye Drops", "Claritin Eye": ketotifen eye drops,
    not the oral antihistamines): another member of the line, left unread."""
    named = {ROUTE_WORDS[w] for w in words if w in ROUTE_WORDS}
    routes = brand_routes()
    kept: list[MatchPart] = []
    for p in parts:
        given = routes.get(p.text) if p.kind in _LINES else None
        if given is not None and not named <= given:
            unmatched.append(p.text)
        else:
            kept.append(p)
    return kept, unmatched


def _form_of_another(parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A name of a way of taking a drug that alone stands for nicotine ("vape", "cigarette"),
    beside another drug ("THC vape", "cannabis cigarette"): the form that drug is taken in,
    not nicotine. Listed as unread, since the string does not say whether it holds nicotine."""
    forms = [p for p in parts if p.text in SMOKED_FORM_WORDS]
    if len(forms) == len(parts):
        return parts, unmatched
    return [p for p in parts if p not in forms], [*unmatched, *(p.text for p in forms)]


def _not_the_active(words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A substance named in a string whose product type limits its actives ("SPF",
    "antiperspirant", "sanitizer") that no FDA product of that type holds ("For Men Maca Root
    Energetic Face Protector SPF 15", "Witch Hazel Antibacterial"): a scent or a marketing
    word, not the product's active. Left unread; a product name's readings stay."""
    allowed = type_actives(words)
    kept: list[MatchPart] = []
    for p in parts:
        if p.kind in NAMED_KINDS and not allowed.issuperset(p.ingredients):
            unmatched.append(p.text)
        else:
            kept.append(p)
    return kept, unmatched


def _in_vehicle(words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A substance outside the clinical vocabulary after "in", after a drug ("Sodium Ferric
    Gluconate Complex in Sucrose"): the vehicle the drug is dissolved in, not a second active.
    Listed as unread, so the check's coverage still names it."""
    joined = f" {' '.join(words)} "
    starts = {id(p): len(joined[: joined.find(f" {p.text} ")].split()) for p in parts}
    kept: list[MatchPart] = []
    for p in parts:
        i = starts[id(p)]
        first = i == min(starts.values())
        if p.kind == "other_substance" and not first and after_vehicle(words, i, True):
            j = i - 1
            while j >= 0 and words[j] != "in":
                j -= 1
            if j >= 0 and any(starts[id(q)] < j for q in parts if q is not p):
                unmatched.append(p.text)
                continue
        kept.append(p)
    return kept, unmatched


def _by_weight(words: Sequence[str]) -> bool:
    """Whether the string states a strength in grams per millilitre ("0.05 g/mL"), as
    allergen extracts do."""
    if "g" not in words or "ml" not in words:  # (the common case: no need to look further)
        return False
    return any(w == "g" and words[i + 1 : i + 2] == ["ml"] for i, w in enumerate(words))


def extract_context(words: Sequence[str]) -> bool:
    """Whether the string is an allergen extract's or an injection's (see ``_EXTRACT_WORDS``
    and ``_by_weight``): a plant named in it is an extract of the plant."""
    return not _EXTRACT_WORDS.isdisjoint(words) or _by_weight(words)


def _allergen(words: Sequence[str]) -> bool:
    """Whether the string has an allergen extract's units or words (not only an injection's)."""
    return not _ALLERGEN_WORDS.isdisjoint(words) or _by_weight(words)


def _extract_of(idx: Index, parts: list[MatchPart], unmatched: list[str], ours: bool) -> Parts:
    """A plant named without its part in an allergen extract or an injection ("Phleum
    pratense 10000 BAU/mL", "yellow dock 20000 PNU/mL"): an extract of its pollen, not of the
    part FDA's name of the plant means ("phleum pratense" is FDA's name of the whole plant,
    "yellow dock" its name of the root).
    Read as the pollen where FDA lists it; otherwise a name that means another part is left
    unread, and a plain name (a food, a mite, a mould) stays. With ``ours`` (an allergen's
    units or words, not only an injection's), a name of ours that FDA's lists also give to
    parts of a plant ("coffee": coffee bean) is the plant's extract, not our drug: unread."""
    fda = other_substances()
    kept: list[MatchPart] = []
    for p in parts:
        written = PART_WORDS.intersection(p.text.split())
        if written or not (p.kind == "other_substance" or (ours and p.kind in _OURS)):
            kept.append(p)
            continue
        if p.kind != "other_substance":
            # a name of ours that FDA's lists give to parts of a plant ("coffee" for coffee
            # bean, "tobacco" for tobacco leaf): the plant's extract, not our drug
            plant = (f"{p.text} {part}" for part in PART_WORDS)
            if any(k in fda.exact or k in idx.exact for k in plant):
                unmatched.append(p.text)
            else:
                kept.append(p)
            continue
        named = PART_WORDS.intersection(normalize(p.name).split())
        pollen = fda.exact.get(f"{p.text} pollen")
        # a plain name is the pollen only where FDA names the pollen so itself ("taraxacum
        # officinale pollen"); a common name may be a food ("english walnut")
        own = pollen is not None and pollen[1] == (f"{p.text} pollen",)
        if "pollen" in named or (not named and not own):
            kept.append(p)
        elif pollen is not None and not pollen[2]:
            kept.append(MatchPart(p.text, pollen[0], p.kind, p.score, pollen[1]))
        else:
            unmatched.append(p.text)
    return kept, unmatched


def _for_whom(words: Sequence[str], parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """An FDA product name read in a string that names other patients than the name does
    ("Childrens TYLENOL COLD Plus FLU"): a member of the line made for them may hold other
    drugs, so the product name is left unread."""
    fda = other_substances()
    whom = POPULATION_WORDS.intersection(words)
    kept: list[MatchPart] = []
    for p in parts:
        if p.kind == "brand" and fda.is_product(p.text) and whom.isdisjoint(p.text.split()):
            unmatched.append(p.text)
        else:
            kept.append(p)
    return kept, unmatched


def _scent_of_product(
    idx: Index, words: Sequence[str], parts: list[MatchPart], unmatched: list[str]
) -> Parts:
    """A name that FDA product names often use for a scent, a flavour or an additive ("vitamin
    e", "shea butter"), after an FDA product name that says what the product holds ("Dial
    Complete Antibacterial Foaming Hand Wash White Tea and Vitamin E"): the product's own
    drugs are read and the name is left unread, as the product's label does not list it."""
    named = [p for p in parts if p.kind in NAMED_KINDS and p.text in idx.variable]
    if not named:  # (the common case: FDA's lists are not needed)
        return parts, unmatched
    fda = other_substances()
    joined = f" {' '.join(words)} "
    products = [
        joined.find(f" {p.text} ")
        for p in parts
        if p.kind == "brand" and not p.ambiguous and fda.is_product(p.text)
    ]
    if not products:
        return parts, unmatched
    first = min(products)
    scents = [p for p in named if joined.find(f" {p.text} ") > first]
    if not scents:
        return parts, unmatched
    return [p for p in parts if p not in scents], [*unmatched, *(p.text for p in scents)]


def _named_beside_brand(idx: Index, parts: list[MatchPart], unmatched: list[str]) -> Parts:
    """A product name whose products differ, beside substances the string names ("ChapIce
    Camphor Phenol Gel"): the named substances are read and the product name is left unread,
    rather than the whole string being ambiguous. Not when a name is one that product names
    often use for something else ("AmeriDerm Vitamin A D" is a petrolatum ointment)."""
    others = [p for p in parts if not (p.ambiguous and p.kind == "brand")]
    if not others or not all(p.kind in NAMED_KINDS and p.text not in idx.variable for p in others):
        return parts, unmatched
    brands = [p for p in parts if p.ambiguous and p.kind == "brand"]
    kept = [p for p in parts if p not in brands]
    return kept, [*unmatched, *(p.text for p in brands)]


def _one_product(parts: list[MatchPart]) -> list[MatchPart]:
    """Two or more FDA product names in one string that hold different drugs: a medication
    string names one product, and which one is not known ("CVS Health Multi Symptom Severe
    Cold" and "Multi Symptom Severe Cold" differ). Each then stands as an alternative reading,
    so the match is ambiguous rather than the union of products the patient may not take."""
    fda = other_substances()
    named = [p for p in parts if p.kind == "brand" and fda.is_product(p.text)]
    if len(named) < 2:
        return parts
    readings = tuple(
        dict.fromkeys(r for p in named for r in (p.alternatives or (p.ingredients,)) if r)
    )
    if len({frozenset(r) for r in readings}) < 2:
        return parts
    return [
        MatchPart(p.text, p.name, p.kind, p.score, (), readings) if p in named else p for p in parts
    ]
