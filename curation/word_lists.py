"""The word lists the build reads beside the datasets' sources: the real-world development
set's strings, everyday and English words (``curation/sources/unii/``, made by
``curation/tools/everyday_words.py``) and the Census's personal names (a pinned input)."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from unii import ROOT, key

_WORDS = ROOT / "curation" / "sources" / "unii"


def held_out_names() -> set[str]:
    """Strings of the real-world development set (benchmarks/realworld/devset.tsv). With
    ``--hold-out`` their product names are kept out of the vocabulary, so that the set measures
    names the build has not seen (``benchmarks/bench_realworld.py --held-out-build``); the
    shipped data holds every name."""
    path = ROOT / "benchmarks" / "realworld" / "devset.tsv"
    out: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        text = header.index("text")
        for line in fh:
            out.add(key(line.rstrip("\n").split("\t")[text]))
    return out


def everyday_words() -> set[str]:
    """Everyday English words among FDA's one-word names (curation/tools/everyday_words.py)."""
    path = _WORDS / "everyday_words.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    return {w for w in lines if w and not w.startswith("#")}


def english_words() -> set[str]:
    """Everyday English words of five letters or more (curation/tools/everyday_words.py)."""
    path = _WORDS / "english_words.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    return {w for w in lines if w and not w.startswith("#")}


def personal_names(pinned: Callable[[str], pathlib.Path]) -> set[str]:
    """First names and surnames of the 1990 US Census (pinned ``census-*`` inputs)."""
    out: set[str] = set()
    for name in ("census-first-male", "census-first-female", "census-last"):
        for line in pinned(name).read_text(encoding="ascii").splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return out
