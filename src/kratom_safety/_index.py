"""The resolver's vocabulary index: every exact key of the clinical vocabulary (generics,
synonyms, brands, abbreviations, kratom substances, FDA's brand names of our ingredients) with
what it means, and the word lists the fuzzy step searches. Built once, on first need."""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ._cache import register
from ._data import Vocabulary, get_vocabulary, iter_dataset
from ._match import MatchKind
from ._text import RELEASE_WORDS, STOP_WORDS, normalize

__all__ = ["MIN_FUZZY_LEN", "Entry", "Index", "get_index", "merge"]

KIND_RANK = {
    "substance": 0,
    "generic": 1,
    "synonym": 2,
    "combination": 3,
    "brand": 4,
    "abbreviation": 5,
    "other_substance": 6,
}
#: Shorter words are never spelling-corrected.
MIN_FUZZY_LEN = 5
#: Shortest name of a kratom substance that the fuzzy step corrects into.
_MIN_SUBSTANCE_FUZZY = 6


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: MatchKind
    ingredients: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()


class Index:
    """Exact-key dictionary plus length buckets for the fuzzy step."""

    def __init__(self, vocab: Vocabulary) -> None:
        raw: dict[str, list[Entry]] = defaultdict(list)
        fuzzable: set[str] = set()
        squashed_keys: set[str] = set()  # names with their words run together
        written: set[str] = set()  # names as written

        def add(text: str, entry: Entry, *, fuzzy: bool = True) -> str:
            """Index ``entry`` under ``text`` normalised; that key."""
            key = normalize(text)
            if key:
                raw[key].append(entry)
                written.add(key)
                if " " not in key and fuzzy:
                    fuzzable.add(key)
                squashed = key.replace(" ", "")
                if squashed != key and len(squashed) >= 4:
                    raw[squashed].append(entry)
                    squashed_keys.add(squashed)
            return key

        # A kratom substance's names of five letters or fewer ("thang", "ketum", names in the
        # languages of the producing countries) are matched exactly only: one letter from them
        # are everyday words and personal names ("Thanh", "Zhang"), never kratom.
        for sub in vocab.substances.values():
            for text in (sub.id, sub.name, *sub.synonyms):
                short = len(normalize(text)) < _MIN_SUBSTANCE_FUZZY
                add(text, Entry(text, "substance", (sub.id,)), fuzzy=not short)
        for ing in vocab.ingredients.values():
            add(ing.id, Entry(ing.id, "generic", (ing.id,)))
            for syn in ing.synonyms:
                add(syn, Entry(syn, "synonym", (ing.id,)))
        stems: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for al in vocab.aliases.values():
            key = add(al.text, Entry(al.text, al.kind, al.ingredients, al.ambiguous_candidates))
            head, _, last = key.rpartition(" ")
            if al.kind == "brand" and last in RELEASE_WORDS and al.ingredients:
                stems[head].add(al.ingredients)
        # A brand whose names all end in a release marker is also written without it
        # ("Zohydro 20 mg" is Zohydro ER): its stem, when coined (five letters or more, no
        # other name of ours) and when every such name has the same ingredients.
        for head, readings in sorted(stems.items()):
            if len(readings) == 1 and head not in raw and head.isalpha() and len(head) >= 5:
                (ingredients,) = readings
                raw[head].append(Entry(head, "brand", ingredients))
                written.add(head)
        # FDA brand names of our ingredients, and FDA substances whose names start like ours:
        # exact matches only, never spelling corrections.
        fda_keys = frozenset(vocab.fda_names)
        written |= fda_keys
        for fda in vocab.fda_names.values():
            if fda.kind == "brand":
                raw[fda.id].append(Entry(fda.name, "brand", fda.ingredients))
            else:
                raw[fda.id].append(Entry(fda.name, "other_substance", (fda.name,)))

        self.exact: dict[str, Entry] = {k: merge(v) for k, v in raw.items()}
        # one-word keys that only a name run together gives ("lamb" from "L-AmB"): a word of
        # the language or of FDA's product names is not read so (see known_words)
        self.run_together: frozenset[str] = frozenset(squashed_keys - written)
        self.fda_brands: frozenset[str] = frozenset(
            k for k, fda in vocab.fda_names.items() if fda.kind == "brand"
        )
        # Prefixes that can still grow into an entry: word-wise for multi-word entries, and
        # character-wise for matching words run together.
        self.token_prefixes: frozenset[str] = frozenset(
            " ".join(toks[:k])
            for key in self.exact
            if len(toks := key.split()) > 1
            for k in range(1, len(toks))
        )
        # (FDA's names are matched as written, never with words run together); accumulate
        # yields every proper prefix of a name with its spaces removed
        self.char_prefixes: frozenset[str] = frozenset(
            itertools.chain.from_iterable(
                itertools.accumulate(key.replace(" ", "")[:-1])
                for key in raw
                if key not in fda_keys
            )
        )
        buckets: dict[int, list[str]] = defaultdict(list)
        # Fuzzy candidates are single words as written in the vocabulary: never the squashed
        # form of a multi-word name ("sudafed" must not match "Sudafed PE" by edit distance).
        for key in fuzzable:
            if len(key) >= MIN_FUZZY_LEN and key not in STOP_WORDS:
                buckets[len(key)].append(key)
        self.buckets = {n: sorted(keys) for n, keys in buckets.items()}
        # single-word generic names and synonyms, for names cut short by fixed-width systems
        # ("HYDROCODONE-ACETAMIN", "DEXTROAMP-AMPHET")
        self.generic_words = sorted(
            k for k in fuzzable if self.exact[k].kind in ("generic", "synonym", "substance")
        )
        self.names = sorted(self.exact)
        # names that FDA product names often use for products without them (a flavour, a
        # product line, a vehicle): taken only as described in _resolve_words
        # (also as run together: "vitamine" for "vitamin e")
        variable = [r.id for r in iter_dataset("variable_names")]
        self.variable: frozenset[str] = frozenset(
            (*variable, *(k.replace(" ", "") for k in variable if " " in k))
        )
        # where FDA's longer names go on from a first word of ours (or a stop word): a string
        # that does not go on so is read without loading FDA's lists
        self._first_words = frozenset(k.split()[0] for k in self.exact)
        self._fda_next: dict[str, frozenset[str]] = {
            r.id: frozenset(r.next) for r in iter_dataset("fda_prefixes")
        }

    def fda_may_go_on(self, words: Sequence[str], i: int) -> bool:
        """Whether an FDA name of two words or more may start at ``words[i]``. Known without
        FDA's lists for a first word of ours, a stop word or a number; any other word may."""
        word = words[i]
        if word not in self._first_words and word not in STOP_WORDS and not word.isdigit():
            return True
        return i + 1 < len(words) and words[i + 1] in self._fda_next.get(word, ())


def merge(entries: list[Entry]) -> Entry:
    """One key, several entries: the best kind wins when they agree, else it is ambiguous."""
    if len(entries) == 1 and not entries[0].alternatives:
        return entries[0]  # (one entry, one reading: what the general case returns)
    entries.sort(key=lambda e: (KIND_RANK.get(e.kind, 9), e.name))
    best = entries[0]
    readings: list[tuple[str, ...]] = []
    for e in entries:
        for r in e.alternatives or (e.ingredients,):
            if r not in readings:
                readings.append(r)
    if best.kind in ("generic", "substance") or len(readings) == 1:
        return best
    return Entry(best.name, best.kind, (), tuple(readings))


_lock = threading.Lock()
_current: Index | None = None
register(lambda: globals().update(_current=None))


def get_index() -> Index:
    global _current
    idx = _current
    if idx is None:
        with _lock:
            idx = _current
            if idx is None:
                idx = _current = Index(get_vocabulary())
    return idx
