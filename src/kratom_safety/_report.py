"""The result types of :func:`check`: frozen pydantic models, and their JSON form.

``Report.to_dict()`` is ``model_dump(mode="json")`` and ``kratom-safety schema`` prints
``model_json_schema(mode="serialization")``: the output and its published schema come from one
definition. The JSON keys keep the order they have always had (``Report``'s fields are declared
in that order; ``Finding`` reorders its fields and delegated values in a wrap serializer).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    InstanceOf,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    computed_field,
    model_serializer,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ._models import (
    Action,
    Evidence,
    Interaction,
    MechanismType,
    Onset,
    Reference,
    RiskGroup,
    Severity,
    StudyType,
    SubstanceId,
)
from ._resolver import Match
from ._schema import MatchDict
from ._version import DATA_VERSION

__all__ = [
    "CitedReference",
    "Coverage",
    "CumulativeRisk",
    "Finding",
    "InputResult",
    "Report",
    "Status",
    "report_schema",
    "report_statement",
    "trusted",
]

Status = Literal[
    "matched", "partial", "ambiguous", "substance", "unrecognized", "negated", "excluded"
]
"""What became of one input string (``InputResult.status``)."""
Coverage = Literal["complete", "partial", "none"]
"""How much of a list was checked (``Report.coverage``)."""


class _Out(BaseModel):
    """Base of the result types: frozen, no extra fields; nested results are taken as given
    (``revalidate_instances="never"``, the default), so building a report re-checks nothing
    that was already validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CitedReference(_Out):
    """A reference as a report shows it (the JSON form of :class:`Reference`)."""

    id: str
    citation: str
    title: str
    year: int | None
    pmid: str | None
    pmcid: str | None
    doi: str | None
    url: str
    study_type: StudyType

    @classmethod
    def of(cls, r: Reference) -> CitedReference:
        return cls(
            id=r.id,
            citation=r.short,
            title=r.title,
            year=r.year,
            pmid=r.pmid,
            pmcid=r.pmcid,
            doi=r.doi,
            url=r.canonical_url,
            study_type=r.study_type,
        )


_Cited = Annotated[Reference, PlainSerializer(CitedReference.of, return_type=CitedReference)]


def _match_dict(m: Match | None) -> MatchDict | None:
    return None if m is None else m.to_dict()


class InputResult(_Out):
    """What became of one input string."""

    index: int
    input: str
    status: Status
    """``negated``: the entry says the drug is not taken ("no ...", "stopped ...");
    ``excluded``: refused before checking (e.g. too long; only from batch screening)."""
    match: Annotated[
        InstanceOf[Match] | None, PlainSerializer(_match_dict, return_type=MatchDict | None)
    ]


# The JSON keys of a finding, in their published order.
_FINDING_KEYS = (
    "interaction_id",
    "ingredient",
    "inputs",
    "substances",
    "title",
    "summary",
    "severity",
    "serious",
    "action",
    "evidence",
    "evidence_rationale",
    "mechanism_type",
    "mechanism",
    "mechanism_targets",
    "clinical_effect",
    "onset",
    "management",
    "counselling",
    "matched_by",
    "property_verified",
    "references",
    "last_reviewed",
    "combined_risk",
    "from_ambiguous_input",
)


