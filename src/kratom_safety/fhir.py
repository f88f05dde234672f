"""FHIR and CDS Hooks: medications in, DetectedIssue resources and CDS cards out.

>>> import kratom_safety as ks
>>> from kratom_safety import fhir
>>> r = ks.check(["oxycodone 5 mg", "Xanax"])
>>> fhir.to_fhir(r, patient="Patient/123")[0]["resourceType"]
'DetectedIssue'

Kept out of ``import kratom_safety``: importing this module loads the FHIR readers and writers.
"""

from __future__ import annotations

from ._fhir import to_cds_hooks, to_fhir
from ._fhir_read import FhirMedications, SkippedEntry, medications_from_fhir, read_fhir_medications

__all__ = [
    "FhirMedications",
    "SkippedEntry",
    "medications_from_fhir",
    "read_fhir_medications",
    "to_cds_hooks",
    "to_fhir",
]
