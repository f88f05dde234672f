"""The tests exercise the installed package, and the package carries its data."""

from __future__ import annotations

import os
import pathlib
from importlib.resources import files

import kratom_safety
from kratom_safety._data import DATASETS

REPO = pathlib.Path(__file__).resolve().parents[1]


def test_tests_run_against_installed_package() -> None:
    location = pathlib.Path(kratom_safety.__file__).resolve()
    if os.environ.get("CI"):
        # CI installs the wheel (not editable): the module must not come from src/.
        assert REPO / "src" not in location.parents, location


def test_every_dataset_is_shipped() -> None:
    data = files("kratom_safety").joinpath("data")
    for ds in DATASETS.values():
        assert data.joinpath(ds.filename).is_file(), ds.filename
    assert files("kratom_safety").joinpath("py.typed").is_file()


def test_public_surface() -> None:
    def isort_key(name: str) -> tuple[int, str]:
        # ruff RUF022 order: CONSTANTS, then Classes, then everything else
        kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
        return kind, name

    assert kratom_safety.__all__ == sorted(kratom_safety.__all__, key=isort_key)
    for name in kratom_safety.__all__:
        obj = getattr(kratom_safety, name)
        assert obj is not None
    assert isinstance(kratom_safety.DATA_VERSION, str) and kratom_safety.DATA_VERSION
    assert kratom_safety.__version__ != kratom_safety.DATA_VERSION


def test_errors_inherit_builtins() -> None:
    assert issubclass(kratom_safety.InvalidInputError, ValueError)
    assert issubclass(kratom_safety.InvalidInputError, kratom_safety.KratomSafetyError)
    assert issubclass(kratom_safety.DataIntegrityError, kratom_safety.KratomSafetyError)
