"""Salts and esters of our drugs are our drugs; a brand in FDA's UNII list is not read against
the NDC Directory's product line of that name; words of other substances' names are not
spelling-corrected into ours, nor are personal names (issue 16, data 2026.11.9)."""

from __future__ import annotations

import pytest

import kratom_safety as ks
from kratom_safety._data import iter_dataset
from kratom_safety._text import SALT_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lisdexamfetamine dimesylate 30 mg capsule", ("lisdexamfetamine",)),
        ("dextroamphetamine saccharate", ("dextroamphetamine",)),
        ("clorazepate dipotassium 7.5 mg", ("clorazepate",)),
        ("erythromycin lactobionate 500 mg injection", ("erythromycin",)),
        ("dabigatran etexilate 150 mg capsule", ("dabigatran",)),
        ("candesartan cilexetil 16 mg", ("candesartan",)),
        ("perindopril erbumine", ("perindopril",)),
        ("vilanterol trifenatate", ("vilanterol",)),
        ("testosterone undecanoate", ("testosterone",)),
        ("methenamine hippurate 1 g tablet", ("methenamine",)),
        ("miconazole nitrate 2% vaginal cream", ("miconazole",)),
        ("thiamine mononitrate", ("thiamine",)),
        ("azilsartan medoxomil monopotassium", ("azilsartan",)),
    ],
)
def test_a_salt_or_ester_of_our_drug_is_our_drug(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected and not m.unmatched
    assert m.kind != "other_substance"


def test_a_salt_of_our_drug_is_checked_against_kratom() -> None:
    # it was recognised but outside the clinical vocabulary: listed, never checked
    report = ks.check(["kratom", "clorazepate dipotassium 7.5 mg"])
    assert "clorazepate" in {f.ingredient for f in report.findings}
    assert report.outside_vocabulary == ()


def test_the_adderall_salts_are_its_two_drugs() -> None:
    m = ks.resolve(
        "Dextroamphetamine saccharate 1.25 MG / Amphetamine aspartate 1.25 MG / "
        "Dextroamphetamine Sulfate 1.25 MG / Amphetamine Sulfate 1.25 MG Oral Tablet [Adderall]"
    )
    assert m is not None and m.ingredients == ("dextroamphetamine", "amphetamine")


@pytest.mark.parametrize("word", ["dimesylate", "saccharate", "polistirex", "etexilate"])
def test_a_counter_ion_word_alone_names_no_drug(word: str) -> None:
    assert word in SALT_WORDS
    assert ks.resolve(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # FDA's list gives the brand to one product; the US products of that name hold more
        ("Naphcon-A", ("naphazoline", "pheniramine")),
        ("Hespan", ("hetastarch", "sodium chloride")),
    ],
)
def test_a_brand_reads_as_its_us_products_hold(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected


@pytest.mark.parametrize(
    ("text", "not_it"),
    [
        ("Vicks Formula 44", "diphenhydramine"),  # a line of cough products, mostly DM
        ("Protec", "lisofylline"),  # US products: menthol, or zinc oxide
        ("Brovex", "brompheniramine"),  # brompheniramine with DM and PE, or DM and PSE
        ("Selsun", "selenium sulfide"),  # the line holds salicylic acid, pyrithione zinc...
    ],
)
def test_a_brand_whose_product_line_differs_is_not_read_as_fdas_one_drug(
    text: str, not_it: str
) -> None:
    m = ks.resolve(text)
    assert m is None or m.ambiguous or not_it not in m.ingredients
    assert m is None or m.ingredients == ()


@pytest.mark.parametrize(
    ("text", "not_it"),
    [
        ("hyaluronidase (ovine) 200 USP units/mL", "malathion"),  # "ovine" is no Ovide
        ("ethylmorphine", "codeine"),  # not methylmorphine
        ("apatinib", "afatinib"),  # FDA's name for rivoceranib
        ("calciferol", "calcifediol"),  # vitamin D, not 25-hydroxyvitamin D3
        ("coltuximab ravtansine", "cetuximab"),
    ],
)
def test_a_word_of_another_substances_name_is_not_corrected_into_ours(
    text: str, not_it: str
) -> None:
    """Words of FDA's names of substances that are not ours (data 2026.11.9)."""
    m = ks.resolve(text)
    assert m is None or not_it not in m.ingredients
    assert m is None or all(p.kind != "fuzzy" for p in m.parts)


def test_the_words_of_other_substances_names_are_known_words() -> None:
    words = {w for rec in iter_dataset("known_words") for w in rec.words}
    assert {"ovine", "ethylmorphine", "apatinib", "coltuximab"} <= words
    # a word of a name of ours, or a misspelling seen in one other name only, stays correctable
    assert not {"cyclosporin", "fentany", "clorazepat"} & words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cyclosporin", ("cyclosporine",)),
        ("fentany", ("fentanyl",)),
        ("CLORAZEPAT DIPOT 7.5MG TAB", ("clorazepate",)),
        ("pancreatin 100 mg", ("pancrelipase",)),  # FDA's USP name of pancrelipase
    ],
)
def test_our_names_written_otherwise_are_still_read(text: str, expected: tuple[str, ...]) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == expected


@pytest.mark.parametrize("text", ["Linda", "per Dr. Ramos", "Ramos pharmacy"])
def test_a_personal_name_is_not_corrected_into_a_drug(text: str) -> None:
    """Census first names and surnames are known words: "Linda" is no Clinda
    (clindamycin), "Ramos" no Rayos (prednisone)."""
    m = ks.resolve(text)
    assert m is None or all(p.kind != "fuzzy" for p in m.parts), m
    words = {w for rec in iter_dataset("known_words") for w in rec.words}
    assert {"linda", "ramos"} <= words
