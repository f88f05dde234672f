"""Build src/kratom_safety/data/regulatory.json from the curator's staging file.

Legal status changes quickly and much of it is reported only in news: every record keeps its
confidence ("official" only when a government text or page was read) and each source says
whether it is official and whether it was read on a copy. Aggregators and mirrors are never
kept as sources. Usage: python curation/regulatory_source.py [/path/to/staging]
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from _envelope import ROOT, write_dataset

REVIEWED = "2026-11-24"
# Aggregators, mirrors, bill trackers and site maps: never kept as a source (the rule is to
# cite the official address, never a copy). A statute read only on such a copy therefore
# cannot make a record "official".
DROP_HOSTS = {
    "particle.news",
    "mdspire.com",
    "7ban.blaskattacks.com",
    "peer2peernews.com",
    "erowid.org",
    "taz4.erowid.org",
    "newswire.ca",
    "lelezard.com",
    "app.legiplex.com",
    "thefederalregister.org",
    "legistorm.com",
    "regulations.justia.com",
    "texas.public.law",
    "d1tvxue8o4w0fl.cloudfront.net",
    "beta.bailii.org",
    "red2.klt.pw",
    "fastdemocracy.com",
    "mondaq.com",
    "kratomscience.com",
    "kratomscience.eu",
    "statensorgan.se",
    # statute mirrors, bill trackers, AI summaries and press-release redistributors
    "casetext.com",
    "courtgpt.ai",
    "lexace.ai",
    "law.uslawyerdatabase.com",
    "nevada.public.law",
    "docslib.org",
    "citizenportal.ai",
    "bills.nhliberty.org",
    "openstates.org",
    "billtrack50.com",
    "vulcanbills.com",
    "public.lobbytools.com",
    "govt.westlaw.com",
    "ecency.com",
    "pubt.io",
    "einpresswire.com",
    "thelevisalazer.com",
    # vendors and advocacy groups (either side): never a source of a legal status
    "getkratom.com",
    "hiddenvalleybotanicals.com",
    "superspeciosa.com",
    "kioskigloo.se",
    "kratompost.com",
    "kratombans.com",
    "botanicalae.org",
    "antikratom.org",
    "familycouncil.org",
    "fightforbotanicals.com",
    "chapact.com",
    "havenaccess.org",
    "speciosa.org",
}
OFFICIAL_SUFFIXES = (
    ".gov",
    ".gov.au",
    ".gov.uk",
    ".gc.ca",
    "canada.ca",
    "irishstatutebook.ie",
    ".state.ny.us",
    "myfloridalegal.com",  # the Florida Attorney General's own site
)
# Faithful copies of official gazettes: reading there counts as reading the official text.
GAZETTE_COPIES = {"regulations.justia.com", "thefederalregister.org"}


# Curator review of the staged records: text that rested only on dropped sources is removed,
# and confidence is lowered where the official source read does not carry the claim.
OVERRIDES: dict[str, dict[str, object]] = {
    "US-kratom": {
        "detail": (
            "Neither kratom nor its alkaloids had been placed in a federal schedule in the "
            "Federal Register notices read: DEA's August 2016 notice of intent to temporarily "
            "schedule mitragynine and 7-hydroxymitragynine was withdrawn in October 2016. "
            "Later federal action, including on concentrated 7-OH products, is tracked in the "
            "7-hydroxymitragynine record."
        ),
        "as_of": "2016-10-13",
    },
    "US-7-hydroxymitragynine": {
        "detail": (
            "FDA recommended on 29 July 2025 that certain concentrated 7-OH products be controlled "
            "under the Controlled Substances Act (press reports say Schedule I), not natural leaf; "
            "scheduling needs DEA rulemaking. Federal authorities treat 7-OH added to foods or "
            "supplements as unlawful (warning letters July 2025; seizures December 2025)."
        ),
        "as_of": "2025-12",
    },
    "US-TX-7-hydroxymitragynine": {"confidence": "secondary_only"},
}


# Wording: the data never uses "safe" outside a proper name (a statute's or agency's title).
TEXT_FIXES = {
    "sets product-safety and labelling standards": "sets product and labelling standards",
    "directions for safe use": "directions for use",
}


def _official_host(host: str) -> bool:
    return any(host == s.lstrip(".") or host.endswith(s) for s in OFFICIAL_SUFFIXES)


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _fix(text: str) -> str:
    for old, new in TEXT_FIXES.items():
        text = text.replace(old, new)
    return text


def build(staging: pathlib.Path) -> None:
    by_id: dict[str, dict[str, object]] = {}
    # later files (state-by-state research with official sources) replace earlier records
    for name in ("regulatory.json", "regulatory_states_a_m.json", "regulatory_states_n_w.json"):
        path = staging / name
        if path.exists():
            for rec in json.loads(path.read_text(encoding="utf-8"))["records"]:
                by_id[str(rec["id"])] = rec
    raw: list[dict[str, Any]] = [by_id[k] for k in sorted(by_id)]
    out, provenance = [], []
    for rec in raw:
        sources = []
        for src in rec["sources"]:
            if _host(src["url"]) in DROP_HOSTS:
                continue
            seen = {_host(u) for u in src.get("seen_at", []) if u.startswith("http")}
            host = _host(src["url"])
            official = _official_host(host)
            read_on_copy = host not in seen
            sources.append(
                {
                    "title": src["title"],
                    "url": src["url"],
                    "publisher": src["publisher"],
                    "official": official,
                    "read_on_copy": read_on_copy,
                    "date": src.get("date"),
                    "_counts": official and (not read_on_copy or bool(seen & GAZETTE_COPIES)),
                }
            )
        if not sources:
            print("no usable source, dropped:", rec["id"])
            continue
        rec = {**rec, **OVERRIDES.get(rec["id"], {})}
        confidence = rec["confidence"]
        if confidence == "official" and not any(s["_counts"] for s in sources):
            confidence = "secondary_only"
        for src in sources:
            del src["_counts"]
        out.append(
            {
                "id": rec["id"],
                "jurisdiction": rec["jurisdiction"],
                "jurisdiction_name": rec["jurisdiction_name"],
                "substance": rec["substance"],
                "status": rec["status"],
                "detail": _fix(str(rec["detail"])),
                "effective_date": rec.get("effective_date"),
                "as_of": rec["as_of"] if len(rec["as_of"]) >= 7 else rec["as_of"] + "-01",
                "confidence": confidence,
                "sources": sources,
                # addresses in notes stay in curation/provenance, not in the shipped data
                "note": re.sub(r"\s*\(?https?://\S+\)?", "", str(rec.get("notes") or "")) or None,
                "last_reviewed": REVIEWED,
            }
        )
        provenance.append({"id": rec["id"], "sources": rec["sources"], "notes": rec.get("notes")})
    write_dataset("regulatory", out)
    (ROOT / "curation" / "provenance" / "regulatory.json").write_text(
        json.dumps(provenance, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/staging"))
