"""Source of the adverse_events and dependence datasets (built by curation/build.py).

Clinical text is written by the curators in their own words. Every figure is taken from the
key_findings recorded with its reference in curation/sources/references.jsonl and names that
reference; no figure is derived or rounded here. Evidence grades: poison-centre, survey and
death-investigation data are "possible" (one source, or confounded) or "probable" (consistent
across several observational studies); single cases are "possible"; animal and in vitro data
are "theoretical". No record is "established": no controlled trial exists for these outcomes.
Keep records sorted by id; ids are never reused.
"""

from __future__ import annotations

ALL = ["kratom", "mitragynine", "7-hydroxymitragynine"]
LEAF = ["kratom", "mitragynine"]


def fig(label: str, value: str, reference: str) -> dict[str, str]:
    return {"label": label, "value": value, "reference": reference}


# --------------------------------------------------------------------------------------------
# Adverse events
# --------------------------------------------------------------------------------------------

AE = []

AE.append(
    dict(
        id="KS-AE-0001",
        last_reviewed="2026-11-24",
        event="Acute liver injury (cholestatic or mixed pattern)",
        system="hepatic",
        serious=True,
        description=(
            "Kratom has been linked to clinically apparent acute liver injury, which LiverTox "
            "describes as rare. Injury usually appears after a few weeks of use. The two main "
            "series give different latencies: the 11 cases in the US Drug-Induced Liver Injury "
            "Network (DILIN) had a median of 14 days, whereas a review that pooled published, "
            "DILIN, FDA and online-forum cases found a median of 20.6 days (range 2-49); the "
            "series differ in how cases were found. Every DILIN patient had symptoms and jaundice, "
            "most were admitted to hospital, and all recovered. The enzyme pattern is mixed or "
            "cholestatic and biopsies are mainly cholestatic; jaundice may be slow to clear (one "
            "LiverTox reference case took until day 411 to normalise). Both LiverTox reference "
            "cases also drank alcohol heavily and took other herbal or prescription products. In "
            "one reported patient, kratom-associated transaminitis was followed by opioid "
            "withdrawal when naltrexone was started."
        ),
        figures=[
            fig("DILIN cases of liver injury attributed to kratom", "11", "ahmad2021dad"),
            fig("median latency to onset, DILIN cases", "14 days", "ahmad2021dad"),
            fig("median age, DILIN cases", "40 years", "ahmad2021dad"),
            fig(
                "latency to symptom onset, pooled cases: median (range)",
                "20.6 days (2-49)",
                "schimmel2020drugs",
            ),
            fig(
                "R ratio, pooled cases: median (range)",
                "3.4 (0.24-10.4)",
                "schimmel2020drugs",
            ),
            fig(
                "LiverTox reference case 6972: onset after starting kratom; peak bilirubin",
                "23 days; 38.2 mg/dL",
                "livertox_kratom",
            ),
            fig(
                "LiverTox reference case 8332: onset after starting kratom",
                "25 days",
                "livertox_kratom",
            ),
        ],
        substances=["kratom"],
        product_types=[],
        evidence="probable",
        evidence_rationale=(
            "Consistent case-level findings across a prospective liver-injury registry, a "
            "review with formal causality assessment and the LiverTox monograph; there is no "
            "controlled study and co-exposures to alcohol or other products are common."
        ),
        references=["livertox_kratom", "ahmad2021dad", "schimmel2020drugs", "mhc2021naltrexone"],
    )
)

AE.append(
    dict(
        id="KS-AE-0002",
        last_reviewed="2026-11-24",
        event="Seizures",
        system="neurological",
        serious=True,
        description=(
            "Focal and generalised tonic-clonic seizures have been reported after kratom use, in "
            "poison-centre data and in case reports, but many patients had also taken something "
            "that can itself provoke seizures. Seizure was one of the commoner serious effects "
            "in a review of US poison-centre kratom exposures. A Malaysian series described 11 "
            "young adults admitted with seizures after regularly drinking kratom beverages; four "
            "had mixed kratom with diphenhydramine syrup, and others had used methamphetamine or "
            "had opioids or amphetamines in their urine. A 19-year-old who used kratom daily for "
            "anxiety had recurrent seizures that settled after rehabilitation. A 64-year-old "
            "regular user seized and became comatose after a tea of kratom and Datura stramonium "
            "while also taking amitriptyline and oxycodone."
        ),
        figures=[
            fig(
                "seizure, share of NPDS kratom exposures reviewed",
                "6.1%",
                "eggleston2019pharmacotherapy",
            ),
            fig(
                "Malaysian case series: young adults admitted with seizures",
                "11",
                "seizures2021epilepsybehav",
            ),
            fig(
                "Malaysian case series: mixed kratom with diphenhydramine syrup",
                "4 of 11",
                "seizures2021epilepsybehav",
            ),
            fig(
                "Malaysian case series: time from ingestion to seizure",
                "10 min to 72 h",
                "seizures2021epilepsybehav",
            ),
            fig("case report: age of patient with recurrent seizures", "19 years", "tatum2018"),
            fig(
                "case report (kratom with Datura): Glasgow Coma Scale on arrival",
                "6",
                "nelsen2010jmt",
            ),
        ],
        substances=LEAF,
        product_types=["brewed leaf beverage"],
        evidence="possible",
        evidence_rationale=(
            "Poison-centre frequencies and case reports only, with frequent co-ingestion of "
            "seizure-provoking substances, so kratom's own contribution is uncertain."
        ),
        references=[
            "eggleston2019pharmacotherapy",
            "seizures2021epilepsybehav",
            "tatum2018",
            "nelsen2010jmt",
        ],
    )
)

