"""Class membership as data: every shipped class tag comes from a class file and its sources.

The class files (``curation/sources/classes/<property>.json``) are the only place a drug gets a
class; each member names the references a curator read it in. These tests tie the shipped data,
the generated ``docs/classes.md`` and every finding of ``check()`` back to those files.
"""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from pydantic import ValidationError

import kratom_safety as ks
from kratom_safety._data import get_store
from kratom_safety._models import IngredientProperty, Property

from ._paths import REPO

CLASSES = REPO / "curation" / "sources" / "classes"


def _class_files() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(CLASSES.glob("*.json"))}


FILES = _class_files()


def test_every_class_file_names_a_known_property_and_is_sorted() -> None:
    assert FILES, "no class files"
    store = get_store()
    for name, doc in FILES.items():
        assert doc["property"] == name and name in get_args(Property)
        members = [m["ingredient"] for m in doc["members"]]
        assert members == sorted(set(members)), name
        for m in doc["members"]:
            assert m["ingredient"] in store.ingredients, (name, m["ingredient"])
            assert m["sources"] and all(s in store.references for s in m["sources"]), m
            assert m["locator"].strip(), (name, m["ingredient"])
        for x in doc.get("excluded", []):
            assert x["reason"].strip() and x["ingredient"] not in members, (name, x)


def test_shipped_properties_are_exactly_the_class_files() -> None:
    """Derived, not hand-made: each ingredient's tags equal its memberships, with sources."""
    want: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {}
    for name, doc in FILES.items():
        for m in doc["members"]:
            want.setdefault(m["ingredient"], {})[name] = (tuple(m["sources"]), m["locator"])
    store = get_store()
    got = {
        ing.id: {p.property: (p.sources, p.locator) for p in ing.properties}
        for ing in store.ingredients.values()
        if ing.properties
    }
    assert got == want
    for ing in store.ingredients.values():
        for p in ing.properties:
            assert p.source == p.sources[0]


def test_no_verified_flag_and_no_hand_made_tags_in_sources() -> None:
    shipped = (REPO / "src/kratom_safety/data/ingredients.json").read_text("utf-8")
    assert '"verified"' not in shipped
    for line in (REPO / "curation/sources/ingredients.jsonl").read_text("utf-8").splitlines():
        assert not json.loads(line).get("properties"), line[:80]
    with pytest.raises(ValidationError):
        IngredientProperty.model_validate(
            {"property": "benzodiazepine", "source": "x", "sources": ["x"], "locator": "l",
             "verified": False}
        )  # fmt: skip
    with pytest.raises(ValidationError):
        IngredientProperty.model_validate(
            {"property": "benzodiazepine", "source": "x", "sources": ["y", "x"], "locator": "l"}
        )


def test_every_ingredient_swept_through_check_rests_on_verified_tags() -> None:
    """The sweep: no finding, for any ingredient and any kratom substance, rests on a class
    membership that is not in a class file with its sources."""
    store = get_store()
    members = {name: {m["ingredient"]: m for m in doc["members"]} for name, doc in FILES.items()}
    by_property = 0
    for ing in sorted(store.ingredients):
        for substance in ("kratom", "mitragynine", "7-hydroxymitragynine"):
            report = ks.check([ing], substance=substance)
            for f in report.findings:
                assert f.property_verified, (ing, f.interaction_id)
                kind, _, value = f.matched_by.partition(":")
                if kind == "ingredient":
                    assert value == f.ingredient
                    continue
                assert kind == "property", f.matched_by
                m = members.get(value, {}).get(f.ingredient)
                assert m is not None, (f.ingredient, value, "not a class member")
                assert all(s in store.references for s in m["sources"])
                by_property += 1
    assert by_property == 565  # findings resting on a class membership (data 2026.11.5)


def test_classes_document_lists_every_member_with_its_source() -> None:
    text = (REPO / "docs" / "classes.md").read_text("utf-8")
    store = get_store()
    for prop in get_args(Property):
        assert f"\n## {prop}\n" in text, prop
    for name, doc in FILES.items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert doc["definition"] in section and doc["completeness_review"] in section
        for m in doc["members"]:
            ref = store.references[m["sources"][0]]
            line = next(x for x in section.splitlines() if x.startswith(f"| {m['ingredient']} |"))
            assert ref.canonical_url in line and ref.short in line, line
    for prop in sorted(set(get_args(Property)) - set(FILES)):
        section = text.split(f"\n## {prop}\n", 1)[1].split("\n## ", 1)[0]
        assert "No class file" in section
