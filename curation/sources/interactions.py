"""Source of the interactions dataset (built by curation/build.py).

Clinical text is written by the curators in their own words; figures come from the cited
references. Keep records sorted by id; ids are never reused.
"""

from __future__ import annotations

ALL = ["kratom", "mitragynine", "7-hydroxymitragynine"]
LEAF = ["kratom", "mitragynine"]


def prop(*names: str) -> list[dict[str, str]]:
    return [{"kind": "property", "value": n} for n in names]


def ing(*names: str) -> list[dict[str, str]]:
    return [{"kind": "ingredient", "value": n} for n in names]


# Drugs of these classes that have no US label to take the class from (illicit, withdrawn or
# marketed outside the US); named directly as targets.
UNLABELLED_OPIOIDS = (
    "heroin",
    "o-desmethyltramadol",
    "propoxyphene",
    "diphenoxylate",
    "difenoxin",
    "mitragynine pseudoindoxyl",  # formed from 7-OH in human plasma; a more potent opioid
)
UNLABELLED_BENZODIAZEPINES = (
    "bromazepam",
    "brotizolam",
    "clotiazepam",
    "cloxazolam",
    "etizolam",
    "flunitrazepam",
    "ketazolam",
    "loprazolam",
    "lormetazepam",
    "nitrazepam",
    "phenazepam",
    "prazepam",
    "tetrazepam",
)

R = []

R.append(
    dict(
        id="KS-INT-0001",
        last_reviewed="2026-11-24",
        title="Kratom (leaf, mitragynine) and opioid agonists: additive opioid effects",
        substances=LEAF,
        # Property rule only (opioids without a US label: KS-INT-0038), so that drug-specific
        # records such as methadone (KS-INT-0027) can supersede it.
        targets=prop("opioid_agonist"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Kratom alkaloids act at the mu-opioid receptor. In mice, the respiratory and analgesic "
            "effects of mitragynine are partly due to its conversion by CYP3A to the more efficacious "
            "7-hydroxymitragynine. These opioid effects add to those of a prescribed or illicit "
            "opioid agonist."
        ),
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect=(
            "Additive sedation and respiratory depression. Kratom poisoning with depressed "
            "consciousness that responded to naloxone has been reported, and kratom-positive "
            "overdose deaths commonly involved other opioids."
        ),
        summary="Kratom + opioid: additive sedation and respiratory depression; overdose deaths often involve both",
        severity="major",
        serious=True,
        action="avoid",
        evidence="possible",
        evidence_rationale=(
            "No controlled human study; supported by receptor pharmacology, animal "
            "respiratory data, a case series of kratom poisoning that responded to "
            "naloxone, and post-mortem series in which opioids were often co-detected."
        ),
        onset="rapid",
        management=(
            "Ask about kratom in every patient on opioids. Advise against combining them. If both "
            "continue, use the lowest opioid dose, avoid further CNS depressants, counsel on "
            "overdose signs and co-prescribe or dispense naloxone. Consider whether kratom use "
            "reflects untreated pain or opioid use disorder."
        ),
        counselling=(
            "Kratom acts on the same brain receptors as your opioid medicine. Taken together they "
            "can slow or stop your breathing. Tell your prescriber you use kratom, do not take "
            "extra doses of either, and keep naloxone where others can find it."
        ),
        references=[
            "hill2022bjp",
            "kamble2020acsptsci",
            "kruegel2019acscentsci",
            "toxicon2023tencases",
            "olsen2019mmwr",
            "corkery2019jpsychopharmacol",
        ],
    )
)

R.append(
    dict(
        id="KS-INT-0002",
        last_reviewed="2026-11-24",
        title="Concentrated 7-hydroxymitragynine products and opioid agonists",
        substances=["7-hydroxymitragynine"],
        targets=prop("opioid_agonist"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "7-hydroxymitragynine is a mu-opioid receptor agonist more potent than morphine in "
            "animal assays; in mice its respiratory depression rose with dose without the ceiling "
            "seen for mitragynine. Semi-synthetic products deliver far more 7-OH than leaf."
        ),
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect=(
            "Additive opioid toxicity with a higher overdose potential than leaf kratom: "
            "sedation, respiratory depression, loss of consciousness."
        ),
        summary="7-OH product + opioid: two potent opioids together; high risk of respiratory depression",
        severity="major",
        serious=True,
        action="avoid",
        evidence="theoretical",
        evidence_rationale=(
            "Potency and the absence of a respiratory ceiling come from animal studies; "
            "no human interaction study or published interaction case with 7-OH products "
            "was found."
        ),
        onset="rapid",
        management=(
            "Treat concentrated 7-OH use as opioid use. Advise against any combination with opioid "
            "agonists; assess for opioid use disorder and offer treatment; dispense naloxone and "
            "teach its use to the patient and household."
        ),
        counselling=(
            "7-OH tablets, shots and similar products are strong opioids, not a herbal supplement. "
            "With another opioid they can stop your breathing. Do not combine them, and keep "
            "naloxone at hand."
        ),
        references=[
            "matsumoto2004lifesci",
            "hill2022bjp",
            "smith2024addiction",
            "texas_dshs_7oh_2025",
        ],
    )
)

R.append(
    dict(
        id="KS-INT-0003",
        last_reviewed="2026-11-24",
        title="Kratom and benzodiazepines: additive CNS and respiratory depression",
        substances=ALL,
        targets=prop("benzodiazepine") + ing(*UNLABELLED_BENZODIAZEPINES),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Opioid-receptor agonism by kratom alkaloids combined with GABA-A potentiation by "
            "benzodiazepines, the pairing behind FDA's boxed warning on opioids with "
            "benzodiazepines. Kratom may also raise exposure to benzodiazepines cleared by CYP3A "
            "(see the CYP3A record)."
        ),
        mechanism_targets=["mu-opioid receptor", "GABA-A receptor"],
        clinical_effect="Profound sedation, respiratory depression, coma; benzodiazepines are among the drugs co-detected in kratom-associated deaths.",
        summary="Kratom + benzodiazepine: additive sedation and respiratory depression",
        severity="major",
        serious=True,
        action="adjust",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-specific study or case isolates this pair; the risk is inferred "
            "from kratom's opioid activity and the established opioid-benzodiazepine "
            "interaction, with benzodiazepines co-detected in some kratom-positive deaths."
        ),
        onset="rapid",
        management=(
            "Review whether the benzodiazepine is needed; if both continue, use the lowest dose and "
            "shortest course, avoid alcohol and other depressants, and provide naloxone. Expect a "
            "stronger effect with 7-OH products."
        ),
        counselling=(
            "Kratom and your sedative or anxiety medicine both slow breathing and make you drowsy. "
            "Together the effect is stronger. Do not drive after taking them, avoid alcohol, and "
            "tell your prescriber about your kratom use."
        ),
        references=["fda_dsc_opioid_benzo_2016", "torrico2024fpsyt", "hill2022bjp"],
    )
)

R.append(
    dict(
        id="KS-INT-0004",
        last_reviewed="2026-11-24",
        title="Kratom and other CNS depressants (Z-drugs, barbiturates, muscle relaxants, other sedatives)",
        substances=ALL,
        # Property rule only: alcohol (KS-INT-0033) and zopiclone (KS-INT-0036) have their own
        # records, so that ingredient records such as xylazine (KS-INT-0031) can supersede this one.
        targets=prop("z_drug", "barbiturate", "muscle_relaxant", "cns_depressant"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Additive depression of the central nervous system by drugs with different mechanisms "
            "and kratom's opioid-receptor activity."
        ),
        mechanism_targets=["mu-opioid receptor", "central nervous system"],
        clinical_effect="Increased sedation, impaired psychomotor function and, at high doses or with 7-OH products, respiratory depression.",
        summary="Kratom + CNS depressant: additive sedation; respiratory depression at high doses",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from pharmacology and from the general opioid-depressant "
            "interaction; no kratom-specific study. Other drugs, including depressants, are "
            "frequent co-exposures in kratom deaths, which are observational data."
        ),
        onset="rapid",
        management=(
            "Ask about kratom in patients on sedatives, and about alcohol as well. Counsel on "
            "additive drowsiness; use the lowest effective depressant dose; avoid the combination "
            "in patients with sleep apnoea, lung disease or on opioids."
        ),
        counselling=(
            "Kratom can add to the drowsiness caused by sleep medicines, muscle relaxants and "
            "alcohol. Avoid driving or operating machinery, and do not mix them with alcohol."
        ),
        references=["fda_dsc_opioid_benzo_2016", "corkery2019jpsychopharmacol"],
    )
)

