"""Every reference in the bibliography is cited by some record."""

from __future__ import annotations

from kratom_safety._data import Store

from ._paths import REPO


def test_every_reference_is_used(store: Store) -> None:
    text = (REPO / "docs" / "bibliography.md").read_text("utf-8")
    assert len(store.references) == 256  # data 2026.11.5
    assert text.count("Used by: ") == len(store.references), "one entry per reference"
    assert "Used by: none." not in text
