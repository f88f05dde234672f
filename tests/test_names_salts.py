"""Salts and esters of our drugs are our drugs, and a brand in FDA's UNII list is not read
against the NDC Directory's product line of that name (issue 16, data 2026.11.9)."""

from __future__ import annotations

import pytest

import kratom_safety as ks
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
