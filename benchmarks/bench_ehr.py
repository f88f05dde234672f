"""EHR benchmark: real Synthea patients read from FHIR, checked and written back as FHIR / CDS.

Reads a FHIR Bulk Data export (``MedicationRequest*.ndjson`` with ``Medication*.ndjson``, the
shape of ``smart-on-fhir/sample-bulk-fhir-datasets``) or a directory of Synthea patient
Bundles (``*.json``), builds one Bundle per patient and runs ``read_fhir_medications`` ->
``check`` -> ``to_fhir`` + ``to_cds_hooks`` on each. Prints JSON: patients with findings,
findings per patient by action, coverage distribution, what the reader did (entries by
source, skipped by reason, duplicates), and the time per patient as a ratio against a
baseline in the same process: ``resolve_many`` of the medication text of every one of the
patient's MedicationRequests (what a reader that ignores status and references would resolve),
and a JSON round trip (``json.loads(json.dumps(bundle))``) of the same payload. Ratios are
pipeline time / baseline time; all timed warm, after one untimed pass.
Run:

    python benchmarks/bench_ehr.py [DIR] [--repeat 3]

DIR defaults to the committed fixtures (tests/fixtures/ehr/synthea, 12 patients).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import kratom_safety as ks

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ehr" / "synthea"


def _ndjson(paths: list[Path]) -> list[dict[str, Any]]:
    out = []
    for path in sorted(paths):
        with path.open(encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def load_patients(folder: Path) -> dict[str, dict[str, Any]]:
    """One Bundle per patient: bulk ndjson grouped by subject, or Synthea Bundles as they are."""
    requests = _ndjson(list(folder.glob("MedicationRequest*.ndjson")))
    if requests:
        meds = _ndjson(list(folder.glob("Medication.*ndjson")))
        by_patient: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for res in requests:
            by_patient[str(res.get("subject", {}).get("reference"))].append(res)
        return {
            p: {"resourceType": "Bundle", "entry": [{"resource": r} for r in rs + meds]}
            for p, rs in sorted(by_patient.items())
        }
    bundles = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("resourceType") == "Bundle":
            bundles[path.stem] = data
    return bundles


def _naive_name(res: dict[str, Any]) -> str:
    concept = res.get("medicationCodeableConcept") or {}
    ref = res.get("medicationReference") or {}
    return str(concept.get("text") or ref.get("display") or ref.get("reference") or "unknown")


def _pipeline(bundle: dict[str, Any]) -> tuple[ks.FhirMedications, ks.Report, int, int]:
    read = ks.read_fhir_medications(bundle)
    report = ks.check(read.medications)
    issues = ks.to_fhir(report, patient="Patient/x", source=read)
    cards = ks.to_cds_hooks(report, source=read)["cards"]
    return read, report, len(issues), len(cards)


def run(folder: Path, repeat: int) -> dict[str, Any]:
    patients = load_patients(folder)
    if not patients:
        sys.exit(f"no MedicationRequest*.ndjson or Bundle *.json in {folder}")
    coverage: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    per_patient: list[int] = []
    with_findings = duplicates = issues = cards = requests = 0
    results = {}
    for pid, bundle in patients.items():  # untimed first pass: figures, and warm caches
        read, report, n_issues, n_cards = _pipeline(bundle)
        results[pid] = [
            _naive_name(e["resource"])
            for e in bundle.get("entry", [])
            if e.get("resource", {}).get("resourceType") == "MedicationRequest"
        ]
        requests += sum(
            1
            for e in bundle.get("entry", [])
            if e.get("resource", {}).get("resourceType") == "MedicationRequest"
        )
        coverage[report.coverage] += 1
        actions.update(f.action for f in report.findings)
        sources.update(e.source for e in read.entries)
        skipped.update(s.reason for s in read.skipped)
        duplicates += read.duplicates
        with_findings += bool(report.findings)
        per_patient.append(len(report.findings))
        issues += n_issues
        cards += n_cards
    pipeline_s, baseline_s, json_s = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for bundle in patients.values():
            _pipeline(bundle)
        pipeline_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for meds in results.values():
            ks.resolve_many(meds)
        baseline_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for bundle in patients.values():
            json.loads(json.dumps(bundle))
        json_s.append(time.perf_counter() - t0)
    n = len(patients)
    pipe, base = statistics.median(pipeline_s), statistics.median(baseline_s)
    js = statistics.median(json_s)
    return {
        "source": str(folder),
        "patients": n,
        "medication_requests": requests,
        "patients_with_findings": with_findings,
        "findings_per_patient": {
            "mean": round(statistics.mean(per_patient), 2),
            "max": max(per_patient),
            "by_action": dict(sorted(actions.items())),
        },
        "coverage": dict(sorted(coverage.items())),
        "entries_by_source": dict(sorted(sources.items())),
        "skipped_by_reason": dict(sorted(skipped.items())),
        "duplicate_resources": duplicates,
        "detected_issues": issues,
        "cards": cards,
        "time_per_patient_ms": round(1000 * pipe / n, 3),
        "baseline_resolve_many_per_patient_ms": round(1000 * base / n, 3),
        "ratio_pipeline_to_resolve_many": round(pipe / base, 2) if base else None,
        "ratio_pipeline_to_json_round_trip": round(pipe / js, 2) if js else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(run(args.folder, max(1, args.repeat)), indent=2))


if __name__ == "__main__":
    main()
