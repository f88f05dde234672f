"""Loading of the shipped JSON data: lazy, once, thread-safe, validated."""

from __future__ import annotations

import itertools
import json
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Generic, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from ._cache import register
from ._errors import DataIntegrityError
from ._jsonstream import json_list_items
from ._models import (
    AdverseEvent,
    Alias,
    DependenceSignal,
    Ingredient,
    Interaction,
    Jurisdiction,
    Negation,
    PopulationNote,
    ProductProfile,
    Property,
    Reference,
    RegulatoryRecord,
    Substance,
)
from ._models_fda import (
    AllergenWord,
    BrandRoutes,
    FdaName,
    FdaPrefix,
    FdaSubstance,
    KnownWords,
    NdcBrand,
    ProductType,
    VariableName,
)
from ._models_rules import ClassCap, CombinedRiskRule, UseRule, UseStatement, UseStatementId
from ._version import DATA_VERSION

__all__ = [
    "DATASETS",
    "LAZY_DATASETS",
    "SCHEMA_VERSION",
    "VOCABULARY_DATASETS",
    "Store",
    "Vocabulary",
    "build_store",
    "build_vocabulary",
    "get_store",
    "get_vocabulary",
    "iter_dataset",
    "iter_fda_substances",
    "iter_ndc_brands",
    "read_dataset",
    "validate_records",
]

SCHEMA_VERSION = 1
_ENVELOPE_KEYS = {"dataset", "schema_version", "data_version", "records"}
_PROPERTIES = frozenset(get_args(Property))

M = TypeVar("M", bound=BaseModel)


class _Dataset(Generic[M]):
    """One data file and the adapter that validates its records (built once)."""

    def __init__(self, name: str, model: type[M]) -> None:
        self.name = name
        self.filename = f"{name}.json"
        self.model = model
        self._adapter: TypeAdapter[list[M]] | None = None

    @property
    def adapter(self) -> TypeAdapter[list[M]]:
        if self._adapter is None:
            self._adapter = TypeAdapter(list[self.model])  # type: ignore[name-defined]
        return self._adapter


DATASETS: dict[str, _Dataset[Any]] = {
    d.name: d
    for d in (
        _Dataset("references", Reference),
        _Dataset("substances", Substance),
        _Dataset("ingredients", Ingredient),
        _Dataset("aliases", Alias),
        _Dataset("interactions", Interaction),
        _Dataset("adverse_events", AdverseEvent),
        _Dataset("dependence", DependenceSignal),
        _Dataset("regulatory", RegulatoryRecord),
        _Dataset("products", ProductProfile),
        _Dataset("populations", PopulationNote),
        _Dataset("negations", Negation),
        _Dataset("jurisdictions", Jurisdiction),
        _Dataset("fda_names", FdaName),
        _Dataset("fda_substances", FdaSubstance),
        _Dataset("ndc_brands", NdcBrand),
        _Dataset("known_words", KnownWords),
        _Dataset("variable_names", VariableName),
        _Dataset("fda_prefixes", FdaPrefix),
        _Dataset("allergen_words", AllergenWord),
        _Dataset("allergen_names", NdcBrand),
        _Dataset("product_types", ProductType),
        _Dataset("brand_routes", BrandRoutes),
        _Dataset("combined_risks", CombinedRiskRule),
        _Dataset("class_caps", ClassCap),
        _Dataset("use_rules", UseRule),
        _Dataset("use_statements", UseStatement),
    )
}
#: Read on first need, not with the rest of the store (FDA's other substances: a large index
#: that only inputs outside the clinical vocabulary need).
LAZY_DATASETS = frozenset(
    {
        "allergen_names",
        "allergen_words",
        "brand_routes",
        "fda_prefixes",
        "fda_substances",
        "known_words",
        "ndc_brands",
        "product_types",
        "variable_names",
    }
)
#: What the resolver's index reads (:class:`Vocabulary`): loaded, validated and cross-checked
#: on their own, so that resolving a name does not wait for the clinical records.
VOCABULARY_DATASETS = ("substances", "ingredients", "aliases", "fda_names")