R.append(
    dict(
        id="KS-INT-0005",
        last_reviewed="2026-11-24",
        title="Kratom and gabapentinoids: respiratory depression",
        substances=ALL,
        targets=prop("gabapentinoid"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Gabapentin and pregabalin add to the respiratory depression of opioids and other CNS "
            "depressants (FDA 2019 safety communication); kratom contributes opioid-receptor activity."
        ),
        mechanism_targets=["alpha-2-delta calcium channel subunit", "mu-opioid receptor"],
        clinical_effect="Increased sedation and risk of respiratory depression, especially in older adults and in lung disease.",
        summary="Kratom + gabapentinoid: additive sedation and possible respiratory depression",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-specific data; inferred from the FDA-described interaction of "
            "gabapentinoids with opioids and other CNS depressants."
        ),
        onset="rapid",
        management=(
            "Start gabapentinoids at low doses in kratom users, titrate slowly, and watch for "
            "sedation and shallow breathing, particularly with opioids, in older adults or in COPD."
        ),
        counselling=(
            "Gabapentin or pregabalin with kratom can make you very sleepy and slow your "
            "breathing. Get help at once if you are hard to wake or breathe slowly."
        ),
        references=["fda_dsc_gabapentinoids_2019"],
    )
)

R.append(
    dict(
        id="KS-INT-0006",
        last_reviewed="2026-11-24",
        title="Kratom and sedating antihistamines",
        substances=ALL,
        targets=prop("sedating_antihistamine"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism="Additive CNS depression from H1 antagonists that cross into the brain, on top of kratom's opioid activity.",
        mechanism_targets=["histamine H1 receptor", "mu-opioid receptor"],
        clinical_effect="Increased drowsiness and impaired alertness; in one Malaysian case series of kratom-associated seizures, several patients had mixed kratom with diphenhydramine syrup.",
        summary="Kratom + sedating antihistamine: additive drowsiness",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from pharmacology; co-use is documented in kratom case series but "
            "no study isolates an interaction."
        ),
        onset="rapid",
        management="Prefer a non-sedating antihistamine in kratom users; counsel on drowsiness.",
        counselling=(
            "Antihistamines that cause drowsiness, such as those in sleep aids and cough syrups, "
            "add to kratom's sedating effect. Choose a non-drowsy product if you can."
        ),
        references=["seizures2021epilepsybehav"],
    )
)

R.append(
    dict(
        id="KS-INT-0007",
        last_reviewed="2026-11-24",
        title="Kratom and diphenhydramine: additive sedation; co-use in kratom seizure cases",
        substances=ALL,
        targets=ing("diphenhydramine"),
        supersedes=["KS-INT-0006"],
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Diphenhydramine is a sedating antihistamine, and kratom has been associated with "
            "seizures. In a Malaysian case series of seizures in regular kratom-beverage drinkers, 4 "
            "of 11 patients had mixed kratom with diphenhydramine syrup. Separately, therapeutic "
            "concentrations of diphenhydramine were found with mitragynine in a fatal case in which "
            "no seizure was described."
        ),
        mechanism_targets=["histamine H1 receptor", "mu-opioid receptor"],
        clinical_effect="Sedation; seizures have been reported in people who mixed kratom beverages with diphenhydramine syrup.",
        summary="Kratom + diphenhydramine: additive sedation; co-use seen in kratom-associated seizures",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="possible",
        evidence_rationale=(
            "Human data are a case series of 11 seizure patients, 4 of whom had mixed "
            "kratom with diphenhydramine syrup, and one death with both detected (no seizure "
            "reported); causality for the pair is not established."
        ),
        onset="rapid",
        management="Advise against using diphenhydramine products with kratom; suggest a non-sedating alternative; ask about seizures.",
        counselling=(
            "Do not mix kratom with diphenhydramine (found in some sleep aids, allergy and cough "
            "products). Together they cause drowsiness and have been linked to seizures."
        ),
        references=["seizures2021epilepsybehav", "jat2015fatality"],
    )
)

R.append(
    dict(
        id="KS-INT-0008",
        last_reviewed="2026-11-24",
        title="Kratom and sensitive CYP3A substrates: increased substrate exposure",
        substances=LEAF,
        targets=prop("cyp3a_sensitive_substrate", "cyp3a_moderate_sensitive_substrate"),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "Mitragynine is a time-dependent inhibitor of CYP3A in vitro (KI about 4 uM). In a "
            "controlled study in 12 adults, a single 2 g dose of kratom tea raised the AUC of the "
            "CYP3A probe midazolam by 39% (geometric mean ratio 1.39, 90% CI 1.23-1.57) and its Cmax "
            "by 50% (1.50, 1.32-1.70) without changing its half-life: a less than twofold increase, "
            "consistent with inhibition of intestinal CYP3A."
        ),
        mechanism_targets=["CYP3A (intestinal, time-dependent inhibition)"],
        clinical_effect="Modestly higher exposure to oral drugs cleared by CYP3A (a less than twofold rise for the index substrate); larger or repeated kratom doses have not been studied and could give larger increases.",
        summary="Kratom may modestly raise levels of CYP3A-metabolised drugs (midazolam AUC +39% in a clinical study)",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="probable",
        evidence_rationale=(
            "A controlled human study showed the effect with the index CYP3A substrate "
            "midazolam; its extension to other sensitive substrates is an extrapolation "
            "from that probe, not a study of each drug."
        ),
        onset="rapid",
        management=(
            "No routine change. Be alert to a stronger effect of the CYP3A substrate when kratom is "
            "started or increased, and a weaker one when it is stopped. Heavy daily kratom use may "
            "inhibit more than the single low dose studied. Narrow-therapeutic-index CYP3A "
            "substrates are covered by KS-INT-0034."
        ),
        counselling=(
            "Kratom can slow the breakdown of some medicines in the gut, so more of the medicine "
            "reaches your blood. Tell your pharmacist if you start, stop or change your kratom use."
        ),
        references=["tanna2023cpt", "tanna2023dmd"],
    )
)

R.append(
    dict(
        id="KS-INT-0009",
        last_reviewed="2026-11-24",
        title="Kratom and midazolam: increased midazolam exposure",
        substances=LEAF,
        targets=ing("midazolam"),
        supersedes=["KS-INT-0008"],
        risk_group="cns_respiratory_depression",
        mechanism_type="mixed",
        mechanism=(
            "A single 2 g dose of kratom tea increased oral midazolam AUC (geometric mean ratio "
            "1.39, 90% CI 1.23-1.57) and Cmax (1.50, 1.32-1.70) in 12 healthy adults, with an "
            "unchanged half-life: inhibition of intestinal CYP3A, attributed to mitragynine. Kratom "
            "also adds opioid-receptor CNS depression."
        ),
        mechanism_targets=["CYP3A (intestinal)", "mu-opioid receptor", "GABA-A receptor"],
        clinical_effect="Greater and longer sedation from oral midazolam; additive CNS and respiratory depression.",
        summary="Kratom raised oral midazolam AUC 1.39-fold in a clinical study; expect stronger sedation",
        severity="moderate",
        serious=True,
        action="adjust",
        evidence="established",
        evidence_rationale=(
            "Shown in a controlled clinical pharmacokinetic interaction study (single "
            "low kratom dose, oral midazolam probe); larger or repeated doses untested."
        ),
        onset="rapid",
        management=(
            "Ask about kratom before procedural or oral midazolam. Use the lower end of the dose "
            "range, titrate to effect and monitor sedation and oxygen saturation; intravenous "
            "midazolam bypasses the intestinal effect but not the additive CNS depression."
        ),
        counselling=(
            "Kratom can make midazolam stronger. Tell the care team you use kratom before any "
            "procedure that needs sedation."
        ),
        references=["tanna2023cpt"],
    )
)

