"""Release hygiene: the built wheel carries the data and nothing stray."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import zipfile

import pytest

from ._paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail("could not build the wheel: " + proc.stderr[-2000:])
    (whl,) = out.glob("kratom_safety-*.whl")
    return zipfile.ZipFile(whl)


def test_wheel_contains_data_and_nothing_stray(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    data = sorted(n for n in names if n.startswith("kratom_safety/data/"))
    expected = sorted(
        "kratom_safety/data/" + p.name
        for p in (REPO / "src" / "kratom_safety" / "data").iterdir()
        if p.suffix == ".json"
    )
    assert data == expected
    assert "kratom_safety/py.typed" in names
    for name in names:
        assert not name.startswith(("tests/", "curation/", "benchmarks/", "docs/")), name
        assert "__pycache__" not in name and not name.endswith(".pyc"), name
    top = {n.split("/")[0] for n in names}
    assert top <= {"kratom_safety", *(n.split("/")[0] for n in names if ".dist-info" in n)}


def test_wheel_metadata(wheel: zipfile.ZipFile) -> None:
    (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    text = wheel.read(meta).decode()
    assert "Requires-Python: >=3.10" in text
    assert "Requires-Dist: pydantic" in text and "Requires-Dist: rapidfuzz" in text
    (ep,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "kratom-safety = kratom_safety._cli:main" in wheel.read(ep).decode()


def test_wheel_ships_every_module_and_asset(wheel: zipfile.ZipFile) -> None:
    src = REPO / "src"
    expected = {
        p.relative_to(src).as_posix()
        for p in (src / "kratom_safety").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected <= set(wheel.namelist()), sorted(expected - set(wheel.namelist()))


def test_the_wheel_alone_works(wheel: zipfile.ZipFile, tmp_path: pathlib.Path) -> None:
    """The unpacked wheel, not this checkout, answers: public modules and data included."""
    wheel.extractall(tmp_path)
    code = (
        "import kratom_safety as ks, kratom_safety.fhir, kratom_safety.models\n"
        "assert ks.check(['oxycodone', 'Xanax']).findings\n"
        "assert kratom_safety.fhir.to_fhir(ks.check(['oxycodone']))\n"
        "print(ks.__file__)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert pathlib.Path(proc.stdout.strip()).resolve().is_relative_to(tmp_path.resolve())
