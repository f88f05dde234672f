"""Real product strings that once came back as a different drug (issue 16, data 2026.11.4).

Each case is a mechanism, not a string: a flavour or scent named like a substance, a short form
run into an unknown word, a two-slip correction across the first letter, a product line, a
diluent. The positive cases beside them show the rule does not lose the drug when it is named.
"""

from __future__ import annotations

import pytest

import kratom_safety as ks
from kratom_safety._data import iter_dataset


def _ingredients(text: str) -> tuple[str, ...] | None:
    m = ks.resolve(text)
    return None if m is None else m.ingredients


@pytest.mark.parametrize(
    "text",
    [
        "Brightsmile Fluorides Wild Cherry",  # a flavour of a fluoride rinse
        "Suave Clinical Protection Wild Cherry Blossom Antiperspirant",
        "GLOWBRIGHT GREEN TEA SEED SERUM",
        "Antibacterial Hand Sanitizer with Vitamine E",  # "vitamin e" run together
        "STERILE DILUENT FOR REMODULIN 1ML/ML INJ",  # the liquid, not treprostinil
        "NephroMine",  # slips and another first letter from mepyramine
    ],
)
def test_no_drug_the_product_does_not_hold(text: str) -> None:
    assert _ingredients(text) is None


def test_a_flavour_beside_a_named_product_is_left_unread() -> None:
    m = ks.resolve("Cultivated Rye Pollen")
    assert m is not None and "bee pollen" not in m.ingredients
    assert "pollen" in m.unmatched


