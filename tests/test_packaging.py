"""The tests exercise the installed package, the package carries its data, and the public
surface is what the README and CHANGELOG say it is."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import warnings
from importlib.resources import files
from types import ModuleType

import pytest

import kratom_safety
from kratom_safety._data import DATASETS

from ._paths import REPO

# The public submodules; kratom_safety.screen counts as soon as it exists.
SUBMODULES = tuple(
    name
    for name in ("kratom_safety.fhir", "kratom_safety.models", "kratom_safety.screen")
    if importlib.util.find_spec(name) is not None
)


def _public_modules() -> list[ModuleType]:
    return [kratom_safety, *(importlib.import_module(m) for m in SUBMODULES)]


def test_tests_run_against_installed_package() -> None:
    dist = importlib.metadata.distribution("kratom-safety")
    assert dist.version == kratom_safety.__version__
    location = pathlib.Path(kratom_safety.__file__).resolve()
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if direct.get("dir_info", {}).get("editable"):
        # An editable install must be of this checkout, or the tests test other code.
        assert pathlib.Path(direct["url"].removeprefix("file://")).resolve() == REPO
        assert REPO / "src" in location.parents, location
    else:
        # A wheel install (CI): the module must not come from src/.
        assert REPO / "src" not in location.parents, location
    if os.environ.get("CI"):
        assert not direct.get("dir_info", {}).get("editable"), "CI installs the wheel"


def test_every_dataset_is_shipped() -> None:
    data = files("kratom_safety").joinpath("data")
    for ds in DATASETS.values():
        assert data.joinpath(ds.filename).is_file(), ds.filename
    assert files("kratom_safety").joinpath("py.typed").is_file()


def _isort_key(name: str) -> tuple[int, str]:
    # ruff RUF022 order: CONSTANTS, then Classes, then everything else
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


@pytest.mark.parametrize("module", _public_modules(), ids=lambda m: m.__name__)
def test_public_surface(module: ModuleType) -> None:
    assert module.__all__ == sorted(module.__all__, key=_isort_key)
    assert len(set(module.__all__)) == len(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
        assert not name.startswith("_") or name == "__version__", name


def test_top_level_is_small_and_plain() -> None:
    assert len(kratom_safety.__all__) == 23
    for name in kratom_safety.__all__:
        # imported plainly, not through the module __getattr__
        assert name in vars(kratom_safety), name
    assert isinstance(kratom_safety.DATA_VERSION, str) and kratom_safety.DATA_VERSION
    assert kratom_safety.__version__ != kratom_safety.DATA_VERSION
    assert "not medical advice" in kratom_safety.DISCLAIMER
    assert kratom_safety.check(["sertraline"]).disclaimer == kratom_safety.DISCLAIMER


def test_submodules_are_reachable_as_attributes() -> None:
    code = (
        "import kratom_safety as ks\n"
        "assert ks.fhir.to_fhir and ks.models.Interaction\n"
        "assert 'fhir' in dir(ks) and 'models' in dir(ks)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    with pytest.raises(AttributeError):
        _ = kratom_safety.no_such_name  # type: ignore[attr-defined]


def _moved() -> dict[str, str]:
    """The deprecation table of CHANGELOG.md: old top-level name -> its new module."""
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    section = text.split("### Deprecated", 1)[1].split("\n### ", 1)[0]
    moved: dict[str, str] = {}
    for old, new in re.findall(r"^\| (`.+?) \| `(kratom_safety\.\w+)` \|$", section, re.M):
        moved.update(dict.fromkeys(re.findall(r"`(\w+)`", old), new))
    return moved


def test_changelog_names_the_deprecated_names() -> None:
    moved = _moved()
    assert len(moved) == 24
    assert set(moved.values()) == {
        "kratom_safety.fhir",
        "kratom_safety.models",
        "kratom_safety.screen",
    }


@pytest.mark.parametrize("name", sorted(_moved()))
def test_old_names_warn_and_point_to_the_new_place(name: str) -> None:
    new = _moved()[name]
    assert name not in kratom_safety.__all__
    assert name not in vars(kratom_safety)
    with pytest.warns(DeprecationWarning, match=re.escape(f"use {new}.{name}")):
        old = getattr(kratom_safety, name)
    if importlib.util.find_spec(new) is not None:
        new_module = importlib.import_module(new)
        assert name in new_module.__all__
        assert getattr(new_module, name) is old
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DeprecationWarning):
            exec(f"from kratom_safety import {name}", {})


def test_no_other_name_is_reachable() -> None:
    public = {*kratom_safety.__all__, *_moved(), "fhir", "models", "screen"}
    for name in ("load_count", "get_store", "DATASETS", "Store", "negation_of", "SUBSTANCES"):
        assert name not in public
        with pytest.raises(AttributeError):
            getattr(kratom_safety, name)


def test_readme_lists_the_whole_public_surface() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Public API", 1)[1].split("\n## ", 1)[0]
    assert len(section.splitlines()) <= 45, "the Public API section should fit on one screen"
    for module in _public_modules():
        if module is not kratom_safety:
            assert f"`{module.__name__}`" in section, module.__name__
        for name in module.__all__:
            assert re.search(rf"\b{re.escape(name)}\b", section), f"{module.__name__}.{name}"


def test_import_stays_light() -> None:
    code = (
        "import sys, kratom_safety\n"
        "heavy = ['kratom_safety._fhir', 'kratom_safety._fhir_read', 'kratom_safety._screen',\n"
        "         'kratom_safety.fhir', 'kratom_safety.screen', 'kratom_safety._service',\n"
        "         'starlette', 'uvicorn']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_errors_inherit_builtins() -> None:
    assert issubclass(kratom_safety.InvalidInputError, ValueError)
    assert issubclass(kratom_safety.InvalidInputError, kratom_safety.KratomSafetyError)
    assert issubclass(kratom_safety.DataIntegrityError, kratom_safety.KratomSafetyError)