AE.append(
    dict(
        id="KS-AE-0003",
        last_reviewed="2026-11-24",
        event="Tachycardia and agitation",
        system="cardiovascular",
        serious=False,
        description=(
            "Stimulant-type effects are the effects most often recorded when kratom exposures are "
            "reported to US poison centres. Agitation or irritability and a fast heart rate "
            "headed the list in two separate analyses of US poison-centre data, one of them "
            "restricted to exposures to kratom alone. In a Malaysian community study with electrocardiograms, regular users "
            "had higher odds of sinus tachycardia than controls, although the confidence interval "
            "was very wide."
        ),
        figures=[
            fig("agitation, NPDS kratom exposures", "18.6%", "eggleston2019pharmacotherapy"),
            fig("tachycardia, NPDS kratom exposures", "16.9%", "eggleston2019pharmacotherapy"),
            fig("agitation or irritability, kratom-only exposures", "22.9%", "post2019clintox"),
            fig("tachycardia, kratom-only exposures", "21.4%", "post2019clintox"),
            fig(
                "sinus tachycardia, regular users vs controls: OR (95% CI)",
                "8.61 (1.06-70.17)",
                "leongabdullah2021clintox",
            ),
        ],
        substances=LEAF,
        product_types=[],
        evidence="probable",
        evidence_rationale=(
            "The same pattern appears in two independent analyses of US poison-centre data and "
            "in a controlled community ECG study; all are observational."
        ),
        references=["eggleston2019pharmacotherapy", "post2019clintox", "leongabdullah2021clintox"],
    )
)

AE.append(
    dict(
        id="KS-AE-0004",
        last_reviewed="2026-11-24",
        event="QTc prolongation and other ECG changes",
        system="cardiovascular",
        serious=True,
        description=(
            "Whether kratom prolongs the QT interval is unresolved, and the sources disagree. "
            "In vitro, mitragynine blocks the hERG potassium channel at low micromolar "
            "concentrations, the mechanism by which many drugs prolong QT. In a Malaysian study "
            "of 100 regular users and 100 controls, ECG abnormalities overall were not more "
            "frequent in users and prolonged QTc was not more common, although borderline QTc "
            "was. By contrast, in a case series of nine regular users who took no other drugs, "
            "those with a prolonged QTc had higher serum mitragynine, which the authors read as "
            "a dose effect; the series was small. The clinical weight of this signal, including "
            "with other QT-prolonging drugs, is unknown."
        ),
        figures=[
            fig("hERG inhibition IC50, HEK293 cells", "1.62 uM", "tay2016taap"),
            fig("hERG inhibition IC50, Xenopus oocytes", "1.15 uM", "tay2016taap"),
            fig(
                "any ECG abnormality, regular users vs controls",
                "28% vs 32%",
                "leongabdullah2021clintox",
            ),
            fig(
                "estimated average daily mitragynine intake of users in the ECG study",
                "434.28 mg",
                "leongabdullah2021clintox",
            ),
            fig(
                "serum mitragynine, case series of 9 users: mean (SD), range",
                "10.3 (6.9) mg/L, 2.5-22.4 mg/L",
                "leongbinabdullah2021fphar_case",
            ),
            fig(
                "higher serum mitragynine with prolonged QTc",
                "p = 0.017",
                "leongbinabdullah2021fphar_case",
            ),
        ],
        substances=LEAF,
        product_types=["brewed leaf beverage"],
        evidence="possible",
        evidence_rationale=(
            "Observational data conflict (a controlled ECG survey found no excess prolonged "
            "QTc, a nine-person case series linked QTc to serum mitragynine) and the mechanism "
            "rests on in vitro channel data."
        ),
        references=["tay2016taap", "leongabdullah2021clintox", "leongbinabdullah2021fphar_case"],
    )
)

