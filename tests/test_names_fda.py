"""Names from FDA's lists (issue 16): real words are not misspellings, names that products use
for something else are not taken blindly, long product names are read as written."""

from __future__ import annotations

import pytest

import kratom_safety as ks
from kratom_safety._data import iter_dataset


def _ingredients(text: str) -> tuple[str, ...] | None:
    m = ks.resolve(text)
    return None if m is None else m.ingredients


# Versioned data (2026.11.x): exact counts, so that an accidental loss is seen.
@pytest.mark.parametrize(
    ("dataset", "count"),
    [
        ("fda_substances", 17065),
        ("ndc_brands", 42040),
        ("known_words", 26),
        ("variable_names", 169),
        ("fda_prefixes", 1166),
        ("allergen_words", 155),
        ("allergen_names", 2595),
        ("product_types", 9),
        ("brand_routes", 1891),
    ],
)
def test_lazy_fda_dataset_counts(dataset: str, count: int) -> None:
    assert sum(1 for _ in iter_dataset(dataset)) == count


def test_known_words_are_real_words() -> None:
    words = {w for rec in iter_dataset("known_words") for w in rec.words}
    assert {"cedar", "creator", "cultivated", "tension"} <= words  # everyday English
    assert "suphedrine" in words  # a word of an FDA product name
    assert all(w.isascii() and w.isalpha() for w in words)
    # shorter words only where one of our names run together would give them
    assert {w for w in words if len(w) < 5} == {"lamb"}
    # a product name's misspelling of its own ingredient is not a word: it stays correctable
    assert "acetaminohpen" not in words


@pytest.mark.parametrize(
    "text",
    [
        "red cedar 1000 PNU/mL injection",  # cedar is not Cedax (ceftibuten)
        "Cultivated Oat Pollen",  # cultivated is not Cutivate (fluticasone)
        "Tension Headache Relief Aspirin Free",  # tension is not Tensilon
        "Suphedrine Maximum Strength",  # a product word, not ephedrine misspelt
        "ambient",
    ],
)
def test_real_words_are_never_spelling_corrected(text: str) -> None:
    m = ks.resolve(text)
    assert m is None or all(p.kind != "fuzzy" for p in m.parts), m


@pytest.mark.parametrize(
    ("text", "expected"),
    [("lamb 0.05 g/mL injection", ("lamb",)), ("lamb", None), ("retina 0.05% cream", None)],
)
def test_a_word_is_not_read_as_our_name_run_together(
    text: str, expected: tuple[str, ...] | None
) -> None:
    """Run together, "L-AmB" (amphotericin B) and "Retin-A" (tretinoin) are English words:
    "lamb" is the allergen extract in an extract's units, and nothing elsewhere."""
    m = ks.resolve(text)
    assert (m.ingredients if m else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("L-AmB 3 mg/kg", ("amphotericin b",)), ("Retin-A 0.05% cream", ("tretinoin",))],
)
def test_names_written_apart_are_still_read(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zolof", ("sertraline",)),
        ("xanex", ("alprazolam",)),
        ("lisinipril 10mg", ("lisinopril",)),
        ("acetaminohpen", ("acetaminophen",)),
        ("amoldipine", ("amlodipine",)),
    ],
)
def test_misspellings_are_still_corrected(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


def test_a_misspelt_salt_word_is_read_as_the_salt() -> None:
    m = ks.resolve("oxycodone hydrochoride 5 mg")
    assert m is not None and m.ingredients == ("oxycodone",) and m.unmatched == ()
    # as close to a salt word as to a drug: never the drug (Glucovance)
    assert _ingredients("chlorhexidine gluconante 1.2 mg/mL rinse") == ("chlorhexidine",)


def test_a_longer_fda_name_wins_over_our_last_word() -> None:
    # "benzyl" cut short is not benzylpenicillin; "benzyl alcohol" is one substance
    m = ks.resolve("benzyl alcohol, camphor, menthol spray")
    assert m is not None and "penicillin g" not in m.ingredients
    assert m.ingredients[0] == "benzyl alcohol" and m.parts[0].kind == "other_substance"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pink Grapefruit Acne Wash", None),  # a scent, not grapefruit juice
        # the product FDA lists under the whole name: not guaifenesin
        (
            "Childrens Mucinex Night Time Multi-Symptom Cold",
            ("acetaminophen", "diphenhydramine", "phenylephrine"),
        ),
        ("Childrens Mucinex Night Time Multi-Symptom Cold Berry", None),  # another member
        ("Careless Weed", ("amaranthus palmeri pollen",)),  # a pollen, not cannabis
        ("Fluconazole in Dextrose", ("fluconazole",)),  # the vehicle is not a drug
        ("Hetastarch in Sodium Chloride", ("hetastarch",)),
        # alone, or with nothing unread, the name is still taken
        ("grapefruit juice", ("grapefruit juice",)),
        ("take with grapefruit juice", ("grapefruit juice",)),
        ("Mucinex", ("guaifenesin",)),
        ("sodium chloride 0.9%", ("sodium chloride",)),
    ],
)
def test_names_products_use_for_something_else(text: str, expected: tuple[str, ...] | None) -> None:
    assert _ingredients(text) == expected


def test_variable_names_are_derived_from_product_names() -> None:
    names = {rec.id: rec for rec in iter_dataset("variable_names")}
    assert {"grapefruit", "mucinex", "weed", "dextrose"} <= set(names)
    assert "oxycodone" not in names and "sertraline" not in names
    for rec in names.values():
        assert rec.without_it <= rec.product_names
        assert rec.without_it >= 2 and rec.without_it >= 0.25 * rec.product_names


