"""A word of a product's name that says what its active does (issue 16, data 2026.11.8).

Sunscreens ("SPF"), antiperspirants, antiseptics, sanitizers and toothpastes hold actives of a
few kinds, as FDA's NDC products so named show. A botanical or food named in such a string
that none of those products holds is a scent or a marketing word: unread, never the product's
active.
"""

from __future__ import annotations

from typing import get_args

import pytest

import kratom_safety as ks
from kratom_safety._data import iter_dataset
from kratom_safety._text import ProductTypeWord


@pytest.mark.parametrize(
    "text",
    [
        "For Men Maca Root Energetic Face Protector SPF 15",  # UV filters, not maca
        "Black Pepper Antiperspirant Molton",  # an aluminium salt
        "Dickinsons Witch Hazel Antibacterial",  # benzethonium, not witch hazel
    ],
)
def test_a_substance_no_product_of_the_type_holds_is_not_its_active(text: str) -> None:
    assert ks.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hydrogen Peroxide First Aid Antiseptic", ("hydrogen peroxide",)),
        ("sunscreen, titanium dioxide 85 mg/g emulsion", ("titanium dioxide",)),
        ("lidocaine antiseptic spray", ("lidocaine",)),
        ("octinoxate, oxybenzone SPF 15 lotion", ("octinoxate", "oxybenzone")),
    ],
)
def test_an_active_of_the_type_is_read(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Re-Charge Black Pepper Antiperspirant Molton Brown",
            "aluminum zirconium tetrachlorohydrex gly",
        ),
        ("TN Dickinsons Witch Hazel Antibacterial", "benzethonium"),
    ],
)
def test_the_whole_product_name_is_read_as_its_product(text: str, expected: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == (expected,)


def test_a_substance_the_type_holds_beside_an_unread_brand_is_read() -> None:
    """One FDA substance among unread words is most often a scent; an active of the product
    type the string names is not."""
    m = ks.resolve("Coppertone SPF 30 oxybenzone 6%")
    assert m is not None and m.ingredients == ("oxybenzone",)
    assert set(m.unmatched) == {"coppertone", "spf"}


def test_the_same_substance_without_the_word_is_read() -> None:
    m = ks.resolve("witch hazel 86% liquid")
    assert m is not None and m.ingredients == ("witch hazel",)


def test_every_word_has_actives_from_fdas_products() -> None:
    """Versioned data (2026.11.8): each word of the vocabulary, with FDA's products' actives."""
    records = {rec.id: rec.actives for rec in iter_dataset("product_types")}
    assert set(records) == set(get_args(ProductTypeWord))
    assert {"avobenzone", "oxybenzone", "zinc oxide"} <= set(records["spf"])
    assert "aluminum chlorohydrate" in records["antiperspirant"]
    assert "sodium fluoride" in records["anticavity"]
    assert sum(len(a) for a in records.values()) == 178
