from __future__ import annotations

import pytest

import kratom_safety as ks
from kratom_safety._data import Store

from ._devset import FILES, drugs_and_non_drugs, load

DRUGS, NON_DRUGS = drugs_and_non_drugs()


def _ok(text: str, expected: tuple[str, ...] | str) -> bool:
    m = ks.resolve(text)
    if expected == "AMBIGUOUS":
        return m is not None and m.ambiguous and not m.ingredients
    return m is not None and not m.ambiguous and set(m.ingredients) == set(expected)


def test_devset_files_keep_every_case() -> None:
    counts = {f: len(load(f)) for f in FILES}
    assert counts == {"resolver_devset.tsv": 302, "resolver_devset_more.tsv": 740}
    assert (len(DRUGS), len(NON_DRUGS)) == (945, 97)
    texts = [t for t, _ in DRUGS] + NON_DRUGS
    assert len(set(texts)) == len(texts), "a case appears twice"


def test_devset_accuracy() -> None:
    entries = DRUGS
    wrong = [(t, e, ks.resolve(t)) for t, e in entries if not _ok(t, e)]
    accuracy = 1 - len(wrong) / len(entries)
    assert accuracy >= 0.99, wrong


@pytest.mark.parametrize("text", NON_DRUGS)
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("trazadone", "trazodone"), ("zolaft", "sertraline"), ("kratom", "kratom")],
)
def test_no_wrong_drug_for_known_traps(text: str, expected: str) -> None:
    # the anchor library's fuzzy mode got these wrong
    m = ks.resolve(text)
    assert m is not None and m.ingredients == (expected,)


def test_fuzzy_never_completes_a_multiword_brand() -> None:
    # "Robitussin" alone is not in the vocabulary; "Robitussin DM"/"AC" must not be guessed
    assert ks.resolve("Robitussin") is None


def test_short_tokens_are_not_fuzzed() -> None:
    oxy = ks.resolve("oxy")
    assert oxy is None or oxy.kind != "fuzzy"
    assert ks.resolve("xnx") is None


def test_ambiguous_returns_alternatives() -> None:
    m = ks.resolve("MS")
    assert m is not None and m.ambiguous
    assert ("morphine",) in m.alternatives


def test_canonical_names_resolve_to_themselves(store: Store) -> None:
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
    for text, expected in DRUGS:
        m = ks.resolve(text)
        if m is None or m.ambiguous or expected == "AMBIGUOUS":
            continue
        if not set(m.ingredients) <= set(expected):
            wrong.append((text, expected, m.ingredients))
    assert wrong == []
