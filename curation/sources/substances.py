"""Source of the substances dataset (curators' own words; cited). Built by curation/build.py."""

from __future__ import annotations

SUBSTANCES = [
    {
        "id": "kratom",
        "name": "kratom (Mitragyna speciosa)",
        "kind": "botanical",
        "description": (
            "Leaves of the Southeast Asian tree Mitragyna speciosa and products made from them: "
            "powder, capsules, teas, extracts and liquid shots. Mitragynine is the main alkaloid "
            "(about two-thirds of total alkaloids in one analysis); 7-hydroxymitragynine is "
            "typically 1-2% of alkaloid content in leaf products, or below quantification. Human "
            "pharmacokinetic studies have given single and repeated oral doses of characterised "
            "leaf powder; mitragynine and 7-OH peaked in plasma within about 1-2 hours. Alkaloid "
            "content varies widely between products."
        ),
        "synonyms": [
            "kratom",
            "ketum",
            "kratum",
            "biak",
            "biak-biak",
            "thang",
            "mitragyna speciosa",
            "mitragyna",
            "kratom leaf",
            "kratom powder",
            "kratom capsules",
            "kratom tea",
            "kratom extract",
            "kratom shot",
            "kratom extract shot",
            "maeng da",
            "maeng da kratom",
            "red vein kratom",
            "green vein kratom",
            "white vein kratom",
            # names in the producing countries' languages, as the cited sources give them
            "krathom",  # Thailand: kratom_chapter_crc_b17666_25
            "kakuam",  # Thailand: kratom_chapter_crc_b17666_25
            "ithang",  # Thailand: kratom_chapter_crc_b17666_25
            "mambog",  # Philippines: kratom_chapter_crc_b17666_25
            "kedemba",  # Indonesia (East Kalimantan): bnnp_kaltim_kratom_kedemba
            "daun kedemba",  # Indonesian, "kedemba leaf": bnnp_kaltim_kratom_kedemba
            "bein-sa",  # Myanmar: phytokeys102_mitragyna_speciosa_treatment
            "\u0e01\u0e23\u0e30\u0e17\u0e48\u0e2d\u0e21",  # Thai: dtam_journal_21_2_kratom
            # Thai "kratom plant" and "kratom leaf": pharmacycouncil_th_kratom_act_2565
            "\u0e1e\u0e37\u0e0a\u0e01\u0e23\u0e30\u0e17\u0e48\u0e2d\u0e21",
            "\u0e43\u0e1a\u0e01\u0e23\u0e30\u0e17\u0e48\u0e2d\u0e21",
        ],
        "references": [
            "bnnp_kaltim_kratom_kedemba",
            "dtam_journal_21_2_kratom",
            "fda_opms_black_liquid_2024",
            "huestis2024molecules",
            "kamble2020acsptsci",
            "kava_kratom_blend_safety_cureus",
            "kratom_chapter_crc_b17666_25",
            "pharmacycouncil_th_kratom_act_2565",
            "phytokeys102_mitragyna_speciosa_treatment",
            "smith2024addiction",
            "tanna2022pharmaceutics",
        ],
    },
    {
        "id": "mitragynine",
        "name": "mitragynine",
        "kind": "alkaloid",
        "description": (
            "The most abundant kratom alkaloid. In mice it is converted by CYP3A to "
            "7-hydroxymitragynine, which mediates much of its opioid effect; in a rat receptor "
            "assay mitragynine itself behaved as a mu-opioid antagonist while 7-OH was a partial "
            "agonist. In vitro it inhibits CYP3A (time-dependently), CYP2D6, P-glycoprotein and "
            "UGT2B7."
        ),
        "synonyms": ["mitragynine", "mitragynin"],
        "references": [
            "abdullah2018molecules",
            "chakraborty2021jmedchem",
            "hill2022bjp",
            "kruegel2019acscentsci",
            "obeng2021jpet",
            "tanna2023dmd",
        ],
    },
    {
        "id": "7-hydroxymitragynine",
        "name": "7-hydroxymitragynine (7-OH)",
        "kind": "alkaloid",
        "description": (
            "An oxidative metabolite of mitragynine and a minor leaf alkaloid; a potent mu-opioid "
            "receptor agonist in animal studies, with respiratory depression that rises with dose "
            "in mice. Rats self-administered 7-OH but not mitragynine. In human plasma 7-OH is "
            "converted to mitragynine pseudoindoxyl, a still more potent opioid. Concentrated and "
            "semi-synthetic 7-OH products (tablets, shots, sprays) contain 14-25 mg per labelled "
            "dose and up to 98% 7-OH; their risks are those of a potent opioid."
        ),
        "synonyms": [
            "7-hydroxymitragynine",
            "7 hydroxymitragynine",
            "7-hydroxy-mitragynine",
            "7-hydroxy mitragynine",
            "7-oh",
            "7oh",
            "7-oh-mg",
            "7-ohmg",
            "7-hmg",
            "7-oh kratom",
            "7-hydroxy",
            "seven hydroxy",
        ],
        "references": [
            "hemby2018addictbiol",
            "hill2022bjp",
            "kamble2020acsptsci",
            "matsumoto2004lifesci",
            "smith2024addiction",
            "texas_dshs_7oh_2025",
        ],
    },
]


def records() -> dict[str, list[dict[str, object]]]:
    return {"substances": SUBSTANCES}
