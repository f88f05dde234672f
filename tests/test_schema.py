"""The published JSON Schema describes the real outputs and data files."""

from __future__ import annotations

import io
import json
from importlib.resources import files

import jsonschema
import pytest

import kratom_safety as ks
from kratom_safety._cli import main
from kratom_safety._schema import json_schema


def test_report_matches_schema() -> None:
    schema = json_schema()["report"]
    for meds in (["oxycodone", "Xanax", "MS", "qqqq", "7-OH"], ["amoxicillin"], []):
        jsonschema.validate(ks.check(meds).to_dict(), schema)


def test_data_files_match_schema() -> None:
    for filename, schema in json_schema()["datasets"].items():
        doc = json.loads(files("kratom_safety").joinpath("data", filename).read_text("utf-8"))
        jsonschema.validate(doc, schema)


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"], stdin=io.StringIO()) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"report", "datasets"}


def test_report_schema_comes_from_the_models() -> None:
    from kratom_safety._report import Finding, Report

    schema = json_schema()["report"]
    assert schema["title"] == "kratom_safety check() report"
    assert schema["additionalProperties"] is False
    defs = schema["$defs"]
    d = ks.check(["oxycodone", "Xanax", "haloperidol", "methadone"]).to_dict()
    # every key of the output is described, and every described key is in the output
    assert set(schema["properties"]) == set(d) == set(Report.model_fields)
    finding = defs["Finding"]
    assert set(finding["properties"]) == set(d["findings"][0])
    assert set(finding["required"]) >= set(d["findings"][0]) - {
        "combined_risk",
        "from_ambiguous_input",
    }
    assert "interaction" not in finding["properties"]  # carried by its values
    assert set(Finding.model_computed_fields) < set(finding["properties"])
    assert finding["properties"]["severity"]["enum"] == ["major", "moderate", "minor"]
    assert set(defs["CitedReference"]["properties"]) == set(d["findings"][0]["references"][0])
    assert set(defs["CumulativeRisk"]["properties"]) == set(d["cumulative_risks"][0])


def test_report_schema_rejects_what_the_library_never_emits() -> None:
    schema = json_schema()["report"]
    good = ks.check(["oxycodone", "Xanax"]).to_dict()
    jsonschema.validate(good, schema)
    for path, value in (
        (("findings", 0, "severity"), "deadly"),
        (("findings", 0, "action"), "ignore"),
        (("coverage",), "total"),
        (("inputs", 0, "status"), "fine"),
        (("findings", 0, "surprise"), 1),
    ):
        bad = json.loads(json.dumps(good))
        target = bad
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
