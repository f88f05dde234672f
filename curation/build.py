"""Rebuild every shipped data file and generated document from the sources in this repository.

Usage (from the repository root, in the test environment or after ``pip install ".[curation]"``):

    python curation/build.py              # validate, then write src/kratom_safety/data and docs
    python curation/build.py --check      # validate, then compare with the committed files
    python curation/build.py --out DIR    # validate, then write the same tree under DIR
    python curation/build.py --out DIR --hold-out   # the same, without the development set's
                                                    # product names (for measuring only)

Sources (all in ``curation/sources/``):

- ``<dataset>.py`` modules with a ``records()`` function (clinical prose written by curators);
- ``<dataset>.jsonl`` files, one record per line, sorted by id, with an optional
  ``provenance`` object that stays in the repository and is never shipped;
- ``<dataset>.json`` files, each a JSON array of records sorted by id (the combined risks,
  class caps and use-pattern rules: clinical text, thresholds and the references behind them);
- ``<dataset>/`` folders of ``*.json`` files, each a JSON array of records (legal status: one
  file per jurisdiction);
- ``classes/<property>.json``: class membership, one file per property, each member with the
  reference it was read in; the ingredients' ``properties`` are derived from these files
  (``curation/classes.py``) and never written by hand;
- ``release.json`` (data version and review date) and ``changelog/<version>.md``;
- datasets derived from pinned public inputs (``curation/derived.py``, ``curation/pins.json``).

Every record is validated by the package's own models (the TypeAdapters its loader uses) and
every cross-reference is checked before anything is written; the first problem stops the build
with one line naming the source file and record, and nothing is touched. The build never reads
a path outside the repository and never needs the network.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import pathlib
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
CURATION = ROOT / "curation"
SOURCES = CURATION / "sources"
DATA_REL = pathlib.PurePosixPath("src/kratom_safety/data")
VERSION_MODULE_REL = pathlib.PurePosixPath("src/kratom_safety/_dataversion.py")

# The package's own models and loader checks, from this checkout (not an installed copy).
sys.path[:0] = [str(ROOT / "src"), str(CURATION)]

import classes  # noqa: E402  (curation/classes.py)
import fda_derive  # noqa: E402  (curation/fda_derive.py)
import resolver_words  # noqa: E402  (curation/resolver_words.py)
import word_lists  # noqa: E402  (curation/word_lists.py)
from derived import DERIVED  # noqa: E402  (curation/derived.py)

import docs  # noqa: E402  (curation/docs.py)
from kratom_safety._data import (  # noqa: E402
    DATASETS,
    SCHEMA_VERSION,
    build_store,
    validate_records,
)
from kratom_safety._errors import DataIntegrityError  # noqa: E402

Records = list[dict[str, Any]]


class BuildError(Exception):
    """A problem in a source: the message is the one line the build prints."""


def _rel(path: pathlib.Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --- reading sources ------------------------------------------------------------------------


def _json(path: pathlib.Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BuildError(f"{_rel(path)}: not readable UTF-8 JSON ({exc})") from None


def read_jsonl(path: pathlib.Path) -> Records:
    """One JSON object per line; blank lines are not allowed (they hide mistakes in review)."""
    out: Records = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"{_rel(path)}: not readable UTF-8 ({exc})") from None
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BuildError(f"{_rel(path)}:{n}: not a JSON record ({exc.msg})") from None
        if not isinstance(rec, dict) or "id" not in rec:
            raise BuildError(f"{_rel(path)}:{n}: a record must be a JSON object with an id")
        if out and str(rec["id"]) == str(out[-1]["id"]):
            raise BuildError(f"{_rel(path)}:{n}: record {rec['id']}: duplicate id")
        if out and str(rec["id"]) < str(out[-1]["id"]):
            raise BuildError(
                f"{_rel(path)}:{n}: record {rec['id']}: not in id order (sort the file)"
            )
        rec["_where"] = f"{_rel(path)}:{n}"
        out.append(rec)
    return out


def read_json_records(path: pathlib.Path) -> Records:
    """A JSON array of records, sorted by id (rules whose prose is easier to review indented)."""
    doc = _json(path)
    if not isinstance(doc, list):
        raise BuildError(f"{_rel(path)}: must hold a JSON array of records")
    out: Records = []
    for i, rec in enumerate(doc):
        if not isinstance(rec, dict) or "id" not in rec:
            raise BuildError(f"{_rel(path)}: item {i} is not a JSON object with an id")
        if out and str(rec["id"]) <= str(out[-1]["id"]):
            raise BuildError(f"{_rel(path)}: record {rec['id']}: not in id order (sort the file)")
        rec["_where"] = _rel(path)
        out.append(rec)
    return out


def read_folder(path: pathlib.Path) -> Records:
    out: Records = []
    for file in sorted(path.glob("*.json")):
        doc = _json(file)
        if not isinstance(doc, list):
            raise BuildError(f"{_rel(file)}: must hold a JSON array of records")
        for i, rec in enumerate(doc):
            if not isinstance(rec, dict) or "id" not in rec:
                raise BuildError(f"{_rel(file)}: item {i} is not a JSON object with an id")
            rec["_where"] = _rel(file)
            out.append(rec)
    return out


def _python_sources() -> dict[str, tuple[Records, str]]:
    out: dict[str, tuple[Records, str]] = {}
    for file in sorted(SOURCES.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"_ks_source_{file.stem}", file)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            produced = module.records()
        except Exception as exc:  # a broken source is a build error, reported on one line
            raise BuildError(f"{_rel(file)}: {type(exc).__name__}: {exc}") from None
        for name, recs in produced.items():
            for rec in recs:
                rec["_where"] = _rel(file)
            out[name] = (recs, _rel(file))
    return out


def read_sources(hold_out: bool = False) -> dict[str, Records]:
    """Every dataset's records, as written in its source (provenance still attached); with
    ``hold_out``, the FDA lists leave out the development set's product names.

    The ingredients' ``properties`` are derived from the class files (``read_class_files``).
    """
    found: dict[str, list[tuple[Records, str]]] = {}
    for name, (recs, where) in _python_sources().items():
        found.setdefault(name, []).append((recs, where))
    for file in sorted(SOURCES.glob("*.jsonl")):
        found.setdefault(file.stem, []).append((read_jsonl(file), _rel(file)))
    for file in sorted(f for f in SOURCES.glob("*.json") if f.name != "release.json"):
        found.setdefault(file.stem, []).append((read_json_records(file), _rel(file)))
    for folder in sorted(p for p in SOURCES.iterdir() if p.is_dir() and p.name in DATASETS):
        found.setdefault(folder.name, []).append((read_folder(folder), _rel(folder)))
    for name, derive in DERIVED.items():
        found.setdefault(name, []).append((derive(pinned_input), "curation/derived.py"))
    overrides_file = SOURCES / "unii" / "overrides.jsonl"
    overrides = [{"id": r["id"], "unii": r["unii"]} for r in read_jsonl(overrides_file)]
    by_name = {n: places[0][0] for n, places in found.items() if len(places) == 1}
    held_out = word_lists.held_out_names() if hold_out else set()
    try:
        unii_of, derived, substance_words = fda_derive.derive(
            pinned_input,
            by_name.get("ingredients", []),
            by_name.get("aliases", []),
            by_name.get("substances", []),
            overrides,
            held_out,
            word_lists.everyday_words(),
            word_lists.english_words(),
        )
    except (KeyError, ValueError) as exc:
        raise BuildError(f"curation/fda_derive.py: {type(exc).__name__}: {exc}") from None
    for ing in by_name.get("ingredients", []):
        if ing["id"] in unii_of:
            ing["unii"] = unii_of[ing["id"]]
    for name, (recs, where) in derived.items():
        found.setdefault(name, []).append((recs, where))
    fda_names = derived["fda_names"][0]
    first_words = resolver_words.first_words(
        by_name.get("ingredients", []),
        by_name.get("aliases", []),
        by_name.get("substances", []),
        fda_names,
    )
    prefixes = resolver_words.fda_prefixes(
        derived["fda_substances"][0], derived["ndc_brands"][0], first_words
    )
    found.setdefault("fda_prefixes", []).append((prefixes, "curation/resolver_words.py"))
    squashed = resolver_words.run_together(
        by_name.get("ingredients", []), by_name.get("aliases", []), by_name.get("substances", [])
    )
    near = resolver_words.within_reach(
        substance_words | word_lists.personal_names(pinned_input),
        [
            *resolver_words.our_names(
                by_name.get("ingredients", []),
                by_name.get("aliases", []),
                by_name.get("substances", []),
            ),
            *(r["id"] for r in fda_names),
        ],
    )
    words = resolver_words.known_words(
        pinned_input, held_out, word_lists.english_words(), squashed, near
    )
    found.setdefault("known_words", []).append((words, "curation/resolver_words.py"))
    data: dict[str, Records] = {}
    for name in DATASETS:
        places = found.pop(name, [])
        if len(places) != 1:
            where = ", ".join(w for _, w in places) or "none"
            raise BuildError(
                f"dataset {name}: needs exactly one source in curation/sources ({where})"
            )
        data[name] = places[0][0]
    if found:
        raise BuildError(f"sources for unknown datasets: {', '.join(sorted(found))}")
    for rec in data["ingredients"]:
        if rec.get("properties"):
            raise BuildError(
                f"{rec.get('_where', '?')}: record {rec['id']}: properties come from "
                "curation/sources/classes/ only (remove them here)"
            )
    return data


CLASSES = SOURCES / "classes"


def read_class_files(data: dict[str, Records]) -> list[classes.ClassFile]:
    """The class files, validated against the ingredient and reference ids; ``data``'s
    ingredients get their derived ``properties``."""
    found = classes.read_classes(
        CLASSES,
        {str(r["id"]) for r in data["ingredients"]},
        {str(r["id"]) for r in data["references"]},
        BuildError,
        _rel,
    )
    data["ingredients"] = classes.derive_properties(data["ingredients"], found)
    return found


# --- checks ---------------------------------------------------------------------------------


def _where(records: Records, rid: object) -> str:
    for rec in records:
        if rec.get("id") == rid:
            return str(rec.get("_where", "?"))
    return "?"


def shipped(records: Records) -> Records:
    """The records as shipped: provenance and bookkeeping removed, sorted by id."""
    out = [{k: v for k, v in r.items() if k not in ("provenance", "_where")} for r in records]
    return sorted(out, key=lambda r: str(r["id"]))


def validate(data: dict[str, Records]) -> dict[str, Records]:
    """Validate every dataset with the loader's own checks; return the shipped records."""
    ship: dict[str, Records] = {}
    parsed: dict[str, tuple[Any, ...]] = {}
    for name, records in data.items():
        counts = Counter(str(r["id"]) for r in records)
        dup = next((i for i, n in counts.items() if n > 1), None)
        if dup is not None:
            raise BuildError(f"{_where(records, dup)}: record {dup}: duplicate id in {name}")
        ship[name] = shipped(records)
        try:
            parsed[name] = validate_records(name, ship[name])
        except DataIntegrityError as exc:
            raise BuildError(f"{_where(records, exc.record)}: {exc}") from None
    try:
        build_store(lambda name: parsed[name])
    except DataIntegrityError as exc:
        dataset = (exc.file or "").removesuffix(".json")
        raise BuildError(f"{_where(data.get(dataset, []), exc.record)}: {exc}") from None
    return ship


