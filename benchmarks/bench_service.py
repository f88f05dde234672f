"""Service load test: ``kratom-safety serve`` on loopback, with 1 and 2 worker processes.

Starts the server itself (``python -m kratom_safety serve`` on a free loopback port), then
drives ``POST /api/check`` and an ``order-select`` CDS Hooks call from 1, 8 and 32 concurrent
keep-alive clients (a minimal HTTP/1.1 client on asyncio, in this process), each run bounded
by a request count and a time limit. Prints requests/s and p50 / p99 latency, and the ratio of
requests/s to a baseline in this process: calling ``check()`` (and the hook function) directly,
with no HTTP. The load generator shares the machine with the server; its own CPU use is
printed, since on a small machine it, not the server, may set the ceiling. Run:

    python benchmarks/bench_service.py [--requests 3000] [--seconds 6] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from typing import Any

MEDS = [
    "oxycodone HCl 5 mg tab",
    "Xanax 0.5mg",
    "sertraline 50 mg",
    "lisinopril 10 mg",
    "metformin 500 mg",
    "atorvastatin 20 mg",
    "gabapentin 300 mg",
    "kratom powder",
]


def _statement(i: int, text: str) -> dict[str, Any]:
    return {
        "resourceType": "MedicationStatement",
        "id": f"ms{i}",
        "status": "active",
        "medicationCodeableConcept": {"text": text},
        "subject": {"reference": "Patient/1"},
    }


HOOK = {
    "hook": "order-select",
    "hookInstance": "bench",
    "context": {
        "userId": "Practitioner/1",
        "patientId": "1",
        "selections": ["MedicationRequest/rx1"],
        "draftOrders": {
            "resourceType": "Bundle",
            "entry": [
                {
                    "resource": {
                        "resourceType": "MedicationRequest",
                        "id": "rx1",
                        "status": "draft",
                        "intent": "order",
                        "medicationCodeableConcept": {
                            "coding": [
                                {
                                    "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                    "code": "1049621",
                                    "display": "oxycodone hydrochloride 5 MG Oral Tablet",
                                }
                            ]
                        },
                        "subject": {"reference": "Patient/1"},
                    }
                }
            ],
        },
    },
    "prefetch": {
        "medicationStatements": {
            "resourceType": "Bundle",
            "entry": [{"resource": _statement(i, m)} for i, m in enumerate(MEDS[1:])],
        },
        "medicationRequests": None,
    },
}
HOOK_PATH = "/cds-services/kratom-safety-order-select"


def _request(path: str, body: dict[str, Any]) -> bytes:
    data = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def _client(
    port: int, request: bytes, left: list[int], deadline: float, lat: list[float], bad: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while left[0] > 0 and time.perf_counter() < deadline:
            left[0] -= 1
            t0 = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            lat.append(time.perf_counter() - t0)
            if b" 200 " not in status:
                bad[0] += 1
    finally:
        writer.close()


async def _load(port: int, request: bytes, clients: int, n: int, seconds: float) -> dict[str, Any]:
    lat: list[float] = []
    bad = [0]
    left = [n]
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    deadline = t0 + seconds
    await asyncio.gather(
        *(_client(port, request, left, deadline, lat, bad) for _ in range(clients))
    )
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    lat.sort()
    return {
        "requests": len(lat),
        "rps": len(lat) / wall,
        "p50_ms": 1000 * lat[len(lat) // 2],
        "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
        "errors": bad[0],
        "client_cpu": cpu / wall,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kratom_safety",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            time.sleep(1.0 if workers > 1 else 0.1)  # let every worker finish its start-up
            return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def _baseline(seconds: float) -> dict[str, tuple[float, float]]:
    """Calls per second and p50 (ms) of the same work in this process, without HTTP."""
    from kratom_safety import check
    from kratom_safety._service_hooks import hook_response

    out = {}
    for name, fn in (
        ("/api/check", lambda: check(MEDS).to_dict()),
        ("order-select", lambda: hook_response("kratom-safety-order-select", HOOK)),
    ):
        fn()
        lat = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t = time.perf_counter()
            fn()
            lat.append(time.perf_counter() - t)
        out[name] = (len(lat) / seconds, 1000 * statistics.median(lat))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3000, help="per run (default 3000)")
    ap.add_argument("--seconds", type=float, default=6.0, help="time limit per run (default 6)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if args.requests > 20_000 or args.seconds > 60:
        raise SystemExit("keep load tests bounded: at most 20,000 requests and 60 s per run")

    base = _baseline(1.0)
    cases = [
        ("/api/check", _request("/api/check", {"medications": MEDS, "substance": "kratom"})),
        ("order-select", _request(HOOK_PATH, HOOK)),
    ]
    print(f"kratom-safety service load test, {os.cpu_count()} CPUs, loopback")
    for name, (rate, p50) in base.items():
        print(f"baseline in process, {name:<13} {rate:8.0f} calls/s   p50 {p50:6.2f} ms")
    print(
        f"{'endpoint':<14}{'workers':>8}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'x base':>8}{'errors':>8}{'client CPU':>12}"
    )
    rows = []
    for workers in args.workers:
        proc, port = _start(workers)
        try:
            for name, req in cases:
                asyncio.run(_load(port, req, 4, 200, 5))  # warm up every worker's caches
                for clients in args.clients:
                    r = asyncio.run(_load(port, req, clients, args.requests, args.seconds))
                    r.update(endpoint=name, workers=workers, clients=clients)
                    r["x_baseline"] = r["rps"] / base[name][0]
                    rows.append(r)
                    print(
                        f"{name:<14}{workers:>8}{clients:>8}{r['rps']:>9.0f}{r['p50_ms']:>9.2f}"
                        f"{r['p99_ms']:>9.2f}{r['x_baseline']:>8.2f}{r['errors']:>8}"
                        f"{r['client_cpu']:>11.0%}"
                    )
        finally:
            proc.terminate()
            proc.wait(20)
    if args.json:
        print(json.dumps({"baseline": base, "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
