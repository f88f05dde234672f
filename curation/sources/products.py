"""Source of the products dataset (curators' own words; cited). Built by curation/build.py."""

from __future__ import annotations


def fig(label: str, value: str, reference: str) -> dict[str, str]:
    return {"label": label, "value": value, "reference": reference}


PRODUCTS = [
    {
        "id": "leaf-powder",
        "last_reviewed": "2026-11-24",
        "name": "Leaf powder, capsules and teas",
        "substances": ["kratom", "mitragynine"],
        "description": (
            "Dried, ground leaf taken as powder, in capsules, or brewed as tea or juice. "
            "Mitragynine is the main alkaloid; 7-hydroxymitragynine is usually a small fraction "
            "of the alkaloids or below quantification. Mitragynine content differs several-fold "
            "between products sold as kratom, so the dose a patient reports in grams says little "
            "about the alkaloid dose."
        ),
        "figures": [
            fig(
                "mitragynine in the clinical-study leaf powder",
                "19.48 mg per g",
                "napdi_k51_product",
            ),
            fig(
                "7-OH in the clinical-study leaf powder",
                "below quantification (<0.124 mg per g)",
                "napdi_k51_product",
            ),
            fig(
                "mitragynine in 8 retail products (Chicago area)",
                "3.9-62.1 mg per g",
                "prozialeck2020ijerph",
            ),
            fig(
                "mitragynine dose in a controlled PK study of 500-4000 mg leaf capsules",
                "6.65-53.2 mg",
                "huestis2024molecules",
            ),
            fig("mitragynine per glass of brewed kratom (Malaysia)", "about 79 mg", "singh2014dad"),
            fig("mitragynine share of total alkaloids", "about 66%", "kamble2020acsptsci"),
            fig(
                "7-OH share of alkaloids in leaf products and extracts",
                "typically 1-2% or below quantification",
                "smith2024addiction",
            ),
        ],
        "warnings": [
            "Salmonella contamination has led to Class I recalls of kratom powder.",
            "Toxic metals (nickel, lead, chromium) and microbes were found in most of a small "
            "sample of retail products.",
        ],
        "related_records": ["KS-AE-0007", "KS-DEP-0001", "KS-DEP-0005"],
        "references": [
            "fda_recall_d1015_2018",
            "fda_recall_f1012_2018",
            "huestis2024molecules",
            "kamble2020acsptsci",
            "napdi_k51_product",
            "prozialeck2020ijerph",
            "singh2014dad",
            "smith2024addiction",
        ],
    },
    {
        "id": "extract",
        "last_reviewed": "2026-11-24",
        "name": "Extracts, resins and liquid shots",
        "substances": ["kratom", "mitragynine", "7-hydroxymitragynine"],
        "description": (
            "Concentrated products made from leaf. Their alkaloid content per dose is not "
            "standardised, and some commercial products have been found with 7-hydroxymitragynine "
            "far above the levels in raw leaf, which suggests it was added. Ask for the product "
            "name and look for 7-OH on the label."
        ),
        "figures": [
            fig(
                "7-OH share of alkaloids in leaf products and extracts (industry norm)",
                "typically 1-2% or below quantification",
                "smith2024addiction",
            ),
        ],
        "warnings": [
            "Some marketed kratom products contained 7-OH at concentrations well above raw leaf "
            "(probable adulteration).",
        ],
        "related_records": ["KS-AE-0012", "KS-DEP-0007"],
        "references": ["lydecker2016jmt", "smith2024addiction"],
    },
    {
        "id": "concentrated-7oh",
        "last_reviewed": "2026-11-24",
        "name": "Concentrated and semi-synthetic 7-OH products",
        "substances": ["7-hydroxymitragynine"],
        "description": (
            "Tablets, shots and sprays marketed as kratom-related but containing mostly "
            "7-hydroxymitragynine, some designed to bypass first-pass metabolism. Treat their use "
            "as use of a potent opioid: they are a different product from leaf kratom, and in "
            "Texas poison-centre reports of them rose sharply in mid-2025."
        ),
        "figures": [
            fig("7-OH per labelled dose", "14-25 mg", "smith2024addiction"),
            fig("7-OH content of the products", "up to 98%", "smith2024addiction"),
            fig(
                "Texas poison-centre exposures to concentrated 7-OH products in 2025 (to 27 Aug)",
                "19, of whom 11 were treated at a health care facility",
                "texas_dshs_7oh_2025",
            ),
        ],
        "warnings": [
            "Potent mu-opioid agonist in animal studies; respiratory depression rose with dose in "
            "mice.",
            "Deaths after 7-OH products may be recorded as kratom deaths, because mitragynine is "
            "the usual post-mortem marker.",
        ],
        "related_records": ["KS-AE-0005", "KS-AE-0012", "KS-DEP-0007"],
        "references": ["hill2022bjp", "smith2024addiction", "texas_dshs_7oh_2025"],
    },
]


def records() -> dict[str, list[dict[str, object]]]:
    return {"products": PRODUCTS}