# --- pinned public inputs --------------------------------------------------------------------


def pinned_input(name: str, pins_file: pathlib.Path = CURATION / "pins.json") -> pathlib.Path:
    """The path of a pinned public input, after checking its package version and SHA-256.

    ``pins.json`` maps a name to ``{"package", "version", "file", "sha256"}``; the file is
    looked up inside the installed distribution (``pip install ".[curation]"``), so the build
    needs no network. Any mismatch stops the build.
    """
    from importlib import metadata

    pins = _json(pins_file)
    pin = pins.get(name)
    if not isinstance(pin, dict):
        raise BuildError(f"{_rel(pins_file)}: no pin named {name!r}")
    try:
        dist = metadata.distribution(pin["package"])
    except metadata.PackageNotFoundError:
        raise BuildError(
            f"{_rel(pins_file)}: {name}: package {pin['package']} is not installed "
            '(pip install ".[curation]")'
        ) from None
    if dist.version != pin["version"]:
        raise BuildError(
            f"{_rel(pins_file)}: {name}: {pin['package']} {dist.version} is installed, "
            f"the pin is {pin['version']}"
        )
    path = pathlib.Path(str(dist.locate_file(pin["file"])))
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    if digest != pin["sha256"]:
        raise BuildError(
            f"{_rel(pins_file)}: {name}: SHA-256 of {pin['file']} is {digest}, "
            f"the pin is {pin['sha256']}"
        )
    return path


