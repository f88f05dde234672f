"""Resolution of real-world medication strings to canonical ingredients.

Order of attempts for each stretch of the input: exact (generic, synonym, brand, abbreviation,
kratom substance) on the longest run of words, then -- only for what is left after stop words
(strengths, dose forms, release markers, routes, sig text, salts, notes) are dropped -- a
bounded-edit-distance fuzzy match with a margin over the runner-up. Short words are never
fuzzed, and a tie between different drugs is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ._cache import register
from ._data import Store, get_store
from ._errors import InvalidInputError
from ._fda import other_substances
from ._schema import MatchDict
from ._text import (
    MAX_INPUT_LENGTH,
    NO_JOIN_WORDS,
    STOP_WORDS,
    SUPPLY_WORDS,
    normalize,
)

__all__ = ["Match", "MatchPart", "resolve", "resolve_many", "search", "validate_text"]

MatchKind = Literal[
    "generic",
    "synonym",
    "brand",
    "abbreviation",
    "combination",
    "substance",
    "fuzzy",
    "other_substance",
]
_KIND_RANK = {
    "substance": 0,
    "generic": 1,
    "synonym": 2,
    "combination": 3,
    "brand": 4,
    "abbreviation": 5,
    "other_substance": 6,
}
_MAX_NGRAM = 6
_MIN_FUZZY_LEN = 5
_MIN_FUZZY_BRAND = 7
_BRANDS = frozenset({"brand", "abbreviation", "combination"})


@dataclass(frozen=True, slots=True)
class MatchPart:
    """One stretch of the input and what it matched."""

    text: str
    """The normalised words of the input that matched."""
    name: str
    """The vocabulary entry matched (generic, synonym, brand or abbreviation as written)."""
    kind: MatchKind
    """How it matched; ``fuzzy`` for a spelling correction."""
    score: float
    """100 for an exact match; for a fuzzy match, 100 x (1 - edits / length)."""
    ingredients: tuple[str, ...]
    """Canonical ingredients of this part (empty when ambiguous)."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """The competing readings when this part is ambiguous."""

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


@dataclass(frozen=True, slots=True)
class Match:
    """The result of resolving one medication string."""

    input: str
    """The string as given."""
    ingredients: tuple[str, ...]
    """Canonical lower-case ingredient names, in the order found (empty when ambiguous)."""
    name: str
    """The vocabulary entry matched (for several parts, joined with " + ")."""
    kind: MatchKind | Literal["combination"]
    """How it matched; ``combination`` when several parts matched separately."""
    score: float
    """0-100; the lowest score of the parts."""
    parts: tuple[MatchPart, ...]
    """Which part of the input each ingredient came from."""
    unmatched: tuple[str, ...] = ()
    """Words left over that are neither a drug nor a known stop word (possible missed drug)."""
    alternatives: tuple[tuple[str, ...], ...] = field(default=())
    """Competing readings when the match is ambiguous."""

    @property
    def ambiguous(self) -> bool:
        """True when some part could be more than one drug: nothing is guessed."""
        return any(p.ambiguous for p in self.parts)

    def to_dict(self) -> MatchDict:
        return {
            "input": self.input,
            "ingredients": list(self.ingredients),
            "name": self.name,
            "kind": self.kind,
            "score": round(self.score, 1),
            "ambiguous": self.ambiguous,
            "alternatives": [list(a) for a in self.alternatives],
            "unmatched": list(self.unmatched),
            "parts": [
                {
                    "text": p.text,
                    "name": p.name,
                    "kind": p.kind,
                    "score": round(p.score, 1),
                    "ingredients": list(p.ingredients),
                    "alternatives": [list(a) for a in p.alternatives],
                }
                for p in self.parts
            ],
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: MatchKind
    ingredients: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()


class _Index:
    """Exact-key dictionary plus length buckets for the fuzzy step."""

    def __init__(self, store: Store) -> None:
        raw: dict[str, list[_Entry]] = defaultdict(list)
        fuzzable: set[str] = set()

        def add(text: str, entry: _Entry, *, fuzzy: bool = True) -> None:
            key = normalize(text)
            if key:
                raw[key].append(entry)
                if " " not in key and fuzzy:
                    fuzzable.add(key)
                squashed = key.replace(" ", "")
                if squashed != key and len(squashed) >= 4:
                    raw[squashed].append(entry)

        for sub in store.substances.values():
            for text in (sub.id, sub.name, *sub.synonyms):
                add(text, _Entry(text, "substance", (sub.id,)))
        for ing in store.ingredients.values():
            add(ing.id, _Entry(ing.id, "generic", (ing.id,)))
            for syn in ing.synonyms:
                add(syn, _Entry(syn, "synonym", (ing.id,)))
        for al in store.aliases.values():
            add(al.text, _Entry(al.text, al.kind, al.ingredients, al.ambiguous_candidates))
        # FDA brand names of our ingredients, and FDA substances whose names start like ours:
        # exact matches only, never spelling corrections.
        fda_keys = frozenset(store.fda_names)
        for fda in store.fda_names.values():
            if fda.kind == "brand":
                raw[fda.id].append(_Entry(fda.name, "brand", fda.ingredients))
            else:
                raw[fda.id].append(_Entry(fda.name, "other_substance", (fda.name,)))

        self.exact: dict[str, _Entry] = {k: _merge(v) for k, v in raw.items()}
        # Prefixes that can still grow into an entry: word-wise for multi-word entries, and
        # character-wise for matching words run together.
        self.token_prefixes: frozenset[str] = frozenset(
            " ".join(toks[:k])
            for key in self.exact
            if len(toks := key.split()) > 1
            for k in range(1, len(toks))
        )
        # (FDA's names are matched as written, never with words run together)
        self.char_prefixes: frozenset[str] = frozenset(
            flat[:k]
            for key in raw
            if key not in fda_keys
            for flat in (key.replace(" ", ""),)
            for k in range(1, len(flat))
        )
        buckets: dict[int, list[str]] = defaultdict(list)
        # Fuzzy candidates are single words as written in the vocabulary: never the squashed
        # form of a multi-word name ("sudafed" must not match "Sudafed PE" by edit distance).
        for key in fuzzable:
            if len(key) >= _MIN_FUZZY_LEN and key not in STOP_WORDS:
                buckets[len(key)].append(key)
        self.buckets = {n: sorted(keys) for n, keys in buckets.items()}
        # single-word generic names and synonyms, for names cut short by fixed-width systems
        # ("HYDROCODONE-ACETAMIN", "DEXTROAMP-AMPHET")
        self.generic_words = sorted(
            k for k in fuzzable if self.exact[k].kind in ("generic", "synonym", "substance")
        )
        self.names = sorted(self.exact)


def _merge(entries: list[_Entry]) -> _Entry:
    """One key, several entries: the best kind wins when they agree, else it is ambiguous."""
    entries.sort(key=lambda e: (_KIND_RANK.get(e.kind, 9), e.name))
    best = entries[0]
    readings: list[tuple[str, ...]] = []
    for e in entries:
        for r in e.alternatives or (e.ingredients,):
            if r not in readings:
                readings.append(r)
    if best.kind in ("generic", "substance") or len(readings) == 1:
        return best
    return _Entry(best.name, best.kind, (), tuple(readings))


_index_lock = threading.Lock()
_index: _Index | None = None
register(lambda: globals().update(_index=None))


def _get_index() -> _Index:
    global _index
    idx = _index
    if idx is None:
        with _index_lock:
            idx = _index
            if idx is None:
                idx = _index = _Index(get_store())
    return idx


def validate_text(text: object, *, index: int | None = None) -> str:
    """Return ``text`` if it is a usable medication string, else raise InvalidInputError."""
    if not isinstance(text, str):
        raise InvalidInputError(
            f"expected a medication string, got {type(text).__name__}", value=text, index=index
        )
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidInputError(
            f"medication string longer than {MAX_INPUT_LENGTH} characters", value=text, index=index
        )
    if not text.strip():
        raise InvalidInputError("empty medication string", value=text, index=index)
    return text


def _max_edits(n: int) -> int:
    # one edit up to 9 letters: two edits on a shorter word reach too many real English words
    # ("protocol" is two edits from "propofol", "diabetic" from "DiaBeta")
    return 1 if n <= 9 else 2 if n <= 13 else 3


_MIN_TRUNCATED = 6


def _truncated(idx: _Index, query: str) -> MatchPart | None:
    """A word that is the start of exactly one generic name (at least six letters)."""
    if len(query) < _MIN_TRUNCATED or not query.isalpha() or query in STOP_WORDS:
        return None
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


def _fuzzy(idx: _Index, query: str) -> MatchPart | None:
    n = len(query)
    if n < _MIN_FUZZY_LEN or query in STOP_WORDS or not query.replace(" ", "").isalpha():
        return None
    k = _max_edits(n)
    scored: list[tuple[int, str]] = []
    for length in range(max(_MIN_FUZZY_LEN, n - k), n + k + 1):
        keys = idx.buckets.get(length)
        if not keys:
            continue
        for key, dist, _ in process.extract(
            query, keys, scorer=OSA.distance, processor=None, score_cutoff=k, limit=8
        ):
            scored.append((int(dist), key))
    if not scored:
        return None
    scored.sort()
    best_dist = scored[0][0]
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


def _longest_at(
    idx: _Index, words: Sequence[str], i: int, allow_stop: bool
) -> tuple[int, _Entry] | None:
    """The longest vocabulary entry starting at word ``i``: as written ("ms contin") or with
    the words run together ("oxy contin" for "oxycontin"). Prefix sets stop the search as
    soon as no longer entry is possible, so a plain word costs one or two lookups."""
    n = len(words)
    best: tuple[int, _Entry] | None = None
    acc = words[i]
    entry = idx.exact.get(acc)
    if entry is not None and (allow_stop or acc not in STOP_WORDS):
        best = (1, entry)
    j = i + 1
    while j < n and j - i < _MAX_NGRAM and acc in idx.token_prefixes:
        acc = acc + " " + words[j]
        j += 1
        entry = idx.exact.get(acc)
        if entry is not None:
            best = (j - i, entry)
    squashed = words[i]
    j = i + 1
    # words are only run together when none is a unit, sig word or number ("g in" is not "gin")
    while (
        j < n
        and j - i < _MAX_NGRAM
        and squashed in idx.char_prefixes
        and words[j - 1] not in NO_JOIN_WORDS
        and words[j] not in NO_JOIN_WORDS
        and not words[j].isdigit()
    ):
        squashed += words[j]
        j += 1
        entry = idx.exact.get(squashed)
        if entry is not None and (best is None or j - i > best[0]):
            best = (j - i, entry)
    return best


def _other_part(key: str, name: str, ingredients: tuple[str, ...], brand: bool) -> MatchPart:
    """A part matched in FDA's lists: a product name (NDC Directory) or another substance."""
    return MatchPart(key, name, "brand" if brand else "other_substance", 100.0, ingredients, ())


