"""Clinical rules as data (issue 14): combined risks, class caps and use-pattern rules live in
curated datasets, not in ``_rules.py`` / ``_use.py``; the output follows the data."""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

import kratom_safety as ks
import kratom_safety._use as use_module
from kratom_safety import DataIntegrityError
from kratom_safety._data import Store, build_store, get_store, read_dataset
from kratom_safety._models import Interaction
from kratom_safety._models_rules import ClassCap, CombinedRiskRule, StatementAddendum, UseRule
from kratom_safety._rules import Hit, capped, combined_risks

SRC = pathlib.Path(ks.__file__).parent
CLINICAL = ("combined_risks", "class_caps", "use_rules", "use_statements")


def _store_with(name: str, edit: Callable[[tuple[Any, ...]], tuple[Any, ...]]) -> Store:
    """A store built from the shipped data, with dataset ``name`` edited (the loader's seam)."""

    def reader(ds: str) -> tuple[Any, ...]:
        records = read_dataset(ds)
        return edit(records) if ds == name else records

    return build_store(reader)


def _replace(rid: str, **changes: Any) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    def edit(records: tuple[Any, ...]) -> tuple[Any, ...]:
        assert any(r.id == rid for r in records), rid
        return tuple(r.model_copy(update=changes) if r.id == rid else r for r in records)

    return edit


# --- the datasets -------------------------------------------------------------------------


def test_clinical_datasets_load_with_pinned_counts(store: Store) -> None:
    assert {n: store.counts()[n] for n in CLINICAL} == {
        "combined_risks": 4,
        "class_caps": 1,
        "use_rules": 8,
        "use_statements": 4,
    }
    assert sorted(store.combined_risks) == [
        "cns_respiratory_depression",
        "hepatotoxicity",
        "qt_prolongation",
        "seizure_threshold",
    ]
    assert [r.id for r in sorted(store.use_rules.values(), key=lambda r: r.order)] == [
        "doses-3-a-day",
        "doses-4-a-day",
        "grams-5-per-dose-22-a-week",
        "daily-6-months",
        "concentrated-7oh",
        "pregnancy",
        "other-sud",
        "co-use-serious",
    ]


def test_every_reference_and_record_named_by_the_rules_resolves(store: Store) -> None:
    cited: list[str] = []
    for g in store.combined_risks.values():
        cited += [*g.references, *(m.reference for m in g.member_references)]
        cited += g.treatment.references if g.treatment else ()
        for m in g.member_references:
            assert m.member in store.ingredients or any(
                m.member in {p.property for p in i.properties} for i in store.ingredients.values()
            ), m.member
    for cap in store.class_caps.values():
        cited += cap.references
        assert all(i in store.ingredients for i in cap.except_ingredients)
    for rule in store.use_rules.values():
        cited += rule.references
        for s in rule.signals:
            assert s.record in store.dependence or s.record in store.adverse_events, s.record
    assert len(cited) >= 20
    assert [r for r in cited if r not in store.references] == []


def test_every_risk_group_of_an_interaction_has_its_record(store: Store) -> None:
    groups = {i.risk_group for i in store.interactions.values()} - {None}
    assert groups == set(store.combined_risks)


# --- the output follows the data ------------------------------------------------------------


def test_combined_risk_statement_title_and_references_follow_the_data() -> None:
    store = _store_with(
        "combined_risks",
        _replace(
            "hepatotoxicity",
            title="Edited title with {n} drugs",
            statement="Edited statement for {n} drugs: {names}.",
            references=("tay2016taap",),
        ),
    )
    props = {"a": frozenset({"hepatotoxic"}), "b": frozenset({"hepatotoxic"})}
    (risk,), _ = combined_risks(store, props, {})
    assert risk.title == "Edited title with 2 drugs"
    assert risk.statement == "Edited statement for 2 drugs: a, b."
    assert [r.id for r in risk.references] == ["tay2016taap"]
    (shipped,), _ = combined_risks(get_store(), props, {})
    assert shipped.statement.startswith("Kratom is combined here with 2 drugs that can injure")


def test_group_membership_and_min_members_follow_the_data() -> None:
    props = {"a": frozenset({"hepatotoxic"}), "b": frozenset({"hepatotoxic"})}
    store = _store_with("combined_risks", _replace("hepatotoxicity", min_members=3))
    assert combined_risks(store, props, {}) == ([], {})
    store = _store_with("combined_risks", _replace("hepatotoxicity", properties=("maoi",)))
    assert combined_risks(store, props, {}) == ([], {})
    (risk,), _ = combined_risks(store, {"a": frozenset({"maoi"}), "b": frozenset({"maoi"})}, {})
    assert risk.group == "hepatotoxicity"


