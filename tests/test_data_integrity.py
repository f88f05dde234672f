"""Integrity of every shipped record, and the loader's refusal of broken files."""

from __future__ import annotations

import json
import re
import unicodedata
from importlib.resources import files
from typing import Any

import pytest

from kratom_safety import DATA_VERSION, DataIntegrityError
from kratom_safety._data import DATASETS, Store, build_store, iter_dataset, read_dataset
from kratom_safety._text import normalize

SAFE_WORDING = re.compile(r"\bsafe(ly|ty)?\b", re.I)
ALLOWED_SAFE = re.compile(
    r"not evidence (that .{0,40} is )?safe"
    r"|safety (profile|signal|data|communication|code|protection)",
    re.I,
)


def _raw(name: str) -> dict[str, Any]:
    return json.loads(files("kratom_safety").joinpath("data", f"{name}.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_envelope(name: str) -> None:
    doc = _raw(name)
    assert list(doc) == ["dataset", "schema_version", "data_version", "records"]
    assert doc["dataset"] == name
    assert doc["data_version"] == DATA_VERSION
    ids = [r["id"] for r in doc["records"]]
    assert ids == sorted(ids)
    folded = [unicodedata.normalize("NFKC", i).casefold() for i in ids]
    assert len(set(folded)) == len(folded)


def test_record_counts_are_pinned(store: Store) -> None:
    """Exact record counts of data 2026.11.7: a record lost by accident fails here. Update the
    pins with the data release, in the same commit."""
    manifest = json.loads(files("kratom_safety").joinpath("data", "MANIFEST.json").read_text())
    records = {name.removesuffix(".json"): e["records"] for name, e in manifest["files"].items()}
    assert records == {
        "references": 256,
        "substances": 3,
        "ingredients": 1647,
        "aliases": 3635,
        "interactions": 38,
        "adverse_events": 12,
        "dependence": 10,
        "regulatory": 146,
        "products": 3,
        "populations": 4,
        "negations": 14,
        "jurisdictions": 307,
        "fda_names": 4005,
        "fda_substances": 17065,
        "ndc_brands": 42040,
        "known_words": 26,
        "variable_names": 169,
        "fda_prefixes": 1166,
        "allergen_words": 155,
        "allergen_names": 2595,
        "product_types": 9,
        "brand_routes": 1891,
        "combined_risks": 4,
        "class_caps": 1,
        "use_rules": 8,
        "use_statements": 4,
    }
    assert store.counts() == {k: v for k, v in records.items() if k in store.counts()}
    assert set(records) - set(store.counts()) == {
        "allergen_names",
        "allergen_words",
        "brand_routes",
        "fda_prefixes",
        "fda_substances",
        "ndc_brands",
        "known_words",
        "product_types",
        "variable_names",
    }


def test_every_clinical_record_cites_a_reference(store: Store) -> None:
    for group in (
        store.interactions,
        store.adverse_events,
        store.dependence,
        store.substances,
        store.products,
        store.populations,
    ):
        for rec in group.values():
            assert rec.references, rec.id
            for ref in rec.references:
                assert ref in store.references, (rec.id, ref)


# Class-membership sources (issue #11) with no PMID, PMCID or DOI, read by the curators on the
# publisher's, society's or institution's own page. Each is listed so that a new one is seen in
# review. To do: replace each by its PMID or DOI once read on an official page (the
# experts.umn.edu record is a university publications portal, the weakest of these).
NON_AGENCY_PAGES = {
    "aapp_maoi_toolkit": "https://aapp.org/",
    "heartrhythm2020-cq-hcq-qt": "https://www.heartrhythmjournal.com/",
    "khoury-currpsychiatry-antipsychotic-seizures": "https://www.mdedge.com/",
    "metabolites-14-522-index": "https://www.mdpi.com/",
    "roden-heart-antiarrhythmic-drugs": "https://heart.bmj.com/",
    "tholakanahalli2001ap": "https://experts.umn.edu/",
}


def test_every_reference_is_canonical(store: Store) -> None:
    official = re.compile(
        r"^https://(www\.)?([a-z0-9-]+\.)*(nih\.gov|fda\.gov|cdc\.gov|texas\.gov|ahrq\.gov|"
        r"medsafe\.govt\.nz|aspetjournals\.org|napdi\.org|go\.th|go\.id|pharmacycouncil\.org)/"
    )
    for ref in store.references.values():
        url = ref.canonical_url
        if ref.id in NON_AGENCY_PAGES:
            assert url.startswith(NON_AGENCY_PAGES[ref.id]), (ref.id, url)
            continue
        assert url.startswith(
            (
                "https://pubmed.ncbi.nlm.nih.gov/",
                "https://pmc.ncbi.nlm.nih.gov/",
                "https://doi.org/",
            )
        ) or official.match(url), (ref.id, url)


def test_property_sources_are_references(store: Store) -> None:
    for ing in store.ingredients.values():
        for prop in ing.properties:
            assert prop.source in store.references, (ing.id, prop.source)


def test_canonical_names(store: Store) -> None:
    ids = set(store.ingredients)
    for ing in store.ingredients.values():
        assert ing.id == ing.id.lower().strip()
        for syn in ing.synonyms:
            assert syn not in ids, f"synonym {syn!r} of {ing.id} is itself an ingredient"
    # RxNorm spellings, international names as synonyms
    for rx, intl in [("acetaminophen", "paracetamol"), ("meperidine", "pethidine")]:
        if rx in store.ingredients:
            assert intl not in ids


def test_normalised_keys_do_not_collide_between_ingredients(store: Store) -> None:
    seen: dict[str, str] = {}
    for ing in store.ingredients.values():
        for text in (ing.id, *ing.synonyms):
            key = normalize(text)
            other = seen.setdefault(key, ing.id)
            assert other == ing.id, f"{text!r} names both {other} and {ing.id}"


# Properties a rule names but no class file gives a member (no verified member could be read):
# the rules that use them do not fire, and docs/classes.md says so. Pinned, so that a class
# losing its last member, or a new member reviving a rule, is seen in review.
NO_MEMBERS = {"cyp2d6_moderate_sensitive_substrate"}


def test_interaction_targets_are_covered(store: Store) -> None:
    """Every property rule reaches at least one ingredient, except the pinned gaps."""
    props = {p.property for ing in store.ingredients.values() for p in ing.properties}
    dead = {
        t.value
        for it in store.interactions.values()
        for t in it.targets
        if t.kind == "property" and t.value not in props
    }
    assert dead == NO_MEMBERS


def test_rescue_and_treatment_drugs_are_never_avoid(store: Store) -> None:
    for it in store.interactions.values():
        names = {t.value for t in it.targets if t.kind == "ingredient"}
        if names & {"naloxone", "nalmefene", "buprenorphine", "methadone"}:
            assert it.action != "avoid", it.id


def test_evidence_grades_follow_study_types(store: Store) -> None:
    """'established' needs a controlled human study among the references."""
    for it in store.interactions.values():
        types = {store.references[r].study_type for r in it.references}
        if it.evidence == "established":
            assert types & {"rct", "clinical_pk_ddi"}, it.id
        if types <= {"in_vitro", "animal", "pbpk_model"}:
            assert it.evidence == "theoretical", it.id


def test_no_wording_implies_safety() -> None:
    for name in (
        "interactions",
        "substances",
        "adverse_events",
        "dependence",
        "regulatory",
        "products",
        "populations",
    ):
        text = json.dumps(_raw(name)["records"], ensure_ascii=False)
        for m in SAFE_WORDING.finditer(text):
            window = text[max(0, m.start() - 60) : m.end() + 30]
            assert ALLOWED_SAFE.search(window), window


def test_a_summary_too_long_for_a_cds_card_is_refused() -> None:
    """CDS Hooks cuts card summaries at 140 characters: the loader refuses a longer record
    summary, so no finding is ever shown cut."""
    record = _raw("interactions")["records"][0]
    ok = _doc("interactions", [{**record, "summary": "x" * 139}])
    assert read_dataset("interactions", ok)[0].summary == "x" * 139
    with pytest.raises(DataIntegrityError, match="summary"):
        read_dataset("interactions", _doc("interactions", [{**record, "summary": "x" * 140}]))


def _doc(name: str, records: list[dict[str, Any]], **over: Any) -> bytes:
    doc = {"dataset": name, "schema_version": 1, "data_version": DATA_VERSION, "records": records}
    doc.update(over)
    return json.dumps(doc).encode()


GOOD_REF = {
    "id": "x2020",
    "title": "A title of a paper",
    "authors": ["Doe J"],
    "year": 2020,
    "journal": "J Test",
    "pmid": "123",
    "study_type": "review",
}


@pytest.mark.parametrize(
    ("raw", "record"),
    [
        (b"{not json", None),
        (b"\xff\xfe", None),
        (json.dumps([1, 2]).encode(), None),
        (_doc("references", [GOOD_REF], data_version="1999.1"), None),
        (_doc("references", [GOOD_REF], dataset="aliases"), None),
        (_doc("references", [GOOD_REF], schema_version=99), None),
        (_doc("references", [{**GOOD_REF, "pmid": None}]), "x2020"),
        (_doc("references", [{**GOOD_REF, "surprise": 1}]), "x2020"),
        (_doc("references", [GOOD_REF, {**GOOD_REF, "id": "a2020"}]), "a2020"),
        (_doc("references", [GOOD_REF, GOOD_REF]), "x2020"),
    ],
)
def test_broken_file_raises_data_integrity_error(raw: bytes, record: str | None) -> None:
    with pytest.raises(DataIntegrityError) as exc:
        read_dataset("references", raw)
    assert exc.value.file == "references.json"
    assert exc.value.record == record
    assert "references.json" in str(exc.value)


def test_dangling_reference_is_refused() -> None:
    def reader(name: str) -> tuple[Any, ...]:
        if name == "substances":
            rec = {
                "id": "kratom",
                "name": "kratom",
                "kind": "botanical",
                "description": "d",
                "references": ["missing-ref"],
            }
            return read_dataset(name, _doc(name, [rec]))
        return read_dataset(name) if name == "references" else ()

    with pytest.raises(DataIntegrityError) as exc:
        build_store(reader)
    assert exc.value.file == "substances.json"
    assert exc.value.record == "kratom"


def _envelope(records: list[dict[str, Any]], **order: Any) -> dict[str, Any]:
    return {
        "dataset": "known_words",
        "schema_version": 1,
        "data_version": DATA_VERSION,
        "records": records,
        **order,
    }


_WORDS = [{"id": "a", "words": ["apple"]}, {"id": "b", "words": ["berry", "bean"]}]


@pytest.mark.parametrize(
    "raw",
    [
        json.dumps(_envelope(_WORDS), indent=1),  # as the build writes it: streamed
        json.dumps(_envelope(_WORDS)),  # compact: parsed whole
        json.dumps(
            {"records": _WORDS, **{k: v for k, v in _envelope([]).items() if k != "records"}}
        ),
        json.dumps(_envelope([]), indent=1),  # no record at all
    ],
)
def test_a_large_dataset_reads_the_same_whatever_its_layout(raw: str) -> None:
    """A large list is parsed one record at a time when its envelope is laid out as the build
    writes it, and whole otherwise: the same records either way."""
    got = [(r.id, r.words) for r in iter_dataset("known_words", raw.encode())]
    expected = [(r["id"], tuple(r["words"])) for r in json.loads(raw)["records"]]
    assert got == expected


@pytest.mark.parametrize(
    "raw",
    [
        json.dumps(_envelope(_WORDS), indent=1)[:-30],  # cut inside a record
        json.dumps(_envelope(_WORDS), indent=1) + "\n[]",  # something after the envelope
        json.dumps(_envelope(_WORDS), indent=1).replace("},", "} ;", 1),  # no comma
        json.dumps(_envelope(_WORDS, dataset="ndc_brands"), indent=1),  # another dataset's
        json.dumps({**_envelope(_WORDS), "extra": 1}, indent=1),  # a key too many
    ],
)
def test_a_broken_large_dataset_is_refused(raw: str) -> None:
    with pytest.raises(DataIntegrityError):
        list(iter_dataset("known_words", raw.encode()))
