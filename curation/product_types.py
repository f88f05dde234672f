"""What the actives of a kind of OTC product are, as FDA's NDC Directory lists them.

A word of a product's name such as "SPF", "antiperspirant" or "sanitizer" says what the
product's active does, and FDA's monographs limit those actives (UV filters, aluminium salts,
antiseptics, fluorides). For each such word (``ProductTypeWord``), the active ingredients of
every NDC product whose name carries it. A substance read in a string with the word that no
such product holds ("Maca Root Energetic Face Protector SPF 15") is a scent or a marketing
word: the resolver leaves it unread.
"""

from __future__ import annotations

import pathlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any, get_args

from ndc import held_out_row, ndc_rows, row_substances
from unii import UniiList, key

from kratom_safety._text import ProductTypeWord

Records = list[dict[str, Any]]


def product_types(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    canonical_of: Callable[[str], str],
    held_out: set[str],
) -> Records:
    """Records ``{"id": word, "actives": [...]}``; products whose names are in ``held_out``
    (the real-world development set) do not count."""
    words = set(get_args(ProductTypeWord))
    actives: dict[str, set[str]] = defaultdict(set)
    for row in ndc_rows(pinned):
        if held_out_row(row, held_out):
            continue
        named = words.intersection(
            key(f"{row['PROPRIETARYNAME']} {row['PROPRIETARYNAMESUFFIX']}").split()
        )
        if not named:
            continue
        found = row_substances(row, ul, canonical_of)
        for w in named:
            actives[w].update(found)
    return [{"id": w, "actives": sorted(actives[w])} for w in sorted(actives)]