R.append(
    dict(
        id="KS-INT-0010",
        last_reviewed="2026-11-24",
        title="Kratom and CYP2D6 substrates and prodrugs: potent in vitro, no effect in the clinical study",
        substances=LEAF,
        targets=prop(
            "cyp2d6_sensitive_substrate", "cyp2d6_moderate_sensitive_substrate", "cyp2d6_prodrug"
        ),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "Mitragynine is a potent CYP2D6 inhibitor in vitro (IC50 about 0.7 uM), but a single "
            "2 g dose of kratom tea did not change dextromethorphan exposure (AUC ratio 0.99) in a "
            "controlled study."
        ),
        mechanism_targets=["CYP2D6 (competitive inhibition in vitro)"],
        clinical_effect="No change in CYP2D6 substrate exposure at the dose studied; an effect of heavy or repeated use is not excluded.",
        summary="Kratom: CYP2D6 inhibition seen in vitro but not in a clinical study; no action at usual doses",
        severity="minor",
        serious=False,
        action="no_action",
        evidence="unlikely",
        evidence_rationale=(
            "Studied in humans with the CYP2D6 probe dextromethorphan and not observed; "
            "the in vitro potency leaves uncertainty for high daily doses."
        ),
        onset="unspecified",
        management=(
            "No change needed on current evidence. If a patient using large daily amounts of kratom "
            "has unexpected toxicity from a CYP2D6 substrate, or poor effect from a prodrug such as "
            "codeine or tramadol, consider the interaction."
        ),
        counselling="No change is needed, but tell your pharmacist if your medicine seems stronger or weaker than usual.",
        references=["tanna2023cpt", "tanna2023dmd"],
    )
)

R.append(
    dict(
        id="KS-INT-0011",
        last_reviewed="2026-11-24",
        title="Kratom and dextromethorphan: no pharmacokinetic interaction at a low kratom dose",
        substances=LEAF,
        targets=ing("dextromethorphan"),
        supersedes=["KS-INT-0010"],
        mechanism_type="pharmacokinetic",
        mechanism=(
            "In the clinical cocktail study, a single 2 g dose of kratom tea left dextromethorphan "
            "AUC (ratio 0.99, 90% CI 0.83-1.19) and Cmax (0.96, 0.78-1.19) unchanged, although "
            "mitragynine inhibits CYP2D6 in vitro."
        ),
        mechanism_targets=["CYP2D6"],
        clinical_effect="No change in dextromethorphan exposure at the dose studied.",
        summary="Kratom did not change dextromethorphan exposure in a clinical study (AUC ratio 0.99)",
        severity="minor",
        serious=False,
        action="no_action",
        evidence="unlikely",
        evidence_rationale="A controlled human pharmacokinetic study found no effect; repeated or larger kratom doses were not studied.",
        onset="unspecified",
        management="No dose change is indicated on current evidence; heavy daily kratom use was not studied.",
        counselling="Kratom did not change how the body handles dextromethorphan in a study. Use cough medicines as directed.",
        references=["tanna2023cpt"],
    )
)

R.append(
    dict(
        id="KS-INT-0012",
        last_reviewed="2026-11-24",
        title="Kratom and P-glycoprotein substrates",
        substances=LEAF,
        targets=prop("pgp_substrate"),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "Mitragynine inhibits P-glycoprotein in vitro (IC50 about 18 uM) and in a human brain "
            "endothelial cell model; predicted intestinal concentrations exceed the threshold for a "
            "possible interaction."
        ),
        mechanism_targets=["P-glycoprotein (ABCB1)"],
        clinical_effect="Possible small increase in absorption of P-gp substrates; not shown in humans.",
        summary="Kratom may raise levels of P-gp substrates (in vitro data only)",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="In vitro and cell-model data with a static-model prediction; no human study.",
        onset="unspecified",
        management="No routine change for most P-gp substrates. Narrow-margin P-gp substrates (digoxin, dabigatran) are covered by KS-INT-0039.",
        counselling="Kratom might slightly increase the amount of some medicines absorbed from the gut. Tell your pharmacist that you use it.",
        references=["tanna2023dmd", "abduraman2024jpp"],
    )
)

R.append(
    dict(
        id="KS-INT-0013",
        last_reviewed="2026-11-24",
        title="Kratom and UGT2B7 substrates",
        substances=LEAF,
        targets=prop("ugt2b7_substrate"),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "Mitragynine inhibited UGT2B7 glucuronidation of zidovudine in human liver microsomes "
            "(IC50 about 8 uM; much weaker in rat microsomes)."
        ),
        mechanism_targets=["UGT2B7"],
        clinical_effect="Possible reduced glucuronidation and higher exposure of UGT2B7 substrates; not shown in humans.",
        summary="Kratom may slow UGT2B7 glucuronidation (in vitro only)",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="Human liver microsome data only; no clinical study.",
        onset="unspecified",
        management="Be alert to increased effect of UGT2B7 substrates in heavy kratom users; no routine change.",
        counselling="Kratom might change how some medicines are cleared. Report unusual side effects.",
        references=["abdullah2018molecules"],
    )
)

R.append(
    dict(
        id="KS-INT-0014",
        last_reviewed="2026-11-24",
        title="CYP3A inhibitors and kratom: possible change in kratom effects (mouse data only)",
        substances=ALL,
        targets=prop("cyp3a_strong_inhibitor", "cyp3a_moderate_inhibitor"),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "CYP3A converts mitragynine to 7-hydroxymitragynine and to mitragynine pseudoindoxyl "
            "(mouse data). In mice, the CYP3A inhibitor ketoconazole reduced mitragynine's "
            "respiratory-depressant and analgesic effects without changing those of 7-OH itself. "
            "How CYP3A inhibitors change mitragynine and 7-OH exposure in humans has not been "
            "studied."
        ),
        mechanism_targets=["CYP3A"],
        clinical_effect="Unpredictable change in kratom's opioid effects; the mouse data point to a weaker effect of leaf mitragynine, and the effect on concentrated 7-OH products is unknown.",
        summary="CYP3A inhibitor + kratom: kratom effects may change (mouse data only)",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="Mouse pharmacology only (CYP3A inhibition reduced mitragynine's effects); no human study. A rat pharmacokinetic study pointing the other way was dropped because its identifiers could not be verified.",
        onset="delayed",
        management="Counsel kratom users starting a strong or moderate CYP3A inhibitor that kratom effects may change; watch for sedation, particularly with 7-OH products.",
        counselling="This medicine can change how your body handles kratom, so kratom may feel stronger or weaker. Avoid increasing your kratom use and report drowsiness.",
        references=["hill2022bjp", "chakraborty2021jmedchem"],
    )
)