class Finding(_Out):
    """One interaction that applies to one ingredient of the list.

    The finding holds its :class:`Interaction` record; the record's own values (title,
    summary, action, evidence, mechanism, management, ...) are read through to it. The values
    that can differ from the record's are the finding's own fields: ``severity`` (capped by
    the class tiers), ``evidence_rationale`` (with the reason of a cap), ``references``
    (resolved), and what ties the record to the list."""

    interaction: Interaction = Field(exclude=True)
    """The interaction record (not part of the JSON form, which carries its values)."""
    ingredient: str
    """The ingredient the record applies to; for a finding from an ambiguous entry, every
    reading that carries it, joined with " or " (e.g. ``doxylamine or diphenhydramine``)."""
    inputs: tuple[str, ...]
    substances: tuple[str, ...]
    severity: Severity
    evidence_rationale: str
    matched_by: str
    """``ingredient:NAME`` for a drug-specific record, ``property:NAME`` for a class rule
    (for a finding from an ambiguous entry, the distinct ways joined with " or ")."""
    references: tuple[_Cited, ...]
    combined_risk: str | None = None
    """The group of the combined risk this finding is part of (its generic class-rule line,
    e.g. one QT drug of several): the combined risk is the line to show first."""
    from_ambiguous_input: bool = False
    """True when the finding comes from an entry that could be more than one drug and every
    reading of it has this interaction (reported at the mildest severity of the readings);
    the entry stays listed in ``Report.ambiguous``."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def interaction_id(self) -> str:
        return self.interaction.id

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title(self) -> str:
        return self.interaction.title

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        return self.interaction.summary

    @computed_field  # type: ignore[prop-decorator]
    @property
    def serious(self) -> bool:
        return self.interaction.serious

    @computed_field  # type: ignore[prop-decorator]
    @property
    def action(self) -> Action:
        return self.interaction.action

    @computed_field  # type: ignore[prop-decorator]
    @property
    def evidence(self) -> Evidence:
        return self.interaction.evidence

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mechanism_type(self) -> MechanismType:
        return self.interaction.mechanism_type

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mechanism(self) -> str:
        return self.interaction.mechanism

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mechanism_targets(self) -> tuple[str, ...]:
        return self.interaction.mechanism_targets

    @computed_field  # type: ignore[prop-decorator]
    @property
    def clinical_effect(self) -> str:
        return self.interaction.clinical_effect

    @computed_field  # type: ignore[prop-decorator]
    @property
    def onset(self) -> Onset:
        return self.interaction.onset

    @computed_field  # type: ignore[prop-decorator]
    @property
    def management(self) -> str:
        return self.interaction.management

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counselling(self) -> str:
        return self.interaction.counselling

    @computed_field  # type: ignore[prop-decorator]
    @property
    def property_verified(self) -> bool:
        """Always True: every shipped class membership was read in its source by a curator
        (``docs/classes.md``); an unverified one is not shipped. Kept for compatibility."""
        return True

    @computed_field  # type: ignore[prop-decorator]
    @property
    def last_reviewed(self) -> str:
        """The review date of the record, ISO 8601."""
        return self.interaction.last_reviewed.isoformat()

    @model_serializer(mode="wrap")
    def _in_order(self, handler: SerializerFunctionWrapHandler) -> Any:
        out = handler(self)
        return {k: out[k] for k in _FINDING_KEYS}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # the serializer only orders the keys: describe the fields and delegated values
        plain = {k: v for k, v in core_schema.items() if k != "serialization"}
        return handler(plain)


class CumulativeRisk(_Out):
    """Several drugs on the list that add up to the same harm (one per risk group)."""

    group: RiskGroup
    ingredients: tuple[str, ...]
    interaction_ids: tuple[str, ...]
    statement: str
    references: tuple[_Cited, ...]
    title: str = ""
    severity: Severity = "major"
    """One step above the most severe finding of its members (at most ``major``)."""
    action: Action = "monitor"
    """The most urgent action among its members' findings, at least ``monitor``."""
    escalated: bool = False
    """True when ``severity`` is above that of every finding of its members."""


