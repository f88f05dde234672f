"""Datasets derived from pinned public inputs (see curation/pins.json); called by build.py."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable
from typing import Any

Records = list[dict[str, Any]]

# Codes people use that ISO 3166 does not assign (UK is reserved by ISO for the United Kingdom).
ALIASES = {"UK": "GB"}
# Subdivision codes are answered for the United States only, where state law differs.
SUBDIVISIONS_OF = ("US",)


def jurisdictions(pinned: Callable[[str], pathlib.Path]) -> Records:
    """ISO 3166-1 countries, US subdivisions (ISO 3166-2) and common aliases."""
    countries = json.loads(pinned("iso3166-1").read_text("utf-8"))["3166-1"]
    subdivisions = json.loads(pinned("iso3166-2").read_text("utf-8"))["3166-2"]
    out: Records = [{"id": c["alpha_2"], "name": c["name"]} for c in countries]
    out += [
        {"id": s["code"], "name": s["name"]}
        for s in subdivisions
        if s["code"].split("-")[0] in SUBDIVISIONS_OF
    ]
    names = {r["id"]: r["name"] for r in out}
    out += [{"id": a, "name": names[t], "alias_of": t} for a, t in ALIASES.items()]
    return out


DERIVED: dict[str, Callable[[Callable[[str], pathlib.Path]], Records]] = {
    "jurisdictions": jurisdictions,
}
