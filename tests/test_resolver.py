from __future__ import annotations

import pytest

import kratom_safety as ks

from .resolver_devset import DRUGS, NON_DRUGS
from .resolver_devset_more import DRUGS_MORE, NON_DRUGS_MORE


def _ok(text: str, expected: tuple[str, ...] | str) -> bool:
    m = ks.resolve(text)
    if expected == "AMBIGUOUS":
        return m is not None and m.ambiguous and not m.ingredients
    return m is not None and not m.ambiguous and set(m.ingredients) == set(expected)


def test_devset_accuracy() -> None:
    entries = DRUGS + DRUGS_MORE
    assert len(entries) >= 500
    wrong = [(t, e, ks.resolve(t)) for t, e in entries if not _ok(t, e)]
    accuracy = 1 - len(wrong) / len(entries)
    assert accuracy >= 0.99, wrong


@pytest.mark.parametrize("text", NON_DRUGS + NON_DRUGS_MORE)
def test_non_drug_text_resolves_to_nothing(text: str) -> None:
    assert ks.resolve(text) is None


def test_match_explains_itself() -> None:
    m = ks.resolve("Percocet 5/325")
    assert m is not None
    assert m.ingredients == ("oxycodone", "acetaminophen")
    assert (m.kind, m.name, m.score) == ("brand", "Percocet", 100.0)
    assert m.parts[0].text == "percocet"
    fz = ks.resolve("zolof")
    assert fz is not None and fz.kind == "fuzzy" and 0 < fz.score < 100


def test_no_wrong_drug_for_known_traps() -> None:
    # the anchor library's fuzzy mode got these wrong
    assert ks.resolve("trazadone").ingredients == ("trazodone",)  # type: ignore[union-attr]
    assert ks.resolve("zolaft").ingredients == ("sertraline",)  # type: ignore[union-attr]
    assert ks.resolve("kratom").ingredients == ("kratom",)  # type: ignore[union-attr]


def test_fuzzy_never_completes_a_multiword_brand() -> None:
    # "Robitussin" alone is not in the vocabulary; "Robitussin DM"/"AC" must not be guessed
    assert ks.resolve("Robitussin") is None


def test_short_tokens_are_not_fuzzed() -> None:
    assert ks.resolve("oxy") is None or ks.resolve("oxy").kind != "fuzzy"  # type: ignore[union-attr]
    assert ks.resolve("xnx") is None


def test_ambiguous_returns_alternatives() -> None:
    m = ks.resolve("MS")
    assert m is not None and m.ambiguous
    assert ("morphine",) in m.alternatives


def test_canonical_names_resolve_to_themselves(store) -> None:  # type: ignore[no-untyped-def]
    for name in store.ingredients:
        m = ks.resolve(name)
        assert m is not None and m.ingredients == (name,), name


def test_resolve_many_is_parallel() -> None:
    out = ks.resolve_many(["Xanax", "qqqqq", "APAP"])
    assert [m.ingredients if m else None for m in out] == [
        ("alprazolam",),
        None,
        ("acetaminophen",),
    ]


def test_search_suggestions() -> None:
    hits = ks.search("oxyc")
    assert hits and all(isinstance(h, ks.Match) for h in hits)
    assert any("oxycodone" in h.ingredients for h in hits)
    assert ks.search("zzzzzzzzzz") == []
    assert len(ks.search("a", limit=3)) <= 3


def test_devset_never_returns_a_wrong_drug() -> None:
    """A miss is reported as unrecognised; a wrong drug never is acceptable."""
    wrong = []
    for text, expected in DRUGS + DRUGS_MORE:
        m = ks.resolve(text)
        if m is None or m.ambiguous or expected == "AMBIGUOUS":
            continue
        if not set(m.ingredients) <= set(expected):
            wrong.append((text, expected, m.ingredients))
    assert wrong == []
