"""Class membership as data: ``curation/sources/classes/<property>.json`` (called by build.py).

Each file defines one property (``Property`` in ``src/kratom_safety/_models.py``): what
membership means, the source lists it was compared with, and every member with the reference
it was read in (see ``curation/sources/classes/README.md``). The build derives each
ingredient's ``properties`` from these files; nothing else assigns a class.
"""

from __future__ import annotations

import datetime
import json
import pathlib
from collections.abc import Callable
from typing import Any, get_args

from kratom_safety._models import Property

Records = list[dict[str, Any]]
ClassFile = dict[str, Any]

PROPERTIES: tuple[str, ...] = get_args(Property)
_KEYS = {
    "property",
    "definition",
    "class_sources",
    "completeness_review",
    "reviewed",
    "members",
    "excluded",
}
_REQUIRED = _KEYS - {"excluded"}
_MEMBER_KEYS = {"ingredient", "sources", "locator", "detail"}
_EXCLUDED_KEYS = {"ingredient", "reason"}


def _text(value: object, *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and bool(value.strip())


def read_classes(
    folder: pathlib.Path,
    ingredients: set[str],
    references: set[str],
    error: Callable[[str], Exception],
    rel: Callable[[pathlib.Path], str],
) -> list[ClassFile]:
    """Every class file, validated; the first problem raises ``error(one line)``."""
    out: list[ClassFile] = []
    for file in sorted(folder.glob("*.json")):
        where = rel(file)
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise error(f"{where}: not readable UTF-8 JSON ({exc})") from None
        if not isinstance(doc, dict):
            raise error(f"{where}: must hold one JSON object")
        missing = sorted(_REQUIRED - set(doc))
        extra = sorted(set(doc) - _KEYS)
        if missing or extra:
            what = "; ".join(
                x
                for x in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(extra)}" if extra else "",
                )
                if x
            )
            raise error(f"{where}: {what}")
        prop = doc["property"]
        if prop not in PROPERTIES:
            raise error(f"{where}: unknown property {prop!r} (not in Property)")
        if file.stem != prop:
            raise error(f"{where}: property {prop!r} must be in a file named {prop}.json")
        for key in ("definition", "completeness_review"):
            if not _text(doc[key]):
                raise error(f"{where}: {key} must be non-empty text")
        try:
            datetime.date.fromisoformat(str(doc["reviewed"]))
        except ValueError:
            raise error(f"{where}: reviewed must be a YYYY-MM-DD date") from None
        cs = doc["class_sources"]
        if not isinstance(cs, list) or not all(isinstance(s, str) for s in cs):
            raise error(f"{where}: class_sources must be a list of reference ids")
        for sid in cs:
            if sid not in references:
                raise error(f"{where}: class source {sid!r} is not a known reference")
        members = doc["members"]
        if not isinstance(members, list):
            raise error(f"{where}: members must be a list")
        seen: list[str] = []
        for i, m in enumerate(members):
            if not isinstance(m, dict) or not isinstance(m.get("ingredient"), str):
                raise error(f"{where}: member {i} must be an object with an ingredient")
            ing = m["ingredient"]
            head = f"{where}: member {ing}"
            bad = sorted(set(m) - _MEMBER_KEYS) + sorted({"sources", "locator"} - set(m))
            if bad:
                raise error(f"{head}: unknown or missing field(s) {', '.join(bad)}")
            if ing not in ingredients:
                raise error(f"{head}: not an ingredient id in curation/sources/ingredients.jsonl")
            if ing in seen:
                raise error(f"{head}: listed twice")
            if seen and ing < seen[-1]:
                raise error(f"{head}: members not sorted by ingredient")
            seen.append(ing)
            src = m["sources"]
            if not isinstance(src, list) or not src or not all(isinstance(s, str) for s in src):
                raise error(f"{head}: sources must be a non-empty list of reference ids")
            if len(set(src)) != len(src):
                raise error(f"{head}: a source is listed twice")
            for sid in src:
                if sid not in references:
                    raise error(f"{head}: source {sid!r} is not a known reference")
            if not _text(m["locator"]):
                raise error(f"{head}: locator must be non-empty text")
            if not _text(m.get("detail"), optional=True):
                raise error(f"{head}: detail must be null or non-empty text")
        excluded = doc.get("excluded", [])
        if not isinstance(excluded, list):
            raise error(f"{where}: excluded must be a list")
        for i, x in enumerate(excluded):
            if (
                not isinstance(x, dict)
                or set(x) != _EXCLUDED_KEYS
                or not _text(x["ingredient"])
                or not _text(x["reason"])
            ):
                raise error(f"{where}: excluded item {i} needs exactly ingredient and reason")
            if x["ingredient"] in seen:
                raise error(f"{where}: {x['ingredient']} is both a member and excluded")
        out.append(doc)
    return out


def derive_properties(ingredients: Records, classes: list[ClassFile]) -> Records:
    """The ingredient records with ``properties`` derived from the class files.

    A source line that still carries its own non-empty ``properties`` is refused (by the
    caller): class membership has one home.
    """
    tags: dict[str, list[dict[str, Any]]] = {}
    for doc in sorted(classes, key=lambda d: str(d["property"])):
        for m in doc["members"]:
            tags.setdefault(m["ingredient"], []).append(
                {
                    "property": doc["property"],
                    "source": m["sources"][0],
                    "sources": list(m["sources"]),
                    "locator": m["locator"],
                    "detail": m.get("detail"),
                }
            )
    out: Records = []
    for rec in ingredients:
        new = {k: v for k, v in rec.items() if k != "properties"}
        new["properties"] = tags.get(str(rec["id"]), [])
        out.append(new)
    return out
