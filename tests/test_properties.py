"""Property-based tests: arbitrary input never crashes, answers do not depend on order."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kratom_safety as ks
from kratom_safety._data import get_store

NAMES = [*sorted(get_store().ingredients)[:400], "Xanax", "Percocet 5/325", "zolof", "kratom"]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=600))
def test_resolve_never_crashes(text: str) -> None:
    try:
        m = ks.resolve(text)
    except ks.InvalidInputError:
        return
    assert m is None or isinstance(m, ks.Match)


@SETTINGS
@given(st.lists(st.text(min_size=1, max_size=80), max_size=30))
def test_check_never_crashes(meds: list[str]) -> None:
    try:
        report = ks.check(meds)
    except ks.InvalidInputError:
        return
    assert len(report.inputs) == len(meds)
    json.loads(report.to_json())


@SETTINGS
@given(st.sampled_from(NAMES))
def test_resolve_is_idempotent(text: str) -> None:
    m = ks.resolve(text)
    assert m is not None
    if m.ingredients:
        again = ks.resolve(" / ".join(m.ingredients))
        assert again is not None and set(again.ingredients) == set(m.ingredients)


@SETTINGS
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=12), st.randoms())
def test_check_does_not_depend_on_order(meds: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = meds[:]
    rnd.shuffle(shuffled)
    a, b = ks.check(meds).to_dict(), ks.check(shuffled).to_dict()
    assert a["findings"] == b["findings"]
    assert a["cumulative_risks"] == b["cumulative_risks"]
    assert sorted(a["unrecognized"]) == sorted(b["unrecognized"])