def test_treatment_statement_and_addendum_follow_the_data(store: Store) -> None:
    props = {
        "buprenorphine": frozenset({"opioid_partial_agonist"}),
        "alprazolam": frozenset({"benzodiazepine"}),
    }
    (risk,), _ = combined_risks(store, props, {})
    assert "Buprenorphine treats opioid use disorder" in risk.statement
    assert risk.statement.endswith(
        "(alprazolam) is named by the FDA: the combination raises "
        "the risk of serious side effects, including breathing problems."
    )
    assert "fda_dsc_mat_benzo_2017" in [r.id for r in risk.references]
    cns = store.combined_risks["cns_respiratory_depression"]
    assert cns.treatment is not None
    edited = _store_with(
        "combined_risks",
        _replace(
            "cns_respiratory_depression",
            treatment=cns.treatment.model_copy(
                update={"statement": "Treatment {treatment} among {n}: {names}."}
            ),
            addenda=(
                cns.addenda[0].model_copy(update={"text": "Also {members} with it, noted here."}),
            ),
        ),
    )
    (risk,), _ = combined_risks(edited, props, {})
    assert risk.statement == (
        "Treatment Buprenorphine among 2: alprazolam, buprenorphine. "
        "Also alprazolam with it, noted here."
    )


def test_class_cap_follows_the_data(store: Store) -> None:
    rule = next(
        i
        for i in store.interactions.values()
        if any(t.value == "seizure_threshold_lowering" for t in i.targets)
    )
    assert isinstance(rule, Interaction) and rule.severity == "major"
    hit = Hit(rule, "property:seizure_threshold_lowering")
    props = frozenset({"antipsychotic", "seizure_threshold_lowering"})
    cap = store.class_caps["seizure_threshold_lowering-antipsychotic"]
    assert capped(store, hit, "quetiapine", props) == ("moderate", cap.note)
    assert capped(store, hit, "clozapine", props) == ("major", None)
    edited = _store_with(
        "class_caps",
        _replace(
            cap.id,
            severity="minor",
            note="An edited note, long enough to pass.",
            except_ingredients=(),
        ),
    )
    assert capped(edited, hit, "quetiapine", props) == (
        "minor",
        "An edited note, long enough to pass.",
    )
    assert capped(edited, hit, "clozapine", props)[0] == "minor"
    assert capped(_store_with("class_caps", lambda _: ()), hit, "quetiapine", props) == (
        "major",
        None,
    )


def test_use_thresholds_reasons_and_statements_follow_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pattern = ks.models.UsePattern(doses_per_day=2)
    assert ks.assess_use(pattern).signals == ()
    rule = get_store().use_rules["doses-3-a-day"]
    store = _store_with(
        "use_rules",
        _replace(
            rule.id,
            thresholds=(rule.thresholds[0].model_copy(update={"at_least": 2.0}),),
            signals=(rule.signals[0].model_copy(update={"reason": "edited: {doses_per_day:g}/d"}),),
        ),
    )
    monkeypatch.setattr(use_module, "get_store", lambda: store)
    (signal,) = ks.assess_use(pattern).signals
    assert (signal.record_id, signal.reason) == ("KS-DEP-0005", "edited: 2/d")
    texts = _store_with(
        "use_statements",
        _replace("matched_one", text="Exactly {n} edited."),
    )
    monkeypatch.setattr(
        use_module, "get_store", lambda: dataclasses.replace(texts, use_rules=store.use_rules)
    )
    assert ks.assess_use(pattern).statement.startswith("Exactly 1 edited. These are signals")


def test_use_rule_order_sets_signal_order(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = ks.models.UsePattern(pregnant=True, other_substance_use_disorder=True)
    assert [s.record_id for s in ks.assess_use(pattern).signals] == [
        "KS-DEP-0010",
        "KS-AE-0009",
        "KS-DEP-0006",
    ]
    store = _store_with(
        "use_rules",
        lambda rs: tuple(
            r.model_copy(update={"order": 100}) if r.id == "pregnancy" else r for r in rs
        ),
    )
    monkeypatch.setattr(use_module, "get_store", lambda: store)
    assert [s.record_id for s in ks.assess_use(pattern).signals] == [
        "KS-DEP-0006",
        "KS-DEP-0010",
        "KS-AE-0009",
    ]


# --- the loader refuses broken rules --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rid", "changes", "message"),
    [
        ("combined_risks", "hepatotoxicity", {"references": ("no-such-ref",)}, "unknown reference"),
        (
            "class_caps",
            "seizure_threshold_lowering-antipsychotic",
            {"except_ingredients": ("no-such-drug",)},
            "unknown ingredient",
        ),
        ("use_rules", "pregnancy", {"references": ("tay2016taap",)}, "not cited by its signal"),
        ("use_rules", "pregnancy", {"order": 1}, "order shared"),
    ],
)
def test_loader_refuses_broken_rules(
    name: str, rid: str, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DataIntegrityError, match=message):
        _store_with(name, _replace(rid, **changes))


