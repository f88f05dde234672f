"""Regenerate curation/sources/unii/everyday_words.txt (run by hand, not by the build).

``everyday_words.txt`` lists the one-word names in FDA's UNII list and NDC Directory that are also everyday
English words: a lower-case entry of SCOWL's American English list as Debian ships it
(package ``wamerican`` 2020.12.07-2, ``/usr/share/dict/american-english``; SCOWL's licence
permits copying with its notice, see the file's header). The build never takes such a word
alone as a product or substance name ("Nothing" is a lidocaine product's name; "nothing" in a
medication list is not lidocaine). ``english_words.txt`` lists every such English word of five
letters or more: the resolver never spelling-corrects one of them into a drug.

    apt-get install wamerican   # or: dpkg-deb -x wamerican_2020.12.07-2_all.deb DIR
    python curation/tools/everyday_words.py [/usr/share/dict/american-english]
"""

from __future__ import annotations

import importlib
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
build = importlib.import_module("build")  # curation/build.py
unii = importlib.import_module("unii")  # curation/unii.py

OUT = HERE / "sources" / "unii" / "everyday_words.txt"
ENGLISH = HERE / "sources" / "unii" / "english_words.txt"
#: Shorter words are neither spelling-corrected (five letters or more) nor coined brand words.
MIN_LETTERS = 4
HEADER = """\
# One-word names in FDA's UNII list and NDC Directory that are everyday English words.
# Derived by curation/tools/everyday_words.py from SCOWL's American English word list
# (Debian wamerican 2020.12.07-2). SCOWL: Copyright 2000-2011 by Kevin Atkinson; permission to
# use, copy, modify, distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby granted without
# fee, provided that the above copyright notice appears in all copies and that both that
# copyright notice and this permission notice appear in supporting documentation.
"""


def main(argv: list[str]) -> int:
    dictionary = pathlib.Path(argv[0] if argv else "/usr/share/dict/american-english")
    words = {
        w for w in dictionary.read_text(encoding="utf-8").split("\n") if w.isalpha() and w.islower()
    }
    names: set[str] = set()
    for name, _kind, _unii, _display in unii.read_rows(build.pinned_input("unii-names")):
        k = unii.key(name)
        if " " not in k:
            names.add(k)
    path = build.pinned_input("ndc-products")
    with path.open(encoding="latin-1") as fh:
        header = next(fh).rstrip("\r\n").split("\t")
        col = header.index("PROPRIETARYNAME")
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            if len(row) == len(header):
                k = unii.key(row[col])
                if " " not in k:
                    names.add(k)
    found = sorted(names & words)
    OUT.write_text(HEADER + "".join(w + "\n" for w in found), encoding="utf-8")
    print(f"{len(found)} words written to {OUT}")
    # Every everyday word long enough to be spelling-corrected: a correctly spelled English
    # word is never corrected into a drug ("cedar" is not Cedax, "creator" is not Crestor).
    english = sorted(w for w in words if len(w) >= MIN_LETTERS)
    ENGLISH.write_text(
        HEADER.replace(
            "One-word names in FDA's UNII list and NDC Directory that are everyday English words.",
            f"Everyday English words of {MIN_LETTERS} letters or more (never spelling-corrected,"
            " never a coined brand word).",
        )
        + "".join(w + "\n" for w in english),
        encoding="utf-8",
    )
    print(f"{len(english)} words written to {ENGLISH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
