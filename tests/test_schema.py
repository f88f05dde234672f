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
