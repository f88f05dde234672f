"""The per-patient check runs unchanged inside Dask (docs/scaling.md)."""

from __future__ import annotations

import random
from typing import Any

import pytest

import kratom_safety as ks
from kratom_safety.screen import group_by_patient, screen_rows

db = pytest.importorskip("dask.bag")

MEDS = ["oxycodone 5 mg", "Xanax", "zolof", "gabapentin", "amoxicillin", "qqqq", "7-OH", "Norco"]


def screen_patient(item: tuple[str, list[tuple[str, str]]]) -> dict[str, Any]:
    patient_id, rows = item
    report = ks.check(sorted(med for _, med in rows if med.strip()))
    return {"patient_id": patient_id, **report.to_dict()}


def test_dask_groupby_map_matches_single_machine() -> None:
    rnd = random.Random(7)
    rows = [(f"p{p:03d}", rnd.choice(MEDS)) for p in range(40) for _ in range(rnd.randint(1, 5))]
    rnd.shuffle(rows)

    bag = db.from_sequence(rows, npartitions=4)
    distributed = bag.groupby(lambda r: r[0]).map(screen_patient).compute(scheduler="sync")
    by_patient = {r["patient_id"]: r for r in distributed}

    grouped = sorted(rows, key=lambda r: r[0])
    local = {r.patient_id: r.report for r in screen_rows(grouped)}
    assert set(by_patient) == set(local)
    for pid, report in local.items():
        assert by_patient[pid]["findings"] == report.to_dict()["findings"]
        assert by_patient[pid]["cumulative_risks"] == report.to_dict()["cumulative_risks"]

    # one machine, rows in any order (docs/scaling.md): the same reports
    groups = group_by_patient(rows, strategy="partitioned")
    partitioned = {r.patient_id: r for r in screen_rows((p, m) for p, ms in groups for m in ms)}
    assert list(partitioned) == list(dict.fromkeys(pid for pid, _ in rows))
    for pid, r in partitioned.items():
        assert r.report.to_dict()["findings"] == by_patient[pid]["findings"]
    assert ks.screen.screen_rows is screen_rows
