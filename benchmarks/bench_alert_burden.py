"""Alert burden: how many findings ``check()`` gives on realistic medication lists.

Forty-odd made-up patients (common chronic-disease regimens, pain, opioid use disorder on
methadone or buprenorphine, psychiatry, transplant, HIV, older adults on ten drugs), each
assumed to use kratom leaf products. For each patient the findings are counted by action and
severity; the totals follow, and then the figure the issue asks for: moderate or major findings
on patients who take only common chronic drugs with no narrow therapeutic index, no
high-alert anticoagulant or pharmacokinetic booster, and no CNS effect (``chronic_only``).
Goal: zero. Run:

    python benchmarks/bench_alert_burden.py [--json]

The output is deterministic (same data, same text).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass

import kratom_safety as ks

ACTIONS = ("avoid", "adjust", "monitor", "no_action")
SEVERITIES = ("major", "moderate", "minor")


@dataclass(frozen=True)
class Patient:
    id: str
    group: str
    meds: tuple[str, ...]
    chronic_only: bool
    """Only common chronic drugs: no narrow therapeutic index, no CNS effect, no
    anticoagulant, no CYP3A booster (the issue's "no moderate or major" goal applies here)."""


def _p(pid: str, group: str, chronic_only: bool, *meds: str) -> Patient:
    return Patient(pid, group, meds, chronic_only)


PATIENTS: tuple[Patient, ...] = (
    # common chronic disease, nothing with a narrow therapeutic index or a CNS effect
    _p(
        "C01",
        "hypertension",
        True,
        "lisinopril 10 mg",
        "amlodipine 5 mg",
        "hydrochlorothiazide 25 mg",
    ),
    _p(
        "C02",
        "diabetes+statin",
        True,
        "metformin 1000 mg bid",
        "atorvastatin 40 mg",
        "lisinopril 20 mg",
    ),
    _p(
        "C03",
        "hypertension+PPI",
        True,
        "losartan 50 mg",
        "rosuvastatin 10 mg",
        "omeprazole 20 mg",
        "aspirin 81 mg",
    ),
    _p(
        "C04",
        "diabetes",
        True,
        "metformin 500 mg",
        "glipizide 5 mg",
        "sitagliptin 100 mg",
        "simvastatin 20 mg",
    ),
    _p(
        "C05",
        "coronary disease",
        True,
        "aspirin 81 mg",
        "clopidogrel 75 mg",
        "metoprolol succinate 50 mg",
        "atorvastatin 80 mg",
        "lisinopril 5 mg",
    ),
    _p(
        "C06",
        "after ACS",
        True,
        "ticagrelor 90 mg bid",
        "aspirin 81 mg",
        "atorvastatin 80 mg",
        "metoprolol tartrate 25 mg",
    ),
    _p("C07", "lipids+ED", True, "sildenafil 50 mg prn", "atorvastatin 20 mg", "amlodipine 10 mg"),
    _p("C08", "BPH+ED", True, "tadalafil 5 mg daily", "tamsulosin 0.4 mg", "finasteride 5 mg"),
    _p(
        "C09",
        "asthma",
        True,
        "albuterol inhaler prn",
        "fluticasone/salmeterol 250/50",
        "montelukast 10 mg",
        "fexofenadine 180 mg",
    ),
    _p(
        "C10", "gout+hypertension", True, "allopurinol 300 mg", "losartan 100 mg", "amlodipine 5 mg"
    ),
    _p(
        "C11",
        "osteoporosis",
        True,
        "alendronate 70 mg weekly",
        "calcium carbonate 600 mg",
        "cholecalciferol 1000 units",
    ),
    _p(
        "C12",
        "heart failure",
        True,
        "Entresto 49/51",
        "carvedilol 12.5 mg bid",
        "spironolactone 25 mg",
        "furosemide 40 mg",
        "empagliflozin 10 mg",
    ),
    _p(
        "C13",
        "kidney disease",
        True,
        "amlodipine 10 mg",
        "furosemide 80 mg",
        "sevelamer 800 mg tid",
        "calcitriol 0.25 mcg",
    ),
    _p(
        "C14",
        "insulin diabetes",
        True,
        "insulin glargine 20 units",
        "insulin lispro sliding scale",
        "metformin 1000 mg",
        "atorvastatin 40 mg",
    ),
    _p(
        "C15",
        "hypertension+lipids",
        True,
        "olmesartan 20 mg",
        "chlorthalidone 25 mg",
        "pravastatin 40 mg",
        "esomeprazole 40 mg",
    ),
    _p(
        "C16",
        "occasional pain",
        True,
        "Tylenol 500 mg prn",
        "lisinopril 10 mg",
        "atorvastatin 10 mg",
    ),
    _p("C17", "contraception+acne", True, "ethinyl estradiol/norgestimate", "doxycycline 100 mg"),
    _p("C18", "HIV, one pill", True, "Biktarvy"),
    _p(
        "C19",
        "older adult, ten drugs",
        True,
        "losartan 50 mg",
        "amlodipine 5 mg",
        "hydrochlorothiazide 12.5 mg",
        "metformin 500 mg bid",
        "sitagliptin 50 mg",
        "rosuvastatin 20 mg",
        "pantoprazole 40 mg",
        "aspirin 81 mg",
        "calcium carbonate 500 mg",
        "vitamin D3 2000 units",
        "tamsulosin 0.4 mg",
    ),
    # atrial fibrillation: an anticoagulant (high-alert), so not counted as chronic-only
    _p(
        "A01",
        "atrial fibrillation",
        False,
        "apixaban 5 mg bid",
        "diltiazem ER 180 mg",
        "atorvastatin 40 mg",
    ),
    # pain
    _p("P01", "chronic pain", False, "Percocet 5/325", "gabapentin 300 mg tid", "ibuprofen 400 mg"),
    _p("P02", "back pain", False, "Norco 10/325", "cyclobenzaprine 10 mg", "naproxen 500 mg"),
    _p("P03", "insomnia+arthritis", False, "Tylenol PM", "meloxicam 15 mg"),
    _p(
        "P04",
        "neuropathic pain",
        False,
        "tramadol 50 mg",
        "duloxetine 60 mg",
        "pregabalin 75 mg bid",
    ),
    # opioid use disorder
    _p(
        "O01",
        "OUD methadone + QT drugs",
        False,
        "methadone 90 mg daily",
        "citalopram 20 mg",
        "ondansetron 4 mg prn",
        "azithromycin 250 mg",
    ),
    _p(
        "O02",
        "OUD buprenorphine + benzo",
        False,
        "Suboxone 8/2 mg",
        "alprazolam 0.5 mg prn",
        "sertraline 100 mg",
    ),
    _p(
        "O03",
        "OUD buprenorphine",
        False,
        "buprenorphine/naloxone 16/4 mg",
        "gabapentin 600 mg tid",
        "trazodone 50 mg qhs",
    ),
    _p(
        "O04",
        "OUD methadone",
        False,
        "methadone 60 mg",
        "naloxone nasal spray 4 mg",
        "omeprazole 20 mg",
    ),
    _p("O05", "OUD naltrexone", False, "Vivitrol 380 mg monthly", "bupropion XL 300 mg"),
    # psychiatry
    _p(
        "M01",
        "anxiety+insomnia",
        False,
        "quetiapine 100 mg qhs",
        "clonazepam 0.5 mg bid",
        "sertraline 100 mg",
    ),
    _p("M02", "bipolar", False, "lithium 600 mg", "olanzapine 10 mg"),
    _p("M03", "depression+insomnia", False, "amitriptyline 25 mg qhs", "zolpidem 10 mg"),
    _p(
        "M04",
        "depression",
        False,
        "mirtazapine 15 mg",
        "escitalopram 10 mg",
        "hydroxyzine 25 mg prn",
    ),
    _p("M05", "schizophrenia", False, "clozapine 300 mg", "docusate 100 mg"),
    _p(
        "M06",
        "bipolar depression",
        False,
        "aripiprazole 10 mg",
        "lamotrigine 200 mg",
        "bupropion SR 150 mg",
    ),
    _p("M07", "ADHD", False, "Adderall XR 20 mg", "guanfacine ER 2 mg"),
    _p("M08", "depression, TCA", False, "doxepin 25 mg", "nortriptyline 50 mg"),
    # transplant
    _p(
        "T01",
        "kidney transplant",
        False,
        "tacrolimus 2 mg bid",
        "mycophenolate mofetil 1000 mg bid",
        "prednisone 5 mg",
        "valganciclovir 450 mg",
        "sulfamethoxazole/trimethoprim 400/80",
    ),
    _p(
        "T02",
        "heart transplant",
        False,
        "cyclosporine 100 mg bid",
        "azathioprine 100 mg",
        "amlodipine 5 mg",
    ),
    # HIV
    _p("H01", "HIV boosted PI", False, "Prezcobix 800/150", "Descovy", "atorvastatin 10 mg"),
    _p("H02", "HIV zidovudine", False, "Combivir", "nevirapine 200 mg bid"),
    # older adults, ten drugs, some with NTI or CNS drugs
    _p(
        "E01",
        "older adult, dementia",
        False,
        "lisinopril 20 mg",
        "amlodipine 5 mg",
        "metformin 500 mg",
        "atorvastatin 40 mg",
        "omeprazole 20 mg",
        "aspirin 81 mg",
        "levothyroxine 50 mcg",
        "donepezil 10 mg",
        "tamsulosin 0.4 mg",
        "vitamin D3 1000 units",
    ),
    _p(
        "E02",
        "older adult, heart failure + pain",
        False,
        "warfarin 5 mg",
        "digoxin 0.125 mg",
        "furosemide 40 mg",
        "metoprolol succinate 50 mg",
        "potassium chloride 20 mEq",
        "atorvastatin 40 mg",
        "pantoprazole 40 mg",
        "allopurinol 100 mg",
        "tramadol 50 mg prn",
        "lorazepam 0.5 mg qhs",
    ),
    # epilepsy, migraine
    _p("N01", "epilepsy", False, "levetiracetam 500 mg bid", "carbamazepine 200 mg bid"),
    _p("N02", "migraine", False, "sumatriptan 50 mg prn", "propranolol 40 mg", "topiramate 50 mg"),
)


def run() -> dict[str, object]:
    rows = []
    tot_action: Counter[str] = Counter()
    tot_sev: Counter[str] = Counter()
    chronic_hits: list[str] = []
    for p in PATIENTS:
        r = ks.check(list(p.meds))
        act = Counter(f.action for f in r.findings)
        sev = Counter(f.severity for f in r.findings)
        tot_action.update(act)
        tot_sev.update(sev)
        if p.chronic_only:
            chronic_hits += [
                f"{p.id} {f.ingredient} {f.interaction_id} {f.severity}/{f.action}"
                for f in r.findings
                if f.severity in ("major", "moderate")
            ]
        rows.append(
            {
                "id": p.id,
                "group": p.group,
                "chronic_only": p.chronic_only,
                "meds": len(p.meds),
                "findings": len(r.findings),
                "action": {a: act.get(a, 0) for a in ACTIONS},
                "severity": {s: sev.get(s, 0) for s in SEVERITIES},
                "combined_risks": [
                    f"{c.group}({getattr(c, 'severity', '?')}"
                    f"{', escalated' if getattr(c, 'escalated', False) else ''})"
                    for c in r.cumulative_risks
                ],
                "detail": [
                    f"{f.ingredient}:{f.interaction_id}:{f.severity}/{f.action}"
                    + (f" [in {c}]" if (c := getattr(f, "combined_risk", None)) else "")
                    for f in r.findings
                ],
                "tied": sum(1 for f in r.findings if getattr(f, "combined_risk", None)),
                "coverage": r.coverage,
            }
        )
    n = len(PATIENTS)
    n_find = sum(int(str(row["findings"])) for row in rows)
    n_tied = sum(int(str(row["tied"])) for row in rows)
    n_comb = sum(len(row["combined_risks"]) for row in rows)  # type: ignore[arg-type]
    return {
        "data_version": ks.DATA_VERSION,
        "patients": n,
        "findings_total": n_find,
        "findings_per_patient": round(n_find / n, 2),
        "findings_shown_under_a_combined_risk": n_tied,
        "combined_risks_total": n_comb,
        "by_action_per_patient": {a: round(tot_action.get(a, 0) / n, 2) for a in ACTIONS},
        "by_severity_per_patient": {s: round(tot_sev.get(s, 0) / n, 2) for s in SEVERITIES},
        "by_action_total": {a: tot_action.get(a, 0) for a in ACTIONS},
        "by_severity_total": {s: tot_sev.get(s, 0) for s in SEVERITIES},
        "chronic_only_patients": sum(p.chronic_only for p in PATIENTS),
        "chronic_only_moderate_or_major": len(chronic_hits),
        "chronic_only_moderate_or_major_list": chronic_hits,
        "rows": rows,
    }


def _text(res: dict[str, object]) -> str:
    out = [f"alert burden, kratom_safety data {res['data_version']}, {res['patients']} patients"]
    out.append(
        f"{'id':4} {'group':34} {'meds':>4} {'find':>4}  avoid adjust monitor no_act  "
        "major moder minor  combined"
    )
    rows = res["rows"]
    assert isinstance(rows, list)
    for row in rows:
        a, s = row["action"], row["severity"]
        out.append(
            f"{row['id']:4} {row['group'][:34]:34} {row['meds']:>4} {row['findings']:>4}  "
            f"{a['avoid']:>5} {a['adjust']:>6} {a['monitor']:>7} {a['no_action']:>6}  "
            f"{s['major']:>5} {s['moderate']:>5} {s['minor']:>5}  "
            f"{','.join(row['combined_risks']) or '-'}"
        )
        for d in row["detail"]:
            out.append(f"       {d}")
    out.append("")
    out.append(
        f"findings: {res['findings_total']} total, {res['findings_per_patient']} per patient"
    )
    out.append(
        f"combined risks: {res['combined_risks_total']}; findings shown under a combined risk "
        f"(not loose lines): {res['findings_shown_under_a_combined_risk']}"
    )
    out.append(f"per patient by action: {res['by_action_per_patient']}")
    out.append(f"per patient by severity: {res['by_severity_per_patient']}")
    out.append(f"totals by action: {res['by_action_total']}")
    out.append(f"totals by severity: {res['by_severity_total']}")
    out.append(
        f"moderate/major findings on the {res['chronic_only_patients']} chronic-only patients: "
        f"{res['chronic_only_moderate_or_major']} (goal 0)"
    )
    hits = res["chronic_only_moderate_or_major_list"]
    assert isinstance(hits, list)
    out.extend(f"  {h}" for h in hits)
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()
    res = run()
    print(json.dumps(res, indent=2) if args.json else _text(res))


if __name__ == "__main__":
    main()
