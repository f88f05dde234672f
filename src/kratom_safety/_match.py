"""What the resolver returns: a :class:`Match` made of :class:`MatchPart` s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ._schema import MatchDict

__all__ = ["Match", "MatchKind", "MatchPart"]

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
