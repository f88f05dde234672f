"""The curation build: every shipped file is rebuilt byte for byte from the repository's sources,
and a bad source stops the build with one line and touches nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
from importlib.resources import files
from types import ModuleType

import pytest

from ._paths import REPO

BUILD = REPO / "curation" / "build.py"
DATA = pathlib.PurePosixPath("src/kratom_safety/data")


def _run(root: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "curation" / "build.py"), *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("rebuilt")
    proc = _run(REPO, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _generated(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_rebuild_is_byte_identical_to_the_repository(rebuilt: pathlib.Path) -> None:
    made = _generated(rebuilt)
    docs = ("bibliography", "classes", "data-changelog", "interactions", "legal-status")
    assert {p.relative_to(rebuilt).as_posix() for p in made} == {
        *(f"docs/{name}.md" for name in docs),
        "src/kratom_safety/_dataversion.py",
        *(f"{DATA}/{p.name}" for p in (REPO / DATA).glob("*.json")),
    }
    assert len(made) == 33
    stale = [
        p.relative_to(rebuilt).as_posix()
        for p in made
        if (REPO / p.relative_to(rebuilt)).read_bytes() != p.read_bytes()
    ]
    assert stale == [], f"out of date (run python curation/build.py): {stale}"


def test_every_shipped_data_file_is_generated(rebuilt: pathlib.Path) -> None:
    committed = {p.name for p in (REPO / "src" / "kratom_safety" / "data").glob("*.json")}
    built = {p.name for p in (rebuilt / "src" / "kratom_safety" / "data").glob("*.json")}
    assert committed == built


def test_installed_package_ships_the_rebuilt_data(rebuilt: pathlib.Path) -> None:
    for p in (rebuilt / "src" / "kratom_safety" / "data").glob("*.json"):
        assert files("kratom_safety").joinpath("data", p.name).read_bytes() == p.read_bytes()


def test_manifest_hashes_match_the_files() -> None:
    manifest = json.loads(files("kratom_safety").joinpath("data", "MANIFEST.json").read_text())
    for name, entry in manifest["files"].items():
        raw = files("kratom_safety").joinpath("data", name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], name
        assert len(json.loads(raw)["records"]) == entry["records"], name


def test_check_mode_reports_clean() -> None:
    proc = _run(REPO, "--check")
    assert proc.returncode == 0, proc.stderr
    assert "0 differ" in proc.stdout


# --- a scratch copy of the repository, to break a source in --------------------------------


@pytest.fixture
def scratch(tmp_path: pathlib.Path) -> pathlib.Path:
    root = tmp_path / "repo"
    for part in ("curation", "src", "docs", "benchmarks/realworld"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _snapshot(root: pathlib.Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for part in (root / DATA, root / "docs")
        for p in part.rglob("*")
        if p.is_file()
    }


def _edit_line(path: pathlib.Path, rid: str, edit: dict[str, object]) -> None:
    lines = path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        rec = json.loads(line)
        if rec["id"] == rid:
            rec.update(edit)
            lines[i] = json.dumps(rec, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _insert_line(path: pathlib.Path, rec: dict[str, object]) -> None:
    lines = path.read_text("utf-8").splitlines()
    lines.append(json.dumps(rec, ensure_ascii=False))
    lines.sort(key=lambda line: json.loads(line)["id"])
    path.write_text("\n".join(lines) + "\n", "utf-8")


SRC = pathlib.PurePosixPath("curation/sources")


def _break_json(root: pathlib.Path) -> None:
    path = root / SRC / "aliases.jsonl"
    path.write_text(path.read_text("utf-8").replace('"kind": "brand"', '"kind": brand', 1))


def _duplicate(root: pathlib.Path) -> None:
    path = root / SRC / "aliases.jsonl"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([lines[0], *lines]) + "\n", "utf-8")


CLASSES = SRC / "classes"


def _class_file(root: pathlib.Path, prop: str) -> dict[str, object]:
    path = root / CLASSES / f"{prop}.json"
    if path.is_file():
        doc: dict[str, object] = json.loads(path.read_text("utf-8"))
        return doc
    return {
        "property": prop,
        "definition": "A class written for a build test.",
        "class_sources": [],
        "completeness_review": "None: written for a build test.",
        "reviewed": "2099-01-02",
        "members": [],
        "excluded": [],
    }


def _add_member(root: pathlib.Path, prop: str, ingredient: str, source: str) -> None:
    """Follow the CONTRIBUTING recipe: one member, in ingredient order, with its source."""
    doc = _class_file(root, prop)
    members = [m for m in doc["members"] if m["ingredient"] != ingredient]  # type: ignore[attr-defined]
    members.append(
        {"ingredient": ingredient, "sources": [source], "locator": "test", "detail": None}
    )
    doc["members"] = sorted(members, key=lambda m: m["ingredient"])
    (root / CLASSES / f"{prop}.json").write_text(json.dumps(doc, indent=2), "utf-8")


def _any_class(root: pathlib.Path) -> tuple[pathlib.Path, dict[str, object]]:
    for path in sorted((root / CLASSES).glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        if len(doc["members"]) >= 2:
            return path, doc
    raise AssertionError("no class file with two members to break")


def _unknown_reference(root: pathlib.Path) -> None:
    path, doc = _any_class(root)
    doc["members"][0]["sources"] = ["nowhere2099"]  # type: ignore[index]
    path.write_text(json.dumps(doc), "utf-8")


def _unknown_member(root: pathlib.Path) -> None:
    path, doc = _any_class(root)
    doc["members"][0]["ingredient"] = "aaa-notadrug"  # type: ignore[index]
    path.write_text(json.dumps(doc), "utf-8")


def _unsorted_members(root: pathlib.Path) -> None:
    path, doc = _any_class(root)
    doc["members"] = list(reversed(doc["members"]))  # type: ignore[call-overload]
    path.write_text(json.dumps(doc), "utf-8")


def _unknown_property(root: pathlib.Path) -> None:
    doc = _class_file(root, "telepathic")
    (root / CLASSES / "telepathic.json").write_text(json.dumps(doc), "utf-8")


def _hand_made_property(root: pathlib.Path) -> None:
    _edit_line(
        root / SRC / "ingredients.jsonl",
        "midazolam",
        {"properties": [{"property": "benzodiazepine", "source": "dailymed_label"}]},
    )


def _no_identifier(root: pathlib.Path) -> None:
    path = root / SRC / "references.jsonl"
    _edit_line(path, "hill2022bjp", {"pmid": None, "pmcid": None, "doi": None, "url": None})


def _bad_field(root: pathlib.Path) -> None:
    _insert_line(
        root / SRC / "aliases.jsonl",
        {"id": "zzz-test", "text": "Zzz", "kind": "nickname", "ingredients": ["doxylamine"]},
    )


def _unknown_ingredient(root: pathlib.Path) -> None:
    _insert_line(
        root / SRC / "aliases.jsonl",
        {"id": "zzz-test", "text": "Zzz", "kind": "brand", "ingredients": ["notadrug"]},
    )


def _unsorted(root: pathlib.Path) -> None:
    path = root / SRC / "aliases.jsonl"
    lines = path.read_text("utf-8").splitlines()
    lines[0], lines[1] = lines[1], lines[0]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize(
    ("breaker", "where", "words"),
    [
        (_break_json, "curation/sources/aliases.jsonl:", "not a JSON record"),
        (_duplicate, "curation/sources/aliases.jsonl:2", "duplicate id"),
        (_unknown_reference, "curation/sources/classes/", "nowhere2099"),
        (_unknown_member, "curation/sources/classes/", "aaa-notadrug"),
        (_unsorted_members, "curation/sources/classes/", "not sorted"),
        (_unknown_property, "curation/sources/classes/telepathic.json", "unknown property"),
        (_hand_made_property, "curation/sources/ingredients.jsonl:", "classes/ only"),
        (_no_identifier, "curation/sources/references.jsonl:", "PMID, PMCID, DOI or official URL"),
        (_bad_field, "curation/sources/aliases.jsonl:", "zzz-test"),
        (_unknown_ingredient, "curation/sources/aliases.jsonl:", "notadrug"),
        (_unsorted, "curation/sources/aliases.jsonl:2", "not in id order"),
    ],
)
def test_a_bad_source_stops_the_build_and_touches_nothing(
    scratch: pathlib.Path, breaker: object, where: str, words: str
) -> None:
    before = _snapshot(scratch)
    breaker(scratch)  # type: ignore[operator]
    proc = _run(scratch)
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert where in lines[0] and words in lines[0], lines[0]
    assert _snapshot(scratch) == before


def test_two_sources_for_one_dataset_are_refused(scratch: pathlib.Path) -> None:
    folder = scratch / SRC / "aliases"
    folder.mkdir()
    (folder / "more.json").write_text("[]")
    before = _snapshot(scratch)
    proc = _run(scratch)
    assert proc.returncode == 1
    assert "dataset aliases: needs exactly one source" in proc.stderr
    assert _snapshot(scratch) == before


def _load_build(root: pathlib.Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ks_build_under_test", root / "curation/build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_pinned_input_with_the_wrong_hash_is_refused(tmp_path: pathlib.Path) -> None:
    build = _load_build(REPO)
    import pydantic

    pins = tmp_path / "pins.json"
    good = hashlib.sha256(
        (pathlib.Path(pydantic.__file__).parent / "py.typed").read_bytes()
    ).hexdigest()
    pin = {"package": "pydantic", "version": pydantic.VERSION, "file": "pydantic/py.typed"}
    pins.write_text(json.dumps({"typed": {**pin, "sha256": good}}))
    assert build.pinned_input("typed", pins).name == "py.typed"
    pins.write_text(json.dumps({"typed": {**pin, "sha256": "0" * 64}}))
    with pytest.raises(build.BuildError, match="SHA-256"):
        build.pinned_input("typed", pins)
    pins.write_text(json.dumps({"typed": {**pin, "sha256": good, "version": "0.0.1"}}))
    with pytest.raises(build.BuildError, match=r"the pin is 0\.0\.1"):
        build.pinned_input("typed", pins)


# --- the CONTRIBUTING.md recipes, followed as written -----------------------------------------


def _resolve_in(root: pathlib.Path, code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    proc = subprocess.run(
        [sys.executable, "-c", f"import kratom_safety as ks; print({code})"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


FINDINGS = "sorted({{f.interaction_id for f in ks.check(['{}']).findings}})"


def test_recipe_add_a_brand_name(scratch: pathlib.Path) -> None:
    assert _resolve_in(scratch, "ks.resolve('Zolbrandix 10 mg')") == "None"
    _insert_line(
        scratch / SRC / "aliases.jsonl",
        {"id": "zolbrandix", "text": "Zolbrandix", "kind": "brand", "ingredients": ["zolpidem"]},
    )
    proc = _run(scratch)
    assert proc.returncode == 0, proc.stderr
    out = _resolve_in(scratch, "[m.ingredients for m in [ks.resolve('Zolbrandix 10 mg')]]")
    assert out == "[('zolpidem',)]"
    assert _run(scratch, "--check").returncode == 0


def test_recipe_add_an_ingredient_with_a_class_tag(scratch: pathlib.Path) -> None:
    _insert_line(scratch / SRC / "ingredients.jsonl", {"id": "zz-testazolam", "synonyms": []})
    assert _run(scratch).returncode == 0
    code = "sorted({f.interaction_id for f in ks.check(['zz-testazolam']).findings})"
    assert _resolve_in(scratch, code) == "[]"
    _add_member(scratch, "benzodiazepine", "zz-testazolam", "fda_dsc_opioid_benzo_2016")
    proc = _run(scratch)
    assert proc.returncode == 0, proc.stderr
    assert _resolve_in(scratch, code) != "[]"
    text = (scratch / "docs" / "classes.md").read_text("utf-8")
    assert "| zz-testazolam |" in text


def test_recipe_release_needs_a_changelog_entry(scratch: pathlib.Path) -> None:
    release = scratch / SRC / "release.json"
    release.write_text(json.dumps({"data_version": "2099.1.0", "data_reviewed": "2099-01-02"}))
    proc = _run(scratch)
    assert proc.returncode == 1
    assert "changelog/2099.1.0.md: missing" in proc.stderr
    (scratch / SRC / "changelog" / "2099.1.0.md").write_text(
        "## 2099.1.0 (reviewed 2099-01-02)\n\n- Test release.\n"
    )
    assert _run(scratch).returncode == 0
    assert _resolve_in(scratch, "ks.DATA_VERSION") == "2099.1.0"
    text = (scratch / "docs" / "data-changelog.md").read_text("utf-8")
    assert text.index("## 2099.1.0") < text.index("## 2026.11.0")


def test_recipe_add_an_ambiguous_abbreviation(scratch: pathlib.Path) -> None:
    _insert_line(
        scratch / SRC / "aliases.jsonl",
        {
            "id": "zqx",
            "text": "ZQX",
            "kind": "abbreviation",
            "ingredients": [],
            "ambiguous_candidates": [["morphine"], ["magnesium sulfate"]],
        },
    )
    assert _run(scratch).returncode == 0
    assert _resolve_in(scratch, "ks.resolve('ZQX 30 mg').ambiguous") == "True"


def test_recipe_add_a_reference_and_cite_it(scratch: pathlib.Path) -> None:
    _insert_line(
        scratch / SRC / "references.jsonl",
        {
            "id": "zz2099test",
            "title": "A test reference",
            "authors": ["Test A"],
            "year": 2099,
            "journal": "J Test",
            "citation": None,
            "pmid": "99999999",
            "pmcid": None,
            "doi": None,
            "url": None,
            "study_type": "case_report",
            "provenance": {"seen_at": [], "key_findings": [], "notes": None},
        },
    )
    _add_member(scratch, "z_drug", "zolpidem", "zz2099test")
    assert _run(scratch).returncode == 0
    text = (scratch / "docs" / "bibliography.md").read_text("utf-8")
    assert "**zz2099test**" in text and "ingredient property z_drug" in text
    shipped = (scratch / DATA / "references.json").read_text("utf-8")
    assert "zz2099test" in shipped and "provenance" not in shipped


def test_recipe_add_an_interaction_record(scratch: pathlib.Path) -> None:
    source = scratch / SRC / "interactions.py"
    source.write_text(
        source.read_text("utf-8")
        + """