R.append(
    dict(
        id="KS-INT-0015",
        last_reviewed="2026-11-24",
        title="Opioid antagonists in kratom users: precipitated withdrawal",
        substances=ALL,
        targets=prop("opioid_antagonist"),
        mechanism_type="pharmacodynamic",
        mechanism="Displacement of kratom alkaloids from the mu-opioid receptor in a person physically dependent on kratom.",
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect="Acute opioid withdrawal: agitation, vomiting, diarrhoea, tachycardia, pain.",
        summary="Opioid antagonist in a kratom user: may precipitate opioid withdrawal",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="possible",
        evidence_rationale="Case reports describe precipitated withdrawal with naltrexone; for other antagonists the risk is inferred.",
        onset="rapid",
        management=(
            "In a suspected overdose, give an opioid reversal agent (naloxone or nalmefene) without "
            "delay: possible withdrawal never justifies withholding it. Before a planned start of an "
            "opioid antagonist (for example for constipation or alcohol use disorder), ask about "
            "daily kratom use, expect withdrawal in dependent users and plan its management."
        ),
        counselling="If someone may have overdosed, use the overdose-reversal spray or injection and call for help. If you use kratom every day, a medicine that blocks opioid receptors can bring on sudden withdrawal, so tell your prescriber about your kratom use before starting one.",
        references=["jarka2023mhc", "mhc2021naltrexone", "toxicon2023tencases"],
    )
)

R.append(
    dict(
        id="KS-INT-0016",
        last_reviewed="2026-11-24",
        title="Naltrexone in kratom users: precipitated withdrawal",
        substances=ALL,
        targets=ing("naltrexone"),
        supersedes=["KS-INT-0015"],
        mechanism_type="pharmacodynamic",
        mechanism="Naltrexone blocks mu-opioid receptors and displaces kratom alkaloids in a physically dependent patient.",
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect="Precipitated opioid withdrawal within hours of the first dose, including after injectable naltrexone.",
        summary="Naltrexone can precipitate withdrawal in daily kratom users; confirm abstinence first",
        severity="major",
        serious=True,
        action="adjust",
        evidence="possible",
        evidence_rationale="Published case reports (oral and injectable naltrexone); no controlled data.",
        onset="rapid",
        management=(
            "Screen for kratom use (it is missed by standard urine drug screens) before naltrexone. "
            "In daily users, plan an abstinence period as for short-acting opioids or a naloxone "
            "challenge before starting, and be ready to treat withdrawal."
        ),
        counselling=(
            "Tell your prescriber if you use kratom. Starting naltrexone while kratom is still in "
            "your system can cause sudden, severe withdrawal."
        ),
        references=["jarka2023mhc", "mhc2021naltrexone"],
    )
)

R.append(
    dict(
        id="KS-INT-0017",
        last_reviewed="2026-11-24",
        title="Naloxone for kratom or 7-OH overdose: give it; expect possible withdrawal",
        substances=ALL,
        targets=ing("naloxone"),
        supersedes=["KS-INT-0015"],
        mechanism_type="pharmacodynamic",
        mechanism="Naloxone reverses opioid-receptor effects of kratom alkaloids, as for other opioids.",
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect="Reversal of kratom-associated depressed consciousness has been reported, though not every patient responded; in dependent users naloxone may precipitate withdrawal and agitation.",
        summary="Naloxone: give for suspected kratom/7-OH overdose; watch for precipitated withdrawal",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="possible",
        evidence_rationale=(
            "A case series of kratom poisoning in which two patients responded promptly to "
            "naloxone and one did not; no controlled data."
        ),
        onset="rapid",
        management=(
            "Never withhold naloxone in a suspected overdose. Titrate to breathing in dependent "
            "users, observe for recurrent sedation and for withdrawal, and co-dispense naloxone to "
            "people who use kratom with opioids or use 7-OH products. If breathing does not respond, "
            "support ventilation and consider non-opioid sedatives such as xylazine, found in the "
            "illicit fentanyl supply and not reversed by naloxone."
        ),
        counselling="Naloxone can reverse a kratom or opioid overdose. Keep it at home and teach others how to use it.",
        references=["toxicon2023tencases", "chhabra2022mmwr"],
    )
)

R.append(
    dict(
        id="KS-INT-0018",
        last_reviewed="2026-11-24",
        title="Buprenorphine and kratom: treatment of kratom use disorder; additive effects",
        substances=ALL,
        targets=ing("buprenorphine"),
        supersedes=["KS-INT-0025"],
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Buprenorphine is a high-affinity partial mu-opioid agonist. It has been used to treat "
            "kratom use disorder and withdrawal; it can precipitate withdrawal if started while "
            "kratom's effects are strong, and adds to CNS depression when co-used."
        ),
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect="Relief of kratom withdrawal in treatment; additive sedation when combined without supervision.",
        summary="Buprenorphine: used to treat kratom use disorder; induct carefully, monitor sedation",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="possible",
        evidence_rationale="Case reports and small case series of successful buprenorphine-naloxone treatment; no trials.",
        onset="rapid",
        management=(
            "Do not stop, reduce or withhold buprenorphine because of kratom use: FDA advises that "
            "buprenorphine and methadone not be withheld from patients using other CNS depressants, "
            "and the same reasoning applies. For kratom use disorder, induction approaches used for "
            "other opioids have been reported to work; monitor for sedation and ongoing kratom use, "
            "and dispense naloxone."
        ),
        counselling="Buprenorphine can treat kratom dependence. Tell your prescriber how much kratom you use so the starting dose can take it into account.",
        references=["kiyokawa2023fampract", "arhin2023cureus", "fda_dsc_mat_benzo_2017"],
    )
)

R.append(
    dict(
        id="KS-INT-0019",
        last_reviewed="2026-11-24",
        title="Kratom and quetiapine: fatal case with toxic quetiapine concentration",
        substances=LEAF,
        targets=ing("quetiapine"),
        supersedes=["KS-INT-0008"],
        risk_group="cns_respiratory_depression",
        mechanism_type="mixed",
        mechanism=(
            "Quetiapine is cleared mainly by CYP3A, which mitragynine inhibits; both drugs are "
            "sedating. A fatal case with a toxic quetiapine concentration and mitragynine raised the "
            "question of a pharmacokinetic interaction."
        ),
        mechanism_targets=["CYP3A", "central nervous system", "hERG (IKr) potassium channel"],
        clinical_effect="Possible raised quetiapine exposure and additive sedation; a death has been reported. Kratom itself has been linked to dose-related QTc prolongation in a small case series of regular users.",
        summary="Kratom + quetiapine: raised quetiapine levels possible; one fatal case reported",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="possible",
        evidence_rationale="A single fatal case report plus CYP3A mechanism data; causality not established.",
        onset="delayed",
        management="Monitor for excess sedation and hypotension; use the lowest effective quetiapine dose and advise against kratom. Consider an ECG in heavy kratom users or when other QT risk factors are present.",
        counselling="Kratom may increase the amount of quetiapine in your body. Tell your prescriber you use kratom and report heavy drowsiness or fainting.",
        references=["hughes2019fsmp", "tanna2023cpt", "leongbinabdullah2021fphar_case"],
    )
)

R.append(
    dict(
        id="KS-INT-0020",
        last_reviewed="2026-11-24",
        title="Kratom and stimulants: seizures and hypertensive complications",
        substances=ALL,
        targets=prop("stimulant") + ing("cocaine", "modafinil", "armodafinil"),
        mechanism_type="pharmacodynamic",
        mechanism="Kratom has stimulant effects at low doses and has been associated with seizures and tachycardia; stimulants add sympathomimetic and pro-convulsant effects.",
        mechanism_targets=["adrenergic signalling", "seizure threshold"],
        clinical_effect="Possible additive tachycardia, hypertension and seizure risk.",
        summary="Kratom + stimulant: possible additive tachycardia, hypertension and seizure risk",
        severity="major",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from kratom's own stimulant-like effects (tachycardia and agitation are "
            "common in poison-centre reports, seizures less so); co-use with "
            "methamphetamine appears in a seizure case series; no interaction study."
        ),
        onset="rapid",
        management="Check blood pressure and heart rate; ask about seizures and headaches; advise against combining high doses.",
        counselling="Kratom with stimulant medicines may raise heart rate and blood pressure further and may add to seizure risk. Seek help for chest pain, severe headache, confusion or a seizure.",
        references=["eggleston2019pharmacotherapy", "seizures2021epilepsybehav"],
    )
)

