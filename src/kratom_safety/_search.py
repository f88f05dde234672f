"""Ranked suggestions for a partial or misspelt name (autocomplete, "did you mean")."""

from __future__ import annotations

import bisect
import itertools

from rapidfuzz import fuzz, process

from ._errors import InvalidInputError
from ._index import get_index
from ._match import Match, MatchKind, MatchPart, build_match
from ._resolver import validate_text
from ._text import normalize

__all__ = ["search"]


def search(query: str, limit: int = 5) -> list[Match]:
    """Ranked suggestions for ``query`` (possibly empty), for autocomplete or "did you mean".

    Exact and prefix matches come first, then fuzzy ones; each suggestion names one entry.
    """
    validate_text(query)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
        raise InvalidInputError("limit must be an integer from 1 to 100", value=limit)
    idx = get_index()
    q = normalize(query)
    if not q:
        return []
    ranked: dict[str, float] = {}
    fuzzy: set[str] = set()
    if q in idx.exact:
        ranked[q] = 100.0
    start = bisect.bisect_left(idx.names, q)
    for key in itertools.islice(idx.names, start, None):
        if not key.startswith(q) or len(ranked) >= limit * 4:
            break
        ranked.setdefault(key, 90.0 + 10.0 * len(q) / len(key) - 0.01)
    if len(ranked) < limit and len(q) >= 3:
        for key, score, _ in process.extract(
            q, idx.names, scorer=fuzz.ratio, processor=None, limit=limit * 3, score_cutoff=70
        ):
            if key not in ranked:
                ranked[key] = float(score) * 0.9
                fuzzy.add(key)
    out: list[Match] = []
    seen: set[tuple[str, ...]] = set()
    for key, score in sorted(ranked.items(), key=lambda kv: (-kv[1], kv[0])):
        e = idx.exact[key]
        reading = e.ingredients or tuple(x for alt in e.alternatives for x in alt)
        if (e.name, *reading) in seen:
            continue
        seen.add((e.name, *reading))
        kind: MatchKind = "fuzzy" if key in fuzzy else e.kind
        part = MatchPart(key, e.name, kind, score, e.ingredients, e.alternatives)
        out.append(build_match(query, [part], []))
        if len(out) == limit:
            break
    return out
