"""Source of the populations dataset (curators' own words; cited). Built by curation/build.py."""

from __future__ import annotations

POPULATIONS = [
    {
        "id": "liver-disease",
        "last_reviewed": "2026-11-24",
        "population": "People with liver disease or liver injury",
        "summary": (
            "Kratom is a recognised, if rare, cause of acute liver injury, usually cholestatic or "
            "mixed and appearing within weeks of starting. In mice, CYP3A converts mitragynine to "
            "its active metabolites; how liver disease changes exposure to kratom alkaloids has "
            "not been studied."
        ),
        "considerations": [
            "Ask about kratom in any unexplained liver injury and include it in the causality "
            "assessment.",
            "There are no data on kratom use in pre-existing liver disease; kratom's own "
            "hepatotoxicity argues for caution.",
            "Alcohol and other hepatotoxic products were common co-exposures in reported cases.",
        ],
        "related_records": ["KS-AE-0001", "KS-INT-0024"],
        "references": [
            "ahmad2021dad",
            "chakraborty2021jmedchem",
            "livertox_kratom",
            "schimmel2020drugs",
        ],
    },
    {
        "id": "older-adults",
        "last_reviewed": "2026-11-24",
        "population": "Older adults",
        "summary": (
            "No study has looked at kratom in older adults. FDA names older age as a risk factor "
            "for respiratory depression when gabapentinoids are combined with opioids or other "
            "CNS depressants, and drowsiness and confusion are among the effects most often "
            "reported to poison centres after kratom exposure."
        ),
        "considerations": [
            "Review every CNS depressant on the list when an older patient uses kratom.",
            "Start any added sedating drug low and watch for drowsiness, confusion and slowed "
            "breathing.",
        ],
        "related_records": ["KS-AE-0006", "KS-INT-0004", "KS-INT-0005"],
        "references": ["eggleston2019pharmacotherapy", "fda_dsc_gabapentinoids_2019"],
    },
    {
        "id": "opioid-use-disorder",
        "last_reviewed": "2026-11-24",
        "population": "People with opioid use disorder or taking opioid agonist treatment",
        "summary": (
            "Many people who use kratom report using it to cut down or stop opioids, and most "
            "people in US kratom-positive overdose deaths had a history of substance misuse. "
            "Buprenorphine-naloxone has been used to treat kratom use disorder in case reports, "
            "while naltrexone has precipitated withdrawal in people using kratom."
        ),
        "considerations": [
            "Ask about kratom before starting naltrexone, and treat daily kratom use as opioid "
            "use when planning the induction.",
            "Offer naloxone to people who use kratom with opioids or use 7-OH products.",
            "Kratom use is not detected by standard urine drug screens.",
        ],
        "related_records": [
            "KS-AE-0010",
            "KS-DEP-0008",
            "KS-DEP-0009",
            "KS-INT-0016",
            "KS-INT-0017",
            "KS-INT-0018",
        ],
        "references": [
            "arhin2023cureus",
            "garciaromeu2020dad",
            "jarka2023mhc",
            "kiyokawa2023fampract",
            "mhc2021naltrexone",
            "nas2018pediatrics",
            "olsen2019mmwr",
        ],
    },
    {
        "id": "pregnancy-and-neonates",
        "last_reviewed": "2026-11-24",
        "population": "Pregnancy, breastfeeding and newborns",
        "summary": (
            "Newborns of mothers who used kratom daily in pregnancy have developed neonatal "
            "abstinence syndrome within hours of birth; one needed oral morphine and 12 days of "
            "neonatal intensive care. Commercial drug screens did not detect kratom. No data on "
            "breastfeeding were found."
        ),
        "considerations": [
            "Ask about kratom explicitly in pregnancy; a negative drug screen does not exclude it.",
            "Tell the neonatal team about maternal kratom use and observe the newborn for "
            "withdrawal signs from the first hours.",
            "Plan support for stopping or treatment of kratom use disorder during pregnancy.",
        ],
        "related_records": ["KS-AE-0009", "KS-DEP-0010"],
        "references": ["nas2018pediatrics", "nas2019pch", "post2019clintox"],
    },
]


def records() -> dict[str, list[dict[str, object]]]:
    return {"populations": POPULATIONS}
