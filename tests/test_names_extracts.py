"""Allergen extracts, homeopathic stocks and biologics named as FDA's NDC Directory names its
products' active ingredients (issue 16, data 2026.11.6).

Each case is a mechanism: a substance named as a listed product's active ingredient is read as
itself; a plant injected or measured in allergy units is its pollen; one everyday word is not
taken for a substance; a form of one of ours stays ours.
"""

from __future__ import annotations

import pytest

import kratom_safety as ks


def _read(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    m = ks.resolve(text)
    return None if m is None else (m.ingredients, m.unmatched)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quercus macrocarpa pollen 1 g/20mL injection", "quercus macrocarpa pollen"),
        (
            "dermatophagoides pteronyssinus 30000 AU/mL concentrate",
            "dermatophagoides pteronyssinus",
        ),
        # the immune globulin, not the virus its name starts with
        (
            "human rabies virus immune globulin 150 IU/mL injection",
            "human rabies virus immune globulin",
        ),
    ],
)
def test_an_active_ingredient_of_a_listed_product_is_read_as_itself(
    text: str, expected: str
) -> None:
    assert _read(text) == ((expected,), ())


@pytest.mark.parametrize(
    "text",
    [
        "Phleum pratense 10000 BAU/mL",
        "PHLEUM PRATENSE 10000BAU/ML SOLN",
        "phleum pratense 0.05 g/mL solution",
        "phleum pratense 1 g/20mL injection",
    ],
)
def test_a_plant_injected_or_in_allergy_units_is_its_pollen(text: str) -> None:
    assert _read(text) == (("phleum pratense pollen",), ())


@pytest.mark.parametrize("text", ["COFFEE 0.05G/ML SOLN", "coffee 0.05 g/mL injection"])
def test_our_name_for_a_plant_in_allergy_units_is_not_our_drug(text: str) -> None:
    """An extract of coffee beans is not caffeine: left unread."""
    assert ks.resolve(text) is None


def test_an_allergen_extract_named_as_its_products_are_is_what_they_hold() -> None:
    """FDA's products named "Leaf Tobacco" are an extract of the leaf: not nicotine."""
    assert _read("LEAF TOBACCO 0.1G/ML INJ") == (("tobacco leaf",), ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coffee 2 cups daily", "caffeine"),
        ("tobacco 1 pack daily", "nicotine"),
        ("caffeine 0.05 g/mL", "caffeine"),  # the drug named as itself
        ("coffee 100 mg/mL injection", "caffeine"),  # an injection alone is no allergen
    ],
)
def test_our_name_for_a_plant_elsewhere_is_our_drug(text: str, expected: str) -> None:
    assert _read(text) == ((expected,), ())


def test_the_same_plant_elsewhere_is_fdas_whole_plant() -> None:
    # the rule is about the extract context, not about the name
    assert _read("phleum pratense 6 X pellet") == (("phleum pratense whole",), ())


def test_a_common_name_in_allergy_units_is_its_pollen() -> None:
    # FDA's "yellow dock" is the root; its pollen has a name of its own
    assert _read("yellow dock 20000 PNU/mL injection") == (("rumex crispus pollen",), ())


def test_a_plant_part_with_no_pollen_in_the_list_is_left_unread_in_an_injection() -> None:
    m = ks.resolve("arnica montana 1 g/mL injection")
    assert m is None or "arnica montana whole" not in m.ingredients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dermatophagoides farinae 10000 AU/mL", "dermatophagoides farinae"),  # a mite
    ],
)
def test_a_name_without_a_part_stays_in_an_extract(text: str, expected: str) -> None:
    assert _read(text) == ((expected,), ())


def test_a_part_the_name_does_not_hold_is_not_that_substance() -> None:
    # FDA's "white mulberry" names no part; its pollen is another substance
    m = ks.resolve("white mulberry pollen")
    assert m is None or "white mulberry" not in m.ingredients


@pytest.mark.parametrize("text", ["Oatmeal", "VANILLA", "magnesium hydrogen phosphate"])
def test_one_everyday_word_is_not_taken_for_a_listed_substance(text: str) -> None:
    m = ks.resolve(text)
    assert m is None or not {"oatmeal", "vanilla", "hydrogen"} & set(m.ingredients)


def test_a_solvate_of_ours_stays_ours() -> None:
    m = ks.resolve("atorvastatin calcium propylene glycol solvate 10 mg tablet")
    assert m is not None and m.ingredients == ("atorvastatin",)


