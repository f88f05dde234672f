"""Every reference in the bibliography is cited by some record."""

from __future__ import annotations

from ._paths import REPO


def test_every_reference_is_used() -> None:
    text = (REPO / "docs" / "bibliography.md").read_text("utf-8")
    assert text.count("Used by: ") >= 50
    assert "Used by: none." not in text
