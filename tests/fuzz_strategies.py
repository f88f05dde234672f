"""Hypothesis strategies for hostile batch and EHR inputs (shared by tests and benchmarks).

Each ``run_*`` function feeds one generated input to the library and returns the kind of
outcome: ``"ok"`` or the name of the library error. Anything else raised is a crash and
propagates. Each also checks the contract: never a silent all-clear.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

import kratom_safety as ks
from kratom_safety import fhir
from kratom_safety.screen import screen_file

MEDS = ["oxycodone 5 mg", "Xanax", "MS 30 mg", "no oxycodone", "stopped Xanax", "zolof", "", " "]
_text = st.one_of(
    st.sampled_from(MEDS),
    st.text(max_size=30),
    st.text(alphabet='",\r\n\t;=+-@\ufeff\x00ab', max_size=12),
)
_column = st.sampled_from(["patient_id", "medication", "note", "Medication", "", " medication"])


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """A CSV export: usually a sane header, then rows that may be ragged or badly quoted."""
    header = draw(
        st.one_of(
            st.just(["patient_id", "medication"]),
            st.lists(_column, min_size=1, max_size=4),
        )
    )
    rows = draw(st.lists(st.lists(_text, min_size=0, max_size=len(header) + 1), max_size=8))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    try:
        w.writerow(header)
        w.writerows(rows)
    except csv.Error:  # a row the csv module itself cannot write (e.g. a lone special field)
        reject()
    text = buf.getvalue()
    if draw(st.booleans()):  # damage: drop or add a quote somewhere
        i = draw(st.integers(0, len(text)))
        text = text[:i] + '"' + text[i:]
    return text.encode("utf-8", "surrogatepass")


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(json.dumps(draw(_json_value)))
        elif kind == 1:  # duplicate keys
            lines.append('{"patient_id": "a", "medication": "x", "medication": "y"}')
        elif kind == 2:
            lines.append("[" * draw(st.integers(1, 3000)))
        else:
            obj = {
                "patient_id": draw(st.one_of(_text, st.integers(), st.none())),
                "medication": draw(st.one_of(_text, st.none(), st.integers())),
            }
            lines.append(json.dumps(obj))
    prefix = "\ufeff" if draw(st.booleans()) else ""
    return (prefix + "\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


_status = st.sampled_from(
    [None, "active", "entered-in-error", "cancelled", "stopped", "not-taken", "completed", 5]
)


@st.composite
def fhir_resource(draw: st.DrawFn) -> Any:
    rtype = draw(st.sampled_from(["MedicationRequest", "MedicationStatement", "Observation"]))
    res: dict[str, Any] = {"resourceType": rtype, "id": draw(st.text(max_size=5))}
    status = draw(_status)
    if status is not None:
        res["status"] = status
    if draw(st.booleans()):
        res["medicationCodeableConcept"] = draw(
            st.one_of(
                st.fixed_dictionaries({"text": _text}),
                st.fixed_dictionaries(
                    {"coding": st.lists(st.fixed_dictionaries({"display": _text}), max_size=2)}
                ),
                _json_value,
            )
        )
    if draw(st.booleans()):
        res["doNotPerform"] = draw(st.one_of(st.booleans(), _json_value))
    return res


def _bundle(entries: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {
            "resourceType": st.just("Bundle"),
            "entry": st.one_of(
                st.lists(st.fixed_dictionaries({"resource": entries}), max_size=5),
                _json_value,
            ),
        }
    )


fhir_bundles = st.recursive(
    _bundle(fhir_resource()), lambda inner: _bundle(st.one_of(fhir_resource(), inner)), max_leaves=6
)

cds_requests = st.fixed_dictionaries(
    {
        "hook": st.sampled_from(["order-select", "order-sign"]),
        "context": st.one_of(
            st.fixed_dictionaries(
                {"patientId": _text, "draftOrders": st.one_of(fhir_bundles, _json_value)}
            ),
            _json_value,
        ),
    },
    optional={
        "prefetch": st.dictionaries(
            st.text(max_size=4), st.one_of(fhir_bundles, _json_value), max_size=2
        )
    },
)


def _no_silent_all_clear(report: ks.Report) -> None:
    checked = [r for r in report.inputs if r.status in ("matched", "partial", "substance")]
    if not checked:
        assert report.coverage == "none"
        assert fhir.to_cds_hooks(report)["cards"], "nothing checked but no card"
    if report.coverage == "complete":
        assert all(r.status in ("matched", "substance") for r in report.inputs)


def run_fhir(data: Any) -> str:
    try:
        got = fhir.read_fhir_medications(data)
    except ks.KratomSafetyError as exc:
        return type(exc).__name__
    assert all(isinstance(n, str) for n in got.medications)
    _no_silent_all_clear(ks.check(got.medications))
    return "ok"


def run_file(data: bytes, ext: str, out_ext: str = "csv") -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in.{ext}"
        src.write_bytes(data)
        out = Path(tmp) / f"out.{out_ext}"
        try:
            summary = screen_file(src, out, progress=False, temp_dir=tmp)
        except ks.KratomSafetyError as exc:
            assert not out.exists()
            assert "\n" not in str(exc)
            return type(exc).__name__
        assert out.exists()
        if out_ext == "csv":
            with open(out, encoding="utf-8", newline="", errors="surrogateescape") as fh:
                rows = list(csv.DictReader(fh))
            assert len({r["patient_id"] for r in rows}) == summary.patients_screened
            for r in rows:
                assert r["coverage"] in ("complete", "partial", "none")
        return "ok"