@pytest.mark.parametrize("text", ["Standardized Bermuda Grass", "Bermuda Grass, Standardized"])
def test_a_standardized_extract_of_a_grass_is_its_pollen(text: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == ("cynodon dactylon pollen",)


@pytest.mark.parametrize(
    ("text", "product", "scent"),
    [
        (
            "Dial Complete Antibacterial Foaming Hand Wash Vitamin E",
            ("triclosan",),
            "vitamin e",
        ),
        (
            "Oil-Free Foaming Acne Wash Facial Cleanser Grapefruit",
            ("salicylic acid",),
            "grapefruit",
        ),
    ],
)
def test_a_scent_after_a_product_name_is_listed_unread(
    text: str, product: tuple[str, ...], scent: str
) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == product
    assert scent in m.unmatched  # never silent: the check's coverage names it


def test_a_name_before_a_product_name_in_a_list_stays() -> None:
    m = ks.resolve("petrolatum, menthol, unspecified form, camphor (synthetic), and phenol paste")
    assert m is not None and "menthol, unspecified form" in m.ingredients


@pytest.mark.parametrize(
    ("text", "expected", "not_this"),
    [
        ("Isocaine 3% injection", ("mepivacaine",), "isobutamben"),  # a US mepivacaine
        ("Trimol", ("ichthammol",), "piroheptine"),
        ("Thyrolar", ("levothyroxine", "liothyronine"), "liotrix"),
    ],
)
def test_a_brand_a_listed_us_product_carries_names_that_product(
    text: str, expected: tuple[str, ...], not_this: str
) -> None:
    # FDA's UNII list gives these brand names to other substances (foreign or old brands)
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected and not_this not in m.ingredients


def test_a_salt_named_otherwise_is_no_disagreement() -> None:
    assert _read("Pentam 300") == (("pentamidine",), ())


def test_a_substance_after_in_after_a_drug_is_its_vehicle_listed_unread() -> None:
    m = ks.resolve("sodium ferric gluconate complex 62.5 mg in sucrose")
    assert m is not None and m.ingredients == ("sodium ferric gluconate complex",)
    assert m.unmatched == ("sucrose",)


def test_a_substance_named_first_is_no_vehicle() -> None:
    m = ks.resolve("sucrose in water")
    assert m is not None and m.ingredients == ("sucrose",)


def test_a_plasma_derivative_named_by_its_brand_is_read() -> None:
    # product names of every product type in the NDC Directory, not only drugs
    assert _read("GAMMAKED") == (("human immunoglobulin g",), ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # FDA's name with a qualifier after a comma, read whole
        (
            "oyster shell calcium carbonate, crude 15 C pellet",
            ("oyster shell calcium carbonate, crude",),
        ),
        ("coffea arabica seed, roasted 30 C pellet", ("coffea arabica seed, roasted",)),
        # ours with a qualifier stays ours
        ("dextrose, unspecified form 5 g/100mL injection", ("glucose",)),
        ("vasopressin, unspecified 20 units/mL injection", ("vasopressin",)),
    ],
)
def test_a_name_with_a_qualifier_after_a_comma(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected


@pytest.mark.parametrize(("text", "expected"), [("zinc 50 mg", "zinc"), ("iron 65 mg", "iron")])
def test_an_element_named_alone_is_recognised(text: str, expected: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == (expected,) and m.kind == "other_substance"


def test_a_drug_name_that_starts_a_longer_name_of_ours_is_not_another_substance() -> None:
    # "isosorbide" alone is isosorbide mononitrate or dinitrate, not FDA's diuretic isosorbide
    m = ks.resolve("isosorbide 30 mg")
    assert m is None or "isosorbide" not in m.ingredients


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        ("Bermuda Grass Smut 0.05 g/mL injection", "cynodon dactylon pollen"),  # a fungus
        ("House Dust Mite, Dermatophagoides pteronyssinus", "house dust"),  # a mite
    ],
)
def test_an_organism_living_on_a_plant_or_material_is_not_it(text: str, not_this: str) -> None:
    m = ks.resolve(text)
    assert m is None or not_this not in m.ingredients


def test_a_name_shared_with_hydrates_names_the_substance_fda_displays_so() -> None:
    m = ks.resolve("sodium acetate 2 mEq/mL injection")
    assert m is not None and m.ingredients == ("sodium acetate",)


@pytest.mark.parametrize("text", ["Lime", "pine needle oil"])
def test_a_bare_name_fda_qualifies_for_different_substances_is_not_read(text: str) -> None:
    """FDA displays "LIME (CALCIUM OXIDE)" and "LIME (CITRUS)", "PINE NEEDLE OIL (PINUS
    MUGO)" and "(PINUS SYLVESTRIS)": the bare name is either, so it names neither."""
    assert ks.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("calcium oxide", "lime (calcium oxide)"),
        ("dwarf pine needle oil", "pine needle oil (pinus mugo)"),
        ("camphor", "camphor"),  # natural or synthetic: two forms of one substance
    ],
)
def test_the_qualified_substances_are_still_read_by_their_names(text: str, expected: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == (expected,)


def test_a_hydrate_written_is_not_another_hydrate() -> None:
    m = ks.resolve("anhydrous citric acid, aspirin, sodium bicarbonate 1000 mg / 325 mg / 1916 mg")
    assert m is not None and "citric acid monohydrate" not in m.ingredients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clematis vitalba, flos", ("clematis vitalba flower",)),
        ("gentianella amarella, flos 6 X/mL liquid", ("gentianella amarella flower",)),
        ("arnica montana, radix 6 X/59mL liquid", ("arnica montana root",)),
    ],
)
def test_a_latin_part_after_a_plant_is_that_part(text: str, expected: tuple[str, ...]) -> None:
    """Flower essences and homeopathic stocks write the part in Latin after the plant: the
    plant's flower or root, not FDA's name of the plant without a part (its top, or whole)."""
    assert _read(text) == (expected, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SWORDFISH 0.05G/ML INJ", "swordfish"),  # a food FDA lists as an active ingredient
        ("turkey 1 g/20mL injection", "turkey"),
        # FDA names the plant only with its pollen
        ("artemisia tridentata 0.001 g/mL solution", "artemisia tridentata pollen"),
    ],
)
def test_an_unread_name_in_an_extract_is_its_food_or_pollen(text: str, expected: str) -> None:
    assert _read(text) == ((expected,), ())


