"""Contract: junk given to any public callable gives a KratomSafetyError or an ordinary result
-- never another exception, never a hang, never a guess.

In the style of python-stdnum's robustness test, every name in ``__all__`` of the package and
of each public submodule is exercised: each parameter of each callable in turn gets every kind
of junk (the other parameters a valid value). A parameter that needs a particular type (a
Report, a path) gets junk of the wrong type. A new public name fails
``test_every_public_name_is_exercised`` until it has an entry here.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

import kratom_safety as ks
from kratom_safety import fhir, models

# The public modules; kratom_safety.screen joins as soon as it exists.
MODULES: list[ModuleType] = [
    ks,
    fhir,
    models,
    *(
        importlib.import_module(name)
        for name in ("kratom_safety.screen",)
        if importlib.util.find_spec(name) is not None
    ),
]

LOOKALIKES: dict[str, tuple[str, ...]] = {
    # mixed script: a Cyrillic letter inside a Latin word names the Latin drug, or nothing
    "l\u043erazepam": ("lorazepam",),  # Cyrillic o
    "oxy\u0441odone": ("oxycodone",),  # Cyrillic es
    "\u0425anax": ("alprazolam",),  # Cyrillic ha: the brand Xanax
    "oxy\x00codone": ("oxycodone",),  # a control character inside a word is dropped
    # a real substance outside the clinical vocabulary is named as itself
    "KRYPTON KR-81M": ("krypton kr-81m",),
}

JUNK_STRINGS: list[str] = [
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "oxycodone " * 100_000,
    "\x00",
    "\x00\x01\x02",
    "\ud800",  # lone surrogates
    "a\udfffb",
    "\u202e\u200b",
    "😀",
    "💊💊💊",
    "ΑΒΓ",
    "-- DROP TABLE meds; --",
    "../../etc/passwd",
    "%s%s%s",
    "{0}",
    "ℵ₀",
    "a" * 501,
    # salt and dose words alone name no drug
    "tromethamine",
    "hydrochloride",
    "hydrochloride 10 mg",
    "sodium",
    "10 mg",
    # brand suffixes alone name no drug
    "Forte",
    "XR",
    "ER",
    "DS",
    *LOOKALIKES,
]

JUNK_OTHER: list[Any] = [
    None,
    0,
    -1,
    10**100,
    1.5,
    float("nan"),
    float("inf"),
    True,
    b"oxycodone",
    bytearray(b"x"),
    object(),
    ["oxycodone"],
    [None],
    ("oxycodone", 1),
    {"drug": "oxycodone"},
    {"resourceType": "Bundle", "entry": [None]},
    {"oxycodone"},
]

JUNK: list[Any] = [*JUNK_OTHER, *JUNK_STRINGS]

# For a path parameter: wrong types only (no int: it would be a file descriptor; no str or
# bytes: they would be paths).
PATH_JUNK: list[Any] = [None, 1.5, float("nan"), object(), ["x"], {"x": 1}]


def _report() -> ks.Report:
    return ks.check(["oxycodone 5 mg", "Xanax", "blorptastic"])


BUNDLE = {
    "resourceType": "Bundle",
    "type": "collection",
    "entry": [
        {
            "resource": {
                "resourceType": "MedicationStatement",
                "status": "active",
                "medicationCodeableConcept": {"text": "oxycodone 5 mg"},
            }
        }
    ],
}

# Valid values for the required parameters of every public callable, by qualified name.
# Parameters with a default are junked too; they get their default while another is junked.
VALID: dict[str, dict[str, Any]] = {
    "kratom_safety.DataIntegrityError": {"message": "x", "file": "f.json"},
    "kratom_safety.InvalidInputError": {"message": "x"},
    "kratom_safety.KratomSafetyError": {},
    "kratom_safety.adverse_events": {},
    "kratom_safety.assess_use": {"pattern": models.UsePattern()},
    "kratom_safety.check": {"medications": ["oxycodone"]},
    "kratom_safety.clear_caches": {},
    "kratom_safety.dependence_signals": {},
    "kratom_safety.ingredient": {"name": "sertraline"},
    "kratom_safety.interactions": {},
    "kratom_safety.product_profiles": {},
    "kratom_safety.regulatory_status": {"code": "US-FL"},
    "kratom_safety.resolve": {"text": "oxycodone"},
    "kratom_safety.resolve_many": {"texts": ["oxycodone"]},
    "kratom_safety.search": {"query": "oxy"},
    "kratom_safety.special_populations": {},
    "kratom_safety.fhir.medications_from_fhir": {"data": BUNDLE},
    "kratom_safety.fhir.read_fhir_medications": {"data": BUNDLE},
    "kratom_safety.fhir.to_cds_hooks": {"report": _report()},
    "kratom_safety.fhir.to_fhir": {"report": _report()},
    "kratom_safety.models.UsePattern": {},
    "kratom_safety.models.json_schema": {},
    "kratom_safety.screen.screen_rows": {"rows": [("p1", "oxycodone"), ("p1", "Xanax")]},
    "kratom_safety.screen.screen_file": {"path_in": "in.csv", "path_out": "out.csv"},
    "kratom_safety.screen.group_by_patient": {"rows": [("p1", "oxycodone")]},
}

# Types the library returns (frozen dataclasses and frozen pydantic models): built by the
# library, not from user input, so not called here.
OUTPUT_TYPES = {
    "kratom_safety.Finding",
    "kratom_safety.Match",
    "kratom_safety.Report",
    "kratom_safety.fhir.FhirMedications",
    "kratom_safety.fhir.SkippedEntry",
    *(
        f"kratom_safety.models.{name}"
        for name in (
            "AdverseEvent",
            "CumulativeRisk",
            "DependenceSignal",
            "Finding",
            "Ingredient",
            "InputResult",
            "Interaction",
            "Match",
            "MatchPart",
            "PopulationNote",
            "ProductProfile",
            "Reference",
            "RegulatoryStatus",
            "Report",
            "UseAssessment",
            "UseSignal",
        )
    ),
    "kratom_safety.screen.PatientResult",
    "kratom_safety.screen.ScreenSummary",
}


def _public() -> dict[str, Any]:
    return {f"{m.__name__}.{n}": getattr(m, n) for m in MODULES for n in m.__all__}


def _callables() -> list[str]:
    return sorted(q for q, obj in _public().items() if callable(obj) and q not in OUTPUT_TYPES)


def test_every_public_name_is_exercised() -> None:
    public = _public()
    constants = {q for q, obj in public.items() if not callable(obj)}
    present = {
        q
        for q in VALID | dict.fromkeys(OUTPUT_TYPES)
        if q.rsplit(".", 1)[0] in {m.__name__ for m in MODULES}
    }
    assert present | constants == set(public), "give every new public name an entry here"
    for q in constants:
        assert isinstance(public[q], (str, tuple, frozenset)), q


@pytest.mark.parametrize("qualname", sorted(OUTPUT_TYPES & set(_public())))
def test_output_types_are_immutable(qualname: str) -> None:
    cls = _public()[qualname]
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        assert cls.model_config.get("frozen"), qualname
    else:
        assert dataclasses.is_dataclass(cls), qualname
        assert cls.__dataclass_params__.frozen, qualname  # type: ignore[attr-defined]


def _junk_for(param: inspect.Parameter) -> list[Any]:
    if "PathLike" in str(param.annotation):
        return PATH_JUNK
    return JUNK


def _calls(qualname: str) -> Iterator[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """(what is junked, arguments, keyword arguments) for every parameter and kind of junk."""
    fn = _public()[qualname]
    valid = VALID[qualname]
    try:
        signature = inspect.signature(fn)
    except ValueError:  # a builtin signature, e.g. Exception(*args)
        for junk in JUNK:
            yield "*args", (junk,), valid
        return
    params = [
        p for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    missing = [p.name for p in params if p.default is p.empty and p.name not in valid]
    assert not missing, f"{qualname}: add valid values for {missing} to VALID"
    if not params:
        yield "()", (), {}
    for p in params:
        for junk in _junk_for(p):
            yield p.name, (), {**valid, p.name: junk}


def _run(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    result = fn(*args, **kwargs)
    if isinstance(result, Iterator):
        result = list(result)  # a generator does its work, and raises, only when consumed
    return result


@pytest.mark.parametrize("qualname", _callables())
def test_junk_gives_a_library_error_or_a_result(
    qualname: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # any file a junk argument names is made here, if at all
    (tmp_path / "in.csv").write_text("patient_id,medication\np1,oxycodone\np1,Xanax\n")
    fn = _public()[qualname]
    failures: list[str] = []
    done = threading.Event()

    def work() -> None:
        for param, args, kwargs in _calls(qualname):
            shown = f"{param}={(args or (kwargs.get(param),))[0]!r:.60}"
            try:
                result = _run(fn, args, kwargs)
            except ks.KratomSafetyError:
                continue
            except BaseException as exc:  # the contract under test
                failures.append(f"{shown}: {type(exc).__name__}: {exc}"[:300])
                continue
            if qualname == "kratom_safety.regulatory_status" and not result:
                failures.append(f"{shown}: a legal-status query answered with an empty list")
        done.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), f"{qualname} hangs on junk"
    assert done.is_set(), "the harness itself failed (see the thread's traceback above)"
    assert not failures, "\n".join(failures[:20])


def _named(text: str) -> set[str]:
    return set(LOOKALIKES.get(text, ()))


@pytest.mark.parametrize("text", JUNK_STRINGS, ids=repr)
def test_resolvers_never_name_a_drug_the_string_does_not(text: str) -> None:
    allowed = _named(text)
    try:
        m = ks.resolve(text)
    except ks.InvalidInputError:
        m = None
        assert not allowed
    got = set(m.ingredients) if m is not None else set()
    for alt in m.alternatives if m is not None else ():
        got.update(alt)
    assert got <= allowed, (text, m)
    assert got == allowed or not allowed, "a look-alike resolves to the drug it spells"
    try:
        (many,) = ks.resolve_many([text])
        assert many == m
    except ks.InvalidInputError:
        assert m is None
    try:
        report = ks.check(["oxycodone", text])
    except ks.InvalidInputError:
        pass
    else:
        named = {f.ingredient for f in report.findings} - {"oxycodone"}
        assert named <= allowed, (text, named)
    try:
        ing = ks.ingredient(text)
    except ks.InvalidInputError:
        ing = None
    assert ing is None or ing.id in allowed, (text, ing)
    try:
        records = {r.id for r in ks.interactions(drug=text)}
    except ks.InvalidInputError:
        assert not allowed or m is None or m.kind == "other_substance"
    else:
        expected: set[str] = set()
        for name in allowed:
            expected |= {r.id for r in ks.interactions(drug=name)}
        assert records == expected, text


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_check_reports_junk_strings(junk: Any) -> None:
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


def test_unknown_drug_in_a_filter_is_refused_not_an_empty_list() -> None:
    """Look-ups answer None for a name they do not know; filters refuse it (README)."""
    assert ks.resolve("notadrug") is None
    assert ks.ingredient("notadrug") is None
    assert ks.search("zzzzqqqq") == []
    for bad in ({"drug": "notadrug"}, {"drug": "MS"}, {"severity": "huge"}, {"drug": 42}):
        with pytest.raises(ks.InvalidInputError):
            ks.interactions(**bad)
    assert ks.resolve("MS") is not None and ks.resolve("MS").ambiguous  # type: ignore[union-attr]
    assert ks.interactions(drug="midazolam")
    assert ks.interactions(drug="etidocaine") == []  # recognised, outside the vocabulary


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


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(models.UsePattern)], ids=str)
def test_use_pattern_fields_with_junk(field: str) -> None:
    for junk in JUNK:
        try:
            ks.assess_use(models.UsePattern(**{field: junk}))
        except ks.InvalidInputError:
            pass