def _norm_id(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def read_dataset(name: str, raw: bytes | None = None) -> tuple[Any, ...]:
    """Read and validate one dataset; ``raw`` replaces the shipped file (used by tests)."""
    return validate_records(name, _records(name, raw))


def iter_dataset(name: str, raw: bytes | None = None) -> Iterator[Any]:
    """Validate a large dataset one record at a time (ids sorted, none repeated), so that
    only the caller's own index is kept in memory, not every record as a model."""
    fn = DATASETS[name].filename
    model = DATASETS[name].model
    previous: str | None = None
    for i, rec in enumerate(_records(name, raw, stream=True)):
        try:
            item = model.model_validate(rec)
        except ValidationError as exc:
            rid = str(rec.get("id")) if isinstance(rec, dict) else f"#{i}"
            raise DataIntegrityError(
                f"invalid record: {exc.errors()[0].get('msg', 'invalid')}", file=fn, record=rid
            ) from None
        if previous is not None and item.id <= previous:
            raise DataIntegrityError("records not sorted by id", file=fn, record=item.id)
        previous = item.id
        yield item


def _records(name: str, raw: bytes | None, stream: bool = False) -> Any:
    """A dataset's records, its envelope checked. With ``stream``, an iterator that parses one
    record at a time (a large list's JSON is never all in memory beside the index built from
    it); its envelope is checked before the first record."""
    fn = DATASETS[name].filename
    if raw is None:
        try:
            raw = files("kratom_safety").joinpath("data", fn).read_bytes()
        except (FileNotFoundError, OSError) as exc:
            raise DataIntegrityError(f"cannot read data file ({exc})", file=fn) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataIntegrityError(f"not valid UTF-8 JSON ({exc})", file=fn) from None
    del raw
    at = text.find(_RECORDS_KEY) if stream else -1
    if at >= 0:  # the envelope as the build writes it: records last
        try:
            head = json.loads(text[:at] + _RECORDS_KEY + "]}")
        except json.JSONDecodeError:
            head = None
        if isinstance(head, dict) and set(head) == _ENVELOPE_KEYS and head["records"] == []:
            _check_envelope(name, head)
            return _stream(fn, text, at + len(_RECORDS_KEY))
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataIntegrityError(f"not valid UTF-8 JSON ({exc})", file=fn) from None
    _check_envelope(name, doc)
    return iter(doc["records"]) if stream else doc["records"]


_RECORDS_KEY = '"records": ['


def _stream(fn: str, text: str, at: int) -> Iterator[object]:
    try:
        yield from json_list_items(text, at)
    except ValueError as exc:
        raise DataIntegrityError(f"not valid UTF-8 JSON ({exc})", file=fn) from None


def _check_envelope(name: str, doc: object) -> None:
    fn = DATASETS[name].filename
    if not isinstance(doc, dict) or set(doc) != _ENVELOPE_KEYS:
        raise DataIntegrityError(
            f"envelope must have exactly the keys {sorted(_ENVELOPE_KEYS)}", file=fn
        )
    if doc["dataset"] != name:
        raise DataIntegrityError(f"dataset is {doc['dataset']!r}, expected {name!r}", file=fn)
    if doc["schema_version"] != SCHEMA_VERSION:
        raise DataIntegrityError(
            f"schema_version {doc['schema_version']!r} is not {SCHEMA_VERSION}", file=fn
        )
    if doc["data_version"] != DATA_VERSION:
        raise DataIntegrityError(
            f"data_version {doc['data_version']!r} does not match DATA_VERSION {DATA_VERSION!r}",
            file=fn,
        )
    if not isinstance(doc["records"], list):
        raise DataIntegrityError("records must be a list", file=fn)


def validate_records(name: str, records: object) -> tuple[Any, ...]:
    """Validate one dataset's records: the model of each, sorted ids, no duplicate id.

    The loader and the curation build (``curation/build.py``) both validate through here, so
    that the build refuses exactly what the loader would refuse.
    """
    ds = DATASETS[name]
    fn = ds.filename
    if not isinstance(records, list):
        raise DataIntegrityError("records must be a list", file=fn)
    try:
        parsed: list[Any] = ds.adapter.validate_python(records)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc", ())
        rid: str | None = None
        if loc and isinstance(loc[0], int) and loc[0] < len(records):
            rec = records[loc[0]]
            rid = str(rec.get("id")) if isinstance(rec, dict) else f"#{loc[0]}"
        field = ".".join(str(p) for p in loc[1:])
        raise DataIntegrityError(
            f"invalid record ({field or 'record'}: {err.get('msg')})", file=fn, record=rid
        ) from None
    ids = [r.id for r in parsed]
    if ids != sorted(ids):
        bad = next(b for a, b in itertools.pairwise(ids) if b < a)
        raise DataIntegrityError("records are not sorted by id", file=fn, record=bad)
    seen: set[str] = set()
    for rid in ids:
        key = _norm_id(rid)
        if key in seen:
            raise DataIntegrityError("duplicate id (after normalisation)", file=fn, record=rid)
        seen.add(key)
    return tuple(parsed)


@dataclass(frozen=True)
class Vocabulary:
    """The names the resolver knows, validated and checked against each other, keyed by id:
    every ingredient a brand, an abbreviation or an FDA brand name stands for exists."""

    substances: Mapping[str, Substance]
    ingredients: Mapping[str, Ingredient]
    aliases: Mapping[str, Alias]
    fda_names: Mapping[str, FdaName]


def build_vocabulary(reader: Callable[[str], tuple[Any, ...]] = read_dataset) -> Vocabulary:
    """Load the datasets of :class:`Vocabulary` and check that every ingredient they name
    exists."""
    vocab = Vocabulary(**{name: {r.id: r for r in reader(name)} for name in VOCABULARY_DATASETS})
    for fn_ in vocab.fda_names.values():
        if (fn_.kind == "brand") != bool(fn_.ingredients):
            raise DataIntegrityError(
                "a brand has ingredients; another substance has none",
                file="fda_names.json",
                record=fn_.id,
            )
        for name in fn_.ingredients:
            if name not in vocab.ingredients:
                raise DataIntegrityError(
                    f"unknown ingredient {name!r}", file="fda_names.json", record=fn_.id
                )
    for al in vocab.aliases.values():
        names = set(al.ingredients).union(*al.ambiguous_candidates)
        for name in sorted(names):
            if name not in vocab.ingredients and name not in vocab.substances:
                raise DataIntegrityError(
                    f"unknown ingredient {name!r}", file="aliases.json", record=al.id
                )
    return vocab


@dataclass(frozen=True)
class Store:
    """Every dataset, validated and cross-checked, keyed by id."""

    references: Mapping[str, Reference]
    substances: Mapping[str, Substance]
    ingredients: Mapping[str, Ingredient]
    aliases: Mapping[str, Alias]
    interactions: Mapping[str, Interaction]
    adverse_events: Mapping[str, AdverseEvent]
    dependence: Mapping[str, DependenceSignal]
    regulatory: Mapping[str, RegulatoryRecord]
    products: Mapping[str, ProductProfile]
    populations: Mapping[str, PopulationNote]
    negations: Mapping[str, Negation]
    jurisdictions: Mapping[str, Jurisdiction]
    fda_names: Mapping[str, FdaName]
    combined_risks: Mapping[str, CombinedRiskRule]
    class_caps: Mapping[str, ClassCap]
    use_rules: Mapping[str, UseRule]
    use_statements: Mapping[str, UseStatement]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in DATASETS if name not in LAZY_DATASETS}


