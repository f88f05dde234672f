"""kratom_safety: curated, cited data on kratom, mitragynine and 7-hydroxymitragynine.

Decision support for health professionals; not medical advice. An empty result is never
evidence of safety.

The core functions, the main result types and the errors are importable from here; the other
types are in :mod:`kratom_safety.models`, the FHIR / CDS Hooks functions in
:mod:`kratom_safety.fhir`, batch screening in :mod:`kratom_safety.screen`.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from ._cache import clear_caches
from ._errors import DataIntegrityError, InvalidInputError, KratomSafetyError
from ._fda import ingredient
from ._resolver import Match, resolve, resolve_many
from ._search import search
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

if TYPE_CHECKING:
    from ._browse import interactions
    from ._check import DISCLAIMER, Finding, Report, check
    from ._legal import regulatory_status
    from ._safety import adverse_events, dependence_signals, special_populations
    from ._use import assess_use, product_profiles

__all__ = [
    "DATA_REVIEWED",
    "DATA_VERSION",
    "DISCLAIMER",
    "DataIntegrityError",
    "Finding",
    "InvalidInputError",
    "KratomSafetyError",
    "Match",
    "Report",
    "__version__",
    "adverse_events",
    "assess_use",
    "check",
    "clear_caches",
    "dependence_signals",
    "ingredient",
    "interactions",
    "product_profiles",
    "regulatory_status",
    "resolve",
    "resolve_many",
    "search",
    "special_populations",
]

# The check, the browsing functions and their models are imported on first use, so that a
# program that only resolves names does not pay for them ("import kratom_safety" stays close to
# the import of its dependencies).
_LAZY = {
    **dict.fromkeys(("DISCLAIMER", "Finding", "Report", "check"), "._check"),
    "interactions": "._browse",
    "regulatory_status": "._legal",
    **dict.fromkeys(("adverse_events", "dependence_signals", "special_populations"), "._safety"),
    **dict.fromkeys(("assess_use", "product_profiles"), "._use"),
}

# Public submodules, imported on first attribute access (``ks.fhir.to_fhir``) so that
# "import kratom_safety" never loads the FHIR or screening code.
_SUBMODULES = ("fhir", "models", "screen")

# Names importable from here until 0.1.0, kept for one more release (CHANGELOG.md): the new
# home of each. Not in __all__; each access warns.
_MOVED = {
    **dict.fromkeys(
        (
            "AdverseEvent",
            "CumulativeRisk",
            "DependenceSignal",
            "Ingredient",
            "InputResult",
            "Interaction",
            "MatchPart",
            "PopulationNote",
            "ProductProfile",
            "Reference",
            "RegulatoryStatus",
            "UseAssessment",
            "UsePattern",
            "UseSignal",
        ),
        "kratom_safety.models",
    ),
    **dict.fromkeys(
        (
            "FhirMedications",
            "SkippedEntry",
            "medications_from_fhir",
            "read_fhir_medications",
            "to_cds_hooks",
            "to_fhir",
        ),
        "kratom_safety.fhir",
    ),
    **dict.fromkeys(
        ("PatientResult", "ScreenSummary", "screen_file", "screen_rows"), "kratom_safety.screen"
    ),
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is not None:
        value = getattr(importlib.import_module(where, __name__), name)
        globals()[name] = value  # later lookups find it without this function
        return value
    if name in _SUBMODULES:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    new = _MOVED.get(name)
    if new is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"kratom_safety.{name} is deprecated and will be removed in the next release; "
        f"use {new}.{name}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(new), name)


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])