R.append(
    dict(
        id="KS-INT-0022",
        last_reviewed="2026-11-24",
        title="Kratom and QT-prolonging drugs",
        substances=ALL,
        targets=prop("qt_prolonging"),
        risk_group="qt_prolongation",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Mitragynine blocks hERG potassium channels in vitro (IC50 about 1.2-1.6 uM). Regular "
            "users had more borderline QTc and sinus tachycardia than controls but no excess of "
            "prolonged QTc; in a small case series QTc rose with serum mitragynine."
        ),
        mechanism_targets=["hERG (IKr) potassium channel"],
        clinical_effect="Possible additive QT prolongation and arrhythmia risk, most relevant with high kratom intake and other risk factors.",
        summary="Kratom + QT-prolonging drug: possible additive QT prolongation",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="In vitro channel data and observational ECG findings in users; no interaction case or study.",
        onset="delayed",
        management="Consider a baseline ECG and electrolytes when a QT-prolonging drug is used by a heavy kratom user or with other risk factors.",
        counselling="Kratom may affect heart rhythm. Tell your prescriber you use it; report palpitations or fainting.",
        references=["tay2016taap", "leongabdullah2021clintox", "leongbinabdullah2021fphar_case"],
    )
)

R.append(
    dict(
        id="KS-INT-0023",
        last_reviewed="2026-11-24",
        title="Kratom and drugs that lower the seizure threshold",
        substances=ALL,
        targets=prop("seizure_threshold_lowering"),
        risk_group="seizure_threshold",
        mechanism_type="pharmacodynamic",
        mechanism="Kratom use has been associated with seizures; drugs labelled as lowering the seizure threshold may add to this. Seizure risk from one drug is known to rise when other threshold-lowering drugs are given with it (described for tramadol with antidepressants).",
        mechanism_targets=["seizure threshold"],
        clinical_effect="Possible increased seizure risk.",
        summary="Kratom + seizure-threshold-lowering drug: possible added seizure risk",
        severity="major",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="Seizures are reported with kratom in poison-centre data and case reports; the combination has not been studied.",
        onset="unspecified",
        management="Ask about seizure history; avoid high doses of the seizure-threshold-lowering drug in heavy kratom users.",
        counselling="Both kratom and this medicine have been linked to seizures. Tell your prescriber about any seizure or fainting.",
        references=["eggleston2019pharmacotherapy", "tatum2018", "sansone2009psychiatry"],
    )
)

R.append(
    dict(
        id="KS-INT-0024",
        last_reviewed="2026-11-24",
        title="Kratom and hepatotoxic drugs",
        substances=ALL,
        targets=prop("hepatotoxic"),
        risk_group="hepatotoxicity",
        mechanism_type="pharmacodynamic",
        mechanism="Kratom is a rare cause of acute, mostly cholestatic or mixed liver injury, typically 1-8 weeks after starting; other hepatotoxic drugs may add to liver risk.",
        mechanism_targets=["liver"],
        clinical_effect="Possible additive risk of drug-induced liver injury.",
        summary="Kratom + hepatotoxic drug: kratom itself can cause liver injury",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale="Kratom liver injury is documented in case series; no data on combinations.",
        onset="delayed",
        management="Ask about jaundice, itching or dark urine; check liver tests if symptoms appear; include kratom in the causality assessment of any liver injury.",
        counselling="Kratom can rarely damage the liver. Seek care if your skin or eyes turn yellow, your urine darkens or you itch.",
        references=["livertox_kratom", "schimmel2020drugs", "ahmad2021dad"],
    )
)

R.append(
    dict(
        id="KS-INT-0025",
        last_reviewed="2026-11-24",
        title="Kratom and mixed opioid agonist-antagonists",
        substances=ALL,
        targets=prop("opioid_partial_agonist"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Butorphanol, nalbuphine and pentazocine are partial or mixed agonist-antagonists at "
            "opioid receptors; kratom alkaloids act at the mu-opioid receptor, in part through "
            "7-hydroxymitragynine formed from mitragynine. The combination can add to sedation, and "
            "in a person dependent on kratom the antagonist component may bring on withdrawal."
        ),
        mechanism_targets=["mu-opioid receptor", "kappa-opioid receptor"],
        clinical_effect="Additive sedation, or precipitated withdrawal in daily kratom users.",
        summary="Kratom + mixed opioid agonist-antagonist: sedation, or withdrawal in dependent users",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from receptor pharmacology of kratom alkaloids and of the mixed "
            "agonist-antagonists; no kratom-specific case or study."
        ),
        onset="rapid",
        management=(
            "Ask about daily kratom use before giving a mixed agonist-antagonist; watch for "
            "withdrawal in dependent users and for sedation in others."
        ),
        counselling=(
            "If you use kratom every day, some pain medicines can cause sudden withdrawal, and "
            "others add to drowsiness. Tell the person treating you about your kratom use."
        ),
        references=["kruegel2019acscentsci", "obeng2021jpet", "hill2022bjp"],
    )
)

R.append(
    dict(
        id="KS-INT-0026",
        last_reviewed="2026-11-24",
        title="CYP3A inducers and kratom: altered mitragynine and 7-OH exposure",
        substances=ALL,
        targets=prop("cyp3a_strong_inducer", "cyp3a_moderate_inducer"),
        mechanism_type="pharmacokinetic",
        mechanism=(
            "CYP3A converts mitragynine to 7-hydroxymitragynine and mitragynine pseudoindoxyl "
            "(shown in mice). A CYP3A inducer could therefore change how much mitragynine and 7-OH "
            "are present; no study has measured this."
        ),
        mechanism_targets=["CYP3A (induction)"],
        clinical_effect=(
            "Unpredictable change in kratom effect; reduced effect may lead users to take more, "
            "or to withdrawal symptoms in dependent users."
        ),
        summary="CYP3A inducer + kratom: alkaloid levels may change (no human or animal inducer study)",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Extrapolated from the role of CYP3A in mitragynine metabolism in mice; the "
            "effect of an inducer has not been studied."
        ),
        onset="delayed",
        management=(
            "Counsel daily kratom users starting or stopping a CYP3A inducer that kratom effects "
            "may change; ask about withdrawal symptoms and escalating use."
        ),
        counselling=(
            "This medicine can change how your body handles kratom. Do not increase your kratom "
            "use to make up for a weaker effect; tell your pharmacist about any withdrawal symptoms."
        ),
        references=["chakraborty2021jmedchem"],
    )
)


R.append(
    dict(
        id="KS-INT-0027",
        last_reviewed="2026-11-29",
        title="Methadone and kratom: opioid treatment and pain patients; additive effects, QT, CYP interactions",
        substances=ALL,
        targets=ing("methadone"),
        supersedes=["KS-INT-0001", "KS-INT-0002", "KS-INT-0022"],
        risk_group="cns_respiratory_depression",
        mechanism_type="mixed",
        mechanism=(
            "Methadone is a full mu-opioid agonist whose label carries boxed warnings for "
            "life-threatening respiratory depression and QT prolongation, for interactions with drugs "
            "affecting cytochrome P450 enzymes, and for use with benzodiazepines or other CNS "
            "depressants. Kratom alkaloids add mu-opioid activity; mitragynine blocks hERG channels "
            "in vitro and QTc rose with serum mitragynine in a small case series; kratom inhibited "
            "intestinal CYP3A in a clinical study. Whether kratom changes methadone levels has not "
            "been studied."
        ),
        mechanism_targets=["mu-opioid receptor", "hERG (IKr) potassium channel", "CYP3A"],
        clinical_effect=(
            "Additive sedation and respiratory depression, above all at methadone initiation, after "
            "dose increases or with other depressants; possible additive QT prolongation. In a "
            "patient in treatment, kratom use may signal cravings, withdrawal or an inadequate dose."
        ),
        summary="Methadone + kratom: never cut methadone for kratom use; address the kratom use, check QT, give naloxone",
        severity="major",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "No study or published case of kratom with methadone was found. The risk is inferred "
            "from the methadone label's boxed warnings, kratom's opioid pharmacology, in vitro hERG "
            "block with an observational QTc signal, and a single-dose clinical CYP3A study."
        ),
        onset="rapid",
        management=(
            "Do not reduce, interrupt or withhold methadone, or discharge a patient from treatment, "
            "because of kratom use: FDA advises that methadone and buprenorphine not be withheld "
            "from patients using other CNS depressants, and the same reasoning applies. Address the "
            "kratom use as part of treatment: ask about amount, 7-OH products and withdrawal, and "
            "review whether the methadone dose controls cravings and withdrawal. Check an ECG when "
            "kratom use is heavy or other QT risk factors are present, avoid adding other sedatives, "
            "and dispense naloxone. When methadone is prescribed for pain, counsel against combining "
            "and review the pain plan."
        ),
        counselling=(
            "Keep taking your methadone as prescribed. Tell your clinic or prescriber that you use "
            "kratom: it is a reason to adjust your support, not to stop your methadone. Kratom and "
            "methadone together can slow your breathing and may affect your heart rhythm, so keep "
            "naloxone at home and report fainting or a racing or irregular heartbeat."
        ),
        references=[
            "label-methadone",
            "fda_dsc_mat_benzo_2017",
            "hill2022bjp",
            "tay2016taap",
            "leongbinabdullah2021fphar_case",
            "tanna2023cpt",
        ],
    )
)