AE.append(
    dict(
        id="KS-AE-0005",
        last_reviewed="2026-11-24",
        event="Respiratory depression and coma",
        system="respiratory",
        serious=True,
        description=(
            "Kratom can cause opioid-type toxicity with reduced consciousness and slowed "
            "breathing. In a review of US poison-centre exposures, respiratory depression, coma "
            "and cardiac or respiratory arrest were each recorded in a small share of cases. In "
            "a Czech series of ten kratom poisonings, nine patients had a reduced level of "
            "consciousness; two responded promptly to naloxone and one did not, and all "
            "survived. In mice, respiratory depression from oral mitragynine reached a plateau "
            "above 10 mg/kg, whereas 7-hydroxymitragynine depressed breathing more with each "
            "dose increase, which suggests a greater hazard from 7-OH-rich products and from "
            "combinations with other depressants."
        ),
        figures=[
            fig(
                "respiratory depression, NPDS kratom exposures",
                "2.8%",
                "eggleston2019pharmacotherapy",
            ),
            fig("coma, NPDS kratom exposures", "2.3%", "eggleston2019pharmacotherapy"),
            fig(
                "cardiac or respiratory arrest, NPDS kratom exposures",
                "0.6%",
                "eggleston2019pharmacotherapy",
            ),
            fig(
                "case series: patients with quantitative disorder of consciousness",
                "9 of 10",
                "toxicon2023tencases",
            ),
            fig(
                "case series: prompt response to naloxone / no response",
                "2 / 1",
                "toxicon2023tencases",
            ),
            fig(
                "mice: oral mitragynine dose above which respiratory depression did not increase",
                ">10 mg/kg",
                "hill2022bjp",
            ),
        ],
        substances=ALL,
        product_types=[],
        evidence="possible",
        evidence_rationale=(
            "Supported by poison-centre frequencies and a small case series with partial "
            "naloxone response; the dose-response contrast between mitragynine and 7-OH comes "
            "from mice only."
        ),
        references=["eggleston2019pharmacotherapy", "toxicon2023tencases", "hill2022bjp"],
    )
)

AE.append(
    dict(
        id="KS-AE-0006",
        last_reviewed="2026-11-24",
        event="Drowsiness and confusion",
        system="neurological",
        serious=False,
        description=(
            "Sedation and confusion are among the five effects most often recorded in US "
            "poison-centre kratom exposures. They may be the first signs of more serious central "
            "nervous system depression, and on pharmacological grounds they would be expected to "
            "add to the effects of alcohol, sedatives and opioids."
        ),
        figures=[
            fig("drowsiness, NPDS kratom exposures", "13.6%", "eggleston2019pharmacotherapy"),
            fig("confusion, NPDS kratom exposures", "8.1%", "eggleston2019pharmacotherapy"),
        ],
        substances=ALL,
        product_types=[],
        evidence="possible",
        evidence_rationale=(
            "Frequencies come from a single poison-centre analysis, and the figures recorded "
            "here do not separate the role of co-ingestants."
        ),
        references=["eggleston2019pharmacotherapy"],
    )
)

AE.append(
    dict(
        id="KS-AE-0007",
        last_reviewed="2026-11-24",
        event="Nausea, vomiting and constipation",
        system="gastrointestinal",
        serious=False,
        description=(
            "Gastrointestinal effects are the usual unwanted effects reported by people who use "
            "kratom. In a large US online survey they rose with dose and were concentrated in "
            "those taking larger doses many times a week; in a second survey about a third of "
            "respondents reported some adverse effect, mostly mild and lasting a day or less. "
            "Vomiting was also among the commonest effects in poison-centre reports."
        ),
        figures=[
            fig("vomiting, NPDS kratom exposures", "11.2%", "eggleston2019pharmacotherapy"),
            fig(
                "dose pattern at which negative (mainly gastrointestinal) effects were concentrated",
                ">=5 g per dose and >=22 doses per week",
                "grundmann2017dad",
            ),
            fig(
                "respondents reporting any adverse effect",
                "roughly one-third",
                "garciaromeu2020dad",
            ),
        ],
        substances=LEAF,
        product_types=[],
        evidence="probable",
        evidence_rationale=(
            "Reported consistently in two user surveys and in poison-centre data; all are "
            "observational and self-reported."
        ),
        references=["grundmann2017dad", "garciaromeu2020dad", "eggleston2019pharmacotherapy"],
    )
)

AE.append(
    dict(
        id="KS-AE-0008",
        last_reviewed="2026-11-24",
        event="Psychotic symptoms and hallucinations",
        system="psychiatric",
        serious=True,
        description=(
            "The data on psychosis point in different directions. In a clinical survey of 150 "
            "regular users in Malaysia, 4% had any psychotic symptoms, all mild, and these were "
            "not related to the amount, frequency or duration of kratom use or to diphenhydramine "
            "co-use; the authors found no sign of increased psychosis. US poison-centre data, "
            "however, list hallucinations among the serious effects of kratom exposure, in a "
            "population that includes high doses, extracts and co-ingestants. Neither design can "
            "establish or exclude a causal link."
        ),
        figures=[
            fig(
                "regular users with any psychotic symptoms",
                "6 of 150 (4%)",
                "leongbinabdullah2019ajp",
            ),
            fig(
                "mean Brief Psychiatric Rating Scale score (mild)", "33", "leongbinabdullah2019ajp"
            ),
            fig("hallucinations, NPDS kratom exposures", "4.8%", "eggleston2019pharmacotherapy"),
        ],
        substances=LEAF,
        product_types=[],
        evidence="possible",
        evidence_rationale=(
            "One clinical survey found only mild symptoms without a dose relationship, while "
            "poison-centre data record hallucinations; the findings are inconsistent and "
            "confounded."
        ),
        references=["leongbinabdullah2019ajp", "eggleston2019pharmacotherapy"],
    )
)