def test_long_product_names_are_read_as_written() -> None:
    m = ks.resolve("CeraVe Skin Renewing Day Cream with Broad Spectrum SPF 30 Sunscreen")
    assert m is not None and m.kind == "brand"
    assert m.ingredients == ("octinoxate", "zinc oxide")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sodium carbonate 30 C/mL liquid", "sodium carbonate"),  # salt words only
        ("menthol, unspecified form 440 mg patch", "menthol, unspecified form"),
    ],
)
def test_substances_named_with_salt_or_fda_qualifier_words(text: str, name: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == (name,) and m.kind == "other_substance"


@pytest.mark.parametrize("text", ["tromethamine", "hydrochloride 10 mg", "sodium 10 mg", "XR"])
def test_salt_or_suffix_words_alone_name_no_drug(text: str) -> None:
    assert ks.resolve(text) is None


@pytest.mark.parametrize("text", ["NyQuil", "DayQuil", "Theraflu", "Alka-Seltzer Plus"])
def test_otc_families_are_ambiguous_between_their_products(text: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ambiguous and m.ingredients == ()
    assert 2 <= len(m.alternatives) <= 6
    assert all(m.alternatives), "every reading names its ingredients"


def test_a_product_name_other_products_use_as_their_description_is_ambiguous() -> None:
    """The name "Antacid and Antigas" is one product's (aluminium and magnesium hydroxide)
    and other products' non-proprietary name (calcium carbonate): no one reading is taken."""
    m = ks.resolve("antacid and antigas 1000 mg / 60 mg tablet")
    assert m is not None and m.ambiguous and m.ingredients == ()
    assert ("calcium carbonate", "dimethicone, unspecified") in m.alternatives
    # a description made of its substances' own words is read word by word, as written
    assert set(_ingredients("menthol and methyl salicylate") or ()) == {
        "methyl salicylate",
        "menthol, unspecified form",
    }


@pytest.mark.parametrize(
    "text", ["Oxygen Compressed Gas", "Oxygen, Compressed U.S.P.", "nitrogen compressed"]
)
def test_a_medical_gas_is_read_with_its_state(text: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.unmatched == () and len(m.ingredients) == 1


def test_a_full_product_name_is_not_ambiguous() -> None:
    assert _ingredients("Vicks NyQuil Cold and Flu") == (
        "acetaminophen",
        "dextromethorphan",
        "doxylamine",
    )


def test_family_words_are_coined_words_not_companies() -> None:
    families = {r.id for r in iter_dataset("ndc_brands") if " " not in r.id}
    assert {"nyquil", "dayquil"} <= families
    assert "jafra" not in families and "walgreens" not in families


def test_fda_prefixes_say_where_every_longer_fda_name_goes_on() -> None:
    """The resolver skips FDA's lists when a string does not go on as one of FDA's longer
    names does; so for every first word it trusts, the prefixes must hold every second word
    FDA's lists have (a missing one would hide a product name)."""
    from kratom_safety._fda import other_substances
    from kratom_safety._index import get_index

    idx = get_index()
    following: dict[str, set[str]] = {}
    for name in other_substances().exact:
        first, _, rest = name.partition(" ")
        if rest:
            following.setdefault(first, set()).add(rest.split()[0])
    checked = 0
    for first, seconds in following.items():
        for second in seconds:
            assert idx.fda_may_go_on([first, second], 0), (first, second)
            checked += 1
    assert checked > 40000
    # and a string that does not go on so is known not to
    assert not idx.fda_may_go_on(["oxycodone", "5", "mg"], 0)
    assert idx.fda_may_go_on(["oxycodone", "and", "acetaminophen"], 0)


@pytest.mark.parametrize(
    "text", ["polyethylene glycol", "polyethylene glycol 17 g oral powder", "ALUMINUM ZIRCONIUM"]
)
def test_the_start_of_a_longer_fda_name_is_not_a_substance_alone(text: str) -> None:
    """FDA names polyethylene (the plastic) and polyethylene glycol 400, 1000...: a string that
    stops at "polyethylene glycol" names none of them, and never the plastic."""
    assert ks.resolve(text) is None


def test_a_one_word_fda_substance_alone_is_still_read() -> None:
    assert _ingredients("polyethylene") == ("high density polyethylene",)
    assert _ingredients("polyethylene glycol (MIRALAX) 17 gram packet") == (
        "polyethylene glycol 3350",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vitamine D3 1000 UI", ("cholecalciferol",)),  # "vitamin" as French lists write it
        ("vitamina c 500 mg", ("ascorbic acid",)),
        ("Vit K 10 mg", ("phytonadione",)),
        ("Vitamin K3", ("menadione",)),
        ("vitamin e 400", ("vitamin e",)),  # a dose, not a designator
        ("Vit K2", None),  # menaquinone, not vitamin K1
        ("Vitamin K2 100 mcg", None),
    ],
)
def test_vitamins_by_letter_and_number(text: str, expected: tuple[str, ...] | None) -> None:
    m = ks.resolve(text)
    assert (m.ingredients if m else None) == expected


def test_vitamin_b12_written_out_is_ambiguous_like_its_short_form() -> None:
    m = ks.resolve("Vitamin B-12 1000 mcg")
    assert m is not None and m.ambiguous
    assert m.alternatives == ks.resolve("Vit B12").alternatives  # type: ignore[union-attr]
