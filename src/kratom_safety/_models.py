"""Data model of the shipped records (pydantic v2, frozen, no extra fields)."""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ID_PATTERN",
    "SLUG_PATTERN",
    "SUMMARY_MAX",
    "UNII_PATTERN",
    "Action",
    "AdverseEvent",
    "Alias",
    "DependenceSignal",
    "Evidence",
    "Figure",
    "Ingredient",
    "IngredientProperty",
    "Interaction",
    "Jurisdiction",
    "LegalConfidence",
    "LegalSourceKind",
    "LegalStatus",
    "Negation",
    "PendingChange",
    "PopulationNote",
    "ProductProfile",
    "Property",
    "Record",
    "Reference",
    "RegulatedSubstance",
    "RegulatoryRecord",
    "RegulatorySource",
    "RiskGroup",
    "Severity",
    "StudyType",
    "Substance",
    "SubstanceId",
    "Target",
]

#: Longest summary of an interaction (it must fit a CDS Hooks card summary, < 140 characters).
SUMMARY_MAX = 139

Severity = Literal["major", "moderate", "minor"]
Action = Literal["avoid", "adjust", "monitor", "no_action"]
Evidence = Literal["established", "probable", "possible", "theoretical", "unlikely"]
Onset = Literal["rapid", "delayed", "unspecified"]
SubstanceId = Literal["kratom", "mitragynine", "7-hydroxymitragynine"]
MechanismType = Literal["pharmacokinetic", "pharmacodynamic", "mixed"]
StudyType = Literal[
    "rct",
    "clinical_pk_ddi",
    "clinical_pk",
    "cohort",
    "case_control",
    "cross_sectional_survey",
    "case_series",
    "case_report",
    "poison_center",
    "death_investigation",
    "pharmacovigilance_signal",
    "animal",
    "in_vitro",
    "pbpk_model",
    "systematic_review",
    "review",
    "regulatory",
    "reference_table",
    "drug_label",
]
Property = Literal[
    # classes
    "opioid_agonist",
    "opioid_partial_agonist",
    "opioid_antagonist",
    "benzodiazepine",
    "z_drug",
    "gabapentinoid",
    "barbiturate",
    "muscle_relaxant",
    "sedating_antihistamine",
    "antipsychotic",
    "sedating_antipsychotic",
    "antidepressant",
    "sedating_antidepressant",
    "maoi",
    "anticonvulsant",
    "stimulant",
    "cns_depressant",
    # pharmacokinetic roles
    "cyp3a_sensitive_substrate",
    "cyp3a_moderate_sensitive_substrate",
    "cyp3a_nti_substrate",
    "cyp3a_strong_inhibitor",
    "cyp3a_moderate_inhibitor",
    "cyp3a_strong_inducer",
    "cyp3a_moderate_inducer",
    "cyp2d6_sensitive_substrate",
    "cyp2d6_moderate_sensitive_substrate",
    "cyp2d6_strong_inhibitor",
    "cyp2d6_moderate_inhibitor",
    "cyp2d6_prodrug",
    "pgp_substrate",
    "pgp_inhibitor",
    "ugt2b7_substrate",
    # other risks
    "qt_prolonging",
    "qt_possible",
    "seizure_threshold_lowering",
    "hepatotoxic",
]
RiskGroup = Literal[
    "cns_respiratory_depression", "qt_prolongation", "seizure_threshold", "hepatotoxicity"
]
"""A harm that several drugs on one list add up to (a combined risk of ``check()``)."""

#: FDA Unique Ingredient Identifier.
UNII_PATTERN = r"^[0-9A-Z]{10}$"
#: Ids of ingredients and records (lower case), and slugs (references, rules).
ID_PATTERN = r"^[a-z0-9][a-z0-9 .,'()/+-]*$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Record(BaseModel):
    # defer_build: a record type's validator is built when its data is first read, not at
    # import (resolving a name reads a few datasets only); validation itself is unchanged.
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True
    )


