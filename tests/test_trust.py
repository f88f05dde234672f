"""Loading happens exactly once under contention, and nothing opens a socket."""

from __future__ import annotations

import pathlib
import socket
import threading

import pytest

import kratom_safety as ks


def test_data_loads_exactly_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    """16 threads start on unloaded data: the data files are read once, and all see one load."""
    reads: list[str] = []
    read_bytes = pathlib.Path.read_bytes

    def counting(self: pathlib.Path) -> bytes:
        if self.parent.name == "data" and self.name == "interactions.json":
            reads.append(self.name)
        return read_bytes(self)

    ks.clear_caches()
    monkeypatch.setattr(pathlib.Path, "read_bytes", counting)
    barrier = threading.Barrier(16)
    results: list[list[str]] = []

    def work() -> None:
        barrier.wait()
        results.append([r.id for r in ks.interactions()])

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert reads == ["interactions.json"]
    assert len(results) == 16 and all(r == results[0] for r in results) and results[0]
    ks.clear_caches()
    ks.interactions()
    assert reads == ["interactions.json"] * 2, "clear_caches() makes the next call reload"


def test_no_socket_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ks.clear_caches()
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
        "from kratom_safety import fhir\n"
        "fhir.to_fhir(r); fhir.to_cds_hooks(r)\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
