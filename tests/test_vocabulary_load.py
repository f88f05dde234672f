"""Resolving a name reads only the resolver's datasets; the store reuses them (each dataset is
read once), and the cross-checks of those datasets run before any name is resolved."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from kratom_safety import DataIntegrityError
from kratom_safety._data import (
    VOCABULARY_DATASETS,
    build_store,
    build_vocabulary,
    get_store,
    get_vocabulary,
    read_dataset,
)


def _doc(name: str, records: list[dict[str, Any]]) -> bytes:
    from kratom_safety import DATA_VERSION

    doc = {"dataset": name, "schema_version": 1, "data_version": DATA_VERSION, "records": records}
    return json.dumps(doc).encode()


def test_resolve_reads_only_the_vocabulary() -> None:
    # a dataset's validator is built when the dataset is first read
    code = (
        "import kratom_safety as ks\n"
        "from kratom_safety import _data\n"
        "m = ks.resolve('Percocet 5/325')\n"
        "read = sorted(n for n, d in _data.DATASETS.items() if d._adapter is not None)\n"
        "print(m.ingredients, read, _data._store is None)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "('oxycodone', 'acetaminophen') ['aliases', 'fda_names', 'ingredients', 'substances'] True"
    )


@pytest.mark.parametrize(
    ("text", "loaded"),
    [
        ("oxycodone 5 mg tablet", False),  # ours and a strength: FDA's lists are not needed
        ("sertraline 50 mg daily", False),
        ("oxycodone and acetaminophen 5 mg/325 mg", True),  # may be an FDA product name
        ("etidocaine hydrochloride", True),  # a word we do not know
    ],
)
def test_fda_lists_are_read_only_when_the_string_may_name_one_of_theirs(
    text: str, loaded: bool
) -> None:
    # every dataset file is read through _data._records: note the names read
    code = (
        "import kratom_safety as ks\n"
        "from kratom_safety import _data\n"
        "seen, read = set(), _data._records\n"
        "_data._records = lambda name, raw, *a, **k: seen.add(name) or read(name, raw, *a, **k)\n"
        f"ks.resolve({text!r})\n"
        "print('fda_substances' in seen)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(loaded)


def test_store_holds_the_vocabulary_records() -> None:
    vocab, store = get_vocabulary(), get_store()
    assert VOCABULARY_DATASETS == ("substances", "ingredients", "aliases", "fda_names")
    for name in VOCABULARY_DATASETS:
        assert getattr(store, name) is getattr(vocab, name)
    assert len(vocab.ingredients) == 1647
    assert len(vocab.aliases) == 3635
    assert len(vocab.fda_names) == 4005
    assert len(vocab.substances) == 3


def _reader(name: str, raw: bytes | None) -> Any:
    def reader(n: str) -> tuple[Any, ...]:
        if n == name:
            return read_dataset(n, raw)
        return read_dataset(n)

    return reader


@pytest.mark.parametrize("build", [build_vocabulary, build_store])
def test_alias_of_an_unknown_ingredient_is_refused(build: Any) -> None:
    rec = {"id": "zz", "text": "ZZ", "kind": "brand", "ingredients": ["no such drug"]}
    with pytest.raises(DataIntegrityError) as exc:
        build(_reader("aliases", _doc("aliases", [rec])))
    assert exc.value.file == "aliases.json"
    assert exc.value.record == "zz"


@pytest.mark.parametrize("build", [build_vocabulary, build_store])
def test_fda_brand_of_an_unknown_ingredient_is_refused(build: Any) -> None:
    rec = {
        "id": "zz",
        "name": "ZZ",
        "kind": "brand",
        "unii": "0123456789",
        "ingredients": ["no such drug"],
    }
    with pytest.raises(DataIntegrityError) as exc:
        build(_reader("fda_names", _doc("fda_names", [rec])))
    assert exc.value.file == "fda_names.json"
    assert exc.value.record == "zz"
