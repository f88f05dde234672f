"""Records of the FDA name lists the resolver reads: brand names of our ingredients, other
drug substances, NDC product names, real words and names products use for something else."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, model_validator

from ._models import UNII_PATTERN, Record
from ._text import NamedRoute, ProductTypeWord

__all__ = [
    "AllergenWord",
    "BrandRoutes",
    "FdaName",
    "FdaPrefix",
    "FdaSubstance",
    "KnownWords",
    "NdcBrand",
    "ProductType",
    "VariableName",
]


class FdaName(Record):
    """A name from FDA's UNII list that the resolver matches exactly.

    ``brand``: a brand name of one of our ingredients (``ingredients``). ``substance``: another
    substance whose name starts like one of ours ("krypton kr-81m" is not the kratom product
    "Krypton"); ``name`` is that substance, recognised but not in the clinical vocabulary.
    """

    id: str = Field(min_length=1, max_length=120)
    """The name as the resolver sees it (normalised words)."""
    name: str = Field(min_length=1)
    kind: Literal["brand", "substance"]
    unii: str = Field(pattern=UNII_PATTERN)
    ingredients: tuple[str, ...] = ()
    """A brand's ingredients (checked when the store is built); empty for a substance."""


class FdaSubstance(Record):
    """A drug substance in FDA's UNII list that is not in the clinical vocabulary."""

    id: str = Field(min_length=1, max_length=200)
    """FDA's display name, lower case."""
    unii: str = Field(pattern=UNII_PATTERN)
    names: tuple[str, ...] = Field(min_length=1)
    """Its names as the resolver sees them (normalised words)."""


class NdcBrand(Record):
    """A proprietary name from FDA's NDC Directory with every ingredient of its products."""

    id: str = Field(min_length=1, max_length=200)
    """The name as the resolver sees it (normalised words; also the name it reports)."""
    ingredients: tuple[str, ...] = ()
    """Our ingredient names, or FDA's name of a substance outside the clinical vocabulary."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """When products sharing the name differ: each one's ingredients (the name is ambiguous)."""

    @model_validator(mode="after")
    def _one_reading(self) -> NdcBrand:
        if bool(self.ingredients) == bool(self.alternatives):
            raise ValueError("a product name has either ingredients or alternatives")
        if self.alternatives and len(self.alternatives) < 2:
            raise ValueError("alternatives needs at least two readings")
        return self


class KnownWords(Record):
    """Real words (everyday English, FDA product names) beginning with one letter: never
    spelling-corrected into a drug."""

    id: str = Field(pattern=r"^[a-z]$")
    words: tuple[str, ...] = Field(min_length=1)


class VariableName(Record):
    """A name of ours that FDA product names often use for products without its ingredients
    (a flavour, a product line, a word with another meaning)."""

    id: str = Field(min_length=1, max_length=200)
    """The name as the resolver sees it (normalised words)."""
    product_names: int = Field(ge=1)
    """Distinct FDA proprietary names that contain it."""
    without_it: int = Field(ge=1)
    """How many of those are of products without its ingredients."""


class FdaPrefix(Record):
    """Where FDA's longer names go on from a first word the resolver can meet before reading
    FDA's lists (the first word of a name of ours, or a stop word): the words that follow it.
    A string that does not go on so needs no look into FDA's lists."""

    id: str = Field(min_length=1, max_length=200)
    """The first word (normalised)."""
    next: tuple[str, ...] = Field(min_length=1)
    """The second words of FDA's names (product names and substance names) that start with
    it, sorted."""


class AllergenWord(Record):
    """One everyday word that FDA's NDC Directory gives as a product's active ingredient (a
    food, an animal: "banana", "turkey"), which the resolver reads as that substance only in
    an allergen extract or an injection ("BANANA 0.05G/ML INJ"); elsewhere the word means
    what it means in English."""

    id: str = Field(min_length=1, max_length=60, pattern=r"^[a-z]+$")
    """The word."""
    name: str = Field(min_length=1)
    """The substance: FDA's display name, lower case."""
    unii: str = Field(pattern=UNII_PATTERN)


class ProductType(Record):
    """A word of a product's name that says what its active does ("SPF", "antiperspirant"),
    with every active ingredient of FDA's NDC products whose names carry it. A substance
    named in such a string that none of those products holds ("Maca Root ... SPF 15", "Black
    Pepper Antiperspirant") is a scent or a marketing word, not the product's active."""

    id: ProductTypeWord
    actives: tuple[str, ...] = Field(min_length=1)
    """Our ingredient names, or FDA's name of a substance outside the clinical vocabulary."""


class BrandRoutes(Record):
    """A brand name of ours with the routes of every FDA NDC product whose name starts with
    it. A string naming a route none of them is given by ("Zyrtec Itchy Eye Drops": the eye)
    names another member of the product line: the brand is not read as its usual drug."""

    id: str = Field(min_length=1, max_length=200)
    """The brand as the resolver sees it (normalised words)."""
    routes: tuple[str, ...] = Field(min_length=1)
    """FDA's route names, lower case ("oral", "ophthalmic", "nasal"...)."""

    @model_validator(mode="after")
    def _not_every_named_route(self) -> BrandRoutes:
        if set(get_args(NamedRoute)) <= set(self.routes):
            raise ValueError("a brand given by every named route never meets the rule")
        return self