R.append(
    dict(
        id="KS-INT-0999",
        last_reviewed="2099-01-02",
        title="Test record for the contributing recipe",
        substances=ALL,
        targets=ing("zolpidem"),
        supersedes=[],
        mechanism_type="pharmacodynamic",
        mechanism="A mechanism written only for the recipe test.",
        clinical_effect="An effect for the test.",
        summary="Test summary.",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="Written for a test; not a clinical claim.",
        management="Management text for the test record.",
        counselling="Counselling text for the test record.",
        references=["hill2022bjp"],
    )
)
""",
        "utf-8",
    )
    assert _run(scratch).returncode == 0
    assert "KS-INT-0999" in (scratch / "docs" / "interactions.md").read_text("utf-8")
    out = _resolve_in(
        scratch, "sorted({f.interaction_id for f in ks.check(['zolpidem']).findings})"
    )
    assert "KS-INT-0999" in out


def test_recipe_update_a_legal_status_record(scratch: pathlib.Path) -> None:
    path = scratch / SRC / "regulatory" / "BT.json"
    source = {
        "title": "Test gazette entry",
        "url": "https://www.example.gov/gazette/1",
        "publisher": "Test Government",
        "kind": "gazette",
        "official": True,
        "date": "2099-01-01",
    }
    records = [
        {
            "id": f"BT-{sub}",
            "jurisdiction": "BT",
            "jurisdiction_name": "Bhutan",
            "substance": sub,
            "status": "controlled",
            "detail": "A test record written for the contributing recipe.",
            "effective": "2099-01-01",
            "expires": None,
            "checked": "2099-01-02",
            "confidence": "official",
            "pending_change": None,
            "sources": [source],
            "note": None,
            "provenance": {"searched": [], "seen_at": [source["url"]]},
        }
        for sub in ("kratom", "7-hydroxymitragynine")
    ]
    path.write_text(json.dumps(records), "utf-8")
    assert _run(scratch).returncode == 0
    out = _resolve_in(
        scratch,
        "[r.status for r in ks.regulatory_status("
        "'BT', on=__import__('datetime').date(2099, 2, 1))]",
    )
    assert out == "['controlled', 'controlled']"
    assert "| BT | Bhutan |" in (scratch / "docs" / "legal-status.md").read_text("utf-8")
    records[0]["confidence"] = "official"
    records[0]["sources"] = [{**source, "kind": "news", "official": False}]
    path.write_text(json.dumps(records), "utf-8")
    proc = _run(scratch)
    assert proc.returncode == 1
    assert "regulatory/BT.json" in proc.stderr and "BT-kratom" in proc.stderr
