"""The labelled development sets of the resolver (``tests/data/resolver_devset*.tsv``).

One case per line, tab-separated, with a header: ``text`` (the input string), ``expected``
(canonical ingredient names separated by ``;`` in any order, ``AMBIGUOUS`` when the string
must not be resolved to one reading, ``NONE`` for text that is not a medication), ``section``
and ``note`` (the curators' comments). Also read by ``benchmarks/bench_vs_dner.py``.
"""

from __future__ import annotations

import pathlib
from typing import NamedTuple

DATA = pathlib.Path(__file__).resolve().parent / "data"
FILES = ("resolver_devset.tsv", "resolver_devset_more.tsv")
HEADER = ["text", "expected", "section", "note"]


class Case(NamedTuple):
    text: str
    expected: tuple[str, ...] | str | None  # ingredients, "AMBIGUOUS", or None: no drug
    section: str
    note: str


def load(filename: str) -> list[Case]:
    lines = (DATA / filename).read_text("utf-8").split("\n")
    assert lines[0].split("\t") == HEADER, filename
    assert lines[-1] == "", f"{filename} must end with a newline"
    cases = []
    for number, line in enumerate(lines[1:-1], start=2):
        fields = line.split("\t")
        assert len(fields) == len(HEADER), f"{filename}:{number}: {len(fields)} fields"
        text, expected, section, note = fields
        assert text, f"{filename}:{number}: no text"
        exp: tuple[str, ...] | str | None
        if expected == "NONE":
            exp = None
        elif expected == "AMBIGUOUS":
            exp = expected
        else:
            exp = tuple(expected.split(";"))
            assert all(exp), f"{filename}:{number}: empty ingredient in {expected!r}"
        cases.append(Case(text, exp, section, note))
    return cases


def drugs_and_non_drugs() -> tuple[list[tuple[str, tuple[str, ...] | str]], list[str]]:
    """Every case of both files: (text, expected) for drug strings, and the non-drug texts."""
    drugs: list[tuple[str, tuple[str, ...] | str]] = []
    non_drugs: list[str] = []
    for filename in FILES:
        for case in load(filename):
            if case.expected is None:
                non_drugs.append(case.text)
            else:
                drugs.append((case.text, case.expected))
    return drugs, non_drugs
