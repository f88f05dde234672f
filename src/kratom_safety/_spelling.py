"""Spelling correction: a word cut short (``truncated``), a misspelt word (``fuzzy``), and
the words that are never corrected (stop words, misspelt stop words, real words)."""

from __future__ import annotations

import bisect
import itertools
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ._cache import register
from ._fda import known_words
from ._index import MIN_FUZZY_LEN, Index
from ._match import MatchPart
from ._text import STOP_WORDS

__all__ = ["MIN_TRUNCATED", "fuzzy", "is_stop", "max_edits", "truncated"]

#: Stop words long enough to be misspelt ("gluconante", "hydrochoride"): a word as close to
#: one of them as to a drug is read as that word, never corrected into the drug.
_LONG_STOP_WORDS = sorted(w for w in STOP_WORDS if len(w) >= MIN_FUZZY_LEN + 1)


def max_edits(n: int) -> int:
    # one edit up to 9 letters: two edits on a shorter word reach too many real English words
    # ("protocol" is two edits from "propofol", "diabetic" from "DiaBeta")
    return 1 if n <= 9 else 2 if n <= 13 else 3


#: Shortest word read as a name cut short (also used by curation/resolver_words.py).
MIN_TRUNCATED = 6


def truncated(idx: Index, query: str) -> MatchPart | None:
    """A word that is the start of exactly one generic name (at least six letters)."""
    if len(query) < MIN_TRUNCATED or not query.isalpha() or query in STOP_WORDS:
        return None
    if query in known_words():
        return None  # a real word ("benzyl", "adrenal") is not a name cut short
    start = bisect.bisect_left(idx.generic_words, query)
    readings: list[tuple[str, ...]] = []
    key = ""
    for key in itertools.islice(idx.generic_words, start, None):
        if not key.startswith(query):
            break
        entry = idx.exact[key]
        for r in entry.alternatives or (entry.ingredients,):
            if r not in readings:
                readings.append(r)
        if len(readings) > 1:
            return None
    if len(readings) != 1:
        return None
    first = idx.generic_words[start]
    score = 100.0 * len(query) / len(first)
    return MatchPart(query, idx.exact[first].name, "fuzzy", score, readings[0], ())


def fuzzy(idx: Index, query: str) -> MatchPart | None:
    n = len(query)
    if n < MIN_FUZZY_LEN or query in STOP_WORDS or not query.replace(" ", "").isalpha():
        return None
    known = known_words()
    if all(w in known for w in query.split()):
        return None  # a real word ("cedar", "Dorflex") is not a misspelling of a drug
    k = max_edits(n)
    scored: list[tuple[int, str]] = []
    for length in range(max(MIN_FUZZY_LEN, n - k), n + k + 1):
        keys = idx.buckets.get(length)
        if not keys:
            continue
        for key, dist, _ in process.extract(
            query, keys, scorer=OSA.distance, processor=None, score_cutoff=k, limit=8
        ):
            # two or more slips and a different first letter is another word, not a typo
            # ("nephramine" is not mepyramine): people rarely misspell a name's first letter
            if dist < 2 or key[0] == query[0]:
                scored.append((int(dist), key))
    if not scored:
        return None
    scored.sort()
    best_dist = scored[0][0]
    if (
        process.extractOne(
            query, _LONG_STOP_WORDS, scorer=OSA.distance, processor=None, score_cutoff=best_dist
        )
        is not None
    ):
        return None  # as close to a salt or dose-form word ("gluconante"): not a drug
    # The runner-up must be at least one edit further away unless it means the same drug.
    close = [key for dist, key in scored if dist <= best_dist]
    readings: list[tuple[str, ...]] = []
    for key in close:
        e = idx.exact[key]
        for r in e.alternatives or (e.ingredients,):
            if r not in readings:
                readings.append(r)
    best_key = close[0]
    entry = idx.exact[best_key]
    score = 100.0 * (1 - best_dist / max(n, len(best_key)))
    if len(readings) > 1:
        return MatchPart(query, entry.name, "fuzzy", score, (), tuple(readings))
    return MatchPart(query, entry.name, "fuzzy", score, readings[0], ())


@lru_cache(maxsize=4096)
def is_stop(word: str) -> bool:
    """A number, a stop word, or a long stop word misspelt by one letter ("hydrochoride")."""
    if word in STOP_WORDS or word.isdigit():
        return True
    return (
        len(word) > MIN_FUZZY_LEN
        and word.isalpha()
        and process.extractOne(
            word, _LONG_STOP_WORDS, scorer=OSA.distance, processor=None, score_cutoff=1
        )
        is not None
    )


register(is_stop.cache_clear)
