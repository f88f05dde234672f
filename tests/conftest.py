from __future__ import annotations

import pathlib

import pytest

import kratom_safety

REPO = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def store():  # type: ignore[no-untyped-def]
    from kratom_safety._data import get_store

    return get_store()


def pytest_report_header() -> str:
    return f"kratom_safety {kratom_safety.__version__} from {kratom_safety.__file__}"
