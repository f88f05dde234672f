"""The JSON shapes this library emits, as TypedDicts, and their JSON Schema.

``Report.to_dict()`` and ``Match.to_dict()`` are typed with these, so mypy keeps the schema and
the output in step; ``kratom-safety schema`` prints the JSON Schema for apps in other languages.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import TypeAdapter
from typing_extensions import TypedDict

__all__ = [
    "CumulativeRiskDict",
    "FindingDict",
    "InputDict",
    "MatchDict",
    "MatchPartDict",
    "ReferenceDict",
    "ReportDict",
    "json_schema",
]


class ReferenceDict(TypedDict):
    id: str
    citation: str
    title: str
    year: int | None
    pmid: str | None
    pmcid: str | None
    doi: str | None
    url: str
    study_type: str


class FindingDict(TypedDict):
    interaction_id: str
    ingredient: str
    inputs: list[str]
    substances: list[str]
    title: str
    summary: str
    severity: Literal["major", "moderate", "minor"]
    serious: bool
    action: Literal["avoid", "adjust", "monitor", "no_action"]
    evidence: Literal["established", "probable", "possible", "theoretical", "unlikely"]
    evidence_rationale: str
    mechanism_type: str
    mechanism: str
    mechanism_targets: list[str]
    clinical_effect: str
    onset: str
    management: str
    counselling: str
    matched_by: str
    property_verified: bool
    references: list[ReferenceDict]
    last_reviewed: str
    combined_risk: str | None


class CumulativeRiskDict(TypedDict):
    group: str
    ingredients: list[str]
    interaction_ids: list[str]
    statement: str
    references: list[ReferenceDict]
    title: str
    severity: Literal["major", "moderate", "minor"]
    action: Literal["avoid", "adjust", "monitor", "no_action"]
    escalated: bool


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


class InputDict(TypedDict):
    index: int
    input: str
    status: Literal[
        "matched", "partial", "ambiguous", "substance", "unrecognized", "negated", "excluded"
    ]
    match: MatchDict | None


class ReportDict(TypedDict):
    package_version: str
    data_version: str
    data_reviewed: str
    substances: list[str]
    substances_detected_in_list: list[str]
    coverage: Literal["complete", "partial", "none"]
    statement: str
    findings: list[FindingDict]
    cumulative_risks: list[CumulativeRiskDict]
    unrecognized: list[str]
    ambiguous: list[str]
    partially_recognized: list[str]
    negated: list[str]
    excluded: list[str]
    outside_vocabulary: list[str]
    inputs: list[InputDict]
    disclaimer: str


def json_schema() -> dict[str, Any]:
    """JSON Schema of the report (``Report.to_dict()``) and of every shipped data file."""
    from ._data import DATASETS, SCHEMA_VERSION

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
    report = TypeAdapter(ReportDict).json_schema()
    report["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    report["title"] = "kratom_safety check() report"
    return {"report": report, "datasets": datasets}
