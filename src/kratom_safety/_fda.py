"""FDA's UNII substance list as the resolver and callers use it: the UNII of each ingredient
(:func:`ingredient`) and the other drug substances FDA lists, which are recognised by exact name
but are not in the clinical vocabulary (loaded on first need)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from ._cache import register
from ._data import get_store, iter_fda_substances, iter_ndc_brands
from ._errors import InvalidInputError
from ._models import Ingredient
from ._text import MAX_INPUT_LENGTH, STOP_WORDS, UNIT_WORDS, normalize

__all__ = ["OtherSubstances", "ingredient", "other_substances"]

_MAX_NGRAM = 6
P = TypeVar("P")


def ingredient(name: str) -> Ingredient | None:
    """The ingredient record for a canonical name or a synonym, with its FDA UNII.

    Matching is exact after normalisation (case, accents, punctuation); no spelling correction.
    Returns ``None`` for a name that is not an ingredient of the clinical vocabulary (a brand
    or a misspelling: use :func:`resolve` for those). Raises :class:`InvalidInputError` for a
    non-string or an over-long string.

    >>> ingredient("Sertraline").unii
    'QUC7NX6WMB'
    """
    if not isinstance(name, str):
        raise InvalidInputError(
            f"expected an ingredient name, got {type(name).__name__}", value=name
        )
    if len(name) > MAX_INPUT_LENGTH:
        raise InvalidInputError(
            f"ingredient name longer than {MAX_INPUT_LENGTH} characters", value=name
        )
    return _by_name().get(normalize(name))


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Ingredient]:
    out: dict[str, Ingredient] = {}
    ings = get_store().ingredients
    for ing in ings.values():
        out.setdefault(normalize(ing.id), ing)
    for ing in ings.values():
        for syn in ing.synonyms:
            out.setdefault(normalize(syn), ing)
    return out


register(_by_name.cache_clear)


class OtherSubstances:
    """FDA's other drug substances: exact names, longest first (loaded on first need)."""

    def __init__(self) -> None:
        self.exact: dict[str, tuple[str, tuple[str, ...], bool]] = {}
        for sub in iter_fda_substances():
            entry = (sub.id, (sub.id,), False)  # one entry shared by every name of it
            for name in sub.names:
                self.exact[name] = entry
        for brand in iter_ndc_brands():
            self.exact.setdefault(brand.id, (brand.name, brand.ingredients, True))
        self.prefixes: frozenset[str] = frozenset(
            " ".join(toks[:k])
            for key in self.exact
            if len(toks := key.split()) > 1
            for k in range(1, len(toks))
        )

    def parts(
        self,
        words: Sequence[str],
        after_drug: bool,
        make_part: Callable[[str, str, tuple[str, ...], bool], P],
    ) -> tuple[list[P], list[str]]:
        """The longest FDA substance names in ``words``; the words left over. With
        ``after_drug``, a name right after a unit states a content ("325 mg (65 mg iron)")."""
        found: list[P] = []
        rest: list[str] = []
        i, n = 0, len(words)
        while i < n:
            best = 0
            acc = words[i]
            if acc in self.exact and acc not in STOP_WORDS and not acc.isdigit():
                best = 1
            j = i + 1
            while j < n and j - i < _MAX_NGRAM and acc in self.prefixes:
                acc = acc + " " + words[j]
                j += 1
                if acc in self.exact:
                    best = j - i
            if best and after_drug and i > 0 and words[i - 1] in UNIT_WORDS:
                best = 0
            if best and (
                (i + best < n and words[i + best] == "free") or words[i - 1 : i] == ["non"]
            ):
                best = 0  # "alcohol free", "non-alcohol": the substance is absent
            if best and after_drug and self.exact[" ".join(words[i : i + best])][2]:
                best = 0  # a product name only names a product on its own
            if best:
                key = " ".join(words[i : i + best])
                name, ingredients, brand = self.exact[key]
                found.append(make_part(key, name, ingredients, brand))
                i += best
            else:
                rest.append(words[i])
                i += 1
        return found, rest


_other_lock = threading.Lock()
_other: OtherSubstances | None = None
register(lambda: globals().update(_other=None))


def other_substances() -> OtherSubstances:
    global _other
    other = _other
    if other is None:
        with _other_lock:
            other = _other
            if other is None:
                other = _other = OtherSubstances()
    return other
