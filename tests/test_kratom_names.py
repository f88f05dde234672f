"""Kratom product names as people write them (issue 16, item 8): each cited, none a guess.

"Feel Free Classic Tonic" is named as a liquid blend of kava and kratom in a Cureus trial
(reference ``kava_kratom_blend_safety_cureus``). "Feel Free" alone is ordinary English and is
deliberately not a name: only the product's fuller names are.
"""

from __future__ import annotations

import json

import pytest

import kratom_safety as ks

from ._paths import REPO

KRATOM_SUBSTANCES = frozenset({"kratom", "mitragynine", "7-hydroxymitragynine"})
KRATOM_RELATED = KRATOM_SUBSTANCES | {"kava"}
FEEL_FREE_REF = "kava_kratom_blend_safety_cureus"

# The name as the source gives it, the shorter names of the same product, and each as it
# is written in a medication list (a strength, a serving, "shot", a hyphen, capitals).
FEEL_FREE = [
    ("Feel Free Classic Tonic", "Feel Free Classic Tonic"),
    ("Feel Free Classic Tonic 2 oz", "Feel Free Classic Tonic"),
    ("feel free classic tonic 1 bottle", "Feel Free Classic Tonic"),
    ("Feel Free tonic", "Feel Free Tonic"),
    ("Feel Free tonic, 1 shot daily", "Feel Free Tonic"),
    ("Feel-Free Tonic", "Feel Free Tonic"),
    ("feel free tonic qd", "Feel Free Tonic"),
    ("Feel Free Classic", "Feel Free Classic"),
    ("FEEL FREE CLASSIC", "Feel Free Classic"),
    ("Feel Free Classic, half a bottle", "Feel Free Classic"),
]

# Strings with the same ordinary words that are not the product.
NOT_FEEL_FREE = [
    "feel free",
    "Feel free",
    "feel free to call",
    "Feel free to call the clinic",
    "feel free to take as needed",
    "Feel free to ask",
    "feel free to contact us with questions",
    "feel freely",
    "Feels free",
    "feel fine",
    "feel classic",
    "Feel tonic",
    "feel better tonic",
    "free",
    "free tonic",
    "free classic",
    "Free T4",
    "free radical",
    "fever free",
    "caffeine free",
    "sugar free cough syrup",
    "fragrance free lotion",
    "classic",
    "Classic Cola",
    "classic tonic",
    "tonic",
    "tonic water",
    "hair tonic",
    "tonic clonic seizure",
    "tonic-clonic",
]


@pytest.mark.parametrize(("text", "name"), FEEL_FREE)
def test_feel_free_resolves_to_kratom_and_kava(text: str, name: str) -> None:
    m = ks.resolve(text)
    assert m is not None, text
    assert (m.name, m.kind) == (name, "brand")
    assert set(m.ingredients) == {"kratom", "kava"}
    assert not m.ambiguous and m.unmatched == ()


@pytest.mark.parametrize("text", NOT_FEEL_FREE)
def test_the_ordinary_words_are_not_the_product(text: str) -> None:
    assert ks.resolve(text) is None, text


def test_gin_and_tonic_is_alcohol_not_kratom() -> None:
    m = ks.resolve("gin and tonic")
    assert m is not None and not set(m.ingredients) & KRATOM_RELATED


def test_check_counts_feel_free_as_kratom_in_the_list() -> None:
    report = ks.check(["Feel Free tonic", "oxycodone"])
    assert report.substances_detected_in_list == ("kratom",)
    assert report.coverage == "complete"
    assert [r.status for r in report.inputs] == ["matched", "matched"]
    # both of the product's substances are checked: its kava is a finding of its own
    assert {"kava", "oxycodone"} <= {f.ingredient for f in report.findings}


def test_feel_free_alone_in_a_list_is_kratom_and_kava() -> None:
    report = ks.check(["Feel Free Classic Tonic 2 oz"])
    assert report.substances_detected_in_list == ("kratom",)
    assert "kava" in {f.ingredient for f in report.findings}


def test_a_list_with_the_ordinary_words_has_no_kratom() -> None:
    report = ks.check(["feel free to call the clinic", "sertraline 50 mg"])
    assert report.substances_detected_in_list == ()
    assert "kava" not in {f.ingredient for f in report.findings}


def _kratom_aliases(store) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {
        a.id: a.ingredients
        for a in store.aliases.values()
        if KRATOM_SUBSTANCES & set(a.ingredients)
        or any(KRATOM_SUBSTANCES & set(c) for c in a.ambiguous_candidates)
    }


def test_kratom_product_aliases_are_pinned(store) -> None:  # type: ignore[no-untyped-def]
    assert _kratom_aliases(store) == {
        "feel-free-classic": ("kratom", "kava"),
        "feel-free-classic-tonic": ("kratom", "kava"),
        "feel-free-tonic": ("kratom", "kava"),
        "krypton": ("kratom", "o-desmethyltramadol"),
        "opms": ("kratom", "mitragynine", "7-hydroxymitragynine"),
        "opms-black-liquid-kratom": ("kratom", "mitragynine", "7-hydroxymitragynine"),
        "optimized-plant-mediated-solutions": (
            "kratom",
            "mitragynine",
            "7-hydroxymitragynine",
        ),
    }


def test_every_new_kratom_name_cites_a_shipped_reference(store) -> None:  # type: ignore[no-untyped-def]
    source = REPO / "curation" / "sources" / "aliases.jsonl"
    records = {
        r["id"]: r for r in (json.loads(line) for line in source.read_text("utf-8").splitlines())
    }
    for alias_id in _kratom_aliases(store):
        if alias_id == "krypton":  # has no provenance record in the source (not this issue)
            continue
        cited = records[alias_id]["provenance"]["sources"]
        assert cited and all(ref in store.references for ref in cited), alias_id
    for alias_id in ("feel-free-classic", "feel-free-classic-tonic", "feel-free-tonic"):
        assert records[alias_id]["provenance"]["sources"] == [FEEL_FREE_REF]


def test_the_feel_free_source_is_a_paper_with_identifiers(store) -> None:  # type: ignore[no-untyped-def]
    ref = store.references[FEEL_FREE_REF]
    assert (ref.pmcid, ref.doi, ref.study_type) == ("PMC11726919", "10.7759/cureus.75654", "rct")
    assert ref.canonical_url == "https://pmc.ncbi.nlm.nih.gov/articles/PMC11726919/"
    assert FEEL_FREE_REF in store.substances["kratom"].references


@pytest.mark.parametrize("text", ["per Dr Zhang", "Nguyen Thanh", "Thanh", "zhang", "ketun"])
def test_words_one_letter_from_a_short_kratom_name_are_not_kratom(text: str) -> None:
    """ "thang" and "ketum" are matched exactly only: a personal name one letter away is no
    kratom (and a report built on it would be about kratom)."""
    m = ks.resolve(text)
    assert m is None or "kratom" not in m.ingredients
    report = ks.check([text, "oxycodone 5 mg"])
    assert report.substances_detected_in_list == ()
    assert report.inputs[0].status == "unrecognized"


@pytest.mark.parametrize("text", ["thang", "ketum", "kretom", "katom"])
def test_kratom_names_and_their_misspellings_are_still_kratom(text: str) -> None:
    m = ks.resolve(text)
    assert m is not None and m.ingredients == ("kratom",)
    assert ks.check([text, "oxycodone 5 mg"]).substances_detected_in_list == ("kratom",)
