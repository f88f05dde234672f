"""What the resolver returns: a :class:`Match` made of :class:`MatchPart` s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ._schema import MatchDict

__all__ = ["Match", "MatchKind", "MatchPart", "build_match"]

MatchKind = Literal[
    "generic",
    "synonym",
    "brand",
    "abbreviation",
    "combination",
    "substance",
    "fuzzy",
    "other_substance",
]


@dataclass(frozen=True, slots=True)
class MatchPart:
    """One stretch of the input and what it matched."""

    text: str
    """The normalised words of the input that matched."""
    name: str
    """The vocabulary entry matched (generic, synonym, brand or abbreviation as written)."""
    kind: MatchKind
    """How it matched; ``fuzzy`` for a spelling correction."""
    score: float
    """100 for an exact match; for a fuzzy match, 100 x (1 - edits / length)."""
    ingredients: tuple[str, ...]
    """Canonical ingredients of this part (empty when ambiguous)."""
    alternatives: tuple[tuple[str, ...], ...] = ()
    """The competing readings when this part is ambiguous."""

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


@dataclass(frozen=True, slots=True)
class Match:
    """The result of resolving one medication string."""

    input: str
    """The string as given."""
    ingredients: tuple[str, ...]
    """Canonical lower-case ingredient names, in the order found (empty when ambiguous)."""
    name: str
    """The vocabulary entry matched (for several parts, joined with " + ")."""
    kind: MatchKind | Literal["combination"]
    """How it matched; ``combination`` when several parts matched separately."""
    score: float
    """0-100; the lowest score of the parts."""
    parts: tuple[MatchPart, ...]
    """Which part of the input each ingredient came from."""
    unmatched: tuple[str, ...] = ()
    """Words left over that are neither a drug nor a known stop word (possible missed drug)."""
    alternatives: tuple[tuple[str, ...], ...] = field(default=())
    """Competing readings when the match is ambiguous."""

    @property
    def ambiguous(self) -> bool:
        """True when some part could be more than one drug: nothing is guessed."""
        return any(p.ambiguous for p in self.parts)

    def to_dict(self) -> MatchDict:
        return {
            "input": self.input,
            "ingredients": list(self.ingredients),
            "name": self.name,
            "kind": self.kind,
            "score": round(self.score, 1),
            "ambiguous": self.ambiguous,
            "alternatives": [list(a) for a in self.alternatives],
            "unmatched": list(self.unmatched),
            "parts": [
                {
                    "text": p.text,
                    "name": p.name,
                    "kind": p.kind,
                    "score": round(p.score, 1),
                    "ingredients": list(p.ingredients),
                    "alternatives": [list(a) for a in p.alternatives],
                }
                for p in self.parts
            ],
        }


def build_match(text: str, parts: list[MatchPart], unmatched: list[str]) -> Match:
    """The :class:`Match` of ``text`` made of ``parts``, with the words left unread."""
    first = parts[0]
    if len(parts) == 1:  # the common case: one part names the drug(s)
        return Match(
            input=text,
            ingredients=() if first.alternatives else tuple(dict.fromkeys(first.ingredients)),
            name=first.name,
            kind=first.kind,
            score=first.score,
            parts=(first,),
            unmatched=tuple(unmatched),
            alternatives=tuple(dict.fromkeys(first.alternatives)),
        )
    ingredients: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    for p in parts:
        for ing in p.ingredients:
            if ing not in ingredients:
                ingredients.append(ing)
        alternatives.extend(a for a in p.alternatives if a not in alternatives)
    ambiguous = any(p.ambiguous for p in parts)
    distinct = {frozenset(p.ingredients) for p in parts if p.ingredients}
    if len(distinct) == 1 and not ambiguous:
        # several parts naming the same drug ("tramadol (ULTRAM)")
        kind: MatchKind | Literal["combination"] = first.kind
        name = first.name
    else:
        kind = "combination"
        name = " + ".join(p.name for p in parts)
    return Match(
        input=text,
        ingredients=() if ambiguous else tuple(ingredients),
        name=name,
        kind=kind,
        score=min(p.score for p in parts),
        parts=tuple(parts),
        unmatched=tuple(unmatched),
        alternatives=tuple(alternatives),
    )
