"""Generated docs, bibliography and manifest are up to date with the shipped data."""

from __future__ import annotations

import importlib.util
import json
import pathlib
from importlib.resources import files
from types import ModuleType

REPO = pathlib.Path(__file__).resolve().parents[1]


def _build_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docs", REPO / "curation" / "build_docs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_docs_are_current() -> None:
    mod = _build_docs()
    for name, fn in (
        ("interactions.md", mod.interactions_md),
        ("bibliography.md", mod.bibliography_md),
    ):
        on_disk = (REPO / "docs" / name).read_text("utf-8")
        assert on_disk == fn(), f"docs/{name} is stale: run python curation/build_docs.py"


def test_shipped_manifest_matches_the_data() -> None:
    mod = _build_docs()
    shipped = files("kratom_safety").joinpath("data", "MANIFEST.json").read_text("utf-8")
    assert shipped == mod.manifest(), "MANIFEST.json is stale: run python curation/build_docs.py"
    doc = json.loads(shipped)
    assert all(entry["records"] >= 0 for entry in doc["files"].values())


def test_every_reference_is_used() -> None:
    text = (REPO / "docs" / "bibliography.md").read_text("utf-8")
    assert "Used by: none." not in text
