"""kratom_safety: curated, cited data on kratom, mitragynine and 7-hydroxymitragynine.

Decision support for health professionals; not medical advice. An empty result is never
evidence of safety.
"""

from ._check import (
    CumulativeRisk,
    Finding,
    InputResult,
    Report,
    check,
    interactions,
)
from ._errors import DataIntegrityError, InvalidInputError, KratomSafetyError
from ._fhir import medications_from_fhir, to_cds_hooks, to_fhir
from ._models import (
    AdverseEvent,
    DependenceSignal,
    Interaction,
    PopulationNote,
    ProductProfile,
    Reference,
    RegulatoryStatus,
)
from ._resolver import Match, MatchPart, resolve, resolve_many, search
from ._safety import (
    adverse_events,
    dependence_signals,
    regulatory_status,
    special_populations,
)
from ._screen import PatientResult, ScreenSummary, screen_file, screen_rows
from ._use import UseAssessment, UsePattern, UseSignal, assess_use, product_profiles
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

__all__ = [
    "DATA_REVIEWED",
    "DATA_VERSION",
    "AdverseEvent",
    "CumulativeRisk",
    "DataIntegrityError",
    "DependenceSignal",
    "Finding",
    "InputResult",
    "Interaction",
    "InvalidInputError",
    "KratomSafetyError",
    "Match",
    "MatchPart",
    "PatientResult",
    "PopulationNote",
    "ProductProfile",
    "Reference",
    "RegulatoryStatus",
    "Report",
    "ScreenSummary",
    "UseAssessment",
    "UsePattern",
    "UseSignal",
    "__version__",
    "adverse_events",
    "assess_use",
    "check",
    "dependence_signals",
    "interactions",
    "medications_from_fhir",
    "product_profiles",
    "regulatory_status",
    "resolve",
    "resolve_many",
    "screen_file",
    "screen_rows",
    "search",
    "special_populations",
    "to_cds_hooks",
    "to_fhir",
]
