"""kratom_safety: curated, cited data on kratom, mitragynine and 7-hydroxymitragynine.

Decision support for health professionals; not medical advice. An empty result is never
evidence of safety.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._check import (
    CumulativeRisk,
    Finding,
    InputResult,
    Report,
    check,
    interactions,
)
from ._errors import DataIntegrityError, InvalidInputError, KratomSafetyError
from ._fda import ingredient
from ._legal import RegulatoryStatus, regulatory_status
from ._models import (
    AdverseEvent,
    DependenceSignal,
    Ingredient,
    Interaction,
    PopulationNote,
    ProductProfile,
    Reference,
)
from ._resolver import Match, MatchPart, resolve, resolve_many, search
from ._safety import (
    adverse_events,
    dependence_signals,
    special_populations,
)
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

if TYPE_CHECKING:
    from ._fhir import (
        FhirMedications,
        SkippedEntry,
        medications_from_fhir,
        read_fhir_medications,
        to_cds_hooks,
        to_fhir,
    )
    from ._use import UseAssessment, UsePattern, UseSignal, assess_use, product_profiles
    from .screen import PatientResult, ScreenSummary, screen_file, screen_rows

# Integration helpers are imported on first use, to keep "import kratom_safety" light.
_LAZY = {
    **dict.fromkeys(
        (
            "FhirMedications",
            "SkippedEntry",
            "medications_from_fhir",
            "read_fhir_medications",
            "to_cds_hooks",
            "to_fhir",
        ),
        "._fhir",
    ),
    **dict.fromkeys(("PatientResult", "ScreenSummary", "screen_file", "screen_rows"), ".screen"),
    **dict.fromkeys(
        ("UseAssessment", "UsePattern", "UseSignal", "assess_use", "product_profiles"), "._use"
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kratom_safety' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DATA_REVIEWED",
    "DATA_VERSION",
    "AdverseEvent",
    "CumulativeRisk",
    "DataIntegrityError",
    "DependenceSignal",
    "FhirMedications",
    "Finding",
    "Ingredient",
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
    "SkippedEntry",
    "UseAssessment",
    "UsePattern",
    "UseSignal",
    "__version__",
    "adverse_events",
    "assess_use",
    "check",
    "dependence_signals",
    "ingredient",
    "interactions",
    "medications_from_fhir",
    "product_profiles",
    "read_fhir_medications",
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
