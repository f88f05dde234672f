"""Names of allergen extracts as FDA's NDC Directory writes them, with what those products hold.

An allergen extract is named by the plant, animal or food it is made from ("Burr Oak", "Quack
Grass", "Cat Pelt"), and FDA's list often gives that name to another part of the source (the
bark, the whole plant, the food) than the extract's (a pollen, a dander). The products say
which: the names here are the NDC Directory's product names and non-proprietary names of
allergen extracts, each with the substances of every product that carries it. The resolver
reads them only in an allergen extract's or an injection's string; a name whose products
differ is ambiguous between them.
"""

from __future__ import annotations

import pathlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ndc import MAX_READINGS, held_out_row, ndc_rows, row_substances
from unii import UniiList, key, product_usable

from kratom_safety._text import STOP_WORDS

Records = list[dict[str, Any]]

#: Routes of skin testing and allergen immunotherapy, besides FDA's allergenic product types.
_EXTRACT_ROUTES = ("INTRADERMAL", "PERCUTANEOUS")


def _extract_row(row: dict[str, str]) -> bool:
    """Whether an NDC row is an allergen extract's: an allergenic product type, or a product
    given into or through the skin as extracts are tested and given."""
    return "ALLERGENIC" in row["PRODUCTTYPENAME"] or any(
        r in row["ROUTENAME"] for r in _EXTRACT_ROUTES
    )


def allergen_names(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    canonical_of: Callable[[str], str],
    ours: set[str],
    held_out: set[str],
) -> Records:
    """Records ``{"id": name, "ingredients": [...]}``, or ``"alternatives"`` when products
    sharing the name hold different substances (at most ``MAX_READINGS``; more are left out).
    Names of ours stay ours, and products whose names are in ``held_out`` (the real-world
    development set) do not count."""
    readings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in ndc_rows(pinned):
        if not _extract_row(row) or held_out_row(row, held_out):
            continue
        found = row_substances(row, ul, canonical_of)
        if not found:
            continue
        brand = row["PROPRIETARYNAME"].strip()
        names = {brand, f"{brand} {row['PROPRIETARYNAMESUFFIX'].strip()}".strip()}
        names.add(row["NONPROPRIETARYNAME"].strip())
        for text in names:
            k = key(text)
            if not product_usable(k) or k in ours or k in STOP_WORDS or k in held_out:
                continue
            readings[k].add(tuple(sorted(found)))
    out: Records = []
    for k in sorted(readings):
        found_sets = sorted(list(r) for r in readings[k])
        if len(found_sets) == 1:
            out.append({"id": k, "ingredients": found_sets[0]})
        elif len(found_sets) <= MAX_READINGS:
            out.append({"id": k, "alternatives": found_sets})
    return out