def test_loader_refuses_unknown_signal_record_and_missing_sentence(store: Store) -> None:
    rule = store.use_rules["other-sud"]
    bad = rule.signals[0].model_copy(update={"record": "KS-DEP-0999"})
    with pytest.raises(DataIntegrityError, match="unknown signal record"):
        _store_with("use_rules", _replace("other-sud", signals=(bad,)))
    with pytest.raises(DataIntegrityError, match="fixed sentence missing"):
        _store_with("use_statements", lambda rs: tuple(r for r in rs if r.id != "caveat"))
    with pytest.raises(DataIntegrityError, match="no record for the risk group"):
        _store_with("combined_risks", lambda rs: tuple(r for r in rs if r.id != "hepatotoxicity"))


def test_models_refuse_unknown_placeholders_and_untested_measures(store: Store) -> None:
    cns = store.combined_risks["cns_respiratory_depression"].model_dump()
    with pytest.raises(ValidationError, match="unknown placeholder"):
        CombinedRiskRule.model_validate({**cns, "statement": cns["statement"] + " {oud}"})
    with pytest.raises(ValidationError, match="unknown placeholder"):
        StatementAddendum(ingredient="x", with_property="maoi", text="With {benzos} it is named.")
    rule = store.use_rules["doses-4-a-day"].model_dump()
    rule["signals"][0]["reason"] = "{grams_per_dose:g} g per dose"
    with pytest.raises(ValidationError, match="names a measure the rule does not test"):
        UseRule.model_validate(rule)
    with pytest.raises(ValidationError, match="needs a threshold, a flag or a product"):
        UseRule.model_validate({**rule, "thresholds": ()})
    with pytest.raises(ValidationError):
        ClassCap.model_validate(
            {
                **store.class_caps[next(iter(store.class_caps))].model_dump(),
                "member_of": "not_a_property",
            }
        )


# --- no clinical text left in code ----------------------------------------------------------

_LONG = 60
_RECORD_ID = re.compile(r"KS-(INT|DEP|AE)-[0-9]{4}")
# Numbers _use.py may hold: input bounds (100 doses a day, 500 g, 1200 months), seven days a
# week, and 0 / 1 (counts). Any published threshold (3, 4, 5, 6, 22 ...) belongs in the data.
_NUMBERS_ALLOWED = {0, 1, 7, 100, 500, 1200}


def _strings(source: str) -> list[str]:
    """Every string constant of a module except docstrings (f-string parts included)."""
    tree = ast.parse(source)
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            # a docstring, or a string right after an assignment (an attribute docstring)
            for i, stmt in enumerate(body):
                if (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                    and (i == 0 or isinstance(body[i - 1], (ast.AnnAssign, ast.Assign)))
                ):
                    docstrings.add(id(stmt.value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _numbers(source: str) -> set[float]:
    return {
        n.value
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant)
        and isinstance(n.value, (int, float))
        and not isinstance(n.value, bool)
    }


def test_the_text_check_can_fail() -> None:
    sample = (
        '"""A docstring that is long, long, long, long, long, long, long, long, long."""\n'
        'X = ("Kratom is combined here with drugs that depress breathing, "\n'
        '     "so the risk adds up.")\n'
        'Y = f"{1} doses a day (three or more a day was linked to severe dependence)"\n'
    )
    long = [s for s in _strings(sample) if len(s) > _LONG]
    assert len(long) == 2
    assert _numbers("if per_day >= 3: pass") - _NUMBERS_ALLOWED == {3}


@pytest.mark.parametrize("module", ["_rules.py", "_use.py"])
def test_no_clinical_text_or_ids_in_code(module: str, store: Store) -> None:
    source = (SRC / module).read_text("utf-8")
    strings = _strings(source)
    assert strings, "the check must see the module's strings"
    assert [s for s in strings if len(s) > _LONG] == []
    assert [s for s in strings if _RECORD_ID.search(s)] == []
    named = set(store.references) | set(store.ingredients)
    assert [s for s in strings if s in named] == []
    if module == "_use.py":
        assert _numbers(source) <= _NUMBERS_ALLOWED