R.append(
    dict(
        id="KS-INT-0028",
        last_reviewed="2026-11-29",
        title="Kratom and tianeptine: two opioid-receptor agonists",
        substances=ALL,
        targets=ing("tianeptine"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Tianeptine is an antidepressant that is not approved in the US and is sold in "
            "unregulated products; it is an opioid-receptor agonist, and US poison-centre reports "
            "describe toxicity and withdrawal that mimic opioid toxicity and withdrawal. Kratom "
            "alkaloids act at the same mu-opioid receptor, so the pair is an opioid-opioid combination."
        ),
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect="Additive sedation and respiratory depression; combined dependence, with withdrawal from either.",
        summary="Kratom + tianeptine: treat as two opioids together; risk of overdose and of withdrawal",
        severity="major",
        serious=True,
        action="avoid",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-tianeptine study or case was found; tianeptine's opioid-like toxicity comes "
            "from US poison-centre data and kratom's opioid activity from pharmacology studies."
        ),
        onset="rapid",
        management=(
            "Treat tianeptine as an opioid. Advise against combining it with kratom or other "
            "depressants, ask about escalating use and withdrawal, offer assessment and treatment for "
            "opioid use disorder, and dispense naloxone."
        ),
        counselling=(
            "Tianeptine, sometimes sold as a supplement, acts like an opioid. Taken with kratom it can "
            "slow or stop your breathing. Do not combine them, keep naloxone at hand, and ask for help "
            "if you find it hard to stop either one."
        ),
        references=["elzahran2018mmwr", "hill2022bjp", "kruegel2019acscentsci"],
    )
)

R.append(
    dict(
        id="KS-INT-0029",
        last_reviewed="2026-11-29",
        title="Kratom and phenibut: additive CNS and respiratory depression",
        substances=ALL,
        targets=ing("phenibut"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Phenibut is an unregulated GABA analogue sold online for anxiety, relaxation and sleep. "
            "It is a CNS depressant: poison-centre series describe sedation, reduced consciousness and "
            "respiratory depression, with intubation in about one in five exposures in one regional "
            "series. Its effect adds to kratom's opioid-receptor depression."
        ),
        mechanism_targets=["central nervous system", "mu-opioid receptor"],
        clinical_effect="Profound sedation, coma and respiratory depression; withdrawal from phenibut can cause agitation and psychosis.",
        summary="Kratom + phenibut: additive sedation; phenibut alone has caused coma needing intubation",
        severity="major",
        serious=True,
        action="avoid",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-phenibut study or case was found; phenibut toxicity comes from US national "
            "and regional poison-centre data (11 of 56 exposures intubated in one series) and "
            "kratom's opioid activity from pharmacology studies."
        ),
        onset="rapid",
        management=(
            "Ask kratom users about phenibut and other sedatives sold as supplements. Advise against "
            "combining them. Warn that stopping regular phenibut abruptly can cause withdrawal with "
            "agitation and psychosis, so stopping should be supervised. Dispense naloxone for the "
            "opioid component and seek emergency care for reduced consciousness."
        ),
        counselling=(
            "Phenibut is a strong sedative. With kratom it can make you very drowsy or unconscious "
            "and slow your breathing. Do not combine them, and if you take phenibut regularly, do not "
            "stop suddenly on your own - ask for medical help to stop."
        ),
        references=["graves2020mmwr", "mccabe2019ajem", "hill2022bjp"],
    )
)

R.append(
    dict(
        id="KS-INT-0030",
        last_reviewed="2026-11-29",
        title="Kratom and kava: additive sedation; both linked to liver injury",
        substances=ALL,
        targets=ing("kava"),
        supersedes=["KS-INT-0024"],
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Kava's kavalactones have alcohol-like sedative effects, and kava products have caused "
            "clinically apparent acute liver injury that can be severe or fatal. Kratom is itself a "
            "rare cause of acute, mostly cholestatic liver injury and adds opioid-receptor sedation. "
            "In a DILIN case summarised by LiverTox, kratom liver injury occurred in a man who had also "
            "taken kava (with Ma Huang, country mallow and heavy alcohol use)."
        ),
        mechanism_targets=["central nervous system", "liver"],
        clinical_effect="Additive drowsiness; possibly a higher chance of drug-induced liver injury, with jaundice and prolonged cholestasis.",
        summary="Kratom + kava: additive sedation; both can injure the liver (one case with both reported)",
        severity="moderate",
        serious=True,
        action="avoid",
        evidence="possible",
        evidence_rationale=(
            "One verified case of liver injury in a patient using both (LiverTox attributes it to "
            "kratom; the co-exposures prevent separating the two); the sedative overlap is inferred "
            "from pharmacology."
        ),
        onset="delayed",
        management=(
            "Advise against combining kava with kratom. Ask about other supplements and alcohol; "
            "check liver tests if fatigue, jaundice, dark urine or itching appear, and stop both "
            "products if liver injury is suspected."
        ),
        counselling=(
            "Kava and kratom can both make you drowsy, and both have rarely damaged the liver. Avoid "
            "using them together, avoid alcohol, and get checked if your skin or eyes turn yellow or "
            "your urine darkens."
        ),
        references=["livertox-kava", "livertox_kratom", "schimmel2020drugs"],
    )
)

R.append(
    dict(
        id="KS-INT-0031",
        last_reviewed="2026-11-29",
        title="Kratom and xylazine ('tranq') from the illicit opioid supply",
        substances=ALL,
        targets=ing("xylazine"),
        supersedes=["KS-INT-0004"],
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Xylazine is an alpha-2 adrenergic agonist veterinary sedative found mainly in illicit "
            "fentanyl. In people it causes sedation, respiratory depression, bradycardia and "
            "hypotension, and usual naloxone doses are not expected to reverse it. Its effects add "
            "to kratom's opioid-receptor depression and to those of the opioids it usually accompanies."
        ),
        mechanism_targets=["alpha-2 adrenergic receptor", "mu-opioid receptor"],
        clinical_effect="Deep, prolonged sedation, respiratory depression, bradycardia and hypotension; an overdose that responds only partly to naloxone.",
        summary="Kratom + xylazine: additive sedation; xylazine itself is not reversed by naloxone",
        severity="major",
        serious=True,
        action="avoid",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-xylazine data; inferred from xylazine toxicity described in a "
            "medical-examiner series (fentanyl present in 99% of xylazine-associated deaths) and "
            "from kratom's opioid activity."
        ),
        onset="rapid",
        management=(
            "Ask kratom users about illicit opioid use and possible xylazine exposure. Advise against "
            "combining. In an overdose, give naloxone for the opioid component and support breathing "
            "and circulation if the response is incomplete; offer treatment for opioid use disorder."
        ),
        counselling=(
            "Xylazine ('tranq') is an animal sedative often mixed into street fentanyl. With kratom "
            "it adds to drowsiness and slowed breathing, and naloxone may not fully wake someone who "
            "has taken it. Do not use alone, carry naloxone, and call emergency services for anyone "
            "who is hard to wake."
        ),
        references=["chhabra2022mmwr", "hill2022bjp"],
    )
)