class Report(_Out):
    """The result of :func:`check` (fields in the order of its JSON form)."""

    package_version: str
    data_version: str
    data_reviewed: str
    substances: tuple[SubstanceId, ...]
    substances_detected_in_list: tuple[SubstanceId, ...]
    coverage: Coverage
    """``complete``: every entry was checked; ``partial``: some were not (see the lists);
    ``none``: nothing was checked at all (empty list, or no entry usable)."""
    statement: str
    findings: tuple[Finding, ...]
    cumulative_risks: tuple[CumulativeRisk, ...]
    unrecognized: tuple[str, ...]
    ambiguous: tuple[str, ...]
    partially_recognized: tuple[str, ...]
    negated: tuple[str, ...] = ()
    """Entries read as not taken (negation, stopped, held, allergy): no finding, not checked."""
    excluded: tuple[str, ...] = ()
    """Entries refused before checking (batch screening: too long), echoed truncated."""
    outside_vocabulary: tuple[str, ...] = ()
    """Substances recognised by name (FDA's substance list) that are not in the clinical
    vocabulary: no class or interaction data was checked for them."""
    inputs: tuple[InputResult, ...]
    disclaimer: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; the same report always gives the same dict."""
        out: dict[str, Any] = self.model_dump(mode="json")
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)


_M = TypeVar("_M", bound=_Out)
# What pydantic stores on an instance (``model_construct`` sets exactly these). If a future
# version stores something else, :func:`trusted` falls back to ``model_construct``.
_LAYOUT = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
_PLAIN = BaseModel.__slots__ == _LAYOUT


def trusted(cls: type[_M], values: dict[str, Any]) -> _M:
    """``cls.model_construct(**values)`` for already validated ``values`` that give every
    field of ``cls`` in declaration order (``values`` is kept: do not reuse it).

    The same instance (equal, same fields set, same dump), without ``model_construct``'s
    per-field loop, which cost about a third of checking a short list."""
    if not _PLAIN or cls.__pydantic_post_init__ is not None or cls.__private_attributes__:
        return cast("_M", cls.model_construct(**values))
    m = cls.__new__(cls)
    object.__setattr__(m, "__dict__", values)
    object.__setattr__(m, "__pydantic_fields_set__", set(values))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


def report_schema(ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    """The JSON Schema of ``Report.to_dict()``."""
    return Report.model_json_schema(mode="serialization", ref_template=ref_template)


def report_statement(
    findings: Sequence[Finding],
    active: Sequence[str],
    without: Sequence[str],
    unrecognized: tuple[str, ...],
    ambiguous: tuple[str, ...],
    partial: tuple[str, ...],
    negated: tuple[str, ...] = (),
    excluded: tuple[str, ...] = (),
    *,
    empty: bool = False,
    checked: bool = True,
    combined: Sequence[CumulativeRisk] = (),
    outside: tuple[str, ...] = (),
    shared: tuple[str, ...] = (),
) -> str:
    """The one-paragraph statement of a report: what was found, and every gap in coverage."""
    subs = ", ".join(active)
    if not checked:
        why = (
            "the medication list is empty"
            if empty
            else "no entry on the list was recognised as a current medication"
        )
        text = (
            f"Nothing was checked against {subs} (kratom_safety data {DATA_VERSION}): {why}. "
            "This is not an all-clear: no conclusion about interactions can be drawn from it."
        )
    elif findings or combined:
        n = len(findings)
        text = (
            f"{n} interaction finding{'s' if n != 1 else ''} with {subs} "
            f"(kratom_safety data {DATA_VERSION})."
        )
        if combined:
            text += (
                f" {len(combined)} combined risk{'s' if len(combined) != 1 else ''} across "
                "the list: " + "; ".join(f"{c.title} ({c.severity})" for c in combined) + "."
            )
        if without:
            text += (
                f" No interaction is recorded for {', '.join(without)}; this is not evidence "
                "that the combination is safe."
            )
    else:
        text = (
            f"No interaction with {subs} is recorded in kratom_safety data {DATA_VERSION} "
            "for the recognised medications. This is not evidence that the combination is safe: "
            "the evidence base for kratom is small and absence of a record is not absence of risk."
        )
    gaps = []
    if unrecognized:
        gaps.append("not recognised: " + "; ".join(repr(u) for u in unrecognized))
    if ambiguous:
        gaps.append("ambiguous, not checked: " + "; ".join(repr(a) for a in ambiguous))
    if shared:
        gaps.append(
            "ambiguous, checked only for the findings every reading shares: "
            + "; ".join(repr(a) for a in shared)
        )
    if partial:
        gaps.append("partly recognised: " + "; ".join(repr(p) for p in partial))
    if negated:
        gaps.append(
            "read as not taken (negated or stopped), not checked: "
            + "; ".join(repr(n) for n in negated)
        )
    if excluded:
        gaps.append("refused, not checked: " + "; ".join(repr(e) for e in excluded))
    if outside:
        gaps.append(
            "recognised but outside the clinical vocabulary, not checked: " + "; ".join(outside)
        )
    if gaps:
        text += f" Coverage is {'partial' if checked else 'none'} - " + " | ".join(gaps) + "."
    return text
