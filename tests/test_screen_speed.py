"""What makes batch screening fast changes nothing it returns: the memoised combined risks
equal the reference computation, a report assembled without pydantic's loop equals one from
``model_construct``, and the garbage collector's thresholds are set back after a screen."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from kratom_safety import _rules, check
from kratom_safety._args import SUBSTANCES
from kratom_safety._data import Store, build_store, read_dataset
from kratom_safety._errors import InvalidInputError
from kratom_safety._report import Finding, Report, trusted
from kratom_safety._rules import (
    Hit,
    applicable,
    combined_for,
    combined_risks,
    properties_of,
    rules_for,
)
from kratom_safety.screen import _run, screen_file

CUSTOM = (1234, 11, 12)


@pytest.fixture
def thresholds() -> Iterator[None]:
    """Unusual thresholds to start from (the test's own are set back afterwards)."""
    before = gc.get_threshold()
    gc.set_threshold(*CUSTOM)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _reference(
    store: Store, active: tuple[str, ...], names: tuple[str, ...]
) -> tuple[list[object], dict[tuple[str, str], str]]:
    props = {n: properties_of(store, n) for n in names}
    live: dict[str, list[Hit]] = {
        n: [h for h, _ in applicable(rules_for(store, n), active)] for n in names
    }
    risks, folded = combined_risks(store, props, live)
    return list(risks), folded


def _compare(store: Store, trials: int) -> int:
    """combined_for against combined_risks on random lists; the number of risks seen."""
    grouped = set().union(
        *(set(r.properties) | set(r.conditional) for r in store.combined_risks.values())
    )
    members = sorted(i for i in store.ingredients if properties_of(store, i) & grouped)
    others = sorted(set(store.ingredients) - set(members))
    assert len(members) > 50
    rng = random.Random(46)
    seen = 0
    for trial in range(trials):
        names = rng.sample(members, rng.randint(0, 6)) + rng.sample(others, rng.randint(0, 2))
        names_t = tuple(sorted(set(names)))
        active = (SUBSTANCES[trial % len(SUBSTANCES)],)
        risks, folded = combined_for(id(store), active, names_t)
        want_risks, want_folded = _reference(store, active, names_t)
        assert list(risks) == want_risks, names_t
        assert dict(folded) == want_folded, names_t
        seen += len(risks)
    return seen


def test_combined_risks_per_group_equal_the_whole_list_computation(store: Store) -> None:
    """combined_for (each group's risk memoised per set of its members) gives what
    combined_risks gives for the whole list, for many lists and every substance."""
    assert _compare(store, 600) > 300  # the lists did exercise combined risks


def test_combined_risks_per_group_with_overlapping_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with groups that share a class (not so in the shipped data): a drug both a
    member and a conditional member of a group counts once, and a group cites the references
    of a finding folded into an earlier group when it relates to it too."""
    rules = {r.id: r for r in read_dataset("combined_risks")}
    seizure, qt = rules["seizure_threshold"], rules["qt_prolongation"]
    edits = {
        "seizure_threshold": {"properties": (*seizure.properties, "qt_prolonging")},
        "qt_prolongation": {"conditional": (*qt.conditional, "qt_prolonging")},
    }

    def reader(ds: str) -> tuple[Any, ...]:
        records = read_dataset(ds)
        if ds != "combined_risks":
            return records
        return tuple(r.model_copy(update=edits.get(r.id, {})) for r in records)

    edited = build_store(reader)
    monkeypatch.setattr("kratom_safety._rules.get_store", lambda: edited)
    try:
        assert _compare(edited, 600) > 300
        risks, folded = combined_for(id(edited), ("kratom",), ("azithromycin", "citalopram"))
        assert [r.group for r in risks] == ["qt_prolongation", "seizure_threshold"]
        assert folded[("azithromycin", "KS-INT-0022")] == "qt_prolongation"
        qt_refs = edited.interactions["KS-INT-0022"].references
        assert not set(qt_refs) <= {
            *seizure.references,
            *(m.reference for m in seizure.member_references),
        }
        assert set(qt_refs) <= {r.id for r in risks[1].references}
    finally:  # forget the memos keyed by the edited store
        for memo in (_rules._group_for, _rules._role, _rules.applicable_for):
            memo.cache_clear()


def test_trusted_report_is_the_model_construct_one(monkeypatch: pytest.MonkeyPatch) -> None:
    report = check(["oxycodone 5 mg", "Xanax 0.5mg", "zolof", "see chart", "Unisom"])
    assert report.findings and report.cumulative_risks and report.unrecognized
    values = dict(report.__dict__)
    reference = Report.model_construct(**dict(values))
    fast = trusted(Report, dict(values))
    assert type(fast) is Report
    assert fast == reference
    assert fast.__getstate__() == reference.__getstate__()
    assert list(fast.__dict__) == list(reference.__dict__) == list(Report.model_fields)
    assert fast.model_fields_set == reference.model_fields_set == set(Report.model_fields)
    assert repr(fast) == repr(reference)
    assert fast.to_json() == reference.to_json()
    assert hash(fast.findings) == hash(reference.findings)
    with pytest.raises(ValueError, match="frozen"):
        fast.coverage = "none"  # type: ignore[misc]
    # a pydantic whose instances hold something else: model_construct itself
    monkeypatch.setattr("kratom_safety._report._PLAIN", False)
    fallback = trusted(Report, dict(values))
    assert fallback == reference
    assert fallback.__getstate__() == reference.__getstate__()
    assert isinstance(report.findings[0], Finding)


def test_relaxed_gc_restores_thresholds(thresholds: None) -> None:
    with _run.relaxed_gc():
        assert gc.get_threshold() == (_run.GC_YOUNG, 11, 12)
        assert gc.isenabled()
        with _run.relaxed_gc():  # nested: still relaxed, not restored by the inner block
            pass
        assert gc.get_threshold() == (_run.GC_YOUNG, 11, 12)
    assert gc.get_threshold() == CUSTOM
    with pytest.raises(KeyError), _run.relaxed_gc():
        raise KeyError("boom")
    assert gc.get_threshold() == CUSTOM


def test_relaxed_gc_never_lowers_or_enables(thresholds: None) -> None:
    gc.set_threshold(_run.GC_YOUNG * 2, 5, 5)
    with _run.relaxed_gc():
        assert gc.get_threshold() == (_run.GC_YOUNG * 2, 5, 5)
    gc.set_threshold(0, 5, 5)  # collection switched off by the caller: left off
    with _run.relaxed_gc():
        assert gc.get_threshold() == (0, 5, 5)
    assert gc.get_threshold() == (0, 5, 5)


def test_screen_file_relaxes_then_sets_the_thresholds_back(
    thresholds: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in.csv"
    out = tmp_path / "out.csv"
    seen: list[tuple[int, int, int]] = []
    real = _run.check_lenient

    def spy(meds: Sequence[str], substance: str) -> Report:
        seen.append(gc.get_threshold())
        return real(meds, substance)

    monkeypatch.setattr(_run, "check_lenient", spy)
    _run.report_for.cache_clear()
    src.write_text("patient_id,medication\np1,oxycodone\np1,Xanax\np2,zolof\n", encoding="utf-8")
    summary = screen_file(src, out, progress=False)
    assert summary.patients_screened == 2
    assert seen == [(_run.GC_YOUNG, 11, 12)] * 2  # relaxed while screening
    assert gc.get_threshold() == CUSTOM
    # an error in the middle of the file (a malformed row): set back as well
    src.write_text("patient_id,medication\np1,oxycodone\np2,trazadone\np3,a,b\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="line 4"):
        screen_file(src, out, progress=False)
    assert len(seen) == 3
    assert gc.get_threshold() == CUSTOM