AE.append(
    dict(
        id="KS-AE-0009",
        last_reviewed="2026-11-24",
        event="Neonatal abstinence syndrome",
        system="neonatal",
        serious=True,
        description=(
            "Babies born to mothers who used kratom regularly in pregnancy have developed "
            "neonatal abstinence syndrome. In one report a term infant became jittery with "
            "increased tone within hours of birth, needed oral morphine and 12 days in neonatal "
            "intensive care, and stayed on morphine for two months after discharge. In another, "
            "the mother drank kratom tea every day to manage a past oxycodone dependence, and "
            "commercial drug screens did not detect kratom, so exposure is missed unless the "
            "mother is asked. US poison centres recorded a handful of neonatal kratom exposures, "
            "most with withdrawal."
        ),
        figures=[
            fig("onset of jitteriness and increased tone after birth", "6-8 h", "nas2019pch"),
            fig("neonatal intensive care stay", "12 days", "nas2019pch"),
            fig(
                "neonatal exposures reported to US poison centres 2011-2017 / with withdrawal",
                "7 / 5",
                "post2019clintox",
            ),
        ],
        substances=["kratom"],
        product_types=["leaf tea"],
        evidence="possible",
        evidence_rationale=(
            "Based on two case reports and a small number of poison-centre neonatal exposures; "
            "no cohort study of prenatal exposure."
        ),
        references=["nas2019pch", "nas2018pediatrics", "post2019clintox"],
    )
)

AE.append(
    dict(
        id="KS-AE-0010",
        last_reviewed="2026-11-24",
        event="Death, usually with other substances present",
        system="multi-system",
        serious=True,
        description=(
            "Kratom or mitragynine is found at post-mortem in a small share of overdose deaths, "
            "almost always together with other drugs, and its contribution is usually unclear. "
            "In US overdose surveillance for 2016-2017, medical examiners called kratom a cause "
            "in most kratom-positive deaths, including a few in which it was the only substance "
            "detected, though other substances could not be excluded; about four in five "
            "decedents had a history of substance misuse. A review of 156 kratom-associated "
            "deaths found polysubstance use in most and mitragynine alone in under a quarter. "
            "In a California coroner series every kratom-positive opioid overdose also involved "
            "other drugs, mostly fentanyl. The 44 deaths cited by FDA in 2018 included a single "
            "mitragynine-only case. Individual fatal cases involved quetiapine, and venlafaxine, "
            "diphenhydramine and mirtazapine. Because mitragynine is the usual post-mortem "
            "marker, deaths from concentrated 7-OH products may be recorded as kratom deaths."
        ),
        figures=[
            fig(
                "kratom-positive overdose deaths, SUDORS July 2016-December 2017",
                "152 of 27,338 (0.56%)",
                "olsen2019mmwr",
            ),
            fig(
                "kratom judged a cause of death (kratom-involved)",
                "91 of 152 (59.9%)",
                "olsen2019mmwr",
            ),
            fig(
                "kratom-involved deaths with kratom the only substance detected",
                "7",
                "olsen2019mmwr",
            ),
            fig("decedents with a history of substance misuse", "~80%", "olsen2019mmwr"),
            fig("deaths reviewed", "156", "corkery2019jpsychopharmacol"),
            fig("polysubstance use", "87%", "corkery2019jpsychopharmacol"),
            fig("mitragynine alone identified/implicated", "23%", "corkery2019jpsychopharmacol"),
            fig(
                "opioid-associated accidental overdoses with mitragynine, Kern County 2020",
                "4 of 214 (1.9%)",
                "torrico2024fpsyt",
            ),
            fig("of these, fentanyl detected", "3 of 4", "torrico2024fpsyt"),
            fig(
                "deaths cited in FDA's 6 February 2018 warning / mitragynine only",
                "44 / 1",
                "gershman2019nejm",
            ),
            fig(
                "deaths associated with kratom exposure, US poison centres 2011-2017 / kratom only",
                "11 / 2",
                "post2019clintox",
            ),
            fig(
                "decedents with kratom a cause or contributing factor, one New York county ME office",
                "4",
                "eggleston2019pharmacotherapy",
            ),
            fig("fatal case: peripheral blood mitragynine", "0.23 mg/L", "jat2015fatality"),
        ],
        substances=ALL,
        product_types=[],
        evidence="possible",
        evidence_rationale=(
            "Death-investigation series consistently find kratom in polysubstance deaths, but "
            "their design cannot separate kratom's contribution from that of co-detected drugs."
        ),
        references=[
            "olsen2019mmwr",
            "corkery2019jpsychopharmacol",
            "torrico2024fpsyt",
            "gershman2019nejm",
            "post2019clintox",
            "eggleston2019pharmacotherapy",
            "jat2015fatality",
            "hughes2019fsmp",
            "smith2024addiction",
        ],
    )
)

