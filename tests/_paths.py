"""Where the repository is, for tests that read its files (defined once)."""

from __future__ import annotations

import pathlib

REPO = pathlib.Path(__file__).resolve().parents[1]
