"""Word lists the resolver reads, derived from our names and FDA's lists; called by build.py:
``fda_prefixes`` (the words that follow a first word in FDA's longer names) and
``known_words`` (words never spelling-corrected)."""

from __future__ import annotations

import bisect
import pathlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from ndc import held_out_row, ndc_rows
from rapidfuzz import process
from rapidfuzz.distance import OSA
from unii import Records, key

from kratom_safety._index import MIN_FUZZY_LEN
from kratom_safety._spelling import MIN_TRUNCATED, max_edits
from kratom_safety._text import STOP_WORDS, normalize


def our_names(ingredients: Records, aliases: Records, substances: Records) -> list[str]:
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
    texts = our_names(ingredients, aliases, substances)
    return {k.replace(" ", "") for k in map(normalize, texts) if " " in k}


def _deletions(word: str) -> set[str]:
    """The word with one letter taken out, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_reach(words: Iterable[str], names: Iterable[str]) -> set[str]:
    """The words the resolver's spelling step could turn into one of ``names`` (the names of
    ours and our brands from FDA's list): a name within its edit distance, or a longer name
    the word starts. Only they need to be known words; the others are never corrected. (A word
    one edit from a name shares a one-letter deletion with it, or is one: that finds them
    before the edit distance is measured.)"""
    keys = sorted({k for k in map(normalize, names) if k})
    by_length: dict[int, list[str]] = defaultdict(list)
    near_one: set[str] = set()
    for k in keys:
        by_length[len(k)].append(k)
        near_one.add(k)
        near_one |= _deletions(k)
    out: set[str] = set()
    for w in words:
        n, edits = len(w), max_edits(len(w))
        i = bisect.bisect_right(keys, w)
        if n >= MIN_TRUNCATED and i < len(keys) and keys[i].startswith(w):
            out.add(w)
            continue
        if edits == 1 and w not in near_one and near_one.isdisjoint(_deletions(w)):
            continue
        for length in range(n - edits, n + edits + 1):
            found = process.extractOne(
                w, by_length.get(length, ()), scorer=OSA.distance, processor=None,
                score_cutoff=edits,
            )  # fmt: skip
            if found is not None:
                out.add(w)
                break
    return out


def first_words(
    ingredients: Records, aliases: Records, substances: Records, fda_names: Records
) -> set[str]:
    """Every word the resolver can meet as the first word of a name it matched before
    reading FDA's lists: the first word of each name of ours (and of the name run together),
    and every stop word."""
    texts = [*our_names(ingredients, aliases, substances), *(r["id"] for r in fda_names)]
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
    real_words: set[str],
) -> Records:
    """Words the resolver never spelling-corrects, nor reads as a name of ours with its words
    run together: everyday English words, and the words of the proprietary names in FDA's NDC
    Directory (a real product word such as "Dorflex" or "Suphedrine" is not a misspelling of
    Norflex or ephedrine). Only words of ``MIN_FUZZY_LEN`` letters or more, and shorter
    everyday words that one of our names run together (``run_together``) would give ("lamb":
    "L-AmB" is amphotericin B), and ``real_words``: the words of FDA's names of other
    substances and the personal names of the US Census, those within reach of a name of ours
    ("ethylmorphine" is not methylmorphine, "Linda" not Clinda); grouped by first letter.
    Names in ``held_out`` (the real-world development set) do not contribute, so that the set
    measures unseen words."""
    words = {
        k
        for k in map(key, english)
        if (len(k) >= MIN_FUZZY_LEN or k in run_together) and k.isascii() and k.isalpha()
    }
    words.update(w for w in real_words if len(w) >= MIN_FUZZY_LEN and w.isascii() and w.isalpha())
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
