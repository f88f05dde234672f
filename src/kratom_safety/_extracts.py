"""Allergen extracts named as FDA's allergen products and lists name them: what the resolver
reads for a name in an extract's or an injection's string, and for a bare name that FDA's
substance list and its allergen products give to different substances."""

from __future__ import annotations

from collections.abc import Sequence

from ._context import extract_context
from ._fda import MAX_PRODUCT_WORDS, allergen_names, allergen_words, other_substances
from ._index import Index
from ._match import MatchKind, MatchPart
from ._spelling import is_stop

__all__ = ["allergen_named", "also_an_extract", "extract_named"]


def extract_named(joined: str, words: Sequence[str], other: bool) -> MatchPart | None:
    """An unread name in an allergen extract or an injection ("BANANA 0.05G/ML INJ"), not
    beside other substances read: an everyday word FDA's products give as an active
    ingredient (a food), or a plant FDA names only with "pollen" after it. A word that is
    both ("hemp": the plant or its pollen) is ambiguous. A common name that FDA's list gives
    to the pollen of one species, and no allergen product carries (see ``allergen_named``), is
    not read alone: it may be written for another species ("linden pollen" is FDA's Tilia
    cordata; the US products named "Linden" are Tilia americana)."""
    if other or not extract_context(words):
        return None
    readings: list[tuple[str, ...]] = []
    food = allergen_words().get(joined)
    if food is not None:
        readings.append((food,))
    pollen = other_substances().exact.get(f"{joined} pollen")
    if pollen is not None and pollen[1] and all(i.endswith(" pollen") for i in pollen[1]):
        if food is None and pollen[1] != (f"{joined} pollen",):
            return None  # a common name: which species is not known
        readings.append(pollen[1])
    if len(readings) == 1:
        return MatchPart(joined, readings[0][0], "other_substance", 100.0, readings[0])
    if readings:
        return MatchPart(joined, joined, "other_substance", 100.0, (), tuple(readings))
    return None


def allergen_named(idx: Index, words: Sequence[str]) -> MatchPart | None:
    """An allergen extract's or an injection's string made of a name FDA's allergen products
    carry and their strength and form ("burr oak 0.1 g/mL injection"): what the products of
    that name hold (FDA's list may give the name to another part: "burr oak" is the tree's
    bark there). Ambiguous when those products differ ("black walnut": the pollen or the
    nut)."""
    names = allergen_names()
    for size in range(min(len(words), MAX_PRODUCT_WORDS), 0, -1):
        key = " ".join(words[:size])
        readings = names.get(key)
        if readings is None:
            continue
        if not all(is_stop(w) for w in words[size:]):
            return None  # more is named than the extract
        ingredients, alternatives = readings
        ours = any(i in idx.exact for i in ingredients)
        kind: MatchKind = "brand" if ours else "other_substance"
        name = ingredients[0] if len(ingredients) == 1 else key
        return MatchPart(key, name, kind, 100.0, ingredients, alternatives)
    return None


def also_an_extract(part: MatchPart, words: Sequence[str]) -> MatchPart:
    """A name alone that FDA's substance list gives to one substance and FDA's allergen
    products to another ("Yellow Dock": the root there, the pollen in the products named so):
    either, so ambiguous between them. In an extract's string the products' reading is taken
    (see ``allergen_named``)."""
    if " ".join(words) != part.text:  # (a strength or a potency says which: "6X" is no pollen)
        return part
    readings = allergen_names().get(part.text)
    if readings is None:
        return part
    ingredients, alternatives = readings
    others = alternatives or (ingredients,)
    if part.ingredients in others and len(others) == 1:
        return part
    every = tuple(dict.fromkeys((part.ingredients, *others)))
    return MatchPart(part.text, part.text, part.kind, part.score, (), every)