AE.append(
    dict(
        id="KS-AE-0011",
        last_reviewed="2026-11-24",
        event="Exposures reported to poison centres and need for medical care",
        system="multi-system",
        serious=True,
        description=(
            "Calls to US poison centres about kratom rose steeply during the 2010s. Most were "
            "intentional ingestions by adults, and about two-thirds involved kratom alone. "
            "Where kratom was the leading substance, about a third of patients were admitted and "
            "about half had a serious medical outcome; exposures that also involved other "
            "substances were more likely to end in admission or a serious outcome. Online user "
            "surveys give far lower figures, with under 1% reporting toxicity that needed "
            "treatment. The two designs count different people: poison centres hear about those "
            "already unwell, while surveys reach current users, in one case recruited partly "
            "through a kratom advocacy group's online resources, so neither is a population rate."
        ),
        figures=[
            fig("poison-centre calls about kratom, 2010-2015", "660", "anwar2016mmwr"),
            fig("annual calls, 2010 vs 2015", "26 vs 263", "anwar2016mmwr"),
            fig("isolated (kratom-only) exposures, 2010-2015", "428 (64.8%)", "anwar2016mmwr"),
            fig("kratom exposures reported, 2011-2017", "1,807", "post2019clintox"),
            fig("annual calls, 2011 vs 2017", "13 vs 682", "post2019clintox"),
            fig(
                "first-ranked kratom exposures admitted to a health care facility",
                "31.8%",
                "post2019clintox",
            ),
            fig(
                "first-ranked kratom exposures with a serious medical outcome",
                "51.9%",
                "post2019clintox",
            ),
            fig(
                "multiple vs single substance: admission OR (95% CI)",
                "2.80 (2.21-3.55)",
                "post2019clintox",
            ),
            fig(
                "multiple vs single substance: serious outcome OR (95% CI)",
                "2.25 (1.77-2.85)",
                "post2019clintox",
            ),
            fig(
                "NPDS kratom exposures reviewed / kratom the only substance",
                "2,312 / 935",
                "eggleston2019pharmacotherapy",
            ),
            fig("survey: kratom-related toxicity requiring treatment", "0.65%", "grundmann2017dad"),
            fig("survey: sought treatment for adverse effects", "17 (0.6%)", "garciaromeu2020dad"),
        ],
        substances=ALL,
        product_types=[],
        evidence="probable",
        evidence_rationale=(
            "Three independent analyses of US poison-centre data agree on rising exposures and "
            "substantial rates of admission; surveys of users give lower rates in a different "
            "population."
        ),
        references=[
            "anwar2016mmwr",
            "post2019clintox",
            "eggleston2019pharmacotherapy",
            "grundmann2017dad",
            "garciaromeu2020dad",
        ],
    )
)

AE.append(
    dict(
        id="KS-AE-0012",
        last_reviewed="2026-11-24",
        event="Toxicity from concentrated 7-hydroxymitragynine products",
        system="multi-system",
        serious=True,
        description=(
            "Semi-synthetic products such as sublingual tablets and nasal sprays concentrate "
            "7-hydroxymitragynine far beyond leaf levels, and some are formulated to bypass "
            "first-pass metabolism. Leaf products and conventional extracts usually contain 7-OH "
            "at about 1-2% of alkaloids or less. In Texas, poison-centre reports involving kratom "
            "or 7-OH products in 2025 had already passed the full-year totals for 2024 and 2023 "
            "by late August; 19 involved concentrated 7-OH, most in July and August, and more "
            "than half of those patients were treated in a health care facility. Reported effects "
            "included nausea and vomiting, agitation, confusion, sweating, fast heart rate, high "
            "blood pressure, breathing difficulty, drowsiness or loss of consciousness, and "
            "seizures. In animal studies 7-OH is a potent mu-opioid agonist, more potent than "
            "morphine, and in mice its respiratory depression increased with dose."
        ),
        figures=[
            fig(
                "Texas poison-centre reports involving kratom or 7-OH products: 2025 (to 27 Aug) / 2024 / 2023",
                "192 / 107 / 122",
                "texas_dshs_7oh_2025",
            ),
            fig("2025 reports involving concentrated 7-OH products", "19", "texas_dshs_7oh_2025"),
            fig(
                "concentrated 7-OH exposures treated at a health care facility",
                "11 of 19",
                "texas_dshs_7oh_2025",
            ),
            fig("7-OH content of semi-synthetic products", "up to 98%", "texas_dshs_7oh_2025"),
            fig(
                "7-OH per labelled dose, semi-synthetic products", "14-25 mg", "smith2024addiction"
            ),
            fig(
                "7-OH in whole-leaf products and extracts (share of total alkaloids)",
                "typically 1-2% or below quantification",
                "smith2024addiction",
            ),
            fig(
                "7-OH mu-opioid binding affinity relative to morphine",
                "14-22 times greater",
                "smith2024addiction",
            ),
            fig(
                "7-OH potency relative to morphine, as stated by Texas DSHS",
                "up to 13 times",
                "texas_dshs_7oh_2025",
            ),
        ],
        substances=["7-hydroxymitragynine"],
        product_types=["concentrated 7-OH", "sublingual tablet", "nasal spray"],
        evidence="possible",
        evidence_rationale=(
            "Rests on a state health-department poison-centre alert and a review of product "
            "content; no peer-reviewed clinical series exists, and the potency and respiratory "
            "data come from animals."
        ),
        references=[
            "texas_dshs_7oh_2025",
            "smith2024addiction",
            "hill2022bjp",
            "matsumoto2004lifesci",
        ],
    )
)

