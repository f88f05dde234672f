"""The CDS Hooks service, the JSON API and their limits (``kratom-safety serve``)."""

from __future__ import annotations

import json
import logging
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the service extra is not installed")
pytest.importorskip("httpx", reason="httpx (Starlette's TestClient) is not installed")

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its TestClient
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from kratom_safety import check
from kratom_safety._cli import main
from kratom_safety._service import create_app, route_label
from kratom_safety._service_hooks import PREFETCH, SERVICES

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "ehr" / "cds-hooks"
SELECT = "/cds-services/kratom-safety-order-select"
SIGN = "/cds-services/kratom-safety-order-sign"
VIEW = "/cds-services/kratom-safety-patient-view"


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


def _statement(med_id: str, text: str, status: str = "active") -> dict[str, Any]:
    return {
        "resourceType": "MedicationStatement",
        "id": med_id,
        "status": status,
        "medicationCodeableConcept": {"text": text},
        "subject": {"reference": "Patient/1"},
    }


def _order(med_id: str, text: str) -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "id": med_id,
        "status": "draft",
        "intent": "order",
        "medicationCodeableConcept": {"text": text},
        "subject": {"reference": "Patient/1"},
    }


def _bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }


def _hook(
    hook: str,
    drafts: list[dict[str, Any]],
    record: list[dict[str, Any]] | None,
    selections: list[str] | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {"userId": "Practitioner/1", "patientId": "1"}
    if hook != "patient-view":
        context["draftOrders"] = _bundle(*drafts)
    if selections is not None:
        context["selections"] = selections
    body: dict[str, Any] = {"hook": hook, "hookInstance": "d1577c69", "context": context}
    if record is not None:
        body["prefetch"] = {
            "medicationStatements": _bundle(
                *[r for r in record if "Statement" in r["resourceType"]]
            ),
            "medicationRequests": None,
        }
    return body


def _cards(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    cards = response.json()["cards"]
    for c in cards:
        assert len(c["summary"]) < 140
        assert c["indicator"] in ("info", "warning", "critical")
        assert c["source"]["label"].startswith("kratom_safety")
        assert "safe" not in c["summary"].lower().replace("kratom_safety", "")
    return cards


# --- discovery -------------------------------------------------------------------------------


def test_discovery(client: TestClient) -> None:
    services = client.get("/cds-services").json()["services"]
    assert {s["hook"] for s in services} == {"order-select", "order-sign", "patient-view"}
    for s in services:
        assert s["id"] in SERVICES and s["title"] and s["description"]
        assert s["prefetch"] == PREFETCH
        assert "MedicationStatement?patient={{context.patientId}}" in s["prefetch"].values()
        assert "MedicationRequest?patient={{context.patientId}}" in s["prefetch"].values()


# --- order hooks ---------------------------------------------------------------------------


def test_order_select_alerts_when_the_record_documents_kratom(client: TestClient) -> None:
    body = _hook(
        "order-select",
        [_order("rx1", "oxycodone 5 mg tablet"), _order("rx2", "amoxicillin 500 mg")],
        [_statement("ms1", "Kratom powder"), _statement("ms2", "sertraline 50 mg")],
        selections=["MedicationRequest/rx1"],
    )
    cards = _cards(client.post(SELECT, json=body))
    kinds = [(c["indicator"], c["source"].get("topic", {}).get("code")) for c in cards]
    assert ("critical", "KS-INT-0001") in kinds  # kratom + opioid agonist, on the selected order
    assert all(c["indicator"] in ("critical", "warning") for c in cards)
    assert any("oxycodone" in c["detail"] for c in cards)


def test_order_select_focuses_on_the_selection(client: TestClient) -> None:
    drafts = [_order("rx1", "oxycodone 5 mg tablet"), _order("rx2", "amoxicillin 500 mg")]
    record = [_statement("ms1", "kratom")]
    # only amoxicillin is selected: the oxycodone draft is not this card's subject
    cards = _cards(
        client.post(SELECT, json=_hook("order-select", drafts, record, ["MedicationRequest/rx2"]))
    )
    assert not any(c["indicator"] in ("critical", "warning") for c in cards)
    # without selections every draft order is the subject
    cards = _cards(client.post(SELECT, json=_hook("order-select", drafts, record)))
    assert any(c["indicator"] == "critical" for c in cards)


def test_order_sign_no_cards_without_documented_use(client: TestClient) -> None:
    body = _hook("order-sign", [_order("rx1", "oxycodone 5 mg")], [_statement("ms1", "sertraline")])
    assert _cards(client.post(SIGN, json=body)) == []


def test_stopped_or_negated_kratom_is_not_documented_use(client: TestClient) -> None:
    for record in (
        [_statement("ms1", "kratom", status="stopped")],
        [_statement("ms1", "no kratom")],
    ):
        body = _hook("order-sign", [_order("rx1", "oxycodone 5 mg")], record)
        assert _cards(client.post(SIGN, json=body)) == []


def test_kratom_ordered_itself_shows_the_whole_list(client: TestClient) -> None:
    drafts = [_order("rx1", "kratom capsules"), _order("rx2", "oxycodone 5 mg")]
    body = _hook("order-select", drafts, [_statement("ms1", "Xanax")], ["MedicationRequest/rx1"])
    cards = _cards(client.post(SELECT, json=body))
    codes = {c["source"].get("topic", {}).get("code") for c in cards}
    assert {"KS-INT-0001", "KS-INT-0003"} <= codes


def test_use_in_the_orders_without_the_record_says_so(client: TestClient) -> None:
    body = _hook("order-sign", [_order("rx1", "oxycodone 5 mg"), _order("rx2", "kratom")], None)
    cards = _cards(client.post(SIGN, json=body))
    assert cards[0]["indicator"] == "critical"
    assert cards[-1]["indicator"] == "info" and "Only the orders" in cards[-1]["summary"]


def test_kratom_in_the_draft_orders_counts(client: TestClient) -> None:
    body = _hook("order-sign", [_order("rx1", "oxycodone 5 mg"), _order("rx2", "7-OH tablets")], [])
    cards = _cards(client.post(SIGN, json=body))
    assert any(c["indicator"] == "critical" for c in cards)
    assert all("7-hydroxymitragynine" in c["detail"] or c["indicator"] == "info" for c in cards)


def test_no_prefetch_is_never_silence(client: TestClient) -> None:
    body = _hook("order-select", [_order("rx1", "oxycodone 5 mg")], None)
    (card,) = _cards(client.post(SELECT, json=body))
    assert card["indicator"] == "info"
    assert "could not be checked" in card["summary"]
    assert "medicationStatements" in card["detail"] and "not an all-clear" in card["detail"]
    # a prefetch key the EHR could not fill (an OperationOutcome) is not a record either
    body = _hook("order-select", [_order("rx1", "oxycodone 5 mg")], [])
    body["prefetch"]["medicationRequests"] = {"resourceType": "OperationOutcome", "issue": []}
    (card,) = _cards(client.post(SELECT, json=body))
    assert "medicationRequests" in card["detail"]


def test_patient_view_summarises(client: TestClient) -> None:
    body = _hook(
        "patient-view",
        [],
        [
            _statement("ms1", "kratom"),
            _statement("ms2", "oxycodone"),
            _statement("ms3", "Xanax"),
            _statement("ms4", "zzqx herbal blend"),
        ],
    )
    cards = _cards(client.post(VIEW, json=body))
    summary = cards[0]
    assert summary["indicator"] == "critical"
    assert summary["summary"].startswith("kratom use documented: 2 interaction findings")
    assert "Cumulative risk" in summary["detail"] and "not evidence" not in summary["summary"]
    assert any("not recognised" in c["summary"] for c in cards[1:])
    # no documented use: no cards
    body = _hook("patient-view", [], [_statement("ms2", "oxycodone")])
    assert _cards(client.post(VIEW, json=body)) == []


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_real_cds_hooks_requests(client: TestClient, path: pathlib.Path) -> None:
    body = json.loads(path.read_text("utf-8"))
    hook = body.get("hook")
    sid = {"order-select": SELECT, "patient-view": VIEW}.get(hook, SIGN)
    if hook is None and "selections" in json.dumps(body):
        sid = SELECT
    body.pop("hook", None)  # older hooks (medication-prescribe) are answered as order-sign
    response = client.post(sid, json=body)
    if "dstu1" in path.name:
        assert response.status_code == 400
        assert "\n" not in response.json()["error"] and "Traceback" not in response.text
        return
    cards = _cards(response)
    # none of these documents kratom, and none carries our prefetch: an info card says so
    assert [c["indicator"] for c in cards] == ["info"]


def test_real_order_select_with_kratom_documented(client: TestClient) -> None:
    body = json.loads((FIXTURES / "hooks-order-select-0.json").read_text("utf-8"))
    body["prefetch"] = {
        "medicationStatements": _bundle(_statement("k", "kratom capsules")),
        "medicationRequests": None,
    }
    cards = _cards(client.post(SELECT, json=body))
    # amoxicillin/clavulanate has no kratom record: no alert, and no silence about gaps either
    assert not any(c["indicator"] in ("critical", "warning") for c in cards)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"context": {"draftOrders": {"resourceType": "Bundle", "entry": {}}}}, "Bundle.entry"),
        ({"context": {"draftOrders": []}}, "malformed FHIR"),
        (
            {"context": {"selections": "MedicationRequest/1", "draftOrders": _bundle()}},
            "selections",
        ),
        ({"context": {}, "prefetch": []}, "prefetch"),
        ({"hookInstance": "x"}, "no context"),
        ({"hook": "patient-view", "context": {}}, "order-select"),
        ([1, 2], "JSON object"),
    ],
)
def test_malformed_hook_requests(client: TestClient, body: object, message: str) -> None:
    response = client.post(SELECT, json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert message in error and "\n" not in error


def test_unknown_service(client: TestClient) -> None:
    assert client.post("/cds-services/nope", json={"context": {}}).status_code == 404


def test_feedback_is_counted_not_kept(client: TestClient) -> None:
    fb = {
        "feedback": [
            {"card": "abc", "outcome": "accepted", "outcomeTimestamp": "2026-11-29T10:00:00Z"},
            {
                "card": "def",
                "outcome": "overridden",
                "overrideReason": {
                    "reason": {"code": "will-monitor", "system": "urn:kratom-safety:override"},
                    "userComment": "Patient John Doe MRN 12345 says fine",
                },
            },
        ]
    }
    response = client.post(SELECT + "/feedback", json=fb)
    assert response.status_code == 200 and response.json() == {"accepted": 2}
    counts = client.get("/api/feedback").json()["counts"]
    assert {
        "service": "kratom-safety-order-select",
        "outcome": "overridden",
        "override_reason": "will-monitor",
        "count": 1,
    } in counts
    assert "John" not in json.dumps(counts) and "abc" not in json.dumps(counts)
    assert client.post(SELECT + "/feedback", json={"feedback": [{}]}).status_code == 400


def test_cors_preflight(client: TestClient) -> None:
    response = client.options(
        SELECT,
        headers={
            "Origin": "https://sandbox.cds-hooks.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
    simple = client.get("/cds-services", headers={"Origin": "https://sandbox.cds-hooks.org"})
    assert simple.headers["access-control-allow-origin"] == "*"


# --- JSON API --------------------------------------------------------------------------------


def test_api_check_is_check_json(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    meds = ["oxycodone HCl 5 mg tab", "Xanax 0.5mg", "sertraline", "patient refused"]
    response = client.post("/api/check", json={"medications": meds, "substance": "kratom"})
    assert response.status_code == 200
    assert main(["check", "--json", *meds]) == 0
    assert response.json() == json.loads(capsys.readouterr().out)
    r2 = client.post(
        "/api/check", json={"medications": ["hydrocodone"], "substance": "7-hydroxymitragynine"}
    )
    assert r2.json()["substances"] == ["7-hydroxymitragynine"]
    assert client.post("/api/check", json={"medications": []}).json()["coverage"] == "none"


def test_api_resolve_and_status(client: TestClient) -> None:
    got = client.get(
        "/api/resolve", params=[("q", "Percocet 5/325"), ("q", "patient refused")]
    ).json()
    assert got[0]["match"]["ingredients"] == ["oxycodone", "acetaminophen"]
    assert got[1] == {"input": "patient refused", "match": None}
    assert client.get("/api/resolve").status_code == 400
    status = client.get("/api/status/US-FL").json()
    assert {r["jurisdiction"] for r in status} == {"US-FL", "US"}
    one = client.get("/api/status/US-FL", params={"substance": "kratom"}).json()
    assert {r["substance"] for r in one} == {"kratom"}
    bad = client.get("/api/status/XX-ZZZ")
    assert bad.status_code == 422 and "jurisdiction" in bad.json()["error"]


def test_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"/api/check", "/api/resolve", "/api/status/{code}", "/cds-services"} <= set(
        doc["paths"]
    )
    # every $ref resolves inside the document
    text = json.dumps(doc)
    for ref in {r.split('"')[0] for r in text.split('"$ref": "')[1:]}:
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
    jsonschema = pytest.importorskip("jsonschema")
    report = client.post("/api/check", json={"medications": ["oxycodone"]}).json()
    schema = {**doc["components"]["schemas"]["Report"], "components": doc["components"]}
    jsonschema.validate(report, schema)


# --- limits and bad input --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/check", SELECT])
def test_oversized_bodies_get_413(client: TestClient, path: str) -> None:
    big = b'{"medications": ["' + b"a" * 1_100_000 + b'"]}'
    response = client.post(path, content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "error" in response.json()

    def chunks() -> Any:  # no Content-Length: counted while read
        for _ in range(12):
            yield b" " * 100_000

    response = client.post(path, content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_too_many_medications_get_422(client: TestClient) -> None:
    response = client.post("/api/check", json={"medications": ["aspirin"] * 1001})
    assert response.status_code == 422 and "1000" in response.json()["error"]
    assert client.post("/api/check", json={"medications": ["aspirin"] * 1000}).status_code == 200


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{not json", 400),
        (b"", 400),
        (b'{"medications": ["oxycodone"]', 400),
        (b"\xff\xfe{}", 400),
        ('{"medications": ["caf\u00e9"]}'.encode("latin-1"), 400),
        (b"[" * 200_000 + b"]" * 200_000, 400),
        (b'{"medications": [NaN]}', 400),
        (b'{"medications": ["\\ud800"]}', 400),
        (b'{"medications": "oxycodone"}', 400),
        (b'{"meds": ["oxycodone"]}', 400),
        (b"[]", 400),
        (b'{"medications": [1]}', 422),
        (b'{"medications": ["   "]}', 422),
        (b'{"medications": ["x"], "substance": "coffee"}', 422),
        (b'{"medications": ["' + b"x" * 600 + b'"]}', 422),
    ],
)
def test_bad_bodies(client: TestClient, content: bytes, status: int) -> None:
    response = client.post(
        "/api/check", content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == status, response.text
    assert set(response.json()) == {"error"}
    assert "Traceback" not in response.text and "\n" not in response.json()["error"]


def test_deeply_nested_fhir_gets_400(client: TestClient) -> None:
    body: dict[str, Any] = {"resourceType": "MedicationRequest", "id": "x"}
    for _ in range(40):
        body = {"resourceType": "Bundle", "entry": [{"resource": body}]}
    response = client.post(SIGN, json={"context": {"draftOrders": body}})
    assert response.status_code == 400 and "nested" in response.json()["error"]


def test_security_headers_and_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert (
        "<script>" not in page.text and "http://" not in page.text and "https://" not in page.text
    )
    for asset in ("/static/app.js", "/static/style.css"):
        got = client.get(asset)
        text = got.text.replace("https?", "")
        assert got.status_code == 200 and "http" not in text
    assert client.get("/static/../_service.py").status_code == 404
    assert client.get("/api/check").status_code == 405
    assert client.get("/nowhere").json() == {"error": "not found"}
    assert (
        client.post("/api/check", json={"medications": ["x"]}).headers["cache-control"]
        == "no-store"
    )


def test_one_log_line_per_request_without_medication_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kratom_safety.service"):
        client.post("/api/check", json={"medications": ["Zoloftxyz secretname"]})
        client.get("/api/resolve", params={"q": "secretname"})
        client.post(
            SELECT,
            json=_hook("order-select", [_order("r", "secretname")], [_statement("s", "kratom")]),
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "kratom_safety.service"]
    assert len(lines) == 3
    assert lines[0].startswith("POST /api/check 200 ")
    assert lines[1].startswith("GET /api/resolve 200 ")
    assert lines[2].startswith("POST /cds-services/kratom-safety-order-select 200 ")
    assert not any("secretname" in line for line in lines)


def test_route_labels_never_echo_free_text() -> None:
    assert route_label("/api/status/US-FL") == "/api/status/{code}"
    assert route_label("/cds-services/oxycodone/feedback") == "/cds-services/{unknown}/feedback"
    assert route_label("/api/resolve/oxycodone") == "(other)"


# --- packaging, CLI and a real server ---------------------------------------------------------


def test_core_import_does_not_load_the_service() -> None:
    code = (
        "import sys, kratom_safety; kratom_safety.check(['x']); kratom_safety.to_cds_hooks; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_without_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] in ("starlette", "uvicorn")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "starlette", None)
    monkeypatch.delitem(sys.modules, "kratom_safety._service", raising=False)
    assert main(["serve", "--port", str(_free_port())]) == 2
    assert 'pip install "kratom-safety[service]"' in capsys.readouterr().err


def test_serve_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--port", "0"], ["--port", "http"], ["--workers", "0"]):
        with pytest.raises(SystemExit) as exc:
            main(["serve", *args])
        assert exc.value.code == 2
    capsys.readouterr()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the server exited: " + (proc.stderr.read() if proc.stderr else ""))
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("the server did not start in time")


@pytest.mark.parametrize("workers", [1, 2])
def test_kratom_safety_serve_runs_and_stops_on_sigterm(workers: int) -> None:
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
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/healthz", proc)
        with urllib.request.urlopen(base + "/cds-services", timeout=5) as r:
            assert len(json.load(r)["services"]) == 3
        req = urllib.request.Request(
            base + "/api/check",
            data=json.dumps({"medications": ["oxycodone", "Xanax secretname"]}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            assert json.load(r)["findings"]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "service stopped" in err
    assert "POST /api/check 200" in err and "secretname" not in err and "Traceback" not in err
    assert "127.0.0.1" in err  # bound to loopback by default


def test_check_baseline_matches_service() -> None:
    # the API adds no logic of its own to the report
    with TestClient(create_app()) as c:
        got = c.post("/api/check", json={"medications": ["oxycodone", "kratom"]}).json()
    assert got == check(["oxycodone", "kratom"]).to_dict()


@pytest.mark.parametrize(
    "bundle",
    [
        {"resourceType": "Bundle", "entry": {}},
        {"resourceType": "Bundle", "entry": 5},
        {"resourceType": "Bundle", "entry": ["x"]},
        {"resourceType": "Bundle", "entry": [{"resource": "x"}]},
        {"resourceType": 5},
        {"resourceType": "MedicationPrescription", "id": "dstu1"},
        "not a bundle",
    ],
)
@pytest.mark.parametrize("where", ["draftOrders", "prefetch"])
def test_every_shape_the_reader_refuses_gets_400(
    client: TestClient, bundle: object, where: str
) -> None:
    from kratom_safety import InvalidInputError
    from kratom_safety.fhir import medications_from_fhir

    body: dict[str, Any] = {"hook": "order-sign", "context": {"patientId": "1"}}
    if where == "draftOrders":
        body["context"]["draftOrders"] = bundle
    else:
        body["prefetch"] = {"medicationStatements": bundle}
    with pytest.raises(InvalidInputError):
        medications_from_fhir(body)
    response = client.post(SIGN, json=body)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error"} and "\n" not in response.json()["error"]
