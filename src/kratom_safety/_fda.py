"""FDA's UNII substance list as the resolver and callers use it: the UNII of each ingredient
(:func:`ingredient`) and the other drug substances FDA lists, which are recognised by exact name
but are not in the clinical vocabulary (loaded on first need)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import TypeVar

from ._cache import once, register
from ._data import get_store, iter_dataset, iter_fda_substances, iter_ndc_brands
from ._errors import InvalidInputError
from ._models import Ingredient
from ._text import MAX_INPUT_LENGTH, STOP_WORDS, UNIT_WORDS, normalize

__all__ = [
    "MAX_PRODUCT_WORDS",
    "OtherSubstances",
    "Readings",
    "allergen_names",
    "allergen_words",
    "brand_routes",
    "ingredient",
    "known_words",
    "other_substances",
    "product_types",
]

#: Longest name looked up, in words (FDA product names run long: "CeraVe Skin Renewing Day
#: Cream with Broad Spectrum SPF 30 Sunscreen"); the curation keeps product names up to it.
MAX_PRODUCT_WORDS = 20
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


def _solvent(words: Sequence[str], j: int) -> bool:
    """Whether the name before word ``j`` is the solvent of a solvate, part of the drug's
    form ("atorvastatin calcium propylene glycol solvate"), not a second substance."""
    return j < len(words) and words[j] in ("solvate", "solvates")


#: What a name in FDA's lists stands for: (name, readings, whether it is a product name).
Entry = tuple[str, tuple[str, ...], bool]


class _Entries(Mapping[str, Entry]):
    """FDA's names, each stored as little as it needs: a substance name as the substance's
    id, a product name as its ingredients (a tuple shared by every product holding them).
    Read as :data:`Entry` tuples, made when asked for."""

    __slots__ = ("_raw",)

    def __init__(self, raw: dict[str, str | tuple[str, ...]]) -> None:
        self._raw = raw

    @staticmethod
    def _entry(key: str, value: str | tuple[str, ...]) -> Entry:
        return (value, (value,), False) if isinstance(value, str) else (key, value, True)

    def __getitem__(self, key: str) -> Entry:
        return self._entry(key, self._raw[key])

    def get(self, key: str, default: Entry | None = None) -> Entry | None:  # type: ignore[override]
        value = self._raw.get(key)
        return default if value is None else self._entry(key, value)

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class OtherSubstances:
    """FDA's other drug substances: exact names, longest first (loaded on first need)."""

    def __init__(self) -> None:
        # product names first: the larger file, parsed while little else is held
        raw: dict[str, str | tuple[str, ...]] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per ingredient list
        #: product names that several products with different ingredients share
        self.alternatives: dict[str, tuple[tuple[str, ...], ...]] = {}
        for brand in iter_ndc_brands():
            raw[brand.id] = shared.setdefault(brand.ingredients, brand.ingredients)
            if brand.alternatives:
                self.alternatives[brand.id] = brand.alternatives
        del shared
        for sub in iter_fda_substances():
            for name in sub.names:
                raw[name] = sub.id  # a substance name wins over a product name
        self.exact: Mapping[str, Entry] = _Entries(raw)
        # the longest name (in words) that starts with each word: bounds the search
        self.longest: dict[str, int] = {}
        for key in raw:
            first, _, rest = key.partition(" ")
            size = rest.count(" ") + 2 if rest else 1
            if size > self.longest.get(first, 0):
                self.longest[first] = size
        # a one-word substance name that starts longer substance names: their second words
        # ("polyethylene" of "polyethylene glycol 400")
        self._goes_on: dict[str, set[str]] = {}
        for key, value in raw.items():
            first, _, rest = key.partition(" ")
            if rest and isinstance(value, str) and first in raw:
                second = rest.partition(" ")[0]
                if second not in STOP_WORDS and not second.isdigit():
                    self._goes_on.setdefault(first, set()).add(second)

    def longest_at(self, words: Sequence[str], i: int, above: int = 1) -> int:
        """How many words from ``words[i]`` form the longest FDA name there (0: none); with
        ``above``, only a name longer than that many words counts."""
        top = self.longest.get(words[i], 0)
        if not top:
            return 0
        top = min(top, len(words) - i)  # (no name is longer than MAX_PRODUCT_WORDS)
        if top <= above:
            return 0 if above > 1 or not top else self._one(words, i)
        for size in range(top, above, -1):
            if " ".join(words[i : i + size]) in self.exact:
                return 0 if _solvent(words, i + size) else size
        return 0 if above > 1 else self._one(words, i)

    def _one(self, words: Sequence[str], i: int) -> int:
        word = words[i]
        if word in self.exact and word not in STOP_WORDS and not word.isdigit():
            if _solvent(words, i + 1):
                return 0
            # the start of a longer name the string does not complete ("polyethylene glycol"
            # is no polyethylene): not the one-word substance
            return 0 if words[i + 1 : i + 2] and words[i + 1] in self._goes_on.get(word, ()) else 1
        return 0

    def is_product(self, key: str) -> bool:
        """Whether ``key`` is a product name (NDC Directory) rather than a substance name."""
        entry = self.exact.get(key)
        return entry is not None and entry[2]

    def substance_at(
        self, words: Sequence[str], i: int, longest: int | None = None
    ) -> tuple[int, str, str] | None:
        """A substance name of two words or more starting at ``words[i]``, as (words, key,
        name); product names are not looked for here. ``longest``: :meth:`longest_at` there,
        when the caller has it already."""
        top = self.longest_at(words, i) if longest is None else longest
        for size in range(top, 1, -1):
            # the longest substance name, under a product name that may start with it
            # ("isopropyl alcohol" in "Isopropyl Alcohol Prep Pad")
            key = " ".join(words[i : i + size])
            entry = self.exact.get(key)
            if entry is not None and not entry[2]:
                return size, key, entry[0]
        return None

    def parts(
        self,
        words: Sequence[str],
        after_drug: bool,
        make_part: Callable[[str, str, tuple[str, ...], bool, tuple[tuple[str, ...], ...]], P],
    ) -> tuple[list[P], list[str]]:
        """The longest FDA substance names in ``words``; the words left over. With
        ``after_drug``, a name right after a unit states a content ("325 mg (65 mg iron)")."""
        found: list[P] = []
        rest: list[str] = []
        i, n = 0, len(words)
        while i < n:
            best = self.longest_at(words, i)
            if best and after_drug and i > 0 and words[i - 1] in UNIT_WORDS:
                best = 0
            if best and (
                (i + best < n and words[i + best] == "free") or words[i - 1 : i] == ["non"]
            ):
                best = 0  # "alcohol free", "non-alcohol": the substance is absent
            if best and after_drug and self.is_product(" ".join(words[i : i + best])):
                best = 0  # a product name only names a product on its own
            if best:
                key = " ".join(words[i : i + best])
                name, ingredients, brand = self.exact[key]
                found.append(
                    make_part(key, name, ingredients, brand, self.alternatives.get(key, ()))
                )
                i += best
            else:
                rest.append(words[i])
                i += 1
        return found, rest