R.append(
    dict(
        id="KS-INT-0032",
        last_reviewed="2026-11-29",
        title="Kratom and loperamide: high-dose misuse, cardiac toxicity and possibly raised exposure",
        substances=ALL,
        targets=ing("loperamide"),
        supersedes=["KS-INT-0008", "KS-INT-0012", "KS-INT-0022"],
        risk_group="qt_prolongation",
        mechanism_type="mixed",
        mechanism=(
            "Loperamide is an opioid-receptor agonist antidiarrhoeal; at doses above those "
            "recommended it has caused torsades de pointes, cardiac arrest and death (boxed "
            "warning). FDA's interaction table lists it as a P-glycoprotein and CYP3A substrate. "
            "Mitragynine inhibits P-gp in vitro and kratom inhibited intestinal CYP3A in a clinical "
            "study, so kratom could raise loperamide absorption; this has not been measured."
        ),
        mechanism_targets=[
            "P-glycoprotein (ABCB1)",
            "CYP3A (intestinal)",
            "hERG (IKr) potassium channel",
            "mu-opioid receptor",
        ],
        clinical_effect=(
            "No relevant interaction is expected at label doses. At misuse doses there is a risk of "
            "QT prolongation, ventricular arrhythmia and death, and more loperamide may be absorbed "
            "if kratom inhibits its efflux and metabolism."
        ),
        summary="Kratom + loperamide: check the dose; high-dose loperamide can cause fatal arrhythmia",
        severity="major",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-loperamide study or case was found. Cardiac toxicity at high doses is a "
            "boxed-warning risk; the pharmacokinetic part rests on in vitro P-gp data, a static-model "
            "prediction and a single-dose clinical CYP3A study with midazolam. Loperamide's substrate "
            "status is taken from FDA's interaction table as transcribed, not yet re-read on fda.gov."
        ),
        onset="unspecified",
        management=(
            "Ask how much loperamide is taken and why. At label doses no change is needed. If it is "
            "taken in large amounts (for example to ease withdrawal), treat this as high risk: obtain "
            "an ECG and electrolytes, advise stopping high-dose use, and offer treatment for the "
            "underlying opioid or kratom dependence."
        ),
        counselling=(
            "Loperamide (Imodium) is meant to be taken only at the dose on the label. Large amounts "
            "can stop your heart, and kratom might increase how much you absorb. If you are using it "
            "to cope with withdrawal, tell your doctor or pharmacist - there are safer treatments."
        ),
        references=[
            "label-loperamide",
            "tanna2023cpt",
            "tanna2023dmd",
            "abduraman2024jpp",
            "fda_cyp_examples",
        ],
    )
)

R.append(
    dict(
        id="KS-INT-0033",
        last_reviewed="2026-11-29",
        title="Kratom and alcohol: additive CNS depression",
        substances=ALL,
        targets=ing("alcohol"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Alcohol depresses the central nervous system and adds to the sedative and respiratory "
            "effects of opioid-receptor agonists; FDA advises against opioid cough medicines in people "
            "using CNS depressants including alcohol. Kratom alkaloids act at the mu-opioid receptor."
        ),
        mechanism_targets=["central nervous system", "mu-opioid receptor"],
        clinical_effect=(
            "Increased sedation and psychomotor impairment; respiratory depression at high doses or "
            "with 7-OH products, opioids or other depressants. Alcohol is among the co-exposures in "
            "kratom-associated deaths and in kratom liver-injury cases."
        ),
        summary="Kratom + alcohol: additive sedation and impairment; alcohol is common in kratom deaths",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "No controlled study or interaction case; inferred from kratom's opioid activity and the "
            "FDA-described risk of opioids with CNS depressants including alcohol. Alcohol appears "
            "among co-exposures in a kratom death series and in DILIN kratom liver-injury cases, "
            "which are observational data."
        ),
        onset="rapid",
        management=(
            "Ask about alcohol in every kratom user. Counsel against drinking with kratom, especially "
            "with 7-OH products, opioids or sedatives; advise against driving; check liver tests if "
            "jaundice or dark urine develop."
        ),
        counselling=(
            "Alcohol and kratom together make you drowsier and slower than either alone and can slow "
            "your breathing. Do not drink when you take kratom, and do not drive after using them."
        ),
        references=["fda_dsc_opioid_benzo_2016", "corkery2019jpsychopharmacol", "livertox_kratom"],
    )
)

R.append(
    dict(
        id="KS-INT-0034",
        last_reviewed="2026-11-29",
        title="Kratom and narrow-therapeutic-index CYP3A substrates",
        substances=LEAF,
        targets=prop("cyp3a_nti_substrate"),
        supersedes=["KS-INT-0008"],
        mechanism_type="pharmacokinetic",
        mechanism=(
            "A single 2 g dose of kratom tea raised oral midazolam AUC by 39% (geometric mean ratio "
            "1.39, 90% CI 1.23-1.57) and Cmax by 50% (1.50, 1.32-1.70) through intestinal CYP3A "
            "inhibition, attributed to mitragynine, a time-dependent CYP3A inhibitor in vitro. A rise "
            "of this size can matter for drugs whose toxic and effective concentrations are close."
        ),
        mechanism_targets=["CYP3A (intestinal, time-dependent inhibition)"],
        clinical_effect=(
            "Possible toxicity of a narrow-index CYP3A substrate when kratom is started or increased, "
            "and loss of effect when it is stopped; larger or repeated kratom doses were not studied."
        ),
        summary="Kratom + narrow-index CYP3A drug: levels may rise (midazolam AUC +39% in a clinical study)",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="probable",
        evidence_rationale=(
            "A controlled human study showed CYP3A inhibition with the index substrate midazolam; the "
            "size of the effect for other narrow-index substrates is extrapolated, and heavy daily "
            "kratom use was not studied."
        ),
        onset="delayed",
        management=(
            "Check drug levels or clinical markers of effect and toxicity when a patient on a "
            "narrow-index CYP3A substrate starts, stops or changes kratom use; ask about kratom at "
            "every review."
        ),
        counselling=(
            "Kratom can raise the level of some medicines that need careful dosing. Tell your "
            "prescriber before you start, stop or change your kratom use so your levels can be checked."
        ),
        references=["tanna2023cpt", "tanna2023dmd"],
    )
)

R.append(
    dict(
        id="KS-INT-0035",
        last_reviewed="2026-11-29",
        title="Kratom and acetaminophen (paracetamol) at recommended doses",
        substances=ALL,
        targets=ing("acetaminophen"),
        supersedes=["KS-INT-0024"],
        risk_group="hepatotoxicity",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Kratom is a rare cause of acute, mostly cholestatic liver injury. No study or case series "
            "has examined kratom with acetaminophen, and nothing in the kratom literature reviewed "
            "suggests that acetaminophen at recommended doses adds to kratom's liver risk."
        ),
        mechanism_targets=["liver"],
        clinical_effect="No interaction is expected at recommended acetaminophen doses.",
        summary="Kratom + acetaminophen at recommended doses: no specific interaction known; keep to the label dose",
        severity="minor",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "No kratom-acetaminophen data; kratom liver injury is known from rare cases and case "
            "series, and the general hepatotoxic-drug rule overstates the risk for acetaminophen at "
            "recommended doses."
        ),
        onset="delayed",
        management=(
            "No change needed. Keep acetaminophen within the usual daily limit, and include kratom "
            "in the assessment of any liver injury."
        ),
        counselling=(
            "You can use acetaminophen (paracetamol) with kratom at the dose on the label. Seek care "
            "if your skin or eyes turn yellow or your urine darkens."
        ),
        references=["livertox_kratom", "schimmel2020drugs"],
    )
)

