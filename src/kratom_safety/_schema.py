"""The JSON Schema of the library's outputs and data files (``kratom-safety schema``).

The report's schema comes from its pydantic models (``_report.py``); the resolver's
``Match.to_dict()`` is typed with the TypedDicts below, which its schema is derived from.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import TypedDict

__all__ = ["MatchDict", "MatchPartDict", "json_schema"]


class MatchPartDict(TypedDict):
    text: str
    name: str
    kind: str
    score: float
    ingredients: list[str]
    alternatives: list[list[str]]


class MatchDict(TypedDict):
    input: str
    ingredients: list[str]
    name: str
    kind: str
    score: float
    ambiguous: bool
    alternatives: list[list[str]]
    unmatched: list[str]
    parts: list[MatchPartDict]


def json_schema() -> dict[str, Any]:
    """JSON Schema of the report (``Report.to_dict()``) and of every shipped data file."""
    from ._data import DATASETS, SCHEMA_VERSION
    from ._report import report_schema

    datasets = {}
    for name, ds in DATASETS.items():
        records = ds.adapter.json_schema()
        defs = records.pop("$defs", {})
        datasets[ds.filename] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"kratom_safety data file {ds.filename}",
            "type": "object",
            "required": ["dataset", "schema_version", "data_version", "records"],
            "additionalProperties": False,
            "properties": {
                "dataset": {"const": name},
                "schema_version": {"const": SCHEMA_VERSION},
                "data_version": {"type": "string"},
                "records": records,
            },
            "$defs": defs,
        }
    report = report_schema()
    report["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    report["title"] = "kratom_safety check() report"
    return {"report": report, "datasets": datasets}