def _resolve_words(
    idx: _Index, words: Sequence[str], allow_stop: bool = False
) -> tuple[list[MatchPart], list[str]]:
    """Match the words; a one-word entry that is also a stop word ("INH" for isoniazid, and
    "inh" for inhaled) is taken only when nothing else in the string is a drug."""
    parts: list[MatchPart] = []
    leftovers: list[list[str]] = [[]]
    i, n = 0, len(words)
    while i < n:
        found = _longest_at(idx, words, i, allow_stop)
        if found is not None and (
            (i + found[0] < n and words[i + found[0]] == "free") or (i and words[i - 1] == "non")
        ):
            # "alcohol free", "non-aspirin": the name says what the product does not contain
            i += found[0] + 1
            leftovers.append([])
            continue
        if found is not None:
            size, entry = found
            key = " ".join(words[i : i + size])
            parts.append(
                MatchPart(key, entry.name, entry.kind, 100.0, entry.ingredients, entry.alternatives)
            )
            leftovers.append([])
            i += size
        else:
            leftovers[-1].append(words[i])
            i += 1
    unmatched: list[str] = []
    lone: list[MatchPart] = []
    for run in leftovers:
        content = [w for w in run if w not in STOP_WORDS and not w.isdigit()]
        if not content:
            continue
        # A real substance outside the clinical vocabulary is named as itself, never
        # corrected into the nearest drug we know ("etidocaine" is not lidocaine).
        other, rest = other_substances().parts(run, bool(parts), _other_part)
        # several words naming another substance stand; one word, or a product name, is
        # taken only when nothing else in the string is unread (see below)
        parts.extend(p for p in other if " " in p.text and p.kind == "other_substance")
        lone.extend(p for p in other if " " not in p.text or p.kind != "other_substance")
        content = [w for w in rest if w not in STOP_WORDS and not w.isdigit()]
        if not content:
            continue
        joined = " ".join(content)
        part = _fuzzy(idx, joined) if len(content) > 1 and not other else None
        if part is not None:
            parts.append(part)
            continue
        for w in content:
            part = _truncated(idx, w) or _fuzzy(idx, w)
            if part is None:
                unmatched.append(w)
            elif len(w) < _MIN_FUZZY_BRAND and idx.exact[normalize(part.name)].kind in _BRANDS:
                # a short word one edit from a brand is as often an everyday word ("cedar",
                # "solar"): taken only when it stands alone
                lone.append(part)
            else:
                parts.append(part)
    # A one-word substance, a product name, or a short word corrected into a brand, among
    # words we cannot read is most often a flavour, scent or part of another product's name
    # ("Cotton Candy hand sanitizer", "Cedar Elm"): named only when nothing else is unread.
    if unmatched:
        unmatched.extend(p.text for p in lone)
    else:
        parts.extend(lone)
    return parts, unmatched