class Reference(Record):
    """A source that was read: a paper (PMID / PMCID / DOI) or an official page (URL)."""

    id: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=5)
    authors: tuple[str, ...] = ()
    year: int | None = Field(default=None, ge=1900, le=2100)
    journal: str = Field(min_length=2)
    citation: str | None = None
    pmid: str | None = Field(default=None, pattern=r"^[1-9][0-9]{0,8}$")
    pmcid: str | None = Field(default=None, pattern=r"^PMC[0-9]{4,9}$")
    doi: str | None = Field(default=None, pattern=r"^10\.[0-9]{4,9}/\S+$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    study_type: StudyType
    note: str | None = None

    @model_validator(mode="after")
    def _has_identifier(self) -> Reference:
        if not (self.pmid or self.pmcid or self.doi or self.url):
            raise ValueError("a reference needs a PMID, PMCID, DOI or official URL")
        return self

    @property
    def canonical_url(self) -> str:
        """The canonical address: PubMed, then PMC, then doi.org, then the official page."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.pmcid:
            return f"https://pmc.ncbi.nlm.nih.gov/articles/{self.pmcid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        assert self.url is not None
        return self.url

    @property
    def short(self) -> str:
        """A one-line label such as ``Tanna 2023, Clin Pharmacol Ther (PMID 36924284)``."""
        year = self.year if self.year is not None else "n.d."
        if self.pmid:
            ident = f" (PMID {self.pmid})"
        elif self.doi:
            ident = f" (doi:{self.doi})"
        elif self.pmcid:
            ident = f" ({self.pmcid})"
        else:
            ident = ""
        if self.authors:
            first = self.authors[0].split(" ")[0]
            return f"{first} {year}, {self.journal}{ident}"
        return f"{self.journal} {year}{ident}"


class Substance(Record):
    """Leaf kratom products and the two alkaloids that matter clinically."""

    id: SubstanceId
    name: str
    kind: Literal["botanical", "alkaloid"]
    description: str
    synonyms: tuple[str, ...] = ()
    unii: str | None = Field(default=None, pattern=UNII_PATTERN)
    """FDA UNII (kratom: Mitragyna speciosa leaf)."""
    references: tuple[str, ...] = Field(min_length=1)


class IngredientProperty(Record):
    """A class membership of an ingredient, with the references it was read in.

    Derived by the build from ``curation/sources/classes/<property>.json``: a curator read the
    membership in each of ``sources`` (``source`` is the first), at ``locator``. A membership
    that could not be verified is not shipped at all, so every tag here is verified.
    """

    property: Property
    source: str = Field(pattern=SLUG_PATTERN)
    sources: tuple[str, ...] = Field(min_length=1)
    locator: str = Field(min_length=2)
    detail: str | None = None

    @model_validator(mode="after")
    def _first_source(self) -> IngredientProperty:
        if self.sources[0] != self.source:
            raise ValueError("source must be the first of sources")
        if len(set(self.sources)) != len(self.sources):
            raise ValueError("sources must not repeat")
        return self


class Ingredient(Record):
    """A canonical ingredient (RxNorm ingredient name, lower case)."""

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    synonyms: tuple[str, ...] = ()
    unii: str | None = Field(default=None, pattern=UNII_PATTERN)
    properties: tuple[IngredientProperty, ...] = ()

    @field_validator("synonyms")
    @classmethod
    def _lower_synonyms(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for s in v:
            if s != s.lower() or not s.strip():
                raise ValueError(f"synonym {s!r} must be lower case and non-empty")
        return v

    @field_validator("properties")
    @classmethod
    def _one_tag_per_property(
        cls, v: tuple[IngredientProperty, ...]
    ) -> tuple[IngredientProperty, ...]:
        names = [p.property for p in v]
        if names != sorted(set(names)):
            raise ValueError("properties must be sorted by property, each once")
        return v

    def has(self, prop: str) -> bool:
        return any(p.property == prop for p in self.properties)


class Alias(Record):
    """A brand name or abbreviation that stands for one or more ingredients."""

    id: str = Field(pattern=SLUG_PATTERN)
    text: str = Field(min_length=1)
    kind: Literal["brand", "abbreviation", "combination"]
    ingredients: tuple[str, ...] = ()
    ambiguous_candidates: tuple[tuple[str, ...], ...] = ()

    @model_validator(mode="after")
    def _one_reading(self) -> Alias:
        if bool(self.ingredients) == bool(self.ambiguous_candidates):
            raise ValueError("an alias has either ingredients or ambiguous_candidates")
        if self.ambiguous_candidates and len(self.ambiguous_candidates) < 2:
            raise ValueError("ambiguous_candidates needs at least two readings")
        return self


class Target(Record):
    """What a record applies to: one ingredient, or every ingredient with a property."""

    kind: Literal["ingredient", "property"]
    value: str


class Interaction(Record):
    """One curated interaction: a kratom substance (precipitant) and a drug or drug property."""

    id: str = Field(pattern=r"^KS-INT-[0-9]{4}$")
    title: str
    substances: tuple[SubstanceId, ...] = Field(min_length=1)
    targets: tuple[Target, ...] = Field(min_length=1)
    supersedes: tuple[str, ...] = ()
    risk_group: RiskGroup | None = None
    mechanism_type: MechanismType
    mechanism: str = Field(min_length=20)
    mechanism_targets: tuple[str, ...] = ()
    clinical_effect: str = Field(min_length=10)
    summary: str = Field(min_length=10, max_length=SUMMARY_MAX)
    severity: Severity
    serious: bool
    action: Action
    evidence: Evidence
    evidence_rationale: str = Field(min_length=20)
    onset: Onset = "unspecified"
    management: str = Field(min_length=20)
    counselling: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)
    last_reviewed: _dt.date


class Figure(Record):
    """A published number, with the reference it was read in."""

    label: str
    value: str
    reference: str


class AdverseEvent(Record):
    id: str = Field(pattern=r"^KS-AE-[0-9]{4}$")
    event: str
    system: str
    serious: bool
    description: str = Field(min_length=20)
    figures: tuple[Figure, ...] = ()
    substances: tuple[SubstanceId, ...] = Field(min_length=1)
    product_types: tuple[str, ...] = ()
    evidence: Evidence
    evidence_rationale: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)
    last_reviewed: _dt.date


class DependenceSignal(Record):
    id: str = Field(pattern=r"^KS-DEP-[0-9]{4}$")
    kind: Literal["withdrawal", "prevalence", "risk_factor", "treatment", "neonatal"]
    title: str
    description: str = Field(min_length=20)
    population: str | None = None
    instrument: str | None = None
    figures: tuple[Figure, ...] = ()
    substances: tuple[SubstanceId, ...] = Field(min_length=1)
    evidence: Evidence
    evidence_rationale: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)
    last_reviewed: _dt.date


_PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
LegalStatus = Literal["controlled", "restricted", "not_controlled", "unknown"]
"""``controlled``: scheduled or prohibited. ``restricted``: lawful with conditions (age limits,
labelling, registration, potency or 7-OH caps, sale bans short of scheduling).
``not_controlled``: the law does not list it. ``unknown``: no usable text was read."""
LegalConfidence = Literal["official", "reported", "none"]
"""``official``: read in the law or an agency's own text. ``reported``: only news could be
read. ``none``: nothing usable was found (status ``unknown``)."""
LegalSourceKind = Literal["statute", "regulation", "register", "gazette", "agency", "court", "news"]
RegulatedSubstance = Literal["kratom", "7-hydroxymitragynine"]


class RegulatorySource(Record):
    """Where a legal status was read: the law or an official page, or (labelled) news."""

    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://\S+$")
    publisher: str = Field(min_length=2)
    kind: LegalSourceKind
    official: bool
    date: str | None = Field(default=None, pattern=_PARTIAL_DATE)

    @model_validator(mode="after")
    def _news_is_not_official(self) -> RegulatorySource:
        if self.official == (self.kind == "news"):
            raise ValueError("official is True exactly for a non-news source")
        return self


class PendingChange(Record):
    """A bill or proposed rule that has not taken effect (never replaces the status)."""

    summary: str = Field(min_length=20)
    sources: tuple[RegulatorySource, ...] = ()


class Jurisdiction(Record):
    """An ISO 3166 code this library answers for (countries, US subdivisions, aliases)."""

    id: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    name: str
    alias_of: str | None = None


class RegulatoryRecord(Record):
    """The legal status of kratom or of 7-OH in one jurisdiction, as shipped in the data."""

    id: str
    jurisdiction: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    jurisdiction_name: str
    substance: RegulatedSubstance
    status: LegalStatus
    detail: str = Field(min_length=20)
    effective: str | None = Field(default=None, pattern=_PARTIAL_DATE)
    expires: _dt.date | None = None
    checked: _dt.date
    confidence: LegalConfidence
    pending_change: PendingChange | None = None
    sources: tuple[RegulatorySource, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RegulatoryRecord:
        if self.id != f"{self.jurisdiction}-{self.substance}":
            raise ValueError("id must be JURISDICTION-substance")
        if self.confidence == "official" and not any(s.official for s in self.sources):
            raise ValueError("confidence 'official' needs an official source")
        if (self.confidence == "none") != (self.status == "unknown" and not self.sources):
            raise ValueError("confidence 'none' goes with status 'unknown' and no sources")
        if self.status == "unknown" and self.confidence == "official":
            raise ValueError("an unknown status cannot be official")
        if self.status != "unknown" and not self.sources:
            raise ValueError("a known status needs a source")
        return self


class ProductProfile(Record):
    """A kind of kratom or 7-OH product: what it contains, with published figures."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    substances: tuple[SubstanceId, ...] = Field(min_length=1)
    description: str = Field(min_length=20)
    figures: tuple[Figure, ...] = ()
    warnings: tuple[str, ...] = ()
    related_records: tuple[str, ...] = ()
    references: tuple[str, ...] = Field(min_length=1)
    last_reviewed: _dt.date


class PopulationNote(Record):
    """What is known about kratom in a special population, and what to consider."""

    id: str = Field(pattern=SLUG_PATTERN)
    population: str
    summary: str = Field(min_length=20)
    considerations: tuple[str, ...] = Field(min_length=1)
    related_records: tuple[str, ...] = ()
    references: tuple[str, ...] = Field(min_length=1)
    last_reviewed: _dt.date


class Negation(Record):
    """A negation or discontinuation pattern ("no", "stopped", "allergic to").

    A medication string whose words start with ``pattern`` (``position`` "before"), or hold it
    after at least one other word ("after"), or either ("either") names a drug the patient is
    not taking: the input is reported as ``negated`` and produces no finding. ``pattern`` is
    compared word by word after the same normalisation as medication strings.
    """

    id: str = Field(pattern=SLUG_PATTERN)
    pattern: str = Field(min_length=1)
    position: Literal["before", "after", "either"]
    kind: Literal["negation", "discontinued", "held", "allergy"]
    example: str = Field(min_length=1)