def test_a_short_form_run_into_an_unknown_word_is_not_the_drug() -> None:
    m = ks.resolve("asa foetida, ignatia amara")
    assert m is not None and "aspirin" not in m.ingredients
    assert "asa" in m.unmatched
    assert "amphotericin b" not in (_ingredients("lamb quarters 0.05 g/mL injection") or ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASA 81 mg", ("aspirin",)),
        ("ASA EC 81mg daily", ("aspirin",)),
        ("APAP codeine", ("acetaminophen", "codeine")),
        ("Vitamin E 400 IU", ("vitamin e",)),
        ("wild cherry bark syrup", ("prunus serotina bark",)),
        ("green tea extract capsule", ("green tea leaf",)),
        (
            "glycerin, menthol 9.01 g/100g / 0.4 g/100g gel",
            ("glycerin", "menthol, unspecified form"),
        ),
        ("bee pollen 500 mg", ("bee pollen",)),
        ("Remodulin", ("treprostinil",)),
        ("sertralien", ("sertraline",)),
        ("clonazapam", ("clonazepam",)),
    ],
)
def test_the_drug_is_still_read_when_it_is_named(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


def test_flavour_names_are_counted_from_product_names() -> None:
    names = {rec.id for rec in iter_dataset("variable_names")}
    assert {"wild cherry", "green tea", "pollen", "cocoa butter"} <= names
    assert "bee pollen" not in names and "benzyl alcohol" not in names


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("CANDIDA PARAPSILOSIS 3[HP_X]/30G OINT", "isoniazid"),  # a potency unit, not 3HP
        ("COUNTRY GENT 1.88MG/G PWD", "gentamicin"),
        ("malt 0.1 g/mL injection", "n-methyl-n-allyltryptamine"),
        ("atorvastatin calcium propylene glycol solvate 10 mg tablet", "propylene glycol"),
        ("CLINDAMYCIN IN 5 PERCENT DEXTROSE 12MG/ML INJ", "glucose"),
        ("bivalirudin in 0.9% sodium chloride injection", "sodium chloride"),
    ],
)
def test_a_word_that_is_part_of_something_else_is_not_a_drug(text: str, absent: str) -> None:
    assert absent not in (_ingredients(text) or ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3HP", ("isoniazid", "rifapentine")),
        ("Gent 80 mg IV q8h", ("gentamicin",)),
        ("propylene glycol", ("propylene glycol",)),
        ("Dextrose 5% in water", ("glucose",)),
        ("CLINDAMYCIN IN 5 PERCENT DEXTROSE 12MG/ML INJ", ("clindamycin",)),
    ],
)
def test_the_same_words_read_where_they_name_the_drug(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zohydro 20 mg", ("hydrocodone",)),  # Zohydro ER written without its marker
        ("Xtampza 9 mg", ("oxycodone",)),
        ("KARBINAL 4MG/5ML SUSP ER", ("carbinoxamine",)),
        ("ZOHYDRO ER 10MG CAP", ("hydrocodone",)),
    ],
)
def test_a_brand_is_read_without_its_release_marker(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


def test_a_short_or_shared_stem_is_not_a_brand() -> None:
    assert ks.resolve("cab") is None  # CAB-LA: three letters, an English word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mag sulfate 2 g IV x1", ("magnesium sulfate",)),
        ("Coumadin per INR clinic", ("warfarin",)),
    ],
)
def test_ehr_short_forms_and_note_words(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected and m.unmatched == ()


def test_an_alcohol_prep_pad_is_not_read_as_drinking_alcohol() -> None:
    assert "alcohol" not in (_ingredients("Alcohol Prep Pad with Benzocaine") or ())


def test_a_longer_product_name_read_as_written_wins() -> None:
    # "Ibuprofen PM" holds diphenhydramine as well; a product line of Vicks Formula 44 is not
    # the diphenhydramine that FDA's list gives for the bare brand
    assert _ingredients("Ibuprofen PM") == ("diphenhydramine", "ibuprofen")
    m = ks.resolve("Vicks Formula 44 VapoCool Severe Nighttime Cough and Cold")
    assert m is None or "diphenhydramine" not in m.ingredients


@pytest.mark.parametrize(
    "text",
    [
        "Excedrin Aspirin Free",  # the brand's usual formula holds aspirin
        "Aspirin Free Excedrin",
        "Appeal Non-Alcohol Foaming Hand Sanitizer",  # a product name that starts "alcohol"
    ],
)
def test_a_drug_the_string_says_is_absent_is_never_returned(text: str) -> None:
    m = ks.resolve(text)
    assert m is None or not {"aspirin", "alcohol"} & set(m.ingredients)


def test_absence_leaves_other_drugs_read() -> None:
    assert _ingredients("Tylenol Aspirin Free 500 mg") == ("acetaminophen",)
    assert _ingredients("non-aspirin pain reliever") is None


def test_two_product_names_that_differ_make_the_string_ambiguous() -> None:
    m = ks.resolve("Multi Symptom Severe Cold Nighttime Severe Cold and Flu")
    assert m is not None and m.ambiguous and m.ingredients == ()
    readings = {frozenset(r) for r in m.alternatives}
    assert readings == {
        frozenset({"acetaminophen", "dextromethorphan", "doxylamine", "phenylephrine"}),
        frozenset({"acetaminophen", "diphenhydramine", "phenylephrine"}),
    }
    # one product name alone is read as that product
    assert _ingredients("Multi Symptom Severe Cold") == (
        "acetaminophen",
        "diphenhydramine",
        "phenylephrine",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "benzocaine, isopropyl alcohol 60 mg/mL / 0.6 mL/mL swab",
            ("benzocaine", "isopropyl alcohol"),
        ),
        ("CLINDAMYCIN PHOSPHATE 10MG SWAB", ("clindamycin",)),
        ("POVIDONE IODINE 0.1MG/ML SWAB", ("povidone-iodine",)),
        ("Isopropyl Alcohol Swabs", ("isopropyl alcohol",)),
        ("isopropyl alcohol prep pad", ("isopropyl alcohol",)),
    ],
)
def test_the_drug_on_a_swab_or_pad_is_read(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected and m.unmatched == ()


@pytest.mark.parametrize(
    "text", ["alcohol swabs", "alcohol pad", "alcohol 0.7 mL/mL swab", "Alcohol Prep Pad"]
)
def test_bare_alcohol_on_a_swab_or_pad_is_not_drinking_alcohol(text: str) -> None:
    m = ks.resolve(text)
    assert m is None or "alcohol" not in m.ingredients


def test_a_product_name_that_starts_with_a_substance_is_read_as_the_product() -> None:
    # the grass's pollen (the product), not the whole plant its first words name
    assert _ingredients("Sweet Vernal Grass, Standardized") == ("anthoxanthum odoratum pollen",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("camphor 3 g/100g plaster", ("camphor",)),
        ("MENTHOL, CAMPHOR 5-5G/100G GEL", ("menthol, unspecified form", "camphor")),
        ("camphor (synthetic) 0.062 g/mL liquid", ("camphor (synthetic)",)),
        (
            "CAMPHOR (NATURAL), MENTHOL 60-160MG/ML LOT",
            ("camphor (natural)", "menthol, unspecified form"),
        ),
    ],
)
def test_camphor_in_either_form_is_read(text: str, expected: tuple[str, ...]) -> None:
    # a name two forms share ("camphor") and each form's own bracketed name
    assert _ingredients(text) == expected


def test_a_shared_form_name_has_its_own_record_with_a_pharmacopoeial_unii() -> None:
    rec = next(r for r in iter_dataset("fda_substances") if r.id == "camphor")
    assert rec.unii == "N20HL7Q941" and rec.names == ("camphor",)


def test_named_substances_beside_a_product_line_are_read() -> None:
    m = ks.resolve("ChapIce Camphor Phenol Ointment")
    assert m is not None and m.ingredients == ("camphor", "phenol") and "chapice" in m.unmatched
    # a name product names use for something else keeps the whole string ambiguous or unread
    m = ks.resolve("AmeriDerm Vitamin A D")
    assert m is None or "vitamin a" not in m.ingredients


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("avena sativa pollen 1 g/20mL injection", "avena sativa flowering top"),
        ("ROBINIA PSEUDOACACIA POLLEN 1G/20ML INJ", "robinia pseudoacacia bark"),
        ("atractylodes japonica root oil 0.05 mL/100mL cream", "atractylodes lancea root"),
    ],
)
def test_a_plant_part_other_than_the_one_written_is_not_returned(text: str, absent: str) -> None:
    m = ks.resolve(text)
    assert m is None or absent not in m.ingredients