@pytest.mark.parametrize("text", ["banana", "Turkey sandwich", "artemisia tridentata"])
def test_the_same_words_elsewhere_are_unread(text: str) -> None:
    assert ks.resolve(text) is None


@pytest.mark.parametrize(
    "text", ["ALEPPO MILLETGRASS 20000PNU/ML INJ", "alkali blite 0.05 g/mL injection"]
)
def test_a_common_name_fda_gives_one_species_pollen_is_not_read_alone(text: str) -> None:
    """A common name FDA's list gives to one species' pollen, and no product carries, may be
    written for another species: not read."""
    assert ks.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # FDA's "linden pollen" is Tilia cordata; US "Linden" extracts are Tilia americana
        ("LINDEN 20000PNU/ML INJ", "tilia americana pollen"),
        ("CHINESE ELM 0.05G/ML INJ", "ulmus pumila pollen"),
        ("beech 1000 PNU/mL injection", "fagus grandifolia pollen"),
        # FDA's "wormwood" is the herb, "mint" the plant; the extracts are pollen, spearmint
        ("WORMWOOD 40000PNU/ML INJ", "artemisia absinthium pollen"),
        ("mint 0.05 g/mL injection", "spearmint"),
        ("Standardized Cat Pelt", "felis catus dander"),  # not the skin
        ("walnut black pollen 0.1 g/mL injection", "juglans nigra pollen"),
        ("SMUT, BERMUDA GRASS 0.05G/ML INJ", "ustilago cynodontis"),  # the fungus
    ],
)
def test_a_name_fdas_allergen_products_carry_is_what_they_hold(text: str, expected: str) -> None:
    assert _read(text) == ((expected,), ())


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("black walnut 0.05 g/mL injection", {("black walnut",), ("juglans nigra pollen",)}),
        ("english walnut 1 g/20mL injection", {("english walnut",), ("juglans regia pollen",)}),
        # a bare name FDA's list gives to one substance and its allergen products to another
        ("Yellow Dock", {("rumex crispus root",), ("rumex crispus pollen",)}),
        ("black walnut", {("black walnut",), ("juglans nigra pollen",)}),
    ],
)
def test_an_allergen_name_whose_products_differ_is_ambiguous(
    text: str, readings: set[tuple[str, ...]]
) -> None:
    """FDA's products named "Black Walnut" are the nut's extract or the pollen's: no guess.
    FDA's substance list names the root "yellow dock"; its products so named are pollen."""
    m = ks.resolve(text)
    assert m is not None and m.ambiguous and m.ingredients == ()
    assert set(m.alternatives) == readings


@pytest.mark.parametrize("text", ["Beech", "beech 1000 PNU/mL injection and lidocaine"])
def test_an_allergen_name_outside_an_extract_or_beside_more_is_not_read_so(text: str) -> None:
    m = ks.resolve(text)
    assert m is None or "fagus grandifolia pollen" not in m.ingredients


def test_a_food_with_a_pollen_of_the_same_name_is_ambiguous() -> None:
    """ "Hemp" in an extract is the plant or its pollen: both readings, no guess."""
    m = ks.resolve("HEMP 0.05G/ML INJ")
    assert m is not None and m.ambiguous and m.ingredients == ()
    assert set(m.alternatives) == {("hemp",), ("cannabis sativa pollen",)}


@pytest.mark.parametrize("text", ["SMUT, BAHIA GRASS 6 X", "Bahia Grass Smut"])
def test_an_organism_on_a_plant_is_not_the_plant(text: str) -> None:
    """A smut is a fungus on the grass, written before the grass or after it."""
    assert ks.resolve(text) is None


def test_an_organism_named_after_its_kind_is_itself() -> None:
    assert _read("MITE, DERMATOPHAGOIDES FARINAE 10000 AU/mL") == (
        ("dermatophagoides farinae",),
        (),
    )


def test_a_plain_latin_name_in_allergy_units_is_the_pollen_fda_names_so() -> None:
    """FDA names the pollen "taraxacum officinale pollen" itself."""
    assert _read("taraxacum officinale 1000 PNU/mL solution") == (
        ("taraxacum officinale pollen",),
        (),
    )


def test_a_potency_says_which_of_a_bare_names_readings() -> None:
    """Alone, "Yellow Dock" is FDA's root or its products' pollen (see above); "6X" is no
    pollen extract."""
    assert _read("Yellow Dock 6X pellets") == (("rumex crispus root",), ())
