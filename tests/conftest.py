from __future__ import annotations

import pytest

import kratom_safety
from kratom_safety._data import Store, get_store


@pytest.fixture(scope="session")
def store() -> Store:
    """The validated data, as the library loads it."""
    return get_store()


def pytest_report_header() -> str:
    return f"kratom_safety {kratom_safety.__version__} from {kratom_safety.__file__}"
