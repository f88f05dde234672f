"""Write a dataset file with the standard envelope (maintainer helper)."""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "kratom_safety" / "data"


def data_version() -> str:
    text = (ROOT / "src" / "kratom_safety" / "_version.py").read_text(encoding="utf-8")
    m = re.search(r'^DATA_VERSION = "([^"]+)"', text, re.M)
    assert m, "DATA_VERSION not found"
    return m.group(1)


def write_dataset(name: str, records: list[dict[str, object]]) -> None:
    records = sorted(records, key=lambda r: str(r["id"]))
    doc = {"dataset": name, "schema_version": 1, "data_version": data_version(), "records": records}
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    (DATA / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"wrote {name}.json: {len(records)} records")
