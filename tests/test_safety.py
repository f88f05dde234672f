from __future__ import annotations

import io
import json

import pytest

import kratom_safety as ks
from kratom_safety._cli import main


def test_adverse_events_filters() -> None:
    everything = ks.adverse_events()
    assert len(everything) == 12
    hepatic = ks.adverse_events(system="hepatic")
    assert hepatic and all(a.system == "hepatic" for a in hepatic)
    assert all(a.serious for a in ks.adverse_events(serious=True))
    seven = ks.adverse_events(substance="7-hydroxymitragynine")
    assert seven and all("7-hydroxymitragynine" in a.substances for a in seven)


def test_every_figure_cites_one_of_its_records_references() -> None:
    for rec in [*ks.adverse_events(), *ks.dependence_signals()]:
        for fig in rec.figures:
            assert fig.reference in rec.references, (rec.id, fig.label)


def test_no_established_grade_without_controlled_data() -> None:
    for rec in [*ks.adverse_events(), *ks.dependence_signals()]:
        assert rec.evidence != "established", rec.id


def test_dependence_filters() -> None:
    assert ks.dependence_signals(kind="treatment")
    with pytest.raises(ks.InvalidInputError):
        ks.dependence_signals(kind="cure")


def test_cli_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adverse-events", "--system", "hepatic"], stdin=io.StringIO()) == 0
    out = capsys.readouterr().out
    assert "KS-AE-" in out and "PMID" in out
    assert main(["dependence", "--json"], stdin=io.StringIO()) == 0
    assert json.loads(capsys.readouterr().out)


def test_product_profiles() -> None:
    profiles = {p.id: p for p in ks.product_profiles()}
    assert {"leaf-powder", "extract", "concentrated-7oh"} <= set(profiles)
    for p in profiles.values():
        for fig in p.figures:
            assert fig.reference in p.references


def test_assess_use_matches_published_thresholds() -> None:
    heavy = ks.assess_use(
        ks.models.UsePattern(
            product="leaf",
            grams_per_dose=6,
            doses_per_day=4,
            months_of_use=24,
            co_used=("oxycodone", "Xanax"),
        )
    )
    ids = {s.record_id for s in heavy.signals}
    assert {"KS-DEP-0005", "KS-DEP-0003", "KS-AE-0007", "KS-DEP-0002", "KS-AE-0010"} <= ids
    assert heavy.interactions is not None and heavy.interactions.findings
    assert "not a diagnosis" in heavy.statement
    seven = ks.assess_use(
        ks.models.UsePattern(product="concentrated_7oh", co_used=("hydrocodone",))
    )
    assert {"KS-AE-0012", "KS-DEP-0007"} <= {s.record_id for s in seven.signals}
    assert seven.interactions is not None
    assert "7-hydroxymitragynine" in seven.interactions.substances
    light = ks.assess_use(ks.models.UsePattern(product="leaf", grams_per_dose=1, doses_per_day=1))
    assert light.signals == ()
    assert "does not mean lower risk" in light.statement


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "leaf",
        {"product": "leaf"},
        ks.models.UsePattern(product="gummies"),  # type: ignore[arg-type]
        ks.models.UsePattern(grams_per_dose=-1),
        ks.models.UsePattern(doses_per_day=float("nan")),
        ks.models.UsePattern(doses_per_day=True),
        ks.models.UsePattern(co_used=["oxycodone"]),  # type: ignore[arg-type]
        ks.models.UsePattern(pregnant="yes"),  # type: ignore[arg-type]
    ],
)
def test_assess_use_refuses_junk(bad: object) -> None:
    with pytest.raises(ks.InvalidInputError):
        ks.assess_use(bad)  # type: ignore[arg-type]


def test_special_populations() -> None:
    notes = {n.id: n for n in ks.special_populations()}
    assert {"pregnancy-and-neonates", "liver-disease", "older-adults", "opioid-use-disorder"} <= (
        set(notes)
    )
    assert all(n.references and n.considerations for n in notes.values())


def test_argument_checks_are_shared_and_exact() -> None:
    from kratom_safety import _args

    assert _args.SUBSTANCES == ("kratom", "mitragynine", "7-hydroxymitragynine")
    for junk in (None, 1, b"kratom", ["kratom"], "Kratom", "kratom "):
        with pytest.raises(ks.InvalidInputError, match="substance must be one of kratom, mit"):
            _args.substance_arg(junk)
        with pytest.raises(ks.InvalidInputError, match="substance must be one of"):
            ks.adverse_events(substance=junk if junk is not None else 3)  # type: ignore[arg-type]
        with pytest.raises(ks.InvalidInputError, match="substance must be one of"):
            ks.check(["oxycodone"], substance=junk)  # type: ignore[arg-type]
    assert _args.substance_arg("mitragynine") == "mitragynine"
    with pytest.raises(ks.InvalidInputError, match="kind must be one of withdrawal"):
        ks.dependence_signals(kind="craving")
    with pytest.raises(ks.InvalidInputError, match="kind must be a string"):
        ks.dependence_signals(kind=3)  # type: ignore[arg-type]
    with pytest.raises(ks.InvalidInputError, match="serious must be True, False or None"):
        ks.adverse_events(serious=1)  # type: ignore[arg-type]
    with pytest.raises(ks.InvalidInputError, match="severity must be major, moderate or minor"):
        ks.interactions(severity="severe")
    with pytest.raises(ks.InvalidInputError, match="evidence must be one of established"):
        ks.interactions(evidence="strong")
    assert _args.number_arg("x", 2, upper=3) == 2.0
    for bad in (True, float("nan"), "2", -1, 4):
        with pytest.raises(ks.InvalidInputError, match="x must be"):
            _args.number_arg("x", bad, upper=3)
    with pytest.raises(ks.InvalidInputError, match=r"on must be a datetime\.date"):
        ks.regulatory_status("TH", on="2026-01-01")  # type: ignore[arg-type]