# --------------------------------------------------------------------------------------------
# Dependence, withdrawal and kratom use disorder
# --------------------------------------------------------------------------------------------

DEP = []

DEP.append(
    dict(
        id="KS-DEP-0001",
        last_reviewed="2026-11-24",
        kind="prevalence",
        title="Dependence among regular kratom drinkers in Malaysia",
        description=(
            "In a community survey of traditional kratom drinkers in Malaysia, more than half of "
            "those who had used for over six months scored as severely dependent and a further "
            "45% as moderately dependent. Each drink held on average 79 mg of mitragynine and "
            "daily intake averaged 276.5 mg. These users drink freshly brewed leaf several times "
            "a day, so the rates are not directly comparable with US surveys of powder and "
            "capsule users (see KS-DEP-0004)."
        ),
        population="293 regular (>6 months) kratom users in three northern states of peninsular Malaysia",
        instrument="Leeds Dependence Questionnaire",
        figures=[
            fig("regular users surveyed", "293", "singh2014dad"),
            fig("severe dependence", "more than half", "singh2014dad"),
            fig("moderate dependence", "45%", "singh2014dad"),
            fig("average mitragynine per drink", "79 mg", "singh2014dad"),
            fig("average daily mitragynine intake", "276.5 mg", "singh2014dad"),
        ],
        substances=LEAF,
        evidence="possible",
        evidence_rationale=(
            "A single cross-sectional community survey using a dependence scale not developed "
            "for kratom."
        ),
        references=["singh2014dad"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0002",
        last_reviewed="2026-11-24",
        kind="withdrawal",
        title="Withdrawal symptoms on stopping regular use",
        description=(
            "Stopping regular kratom use produces an opioid-like withdrawal syndrome. Malaysian "
            "users describe muscle spasms and aches, poor sleep, watery eyes and runny nose, hot "
            "flushes, fever, loss of appetite and diarrhoea, together with restlessness, "
            "tension, anger, sadness and nervousness. In US online samples withdrawal was mostly "
            "mild to moderate and included gastrointestinal symptoms, yet it was one of the two "
            "commonest criteria among people meeting kratom use disorder criteria and was "
            "recorded in US poison-centre kratom exposures. Case reports describe withdrawal "
            "managed with buprenorphine-naloxone (see KS-DEP-0008)."
        ),
        population="regular kratom users (Malaysian community and US online samples); US poison-centre exposures",
        instrument="Marijuana Withdrawal Checklist (Malaysia); Subjective Opiate Withdrawal Scale (US)",
        figures=[
            fig("SOWS score, US consumers: mean (SD)", "13.5 (11.9)", "rogers2024dad"),
            fig(
                "withdrawal criterion among those meeting KUD criteria",
                "357 (68.0%)",
                "hill2024jam",
            ),
            fig("withdrawal, NPDS kratom exposures", "6.1%", "eggleston2019pharmacotherapy"),
        ],
        substances=LEAF,
        evidence="probable",
        evidence_rationale=(
            "Withdrawal is reported consistently across community and online surveys in two "
            "countries and in poison-centre data; all are observational and self-reported."
        ),
        references=[
            "singh2014dad",
            "smith2022jam",
            "rogers2024dad",
            "hill2024jam",
            "eggleston2019pharmacotherapy",
            "kiyokawa2023fampract",
        ],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0003",
        last_reviewed="2026-11-24",
        kind="withdrawal",
        title="Pain and sleep problems during cessation",
        description=(
            "Among Malaysian regular users who stopped, most reported pain of moderate intensity "
            "and moderate interference from pain, and almost half reported more sleep problems. "
            "Those drinking four or more glasses a day had about twice the odds of pain "
            "interference and of sleep problems compared with those drinking one to three. The "
            "authors judged these problems relatively mild and not prolonged in comparison with "
            "withdrawal from opioid analgesics."
        ),
        population="170 regular kratom tea or juice users in Malaysia (snowball sample)",
        instrument="Brief Pain Inventory; Pittsburgh Sleep Quality Index",
        figures=[
            fig("moderate pain intensity during cessation", "84%", "singh2018jpd"),
            fig("moderate pain interference during cessation", "70%", "singh2018jpd"),
            fig("more sleep problems during cessation", "46%", "singh2018jpd"),
            fig(
                ">=4 vs 1-3 glasses/day: pain interference OR (CI)",
                "2.0 (1.04-3.93)",
                "singh2018jpd",
            ),
            fig(
                ">=4 vs 1-3 glasses/day: sleep problems OR (CI)",
                "2.0 (1.08-3.68)",
                "singh2018jpd",
            ),
            fig("mitragynine in >=4 glasses/day", "about 76-115 mg", "singh2018jpd"),
        ],
        substances=LEAF,
        evidence="possible",
        evidence_rationale="A single cross-sectional survey with a snowball sample.",
        references=["singh2018jpd"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0004",
        last_reviewed="2026-11-24",
        kind="prevalence",
        title="Kratom use disorder in US consumer surveys: estimates from 2% to 29.5%",
        description=(
            "US estimates of kratom use disorder (KUD) differ more than tenfold, largely because "
            "of how respondents were recruited and which severities were counted. An anonymous "
            "2017 survey of 2,798 users found that 2% met criteria for moderate or severe "
            "past-year KUD; mild KUD was not included in that figure, respondents selected "
            "themselves (so they need not represent users in general), and 41% said they used "
            "kratom to stop or cut down opioids. A 2021 re-contact survey of 129 "
            "lifetime users found 29.5% with current KUD, and even its moderate and severe "
            "categories alone exceed the 2017 estimate. A 2023 survey of 2,061 current consumers "
            "found 25.5%, mostly mild or moderate, with tolerance and withdrawal the commonest "
            "criteria. All three were non-probability online samples, so none gives a population "
            "prevalence."
        ),
        population="US adult kratom consumers recruited online (convenience samples)",
        instrument="DSM-5 substance use disorder criteria adapted for kratom",
        figures=[
            fig("respondents, 2017 survey", "2,798", "garciaromeu2020dad"),
            fig("past-year moderate or severe KUD, 2017 survey", "56 (2%)", "garciaromeu2020dad"),
            fig(
                "used kratom to stop or reduce opioid use, 2017 survey",
                "1,144 (41%)",
                "garciaromeu2020dad",
            ),
            fig("evaluable respondents, 2021 survey", "129", "smith2022jam"),
            fig("current (past-year) KUD, 2021 survey", "29.5%", "smith2022jam"),
            fig(
                "past-year KUD severity, 2021 survey: mild / moderate / severe",
                "14.0% / 7.0% / 8.5%",
                "smith2022jam",
            ),
            fig("respondents, 2023 survey", "2,061", "hill2024jam"),
            fig("met KUD criteria, 2023 survey", "525 (25.5%)", "hill2024jam"),
            fig("tolerance criterion among those with KUD", "427 (81.3%)", "hill2024jam"),
        ],
        substances=LEAF,
        evidence="probable",
        evidence_rationale=(
            "Three independent surveys all find KUD in a subset of consumers; the size of that "
            "subset depends on sampling and definitions."
        ),
        references=["garciaromeu2020dad", "smith2022jam", "hill2024jam"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0005",
        last_reviewed="2026-11-24",
        kind="risk_factor",
        title="More frequent and heavier use",
        description=(
            "Across surveys, dependence and related problems cluster in people who use kratom "
            "more often or in larger amounts. In Malaysia, three or more glasses a day went with "
            "severe dependence, withdrawal and poorly controlled craving, and four or more with "
            "more pain and sleep problems on stopping. In a US survey, negative effects were "
            "concentrated at larger and more frequent doses. In a US study of active consumers, "
            "the number of doses per day was more closely tied to withdrawal and KUD symptoms "
            "than the size of each dose, so dosing frequency is worth asking about."
        ),
        population="regular kratom users in Malaysian and US surveys",
        instrument=None,
        figures=[
            fig(
                "intake associated with severe dependence, withdrawal and craving",
                ">=3 glasses/day",
                "singh2014dad",
            ),
            fig(
                "intake associated with pain interference and sleep problems at cessation",
                ">=4 glasses/day",
                "singh2018jpd",
            ),
            fig(
                "dose pattern with concentrated negative effects",
                ">=5 g per dose and >=22 doses per week",
                "grundmann2017dad",
            ),
            fig(
                "active US consumers in the frequency-versus-amount analysis",
                "395",
                "rogers2024dad",
            ),
        ],
        substances=LEAF,
        evidence="probable",
        evidence_rationale=(
            "Four surveys in two countries consistently associate frequency or amount of use "
            "with dependence-related problems; all are cross-sectional."
        ),
        references=["singh2014dad", "singh2018jpd", "grundmann2017dad", "rogers2024dad"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0006",
        last_reviewed="2026-11-24",
        kind="risk_factor",
        title="Other substance use disorders and male sex",
        description=(
            "In a survey of 2,061 US consumers, having another substance use disorder was "
            "associated with nearly three times the adjusted odds of meeting KUD criteria. In a "
            "separate US study, men reported more withdrawal and KUD symptoms than women."
        ),
        population="US adult kratom consumers (online samples)",
        instrument="DSM-5 substance use disorder criteria adapted for kratom",
        figures=[
            fig(
                "another SUD diagnosis and KUD: adjusted OR (95% CI)",
                "2.83 (2.19-3.67)",
                "hill2024jam",
            ),
        ],
        substances=LEAF,
        evidence="possible",
        evidence_rationale=(
            "Each association comes from a single cross-sectional survey and has not been "
            "replicated."
        ),
        references=["hill2024jam", "rogers2024dad"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0007",
        last_reviewed="2026-11-24",
        kind="risk_factor",
        title="7-hydroxymitragynine: abuse liability in animals and concentrated products",
        description=(
            "In rats, 7-hydroxymitragynine substituted for morphine, was self-administered "
            "intravenously, and raised later morphine intake; mitragynine did not support "
            "self-administration, and the authors regard 7-OH as the kratom constituent with "
            "high abuse potential. In drug-discrimination tests 7-OH produced near-complete "
            "morphine-like responding. Leaf contains little 7-OH, but semi-synthetic products "
            "provide milligram doses of it, so their dependence potential is expected to be "
            "closer to that of conventional opioids than to leaf. No human dependence data for "
            "these products were found."
        ),
        population="rats (self-administration and drug discrimination); analysis of marketed products",
        instrument=None,
        figures=[
            fig(
                "morphine-lever responding, 7-OH vs mitragynine (maximum)",
                "99.7% vs 72.3%",
                "obeng2021jpet",
            ),
            fig(
                "7-OH per labelled dose, semi-synthetic products", "14-25 mg", "smith2024addiction"
            ),
            fig("7-OH content of semi-synthetic products", "up to 98%", "smith2024addiction"),
        ],
        substances=["7-hydroxymitragynine", "mitragynine"],
        evidence="theoretical",
        evidence_rationale=(
            "Abuse liability rests on rat self-administration and discrimination studies; the "
            "extrapolation to concentrated human products is untested."
        ),
        references=["hemby2018addictbiol", "obeng2021jpet", "smith2024addiction"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0008",
        last_reviewed="2026-11-24",
        kind="treatment",
        title="Buprenorphine-naloxone for kratom use disorder",
        description=(
            "Buprenorphine-naloxone has been used to relieve withdrawal and support abstinence "
            "in kratom use disorder. Two patients taking 35 g of kratom a day were started at "
            "home, without observation, after a telehealth assessment; neither had adverse "
            "effects during induction, and they settled on markedly different doses. A man in "
            "his 40s who had used kratom for years for anxiety and depression was also treated "
            "successfully. The evidence is limited to case reports; no controlled trial was "
            "found, and dosing needs to be individualised."
        ),
        population="adults with kratom use disorder (US case reports)",
        instrument=None,
        figures=[
            fig("patients in home-induction case report", "2", "kiyokawa2023fampract"),
            fig("reported kratom use of these patients", "35 g per day", "kiyokawa2023fampract"),
        ],
        substances=LEAF,
        evidence="possible",
        evidence_rationale="Three treated patients in two case reports; no comparative study.",
        references=["kiyokawa2023fampract", "arhin2023cureus"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0009",
        last_reviewed="2026-11-24",
        kind="treatment",
        title="Naltrexone can precipitate withdrawal in people who use kratom",
        description=(
            "Starting naltrexone in someone who uses kratom regularly has precipitated acute "
            "opioid withdrawal: after an intramuscular dose in a patient with kratom-associated "
            "transaminitis who used no other opioids, and in a patient whose chronic kratom use "
            "had not been disclosed. Kratom and other supplements should be asked about "
            "specifically before an opioid antagonist is started for alcohol or opioid use "
            "disorder."
        ),
        population="adults using kratom regularly who were started on naltrexone (case reports)",
        instrument=None,
        figures=[],
        substances=LEAF,
        evidence="possible",
        evidence_rationale=(
            "Two single-patient case reports; consistent with kratom's opioid-receptor "
            "activity but without systematic data."
        ),
        references=["jarka2023mhc", "mhc2021naltrexone"],
    )
)

DEP.append(
    dict(
        id="KS-DEP-0010",
        last_reviewed="2026-11-24",
        kind="neonatal",
        title="Neonatal withdrawal after prenatal kratom exposure",
        description=(
            "Daily maternal kratom use in pregnancy can leave the newborn dependent, with "
            "withdrawal signs starting within hours of birth: jitteriness, increased tone, "
            "excessive sucking and irritability. One infant needed oral morphine and a stay in "
            "neonatal intensive care. Commercial drug screens did not detect kratom, so the "
            "diagnosis depends on asking the mother about kratom use. Most neonatal kratom "
            "exposures reported to US poison centres involved withdrawal (see also KS-AE-0009)."
        ),
        population="infants of mothers who used kratom daily during pregnancy",
        instrument=None,
        figures=[
            fig("onset of withdrawal signs after birth", "6-8 h", "nas2019pch"),
            fig("neonatal intensive care stay", "12 days", "nas2019pch"),
            fig(
                "neonatal exposures reported to US poison centres 2011-2017 / with withdrawal",
                "7 / 5",
                "post2019clintox",
            ),
        ],
        substances=["kratom"],
        evidence="possible",
        evidence_rationale=(
            "Two case reports and a small number of poison-centre neonatal exposures; no cohort "
            "data on prenatal kratom exposure."
        ),
        references=["nas2019pch", "nas2018pediatrics", "post2019clintox"],
    )
)


def _check(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every figure must cite one of its record's references, and references are not repeated."""
    for rec in records:
        refs = rec["references"]
        if not isinstance(refs, list) or len(set(refs)) != len(refs):
            raise ValueError(f"{rec['id']}: references must be a list without repeats")
        for f in rec.get("figures", []):  # type: ignore[attr-defined]
            if f["reference"] not in refs:
                raise ValueError(
                    f"{rec['id']}: figure {f['label']!r} cites {f['reference']!r}, "
                    "which is not among the record's references"
                )
    return records


def records() -> dict[str, list[dict[str, object]]]:
    return {"adverse_events": _check(AE), "dependence": _check(DEP)}
