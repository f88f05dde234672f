"""Fuzzing (issue 13): hostile CSV, JSONL, FHIR Bundles and CDS Hooks requests never crash,
never leave a partial output and never give a silent all-clear. A bounded number of examples
here; benchmarks/bench_fuzz.py runs the same strategies for longer."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from .fuzz_strategies import (
    cds_requests,
    csv_bytes,
    fhir_bundles,
    jsonl_bytes,
    run_fhir,
    run_file,
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(csv_bytes())
def test_fuzz_csv(data: bytes) -> None:
    assert run_file(data, "csv") in ("ok", "InvalidInputError")


@FUZZ
@given(jsonl_bytes())
def test_fuzz_jsonl(data: bytes) -> None:
    assert run_file(data, "jsonl", "jsonl") in ("ok", "InvalidInputError")


@FUZZ
@given(fhir_bundles)
def test_fuzz_fhir_bundles(data: Any) -> None:
    assert run_fhir(data) in ("ok", "InvalidInputError")


@FUZZ
@given(cds_requests)
def test_fuzz_cds_hooks_requests(data: Any) -> None:
    assert run_fhir(data) in ("ok", "InvalidInputError")
