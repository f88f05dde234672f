"""Loading happens exactly once under contention, and nothing opens a socket."""

from __future__ import annotations

import socket
import threading

import pytest

import kratom_safety as ks
from kratom_safety import _data, _index, _resolver


def test_data_loads_exactly_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_data, "_store", None)
    monkeypatch.setattr(_index, "_current", None)
    before = _data.load_count()
    barrier = threading.Barrier(16)
    stores: list[object] = []

    def work() -> None:
        barrier.wait()
        stores.append(_data.get_store())

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _data.load_count() == before + 1
    assert len({id(s) for s in stores}) == 1


def test_no_socket_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(_data, "_store", None)
    monkeypatch.setattr(_index, "_current", None)
    _resolver.resolve_cached.cache_clear()
    assert ks.resolve("Percocet") is not None
    assert ks.check(["oxycodone", "zolof"]).findings


def test_no_socket_from_import_onwards() -> None:
    """A fresh interpreter with sockets disabled before the import still works."""
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('network access attempted')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import kratom_safety as ks\n"
        "assert ks.resolve('Percocet 5/325').ingredients\n"
        "r = ks.check(['oxycodone', 'zolof', 'Xanax'])\n"
        "assert r.findings\n"
        "ks.to_fhir(r); ks.to_cds_hooks(r)\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