_other_substances = once(OtherSubstances)


def other_substances() -> OtherSubstances:
    """FDA's other substances and product names (loaded on first need)."""
    return _other_substances()


_known_words = once(lambda: frozenset(w for rec in iter_dataset("known_words") for w in rec.words))


def known_words() -> frozenset[str]:
    """Real words that are never spelling-corrected into a drug: everyday English words and
    the words of FDA's product names (``known_words.json``, loaded on first need)."""
    return _known_words()


_allergen_words = once(
    lambda: MappingProxyType({rec.id: rec.name for rec in iter_dataset("allergen_words")})
)


def allergen_words() -> Mapping[str, str]:
    """Everyday words that FDA's NDC Directory gives as an active ingredient ("banana"), each
    with its substance: read so only in an allergen extract (``allergen_words.json``, loaded
    on first need)."""
    return _allergen_words()


#: A name's readings: (ingredients, alternatives), one of them empty (see ``NdcBrand``).
Readings = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


def _load_allergen_names() -> Mapping[str, Readings]:
    # many names share their readings ("Burr Oak" and "Quercus macrocarpa"): one tuple each
    shared: dict[Readings, Readings] = {}
    out = {}
    for rec in iter_dataset("allergen_names"):
        readings = (rec.ingredients, rec.alternatives)
        out[rec.id] = shared.setdefault(readings, readings)
    return MappingProxyType(out)


_allergen_names = once(_load_allergen_names)


def allergen_names() -> Mapping[str, Readings]:
    """Names of allergen extracts in FDA's NDC Directory ("burr oak", "cat pelt"), each with
    what the products of that name hold: read so only in an allergen extract's or an
    injection's string (``allergen_names.json``, loaded on first need)."""
    return _allergen_names()


_product_types = once(
    lambda: MappingProxyType(
        {rec.id: frozenset(rec.actives) for rec in iter_dataset("product_types")}
    )
)


def product_types() -> Mapping[str, frozenset[str]]:
    """Words of a product's name that say what its active does ("spf", "antiperspirant"),
    each with the actives of FDA's NDC products so named (``product_types.json``, loaded on
    first need)."""
    return _product_types()


_brand_routes = once(
    lambda: MappingProxyType(
        {rec.id: frozenset(rec.routes) for rec in iter_dataset("brand_routes")}
    )
)


def brand_routes() -> Mapping[str, frozenset[str]]:
    """Our brand names, each with the routes of FDA's NDC products so named
    (``brand_routes.json``, loaded on first need)."""
    return _brand_routes()
