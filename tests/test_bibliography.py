"""Every reference in the bibliography is cited by some record."""

from __future__ import annotations

import pathlib

REPO = pathlib.Path(__file__).resolve().parents[1]


def test_every_reference_is_used() -> None:
    text = (REPO / "docs" / "bibliography.md").read_text("utf-8")
    assert text.count("Used by: ") >= 50
    assert "Used by: none." not in text
