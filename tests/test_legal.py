"""Legal status: explicit unknowns, aliases, layers, dates and staleness, and the CLI contract."""

from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import urlparse

import pytest

import kratom_safety as ks
from kratom_safety._cli import main
from kratom_safety._data import get_store

TODAY = dt.date(2026, 11, 29)


def test_exact_counts_of_the_versioned_data() -> None:
    store = get_store()
    assert len(store.regulatory) == 146
    assert len({r.jurisdiction for r in store.regulatory.values()}) == 73
    us = {r.jurisdiction for r in store.regulatory.values() if r.jurisdiction.startswith("US-")}
    assert len(us) == 51  # 50 states and DC
    assert len(store.jurisdictions) == 249 + 57 + 1


def test_every_jurisdiction_answers_both_substances() -> None:
    by_place: dict[str, set[str]] = {}
    for r in get_store().regulatory.values():
        by_place.setdefault(r.jurisdiction, set()).add(r.substance)
    assert all(subs == {"kratom", "7-hydroxymitragynine"} for subs in by_place.values())


def test_place_without_a_record_is_explicitly_unknown() -> None:
    answers = ks.regulatory_status("BT", on=TODAY)
    assert [(a.substance, a.status, a.has_record) for a in answers] == [
        ("kratom", "unknown", False),
        ("7-hydroxymitragynine", "unknown", False),
    ]
    assert all("not permission" in a.detail for a in answers)


def test_uk_is_gb_and_codes_are_case_insensitive() -> None:
    gb = [a.id for a in ks.regulatory_status("GB", on=TODAY)]
    assert gb == [a.id for a in ks.regulatory_status("uk", on=TODAY)]
    assert gb == ["GB-kratom", "GB-7-hydroxymitragynine"]


def test_state_query_includes_the_federal_layer() -> None:
    answers = ks.regulatory_status("US-FL", on=TODAY)
    assert [(a.jurisdiction, a.substance) for a in answers] == [
        ("US-FL", "kratom"),
        ("US-FL", "7-hydroxymitragynine"),
        ("US", "kratom"),
        ("US", "7-hydroxymitragynine"),
    ]
    assert [a.jurisdiction for a in ks.regulatory_status("US", on=TODAY)] == ["US", "US"]
    assert [a.substance for a in ks.regulatory_status("US-FL", "kratom", on=TODAY)] == [
        "kratom",
        "kratom",
    ]


def test_a_lapsed_emergency_rule_reads_as_stale_unknown() -> None:
    (ohio,) = ks.regulatory_status("US-OH", "7-hydroxymitragynine", on=TODAY)[:1]
    assert ohio.last_known_status == "controlled"
    assert ohio.expires == dt.date(2026, 6, 10)
    assert (ohio.status, ohio.stale) == ("unknown", True)
    assert ohio.stale_reason is not None and "expired" in ohio.stale_reason
    (before,) = ks.regulatory_status("US-OH", "7-hydroxymitragynine", on=dt.date(2026, 3, 1))[:1]
    assert (before.status, before.stale) == ("controlled", False)


def test_records_go_stale_a_year_after_they_were_checked() -> None:
    fresh = ks.regulatory_status("US-NY", "kratom", on=TODAY)[0]
    assert (fresh.status, fresh.stale) == ("restricted", False)
    later = ks.regulatory_status("US-NY", "kratom", on=dt.date(2028, 1, 1))[0]
    assert (later.status, later.last_known_status, later.stale) == ("unknown", "restricted", True)


def test_pending_change_never_replaces_the_status() -> None:
    with_pending = [r for r in get_store().regulatory.values() if r.pending_change]
    assert with_pending
    for r in with_pending:
        assert r.status in ("controlled", "restricted", "not_controlled", "unknown")


def test_federal_7oh_is_reported_not_asserted() -> None:
    fed = get_store().regulatory["US-7-hydroxymitragynine"]
    assert (fed.status, fed.confidence) == ("unknown", "reported")
    assert fed.pending_change is not None


NEVER = (
    "legalclarity",
    "thescottishsun",
    "thesun.",
    "dailymail",
    "reddit",
    "wikipedia",
    "kratom",
    "speciosa",
    "justia",
    "casetext",
    "public.law",
    "legiscan",
    "jdsupra",
    "mondaq",
    "billtrack50",
    "fastdemocracy",
    "openstates",
    "blogspot",
    "medium.com",
)


def test_no_source_of_a_kind_never_kept() -> None:
    for r in get_store().regulatory.values():
        sources = list(r.sources) + list(r.pending_change.sources if r.pending_change else ())
        for s in sources:
            host = urlparse(s.url).hostname or ""
            assert not any(bad in host for bad in NEVER), (r.id, host)
            assert s.official == (s.kind != "news"), (r.id, s.url)
        if r.confidence == "official":
            assert any(s.official for s in r.sources), r.id


@pytest.mark.parametrize("code", ["XX", "U", "US-ZZ", "", "Florida", "US-", "AU-NSW"])
def test_bad_codes_raise(code: str) -> None:
    with pytest.raises(ks.InvalidInputError):
        ks.regulatory_status(code)


@pytest.mark.parametrize("on", ["2026-01-01", 20260101, dt.datetime(2026, 1, 1), object()])
def test_bad_dates_raise(on: object) -> None:
    with pytest.raises(ks.InvalidInputError):
        ks.regulatory_status("US", on=on)  # type: ignore[arg-type]


@pytest.mark.parametrize("substance", ["mitragynine", "KRATOM", 7, ""])
def test_bad_substances_raise(substance: object) -> None:
    with pytest.raises(ks.InvalidInputError):
        ks.regulatory_status("US", substance)  # type: ignore[arg-type]


def test_cli_prints_dates_confidence_notes_and_the_disclaimer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "US-OH"], stdin=io.StringIO()) == 0
    out = capsys.readouterr().out
    assert "Not legal advice; check the official text." in out
    assert "checked 2026-11-29" in out and "expires 2026-06-10" in out
    assert "Note:" in out and "confidence: official" in out
    assert "[US] - kratom" in out  # the federal layer


def test_cli_unknown_place_exits_0_with_explicit_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "BT", "--json"], stdin=io.StringIO()) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in doc] == ["unknown", "unknown"]
    assert main(["status", "XX"], stdin=io.StringIO()) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown jurisdiction" in err[0]


def test_cli_shows_reported_confidence_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "US"], stdin=io.StringIO()) == 0
    out = capsys.readouterr().out
    assert "reported by news only" in out
    assert "Pending (not in force):" in out
