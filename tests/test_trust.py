"""Loading happens exactly once under contention, and nothing opens a socket."""

from __future__ import annotations

import socket
import threading

import pytest

import kratom_safety as ks
from kratom_safety import _data, _resolver


def test_data_loads_exactly_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_data, "_store", None)
    monkeypatch.setattr(_resolver, "_index", None)
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
    monkeypatch.setattr(_resolver, "_index", None)
    _resolver._resolve_cached.cache_clear()
    assert ks.resolve("Percocet") is not None
    assert ks.check(["oxycodone", "zolof"]).findings