def _build_match(text: str, parts: list[MatchPart], unmatched: list[str]) -> Match:
    ingredients: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    for p in parts:
        for ing in p.ingredients:
            if ing not in ingredients:
                ingredients.append(ing)
        alternatives.extend(a for a in p.alternatives if a not in alternatives)
    distinct = {frozenset(p.ingredients) for p in parts if p.ingredients}
    if len(parts) == 1 or (len(distinct) == 1 and not any(p.ambiguous for p in parts)):
        # one part, or several naming the same drug ("tramadol (ULTRAM)")
        kind: MatchKind | Literal["combination"] = parts[0].kind
        name = parts[0].name
    else:
        kind = "combination"
        name = " + ".join(p.name for p in parts)
    ambiguous = any(p.ambiguous for p in parts)
    return Match(
        input=text,
        ingredients=() if ambiguous else tuple(ingredients),
        name=name,
        kind=kind,
        score=min(p.score for p in parts),
        parts=tuple(parts),
        unmatched=tuple(unmatched),
        alternatives=tuple(alternatives),
    )


@lru_cache(maxsize=65536)
def _resolve_cached(text: str) -> Match | None:
    idx = _get_index()
    words = normalize(text).split()
    if SUPPLY_WORDS.intersection(words):
        return None  # a supply or device, not a medicine: reported as unrecognised
    parts, unmatched = _resolve_words(idx, words)
    if not parts:
        parts, unmatched = _resolve_words(idx, words, allow_stop=True)
    if not parts:
        return None
    return _build_match(text, parts, unmatched)