def _check_refs(fn: str, rid: str, refs: tuple[str, ...], known: Mapping[str, Reference]) -> None:
    for ref in refs:
        if ref not in known:
            raise DataIntegrityError(f"unknown reference {ref!r}", file=fn, record=rid)


def build_store(
    reader: Callable[[str], tuple[Any, ...]] = read_dataset, vocabulary: Vocabulary | None = None
) -> Store:
    """Load every dataset and check that every cross-reference resolves; ``vocabulary`` (the
    library's own, already loaded and checked) spares reading its datasets again."""
    if vocabulary is None:
        vocabulary = build_vocabulary(reader)
    loaded = {
        name: {r.id: r for r in reader(name)}
        for name in DATASETS
        if name not in LAZY_DATASETS and name not in VOCABULARY_DATASETS
    }
    store = Store(**loaded, **{name: getattr(vocabulary, name) for name in VOCABULARY_DATASETS})
    refs = store.references
    for s in store.substances.values():
        _check_refs("substances.json", s.id, s.references, refs)
    for ing in store.ingredients.values():
        tags = tuple(s for p in ing.properties for s in p.sources)
        _check_refs("ingredients.json", ing.id, tags, refs)
    for it in store.interactions.values():
        _check_refs("interactions.json", it.id, it.references, refs)
        for t in it.targets:
            if t.kind == "ingredient" and t.value not in store.ingredients:
                raise DataIntegrityError(
                    f"unknown target ingredient {t.value!r}", file="interactions.json", record=it.id
                )
            if t.kind == "property" and t.value not in _PROPERTIES:
                raise DataIntegrityError(
                    f"unknown target property {t.value!r}", file="interactions.json", record=it.id
                )
        for sup in it.supersedes:
            other = store.interactions.get(sup)
            if other is None or not any(t.kind == "property" for t in other.targets):
                raise DataIntegrityError(
                    f"supersedes {sup!r}, which is not a property rule",
                    file="interactions.json",
                    record=it.id,
                )
    related = {*store.adverse_events, *store.dependence, *store.interactions}
    cited: tuple[tuple[str, Mapping[str, Any]], ...] = (
        ("adverse_events.json", store.adverse_events),
        ("dependence.json", store.dependence),
        ("products.json", store.products),
        ("populations.json", store.populations),
    )
    for fn, records in cited:
        for rec in records.values():
            _check_refs(fn, rec.id, rec.references, refs)
            _check_refs(fn, rec.id, tuple(f.reference for f in getattr(rec, "figures", ())), refs)
            for rid in getattr(rec, "related_records", ()):
                if rid not in related:
                    raise DataIntegrityError(
                        f"unknown related record {rid!r}", file=fn, record=rec.id
                    )
    _check_clinical_rules(store)
    return store


