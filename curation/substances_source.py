"""Source of src/kratom_safety/data/substances.json (curators' own words; cited)."""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from _envelope import write_dataset

SUBSTANCES = [
    {
        "id": "kratom",
        "name": "kratom (Mitragyna speciosa)",
        "kind": "botanical",
        "description": (
            "Leaves of the Southeast Asian tree Mitragyna speciosa and products made from them: "
            "powder, capsules, teas, extracts and liquid shots. Mitragynine is the main alkaloid; "
            "7-hydroxymitragynine is a minor leaf constituent (typically 1-2% of alkaloids or below "
            "quantification) and a metabolite of mitragynine. Alkaloid content varies widely "
            "between products."
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
        ],
        "references": ["tanna2022pharmaceutics", "smith2024addiction", "kamble2020acsptsci"],
    },
    {
        "id": "mitragynine",
        "name": "mitragynine",
        "kind": "alkaloid",
        "description": (
            "The most abundant kratom alkaloid. It has opioid-receptor activity and is converted by "
            "CYP3A to 7-hydroxymitragynine, which mediates much of its opioid effect in animals. "
            "It inhibits CYP3A (time-dependently), CYP2D6, P-gp and UGT2B7 in vitro, and has a "
            "long terminal half-life in humans."
        ),
        "synonyms": ["mitragynine", "mitragynin", "mg alkaloid"],
        "references": [
            "kruegel2019acscentsci",
            "hill2022bjp",
            "tanna2023dmd",
            "tanna2022pharmaceutics",
        ],
    },
    {
        "id": "7-hydroxymitragynine",
        "name": "7-hydroxymitragynine (7-OH)",
        "kind": "alkaloid",
        "description": (
            "An oxidative metabolite of mitragynine and minor leaf alkaloid; a potent mu-opioid "
            "receptor agonist in animal studies, with respiratory depression that rises with dose "
            "in mice. Concentrated and semi-synthetic 7-OH products (tablets, shots, sprays) "
            "contain far more 7-OH than leaf; their risks are those of a potent opioid."
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
            "matsumoto2004lifesci",
            "hill2022bjp",
            "smith2024addiction",
            "texas_dshs_7oh_2025",
        ],
    },
]

if __name__ == "__main__":
    write_dataset("substances", SUBSTANCES)
