"""The types the library returns or accepts, and the JSON Schema of their serialised form.

Curated records (frozen pydantic models): :class:`Interaction`, :class:`Reference`,
:class:`Ingredient`, :class:`AdverseEvent`, :class:`DependenceSignal`,
:class:`PopulationNote`, :class:`ProductProfile`, :class:`RegulatoryStatus`.

Results (frozen dataclasses): :class:`Report` (from ``check()``) with its :class:`Finding`,
:class:`CumulativeRisk` and :class:`InputResult`; :class:`Match` (from ``resolve()``) with
its :class:`MatchPart`; :class:`UseAssessment` (from ``assess_use()``) with its
:class:`UseSignal`. :class:`UsePattern` is the one input type.

``Report``, ``Finding`` and ``Match`` are also importable from ``kratom_safety`` itself.
:func:`json_schema` is the JSON Schema of ``Report.to_dict()`` and of every data file, for
programs in other languages (``kratom-safety schema`` prints it).
"""

from __future__ import annotations

from ._check import Finding, InputResult, Report
from ._legal import RegulatoryStatus
from ._models import (
    AdverseEvent,
    DependenceSignal,
    Ingredient,
    Interaction,
    PopulationNote,
    ProductProfile,
    Reference,
)
from ._resolver import Match, MatchPart
from ._rules import CumulativeRisk
from ._schema import json_schema
from ._use import UseAssessment, UsePattern, UseSignal

__all__ = [
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
    "UsePattern",
    "UseSignal",
    "json_schema",
]