def _check_clinical_rules(store: Store) -> None:
    """Combined risks, class caps and use rules: every reference, ingredient, property and
    signal record they name exists; every risk group and fixed sentence is there."""
    refs, ings = store.references, store.ingredients

    def need(ok: bool, fn: str, rid: str, msg: str) -> None:
        if not ok:
            raise DataIntegrityError(msg, file=f"{fn}.json", record=rid)

    for g in store.combined_risks.values():
        treat = g.treatment
        _check_refs(
            "combined_risks.json", g.id, g.references + (treat.references if treat else ()), refs
        )
        members = [m.member for m in g.member_references]
        _check_refs(
            "combined_risks.json", g.id, tuple(m.reference for m in g.member_references), refs
        )
        need(len(set(members)) == len(members), "combined_risks", g.id, "member listed twice")
        for name in [*(treat.ingredients if treat else ()), *(a.ingredient for a in g.addenda)]:
            need(name in ings, "combined_risks", g.id, f"unknown ingredient {name!r}")
        for name in members:
            need(name in ings or name in _PROPERTIES, "combined_risks", g.id, f"unknown {name!r}")
    for it in store.interactions.values():
        need(
            it.risk_group in (None, *store.combined_risks),
            "combined_risks",
            str(it.risk_group),
            f"no record for the risk group of {it.id}",
        )
    for cap in store.class_caps.values():
        _check_refs("class_caps.json", cap.id, cap.references, refs)
        for name in cap.except_ingredients:
            need(name in ings, "class_caps", cap.id, f"unknown ingredient {name!r}")
    orders = [r.order for r in store.use_rules.values()]
    for rule in store.use_rules.values():
        _check_refs("use_rules.json", rule.id, rule.references, refs)
        need(orders.count(rule.order) == 1, "use_rules", rule.id, "order shared with another rule")
        cited: set[str] = set()
        for sig in rule.signals:
            rec = store.dependence.get(sig.record) or store.adverse_events.get(sig.record)
            need(rec is not None, "use_rules", rule.id, f"unknown signal record {sig.record!r}")
            cited.update(rec.references if rec else ())
        for ref in rule.references:
            need(ref in cited, "use_rules", rule.id, f"{ref!r} is not cited by its signal records")
    missing = set(get_args(UseStatementId)) - set(store.use_statements)
    need(not missing, "use_statements", ", ".join(sorted(missing)), "fixed sentence missing")


_vocab_lock = threading.Lock()
_vocabulary: Vocabulary | None = None
_lock = threading.Lock()
_store: Store | None = None
register(lambda: globals().update(_vocabulary=None, _store=None))


def get_vocabulary() -> Vocabulary:
    """The resolver's names, loaded on first use (exactly once, even under contention); the
    same records as in :func:`get_store`."""
    global _vocabulary
    vocab = _vocabulary
    if vocab is None:
        with _vocab_lock:
            vocab = _vocabulary
            if vocab is None:
                vocab = _vocabulary = build_vocabulary()
    return vocab


def get_store() -> Store:
    """The validated data, loaded on first use (exactly once, even under contention)."""
    global _store
    store = _store
    if store is None:
        with _lock:
            store = _store
            if store is None:
                store = build_store(vocabulary=get_vocabulary())
                _store = store
    return store


def iter_fda_substances() -> Iterator[FdaSubstance]:
    """FDA's other drug substances (``fda_substances.json``), validated one by one."""
    return iter_dataset("fda_substances")


def iter_ndc_brands() -> Iterator[NdcBrand]:
    """Proprietary names from FDA's NDC Directory (``ndc_brands.json``), validated one by one."""
    return iter_dataset("ndc_brands")
