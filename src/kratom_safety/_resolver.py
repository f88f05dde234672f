"""Resolution of real-world medication strings to canonical ingredients.

Order of attempts for each stretch of the input: exact (generic, synonym, brand, abbreviation,
kratom substance) on the longest run of words, a longer FDA product name read as written
winning; then FDA's other substance and product names; then -- only for what is left after
stop words (strengths, dose forms, release markers, routes, sig text, salts, notes) are
dropped -- a bounded-edit-distance fuzzy match with a margin over the runner-up. Short words
are never fuzzed, and a tie between different drugs is reported as ambiguous, never guessed.
A name that FDA product names often use for something else (a flavour, a product line), a
product name, or a brand from FDA's list is taken only when nothing else in the string is
unread, so that the nearest known name never stands in for an input we cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ._cache import register
from ._context import (
    NAMED_KINDS,
    additive,
    after_vehicle,
    extract_context,
    settle,
    type_actives,
)
from ._errors import InvalidInputError
from ._extracts import allergen_named, also_an_extract, extract_named
from ._fda import (
    OtherSubstances,
    known_words,
    other_substances,
)
from ._index import Entry, Index, get_index
from ._match import Match, MatchKind, MatchPart, build_match
from ._spelling import fuzzy, is_stop, truncated
from ._text import (
    CARRIER_WORDS,
    LATIN_PART_WORDS,
    MAX_INPUT_LENGTH,
    NO_JOIN_WORDS,
    STOP_WORDS,
    SUPPLY_WORDS,
    UNIT_WORDS,
    VITAMIN_SPELLINGS,
    normalize,
)

__all__ = [
    "Match",
    "MatchPart",
    "resolve",
    "resolve_cached",
    "resolve_many",
    "validate_text",
]

_MAX_NGRAM = 6
_BRANDS = frozenset({"brand", "abbreviation", "combination"})
_POTENCY = frozenset({"x", "c", "m", "q", "k"})
_LATIN_PARTS = frozenset(LATIN_PART_WORDS)
_MAX_DESIGNATOR = 12  # vitamin B12
#: an ingredient list: names separated by commas, "and", "&" or "+"
_LIST_MARK = re.compile(r",|&|\+|\band\b", re.IGNORECASE)


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


def _longest_at(
    idx: Index, words: Sequence[str], i: int, allow_stop: bool
) -> tuple[int, Entry] | None:
    """The longest vocabulary entry starting at word ``i``: as written ("ms contin") or with
    the words run together ("oxy contin" for "oxycontin"). Prefix sets stop the search as
    soon as no longer entry is possible, so a plain word costs one or two lookups."""
    n = len(words)
    best: tuple[int, Entry] | None = None
    acc = words[i]
    entry = idx.exact.get(acc)
    if entry is not None and acc in idx.run_together and acc in known_words():
        entry = None  # a word of its own, not a name run together ("lamb" is not L-AmB)
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
    if best is not None and best[1].kind != "brand" and _other_designator(words, i + best[0]):
        return None
    return best


def _other_designator(words: Sequence[str], j: int) -> bool:
    """Whether a name ending in one letter, before word ``j``, has a number after it that
    makes another designator ("Vit K2" is vitamin K2, menaquinone, not "Vit K"): a number of
    a vitamin's form (up to 12: B1 to B12) not followed by a unit ("Vitamin E 400" is a
    dose)."""
    return (
        0 < j < len(words)
        and len(words[j - 1]) == 1
        and words[j - 1].isalpha()
        and words[j].isdigit()
        and int(words[j]) <= _MAX_DESIGNATOR
        and (j + 1 == len(words) or words[j + 1] not in UNIT_WORDS)
    )


def _potency_units(words: list[str]) -> list[str]:
    """FDA's homeopathic potency units ("3[hp_X]") without their "hp", which would read as
    the short form 3HP (isoniazid + rifapentine)."""
    n = len(words)
    return [
        w
        for k, w in enumerate(words)
        if not (
            w == "hp" and k and words[k - 1].isdigit() and k + 1 < n and words[k + 1] in _POTENCY
        )
    ]


def _unread(idx: Index, words: Sequence[str], j: int) -> bool:
    """Whether word ``j`` is a word of letters that names nothing we know."""
    if j >= len(words):
        return False
    w = words[j]
    return (
        w.isalpha()
        and not is_stop(w)
        and _longest_at(idx, words, j, False) is None
        and not other_substances().longest_at(words, j)
    )


def _other_part(
    key: str,
    name: str,
    ingredients: tuple[str, ...],
    brand: bool,
    alternatives: tuple[tuple[str, ...], ...] = (),
) -> MatchPart:
    """A part matched in FDA's lists: a product name (NDC Directory; ambiguous when products
    sharing it differ) or another substance."""
    kind: MatchKind = "brand" if brand else "other_substance"
    return MatchPart(key, name, kind, 100.0, ingredients, alternatives)


def _resolve_words(
    idx: Index, words: Sequence[str], allow_stop: bool = False, text: str = ""
) -> tuple[list[MatchPart], list[str]]:
    """Match the words; a one-word entry that is also a stop word ("INH" for isoniazid, and
    "inh" for inhaled) is taken only when nothing else in the string is a drug."""
    parts: list[MatchPart] = []
    lone: list[MatchPart] = []
    leftovers: list[list[str]] = [[]]
    i, n = 0, len(words)
    fda: OtherSubstances | None = None
    absent: set[str] = set()  # drugs the string says the product lacks
    # vehicles and additives: not read as actives, and still listed as unread (not checked)
    set_aside: list[str] = []
    unmatched: list[str] = []
    while i < n:
        found = _longest_at(idx, words, i, allow_stop)
        if (
            found is not None
            and found[1].kind == "abbreviation"
            and (
                _unread(idx, words, i + found[0])
                or (
                    leftovers[-1][-1:] == [words[i - 1]]
                    and words[i - 1].isalpha()
                    and not is_stop(words[i - 1])
                )
            )
        ):
            # a short form run into a word we cannot read is most often the start of a longer
            # name ("asa foetida" is asafetida, "lamb quarters" a pollen): not the drug
            found = None
        if (
            found is not None
            and words[i] == "alcohol"
            and found[0] == 1
            and not CARRIER_WORDS.isdisjoint(words)
        ):
            # on a swab or pad, "alcohol" is the antiseptic, isopropyl or ethyl: not read
            unmatched.append(words[i])
            leftovers.append([])
            i += 1
            continue
        if found is not None and i and words[i - 1] == "non":
            # "non-aspirin", "Non-Alcohol Foaming Hand Sanitizer": the product lacks the drug
            absent.update(found[1].ingredients)
            i += found[0]
            leftovers.append([])
            continue
        if found is not None and i + found[0] < n and idx.fda_may_go_on(words, i):
            # a longer FDA product name read as written wins ("Ibuprofen PM" holds
            # diphenhydramine too)
            if fda is None:
                fda = other_substances()
            size = found[0]
            if fda.longest.get(words[i], 0) > size:
                size = fda.longest_at(words, i, above=size)
            if size > found[0]:
                longer = " ".join(words[i : i + size])
                name, readings, brand = fda.exact[longer]
                if brand:
                    alternatives = fda.alternatives.get(longer, ())
                    parts.append(_other_part(longer, name, readings, True, alternatives))
                    leftovers.append([])
                    i += size
                    continue
        if found is None and i + 1 < n and not is_stop(words[i]):
            # a longer FDA substance name may start with a word we cannot read and end in one
            # we can ("benzyl alcohol" is not penicillin + alcohol)
            if fda is None:
                fda = other_substances()
            longest = fda.longest_at(words, i)
            spanning = fda.substance_at(words, i, longest) if longest > 1 else None
            if (
                spanning is None
                and i == 0
                and longest > 1
                and all(is_stop(w) for w in words[longest:])
                and fda.is_product(key := " ".join(words[:longest]))
            ):
                # the whole string is an FDA product name, written from a word we cannot
                # read ("Purell Alcohol Formulation": not "alcohol" among unread words); a
                # product name followed by more words is often another member of its line
                name, readings, _ = fda.exact[key]
                alternatives = fda.alternatives.get(key, ())
                parts.append(_other_part(key, name, readings, True, alternatives))
                leftovers.append([])
                i += longest
                continue
            if spanning is not None:
                size, key, name = spanning
                if longest > size and not parts:
                    # a product name that starts with the substance, read on its own, is the
                    # product ("Sweet Vernal Grass, Standardized" is the grass's pollen)
                    key = " ".join(words[i : i + longest])
                    name, readings, _ = fda.exact[key]
                    alternatives = fda.alternatives.get(key, ())
                    spans = _other_part(key, name, readings, True, alternatives)
                    size = longest
                else:
                    spans = _other_part(key, name, (name,), False)
                (lone if key in idx.variable else parts).append(spans)
                leftovers.append([])
                i += size
                continue
        if found is not None and i + found[0] < n and words[i + found[0]] == "free":
            # "alcohol free": the name says what the product does not contain
            absent.update(found[1].ingredients)
            i += found[0] + 1
            leftovers.append([])
            continue
        if found is not None:
            size, entry = found
            key = " ".join(words[i : i + size])
            exact = MatchPart(
                key, entry.name, entry.kind, 100.0, entry.ingredients, entry.alternatives
            )
            if key in idx.variable and after_vehicle(words, i, bool(parts or lone)):
                set_aside.append(key)  # after a drug "in dextrose", or "with aloe"
            elif key in idx.fda_brands:
                # a brand name from FDA's substance list among words we cannot read is as
                # often a product line whose members differ ("Vicks Formula 44 VapoCool
                # Severe Nighttime"): named only when nothing else in the string is unread
                lone.append(exact)
            elif key not in idx.variable:
                parts.append(exact)
            else:
                # a name FDA products often use for something else ("Pink Grapefruit" acne
                # wash): named only when nothing else in the string is unread
                lone.append(exact)
            leftovers.append([])
            i += size
        else:
            leftovers[-1].append(words[i])
            i += 1
    if absent:
        # a brand whose usual formula holds a drug the string says is absent ("Excedrin
        # Aspirin Free") is another formula of that brand: not read as the usual one
        for found_parts in (parts, lone):
            unmatched.extend(p.text for p in found_parts if absent.intersection(p.ingredients))
            found_parts[:] = [p for p in found_parts if not absent.intersection(p.ingredients)]
    for run in leftovers:
        content = [w for w in run if not is_stop(w)]
        if not content:
            if sum(not w.isdigit() for w in run) > 1 and any(
                idx.fda_may_go_on(run, j) for j in range(len(run) - 1)
            ):  # named by salt words ("sodium acetate")
                other, _ = other_substances().parts(run, bool(parts), _other_part)
                parts.extend(p for p in other if " " in p.text and p.kind == "other_substance")
            continue
        # A real substance outside the clinical vocabulary is named as itself, never
        # corrected into the nearest drug we know ("etidocaine" is not lidocaine).
        other, rest = other_substances().parts(run, bool(parts), _other_part)
        # several words naming another substance stand; one word, or a product name, is
        # taken only when nothing else in the string is unread (see below)
        # (or a name FDA products often use for something else: "Wild Cherry" antiperspirant)
        for p in other:
            stands = " " in p.text and p.kind == "other_substance" and p.text not in idx.variable
            (parts if stands else lone).append(p)
        content = [w for w in rest if not is_stop(w)]
        if not content:
            continue
        joined = " ".join(content)
        extract = extract_named(joined, words, bool(other))
        if extract is not None:
            parts.append(extract)
            continue
        part = fuzzy(idx, joined) if len(content) > 1 and not other else None
        if part is not None:
            parts.append(part)
            continue
        for w in content:
            part = truncated(idx, w) or fuzzy(idx, w)
            if part is None:
                unmatched.append(w)
            elif idx.exact[normalize(part.name)].kind in _BRANDS:
                # a word a few letters from a brand is as often another product's own name
                # ("Dorflex Icy Hot" is not Norflex, "Urogesic Blue" not Durogesic): taken only
                # when nothing else in the string is unread
                lone.append(part)
            else:
                parts.append(part)
    # A one-word substance, a product name, or a short word corrected into a brand, among
    # words we cannot read is most often a flavour, scent or part of another product's name
    # ("Cotton Candy hand sanitizer", "Cedar Elm"): named only when nothing else is unread.
    # Another substance that FDA product names often use for something else, beside another
    # name, is left unread ("Cultivated Oat Pollen" is no bee pollen); not in a list of
    # ingredients ("camphor, menthol"), where every name is one.
    if unmatched:
        # unless a substance named is an active of the product type the string names
        # ("oxybenzone" in "Coppertone SPF 30 oxybenzone 6%"; not a product name, whose line's
        # members differ)
        typed = type_actives(words)
        for p in lone:
            if p.kind in NAMED_KINDS and p.ingredients and typed.issuperset(p.ingredients):
                parts.append(p)
            else:
                unmatched.append(p.text)
    else:
        for p in lone:
            if p.text in idx.variable and additive(words, p.text):
                set_aside.append(p.text)  # "Foaming Hand Soap with Green Tea and Aloe"
                continue
            if (
                p.kind == "other_substance"
                and p.text in idx.variable
                and len(parts) + len(lone) > 1
                and _LIST_MARK.search(text) is None
            ):
                unmatched.append(p.text)
            else:
                parts.append(p)
    return settle(idx, words, parts, unmatched + set_aside if set_aside else unmatched)


@lru_cache(maxsize=65536)
def resolve_cached(text: str) -> Match | None:
    """:func:`resolve` of an already validated string, cached (a :class:`Match` is immutable)."""
    idx = get_index()
    words = normalize(text).split()
    if "hp" in words:
        words = _potency_units(words)
    if not _LATIN_PARTS.isdisjoint(words):  # "clematis vitalba, flos": its flower
        words = words[:1] + [LATIN_PART_WORDS.get(w, w) for w in words[1:]]
    if not VITAMIN_SPELLINGS.isdisjoint(words[:-1]):  # "vitamine d3"
        words = [*("vitamin" if w in VITAMIN_SPELLINGS else w for w in words[:-1]), words[-1]]
    if SUPPLY_WORDS.intersection(words):
        return None  # a supply or device, not a medicine: reported as unrecognised
    if extract_context(words):
        named = allergen_named(idx, words)
        if named is not None:
            return build_match(text, [named], [])
    parts, unmatched = _resolve_words(idx, words, text=text)
    if not parts:
        parts, unmatched = _resolve_words(idx, words, allow_stop=True, text=text)
    if not parts:
        return None
    if len(parts) == 1 and parts[0].kind == "other_substance" and not unmatched:
        parts = [also_an_extract(parts[0], words)]
    return build_match(text, parts, unmatched)


register(resolve_cached.cache_clear)


def resolve(text: str) -> Match | None:
    """Resolve one medication string to canonical ingredients.

    Returns ``None`` when nothing in the string is recognised; a :class:`Match` otherwise
    (check :attr:`Match.ambiguous` and :attr:`Match.unmatched`). Raises
    :class:`InvalidInputError` for a non-string, an empty string or one longer than 500
    characters.

    >>> resolve("Percocet 5/325").ingredients
    ('oxycodone', 'acetaminophen')
    """
    return resolve_cached(validate_text(text))


def resolve_many(texts: Iterable[str]) -> list[Match | None]:
    """Resolve each string; the result list is parallel to the input."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise InvalidInputError("expected an iterable of medication strings", value=texts)
    return [resolve_cached(validate_text(t, index=i)) for i, t in enumerate(texts)]