register(_resolve_cached.cache_clear)


def resolve(text: str) -> Match | None:
    """Resolve one medication string to canonical ingredients.

    Returns ``None`` when nothing in the string is recognised; a :class:`Match` otherwise
    (check :attr:`Match.ambiguous` and :attr:`Match.unmatched`). Raises
    :class:`InvalidInputError` for a non-string, an empty string or one longer than 500
    characters.

    >>> resolve("Percocet 5/325").ingredients
    ('oxycodone', 'acetaminophen')
    """
    return _resolve_cached(validate_text(text))


def resolve_many(texts: Iterable[str]) -> list[Match | None]:
    """Resolve each string; the result list is parallel to the input."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise InvalidInputError("expected an iterable of medication strings", value=texts)
    return [_resolve_cached(validate_text(t, index=i)) for i, t in enumerate(texts)]


def search(query: str, limit: int = 5) -> list[Match]:
    """Ranked suggestions for ``query`` (possibly empty), for autocomplete or "did you mean".

    Exact and prefix matches come first, then fuzzy ones; each suggestion names one entry.
    """
    validate_text(query)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
        raise InvalidInputError("limit must be an integer from 1 to 100", value=limit)
    idx = _get_index()
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
        out.append(_build_match(query, [part], []))
        if len(out) == limit:
            break
    return out
