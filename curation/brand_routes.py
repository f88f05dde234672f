"""How the products of each of our brand names are given, as FDA's NDC Directory lists them.

A brand is a product line, and a line can hold another drug given another way: "Zyrtec Itchy
Eye Drops" and "Claritin Eye" are ketotifen, not the brands' oral antihistamines. For each brand
name of ours (an alias or a brand from FDA's list), the routes of every NDC product whose name
starts with it and that holds one of the brand's drugs ("Mucinex" nasal sprays hold
oxymetazoline, not guaifenesin: they do not count). A string that names a route
(``NamedRoute``) none of those products is given by names another member of the line: the
resolver leaves the brand unread.
"""

from __future__ import annotations

import pathlib
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any, get_args

from ndc import held_out_row, ndc_rows, row_substances
from unii import UniiList, key

from kratom_safety._text import NamedRoute

Records = list[dict[str, Any]]


def brand_routes(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    canonical_of: Callable[[str], str],
    brands: Mapping[str, set[str]],
    held_out: set[str],
) -> Records:
    """Records ``{"id": brand, "routes": [...]}`` (lower case, FDA's route names), for the
    brands (names as the resolver sees them, with their ingredients) that NDC products
    holding their drugs carry; products whose names are in ``held_out`` (the real-world
    development set) do not count."""
    longest = max((len(b.split()) for b in brands), default=0)
    routes: dict[str, set[str]] = defaultdict(set)
    for row in ndc_rows(pinned):
        if held_out_row(row, held_out):
            continue
        words = key(row["PROPRIETARYNAME"]).split()
        given = {r.strip().lower() for r in row["ROUTENAME"].split(";") if r.strip()}
        held: set[str] | None = None
        for n in range(1, min(longest, len(words)) + 1):
            name = " ".join(words[:n])
            if name not in brands:
                continue
            if held is None:
                held = set(row_substances(row, ul, canonical_of))
            if held & brands[name]:
                routes[name] |= given
    named = set(get_args(NamedRoute))
    # only brands whose products are given by a route a string may name, or not: the others
    # never meet the rule
    return [
        {"id": b, "routes": sorted(routes[b])}
        for b in sorted(routes)
        if routes[b] and not routes[b].issuperset(named)
    ]