R.append(
    dict(
        id="KS-INT-0036",
        last_reviewed="2026-11-29",
        title="Kratom and zopiclone: additive CNS depression",
        substances=ALL,
        targets=ing("zopiclone"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Zopiclone is a Z-drug hypnotic marketed outside the US, so it takes no class from a US "
            "label (it was a direct target of KS-INT-0004 until 2026-11). Like other hypnotics it adds CNS "
            "depression to kratom's opioid-receptor activity."
        ),
        mechanism_targets=["GABA-A receptor", "mu-opioid receptor"],
        clinical_effect="Increased sedation and impaired psychomotor function; respiratory depression at high doses or with 7-OH products.",
        summary="Kratom + zopiclone: additive sedation; respiratory depression at high doses",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from pharmacology and from the general opioid-depressant interaction; no "
            "kratom-specific study."
        ),
        onset="rapid",
        management=(
            "Counsel on additive drowsiness; use the lowest effective zopiclone dose; avoid the "
            "combination in patients with sleep apnoea, lung disease or on opioids."
        ),
        counselling=(
            "Kratom can add to the drowsiness caused by sleeping tablets. Avoid driving or operating "
            "machinery, and do not mix them with alcohol."
        ),
        references=["fda_dsc_opioid_benzo_2016", "corkery2019jpsychopharmacol"],
    )
)


R.append(
    dict(
        id="KS-INT-0037",
        last_reviewed="2026-11-29",
        title="Kratom and sedating antidepressants or antipsychotics: additive sedation",
        substances=ALL,
        targets=prop("sedating_antidepressant", "sedating_antipsychotic"),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Antidepressants and antipsychotics whose labels make sedation or CNS depression a "
            "prominent effect add to the drowsiness of kratom's opioid-receptor activity, as other "
            "CNS depressants add to that of opioids."
        ),
        mechanism_targets=["central nervous system", "mu-opioid receptor"],
        clinical_effect=(
            "Increased drowsiness and impaired alertness; respiratory depression is possible at high "
            "kratom doses, with 7-OH products or with other depressants. Sedating antidepressants "
            "have been found with mitragynine in a kratom-associated death."
        ),
        summary="Kratom + sedating antidepressant or antipsychotic: additive drowsiness",
        severity="moderate",
        serious=False,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "Inferred from pharmacology and from the FDA-described risk of opioids with CNS "
            "depressants; the only kratom data are co-detections in a fatal case (mirtazapine, "
            "venlafaxine and diphenhydramine at therapeutic concentrations), which cannot show an "
            "interaction."
        ),
        onset="rapid",
        management=(
            "Counsel on additive drowsiness, especially when starting or increasing the sedating "
            "medicine; give it at night where possible; avoid further depressants and alcohol. Do not "
            "stop an established psychiatric medicine because of kratom use without review."
        ),
        counselling=(
            "Kratom can add to the drowsiness caused by some antidepressants and antipsychotics. Be "
            "careful driving until you know how they affect you together, avoid alcohol, and keep "
            "taking your medicine unless your prescriber changes it."
        ),
        references=["fda_dsc_opioid_benzo_2016", "jat2015fatality"],
    )
)


R.append(
    dict(
        id="KS-INT-0038",
        last_reviewed="2026-11-29",
        title="Kratom or 7-OH products and opioids without a US opioid label (heroin, O-desmethyltramadol and others)",
        substances=ALL,
        targets=ing(*UNLABELLED_OPIOIDS),
        risk_group="cns_respiratory_depression",
        mechanism_type="pharmacodynamic",
        mechanism=(
            "Kratom alkaloids act at the mu-opioid receptor (in part through 7-hydroxymitragynine, "
            "which concentrated 7-OH products deliver directly); their effects add to those of "
            "illicit, withdrawn or foreign opioids that take no class from a US opioid label. "
            "Mitragynine pseudoindoxyl, formed from 7-OH in human plasma, is itself a more potent "
            "opioid. (These targets were part of KS-INT-0001 and KS-INT-0002 until 2026-11.)"
        ),
        mechanism_targets=["mu-opioid receptor"],
        clinical_effect=(
            "Additive sedation and respiratory depression. Kratom poisoning with depressed "
            "consciousness that responded to naloxone has been reported, and kratom-positive "
            "overdose deaths commonly involved other drugs."
        ),
        summary="Kratom or 7-OH + illicit or unlabelled opioid: additive sedation and respiratory depression",
        severity="major",
        serious=True,
        action="avoid",
        evidence="possible",
        evidence_rationale=(
            "No controlled human study; supported by receptor pharmacology, animal respiratory "
            "data, a case series of kratom poisoning that responded to naloxone, and post-mortem "
            "series with frequent co-exposures. Evidence for 7-OH products is animal data only."
        ),
        onset="rapid",
        management=(
            "Treat as combined opioid use: advise against combining, assess for opioid use disorder "
            "and offer treatment with buprenorphine or methadone, and dispense naloxone with "
            "training for the patient and household."
        ),
        counselling=(
            "Kratom and 7-OH products act on the same brain receptors as heroin and other opioids. "
            "Together they can slow or stop your breathing. Do not use them together or alone, and "
            "keep naloxone where others can find it."
        ),
        references=[
            "hill2022bjp",
            "kamble2020acsptsci",
            "matsumoto2004lifesci",
            "toxicon2023tencases",
            "corkery2019jpsychopharmacol",
        ],
    )
)


R.append(
    dict(
        id="KS-INT-0039",
        last_reviewed="2026-11-29",
        title="Kratom and narrow-margin P-glycoprotein substrates (digoxin, dabigatran)",
        substances=LEAF,
        targets=ing("digoxin", "dabigatran"),
        supersedes=["KS-INT-0012"],
        mechanism_type="pharmacokinetic",
        mechanism=(
            "Mitragynine inhibits P-glycoprotein in vitro (IC50 about 18 uM) and in a human brain "
            "endothelial cell model, and predicted intestinal concentrations exceed the threshold for "
            "a possible interaction. Digoxin is a high-affinity P-gp substrate with a narrow "
            "therapeutic range, and the P-gp inhibitor verapamil raised dabigatran exposure up to "
            "2.4-fold. Kratom has not been studied with either drug."
        ),
        mechanism_targets=["P-glycoprotein (ABCB1)"],
        clinical_effect="Possible rise in digoxin levels with toxicity, or in dabigatran exposure with bleeding; not shown in humans.",
        summary="Kratom + digoxin or dabigatran: P-gp inhibition could raise levels (in vitro data only)",
        severity="moderate",
        serious=True,
        action="monitor",
        evidence="theoretical",
        evidence_rationale=(
            "In vitro and cell-model P-gp inhibition by mitragynine with a static-model prediction; "
            "the consequence of P-gp inhibition for these drugs comes from studies with other "
            "inhibitors. No kratom study."
        ),
        onset="delayed",
        management=(
            "When kratom use starts, stops or changes, check digoxin levels and signs of toxicity, "
            "or watch for bleeding and review renal function with dabigatran."
        ),
        counselling=(
            "Kratom might increase the amount of digoxin or dabigatran in your body. Tell your "
            "prescriber you use kratom, and report nausea, vision changes, palpitations or unusual "
            "bleeding or bruising."
        ),
        references=["tanna2023dmd", "abduraman2024jpp", "englund2004bmcmed", "hartter2013bjcp"],
    )
)


def records() -> dict[str, list[dict[str, object]]]:
    for r in R:
        r.setdefault("supersedes", [])
        r.setdefault("risk_group", None)
    return {"interactions": R}
