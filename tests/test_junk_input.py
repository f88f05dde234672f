"""Contract: junk input to any public entry point gives InvalidInputError or an explicit
"unrecognised" result -- never another exception, never a guess."""

from __future__ import annotations

from typing import Any

import pytest

import kratom_safety as ks

JUNK: list[Any] = [
    None,
    0,
    1.5,
    True,
    b"oxycodone",
    object(),
    ["oxycodone"],
    {"drug": "oxycodone"},
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "\x00\x01\x02",
    "\u202e\u200b",
    "😀",
    "💊💊💊",
    "-- DROP TABLE meds; --",
    "../../etc/passwd",
    "%s%s%s",
    "ℵ₀",
    "a" * 501,
]


def _ok_result(result: Any) -> None:
    if result is None:
        return
    if isinstance(result, ks.Match):
        # an explicit result: never a guess for pure junk
        assert result.ingredients == () or result.score > 0
        return
    if isinstance(result, list):
        for r in result:
            _ok_result(r)
        return
    raise AssertionError(f"unexpected result {result!r}")


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_resolve(junk: Any) -> None:
    try:
        result = ks.resolve(junk)
    except ks.InvalidInputError as exc:
        assert exc.value is not None or junk is None
        return
    assert result is None or not result.ingredients, (junk, result)


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_resolve_many(junk: Any) -> None:
    for arg in (junk, [junk], ["oxycodone", junk]):
        try:
            _ok_result(ks.resolve_many(arg))
        except ks.InvalidInputError:
            pass


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_search(junk: Any) -> None:
    try:
        _ok_result(ks.search(junk))
    except ks.InvalidInputError:
        pass
    for limit in (junk, -1, 0, 10**9):
        try:
            ks.search("oxy", limit=limit)
        except ks.InvalidInputError:
            pass


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_check(junk: Any) -> None:
    for arg in (junk, [junk], ["oxycodone", junk]):
        try:
            report = ks.check(arg)
        except ks.InvalidInputError:
            continue
        assert isinstance(report, ks.Report)
        # junk strings are reported, not silently dropped
        assert (
            set(report.unrecognized)
            | set(report.partially_recognized)
            | {r.input for r in report.inputs}
        )
    with pytest.raises(ks.InvalidInputError):
        ks.check(["oxycodone"], substance=junk)


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_interactions(junk: Any) -> None:
    for key in ("substance", "drug", "property", "severity", "evidence"):
        try:
            result = ks.interactions(**{key: junk})
        except ks.InvalidInputError:
            continue
        assert isinstance(result, list)


def test_megabyte_string_is_refused_quickly() -> None:
    import time

    start = time.perf_counter()
    with pytest.raises(ks.InvalidInputError):
        ks.resolve("oxycodone " * 100_000)
    assert time.perf_counter() - start < 0.5


def test_too_long_list_is_refused() -> None:
    with pytest.raises(ks.InvalidInputError):
        ks.check(["oxycodone"] * 1001)


def test_error_carries_offending_input() -> None:
    with pytest.raises(ks.InvalidInputError) as exc:
        ks.check(["oxycodone", 42])
    assert exc.value.value == 42
    assert exc.value.index == 1


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_safety_browsers(junk: Any) -> None:
    for fn, keys in (
        (ks.adverse_events, ("substance", "system", "serious")),
        (ks.dependence_signals, ("substance", "kind")),
    ):
        for key in keys:
            try:
                result = fn(**{key: junk})
            except ks.InvalidInputError:
                continue
            assert isinstance(result, list)
    for call in (
        lambda: ks.regulatory_status(junk),
        lambda: ks.regulatory_status("US-FL", junk),
        lambda: ks.regulatory_status("US-FL", on=junk),
    ):
        try:
            answers = call()
        except ks.InvalidInputError:
            continue
        assert answers, "a legal-status query never answers with an empty list"