def test_the_plant_part_written_is_still_read() -> None:
    assert _ingredients("calendula officinalis flower") == ("calendula officinalis flower",)
    assert _ingredients("avena sativa 6X") == ("avena sativa flowering top",)
    # alone, the name is also that of FDA's allergen products of oat pollen: either
    m = ks.resolve("avena sativa")
    assert m is not None and m.ambiguous
    assert {("avena sativa flowering top",), ("avena sativa pollen",)} <= set(m.alternatives)


def test_a_product_line_member_for_other_patients_is_not_the_adult_product() -> None:
    assert _ingredients("Tylenol Cold Plus Flu") == (
        "acetaminophen",
        "dextromethorphan",
        "guaifenesin",
        "phenylephrine",
    )
    m = ks.resolve("Childrens TYLENOL COLD Plus FLU")
    assert m is None or "guaifenesin" not in m.ingredients
    # a brand of ours names the drug whoever it is for
    assert _ingredients("Childrens Motrin") == ("ibuprofen",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Magnesium Sulfate in 5% Dextrose", ("magnesium sulfate",)),
        ("Hetastarch in Sodium Chloride", ("hetastarch",)),
        ("HAND SANITIZER WITH MOISTURIZERS AND VITAMIN E", ("alcohol",)),
        ("dextrose 5% in water", ("glucose",)),
    ],
)
def test_a_vehicle_or_an_additive_is_not_an_active(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tenofovir disoproxil fumarate", ("tenofovir disoproxil",)),
        ("TENOFOVIR ALAFENAMIDE FUMARATE 25MG TAB", ("tenofovir alafenamide",)),
        ("magnesium sulfate anhydrous", ("magnesium sulfate",)),
    ],
)
def test_a_salt_of_ours_named_by_fda_is_ours(text: str, expected: tuple[str, ...]) -> None:
    # the name less its trailing salt word is one of ours: never FDA's bare moiety instead
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected and m.kind == "generic"


def test_a_vehicle_or_additive_set_aside_is_still_listed_as_unread() -> None:
    # never silent: what is not read as an active stays in the coverage as not checked
    m = ks.resolve("aspirin with vitamin c")
    assert m is not None and m.ingredients == ("aspirin",) and m.unmatched == ("vitamin c",)
    m = ks.resolve("Magnesium Sulfate 4 g in Dextrose")
    assert m is not None and m.unmatched == ("dextrose",)
    assert ks.check(["aspirin with vitamin c"]).coverage == "partial"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("THC vape", ("tetrahydrocannabinol",)),
        ("CBD vape", ("cannabidiol",)),
        ("cannabis cigarette", ("cannabis",)),
        ("kratom vape", ("kratom",)),
    ],
)
def test_a_vape_or_cigarette_beside_another_drug_is_its_form_not_nicotine(
    text: str, expected: tuple[str, ...]
) -> None:
    """Alone, "vape" stands for nicotine; beside a named drug it is the form that drug is taken
    in. It stays listed as unread: the string does not say whether it also holds nicotine."""
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected
    assert m.unmatched == (text.split()[-1].lower(),)


@pytest.mark.parametrize("text", ["vape", "vaping daily", "cigarettes 1 ppd", "nicotine vape"])
def test_a_vape_or_cigarette_alone_is_nicotine(text: str) -> None:
    assert _ingredients(text) == ("nicotine",)


def test_a_whole_string_that_is_an_fda_product_name_is_that_product() -> None:
    """Written from a word we cannot read, the whole name is looked up as written: not its
    one drug name among unread words (which alone is most often a scent)."""
    m = ks.resolve("Purell Alcohol Formulation")
    assert m is not None and m.ingredients == ("alcohol",) and m.kind == "brand"
    # followed by more words, a product name may be another member of its line: not read so
    m = ks.resolve("Purell Alcohol Formulation Aloe Kids")
    assert m is None or m.kind != "brand"


@pytest.mark.parametrize(
    "text",
    [
        "Claritin Eye",  # ketotifen eye drops, not loratadine
        "Zyrtec Itchy Eye Drops",  # ketotifen, not cetirizine
        "Mucinex nasal spray",  # oxymetazoline, not guaifenesin
        "Sudafed nasal spray",
    ],
)
def test_a_brand_named_with_a_route_none_of_its_products_take_is_not_its_drug(text: str) -> None:
    """A route none of the brand's FDA products that hold its drug is given by: another
    member of the line. Left unread rather than read as the brand's usual drug."""
    m = ks.resolve(text)
    assert m is None or not m.ingredients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Imitrex nasal spray", ("sumatriptan",)),  # the brand's own nasal spray
        ("Flonase nasal spray", ("fluticasone",)),
        ("Restasis 0.05% both eyes", ("cyclosporine",)),
        ("cetirizine eye drops", ("cetirizine",)),  # a drug named as itself is read
        ("Zyrtec 10 mg", ("cetirizine",)),
    ],
)
def test_a_brand_with_its_own_route_is_read(text: str, expected: tuple[str, ...]) -> None:
    assert _ingredients(text) == expected