# --- outputs --------------------------------------------------------------------------------


def release() -> dict[str, str]:
    path = SOURCES / "release.json"
    rel = _json(path)
    if set(rel) != {"data_version", "data_reviewed"}:
        raise BuildError(f"{_rel(path)}: needs exactly data_version and data_reviewed")
    if not re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", rel["data_version"]):
        raise BuildError(f"{_rel(path)}: data_version must look like 2026.11.0")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rel["data_reviewed"]):
        raise BuildError(f"{_rel(path)}: data_reviewed must be a YYYY-MM-DD date")
    return {k: str(v) for k, v in rel.items()}


def envelope(name: str, records: Records, version: str) -> str:
    doc = {
        "dataset": name,
        "schema_version": SCHEMA_VERSION,
        "data_version": version,
        "records": records,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def version_module(rel: dict[str, str]) -> str:
    return (
        '"""Version of the shipped data.\n\nGenerated by curation/build.py from '
        'curation/sources/release.json; do not edit.\n"""\n\n'
        "#: Version of the curated data in ``kratom_safety/data``. Every data file's envelope\n"
        "#: must carry exactly this value; the loader refuses a mismatch.\n"
        f'DATA_VERSION = "{rel["data_version"]}"\n\n'
        "#: Date on which this data release was reviewed as a whole (each record carries its\n"
        "#: own review date).\n"
        f'DATA_REVIEWED = "{rel["data_reviewed"]}"\n'
    )


def changelog(rel: dict[str, str]) -> str:
    folder = SOURCES / "changelog"
    entries: list[tuple[tuple[int, ...], str]] = []
    for file in folder.glob("*.md"):
        text = file.read_text(encoding="utf-8")
        m = re.match(r"## (\d{4}\.\d{1,2}\.\d+) \(reviewed (\d{4}-\d{2}-\d{2})\)\n", text)
        if not m or m.group(1) != file.stem:
            raise BuildError(
                f"{_rel(file)}: must start with '## {file.stem} (reviewed YYYY-MM-DD)'"
            )
        if m.group(1) == rel["data_version"] and m.group(2) != rel["data_reviewed"]:
            raise BuildError(f"{_rel(file)}: review date differs from release.json")
        entries.append((tuple(int(x) for x in file.stem.split(".")), text.rstrip("\n") + "\n"))
    if not any(".".join(map(str, v)) == rel["data_version"] for v, _ in entries):
        raise BuildError(
            f"curation/sources/changelog/{rel['data_version']}.md: missing; every data "
            "version has a changelog entry"
        )
    entries.sort(reverse=True)
    return docs.changelog_md([text for _, text in entries])


def outputs(
    ship: dict[str, Records], rel: dict[str, str], class_files: list[classes.ClassFile]
) -> dict[str, bytes]:
    """Every generated file, keyed by its path relative to the repository root."""
    version = rel["data_version"]
    files: dict[str, str] = {}
    for name in DATASETS:
        files[str(DATA_REL / f"{name}.json")] = envelope(name, ship[name], version)
    manifest = {
        "data_version": version,
        "files": {
            f"{name}.json": {
                "records": len(ship[name]),
                "sha256": hashlib.sha256(
                    files[str(DATA_REL / f"{name}.json")].encode("utf-8")
                ).hexdigest(),
            }
            for name in DATASETS
        },
    }
    files[str(DATA_REL / "MANIFEST.json")] = json.dumps(manifest, indent=1) + "\n"
    files[str(VERSION_MODULE_REL)] = version_module(rel)
    for rel_path, text in docs.generate(ship, version, class_files).items():
        files[rel_path] = text
    files["docs/data-changelog.md"] = changelog(rel)
    return {path: text.encode("utf-8") for path, text in sorted(files.items())}


def build(hold_out: bool = False) -> dict[str, bytes]:
    """Read, validate and render everything; raises BuildError on the first problem. With
    ``hold_out``, for measuring only: the development set's product names left out."""
    data = read_sources(hold_out)
    class_files = read_class_files(data)
    ship = validate(data)
    return outputs(ship, release(), class_files)


def write(files: dict[str, bytes], out: pathlib.Path) -> list[str]:
    """Write the files that differ (atomically each); return their paths."""
    changed = []
    for rel_path, content in files.items():
        target = out / rel_path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.replace(tmp, target)
        except BaseException:
            pathlib.Path(tmp).unlink(missing_ok=True)
            raise
        changed.append(rel_path)
    return changed


def differences(files: dict[str, bytes], root: pathlib.Path = ROOT) -> list[str]:
    return [p for p, c in files.items() if not (root / p).is_file() or (root / p).read_bytes() != c]


def main(argv: list[str] | None = None, run: Callable[[], dict[str, bytes]] = build) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="compare with the committed files")
    group.add_argument("--out", type=pathlib.Path, help="write the tree under this folder")
    parser.add_argument(
        "--hold-out",
        action="store_true",
        help="(with --out, for measuring) leave the development set's product names out",
    )
    args = parser.parse_args(argv)
    if args.hold_out and args.out is None:
        parser.error("--hold-out needs --out: the shipped data holds every name")
    try:
        files = build(hold_out=True) if args.hold_out else run()
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    if args.check:
        diff = differences(files)
        for path in diff:
            print(f"out of date: {path}", file=sys.stderr)
        print(f"{len(files)} generated files, {len(diff)} differ from the repository")
        return 1 if diff else 0
    changed = write(files, args.out or ROOT)
    print(f"{len(files)} generated files, {len(changed)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
