"""Issue 13: batch and EHR inputs never give a silent all-clear, never damage beyond the output.

One section per numbered defect of the issue; each test failed before the fix.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import kratom_safety as ks
from kratom_safety._check import negation_of
from kratom_safety._cli import main
from kratom_safety._cli_display import format_summary
from kratom_safety._data import get_store
from kratom_safety.screen import CSV_COLUMNS, group_by_patient, screen_file, screen_rows
from kratom_safety.screen._group import SeenFilter

from ._paths import REPO

CLI = [sys.executable, "-m", "kratom_safety"]
GOOD = "patient_id,medication\nA,oxycodone 5 mg\nB,sertraline\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- 1 output target


def test_fifo_output_is_refused_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = _cli(capsys, "screen", str(src), "-o", str(fifo), "--output-format", "csv")
    assert code == 2
    assert err.count("\n") == 1 and "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "pipe"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a character device needs root")
def test_character_device_output_is_refused(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    dev = tmp_path / "null"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    with pytest.raises(ks.InvalidInputError, match="not a regular file"):
        screen_file(src, dev, output_format="csv")
    assert stat.S_ISCHR(os.stat(dev).st_mode)


def test_directory_output_is_refused(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ks.InvalidInputError, match="is a directory"):
        screen_file(src, tmp_path / "d.csv")


def test_symlink_output_is_written_through(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    target = _write(tmp_path / "target.csv", "old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    screen_file(src, link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert [r["patient_id"] for r in _rows(target)] == ["A", "B"]
    # a symlink to a device is refused like the device
    dev_link = tmp_path / "dev.csv"
    os.mkfifo(tmp_path / "fifo")
    dev_link.symlink_to(tmp_path / "fifo")
    with pytest.raises(ks.InvalidInputError, match="not a regular file"):
        screen_file(src, dev_link)


def test_stdin_and_stdout(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*CLI, "screen", "-", "-o", "-", "--no-progress"],
        input=GOOD,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, TMPDIR=str(tmp_path)),
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["patient_id"] for r in rows] == ["A", "B"]
    assert "Patients screened" in proc.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- 2, 3 reading
# (multi-line quoted cells, duplicate columns and keys: see _bad_files in test_screen.py)


def test_stray_quote_does_not_swallow_patients(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "in.csv",
        'patient_id,medication\nA,"oxycodone 5 mg\nB,sertraline\nC,Xanax 0.5mg"\nD,lisinopril\n',
    )
    with pytest.raises(ks.InvalidInputError, match=r"line 2: .*line break"):
        screen_file(src, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_duplicate_columns_and_keys_are_refused(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "patient_id,medication,medication\n1,sertraline,oxycodone\n")
    with pytest.raises(ks.InvalidInputError, match="duplicate column 'medication'"):
        screen_file(src, tmp_path / "out.csv")
    src = _write(
        tmp_path / "in.jsonl", '{"patient_id": "1", "medication": "a", "medication": "b"}\n'
    )
    with pytest.raises(ks.InvalidInputError, match="duplicate key 'medication'"):
        screen_file(src, tmp_path / "out.csv")


def test_multiline_note_column_is_still_accepted(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", 'patient_id,medication,note\nA,sertraline,"two\nlines"\n')
    s = screen_file(src, tmp_path / "out.csv")
    assert s.patients_screened == 1


# --------------------------------------------------------------------------- 4 CR in output


def test_output_csv_round_trips_cr_and_lf(tmp_path: Path) -> None:
    lines = [
        {"patient_id": "A\r2", "medication": "sertraline"},
        {"patient_id": "B", "medication": "blorp\rzz"},
        {"patient_id": "C\n3", "medication": "oxycodone"},
    ]
    src = _write(tmp_path / "in.jsonl", "".join(json.dumps(d) + "\n" for d in lines))
    for grouped in (True, False):
        out = tmp_path / f"out-{grouped}.csv"
        if grouped:
            screen_file(src, out)
        else:  # the partitioned path writes and re-reads the fields through temp files
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(SeenFilter, "add", lambda self, key: True)
                screen_file(src, out)
        rows = _rows(out)
        assert [r["patient_id"] for r in rows] == ["A\r2", "B", "C\n3"]
        assert rows[1]["unrecognized"] == "blorp\rzz"


# --------------------------------------------------------------------------- 5 empty lists


def test_empty_list_has_coverage_none_and_an_info_card() -> None:
    r = ks.check([])
    assert r.coverage == "none"
    assert "Nothing was checked" in r.statement
    assert "safe" not in r.statement.replace("kratom_safety", "")
    (card,) = ks.fhir.to_cds_hooks(r)["cards"]
    assert card["indicator"] == "info" and "No medication was checked" in card["summary"]
    assert r.to_dict()["coverage"] == "none"


def test_empty_stdin_check_says_nothing_was_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "check", "--json", "-", stdin="")
    assert code == 0
    doc = json.loads(out)
    assert doc["coverage"] == "none" and doc["inputs"] == []


def test_all_blank_patient_has_coverage_none(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "patient_id,medication\nA,\nA,  \nB,oxycodone\n")
    s = screen_file(src, tmp_path / "out.csv")
    a, b = _rows(tmp_path / "out.csv")
    assert a["coverage"] == "none" and b["coverage"] == "complete"
    assert s.patients_with_no_coverage == 1
    assert "Patients with nothing checked:" in format_summary(s)


@pytest.mark.parametrize(
    "request_",
    [
        {"resourceType": "Bundle", "entry": {}},
        {"resourceType": "Bundle", "entry": 5},
        {"resourceType": "Bundle", "entry": ["x"]},
        {"resourceType": "Bundle", "entry": [{"resource": "x"}]},
        {"hook": "order-select", "context": {"draftOrders": "not a bundle"}},
        {"hook": "order-select", "context": "x"},
        {"hook": "order-select"},
        {"hook": "order-select", "context": {}, "prefetch": {"meds": 5}},
        {"resourceType": 5},
    ],
)
def test_malformed_fhir_is_an_error_not_an_empty_list(request_: dict[str, Any]) -> None:
    with pytest.raises(ks.InvalidInputError, match=r"malformed FHIR|expected a FHIR"):
        ks.fhir.medications_from_fhir(request_)


# --------------------------------------------------------------------------- 6 FHIR statuses


def test_fhir_entries_not_taken_are_skipped_and_reported() -> None:
    def med(rtype: str, name: str, **kw: Any) -> dict[str, Any]:
        return {
            "resource": {"resourceType": rtype, "medicationCodeableConcept": {"text": name}, **kw}
        }

    bundle = {
        "resourceType": "Bundle",
        "entry": [
            med("MedicationRequest", "oxycodone 5 mg", id="r1", status="entered-in-error"),
            med("MedicationRequest", "tramadol", id="r2", status="cancelled"),
            med("MedicationRequest", "Xanax", id="r3", status="stopped"),
            med("MedicationRequest", "methadone", id="r4", status="active", doNotPerform=True),
            med("MedicationStatement", "diazepam", id="s1", status="not-taken"),
            med("MedicationRequest", "sertraline", id="r5", status="active"),
        ],
    }
    assert ks.fhir.medications_from_fhir(bundle) == ["sertraline"]
    got = ks.fhir.read_fhir_medications(bundle)
    assert got.medications == ("sertraline",)
    assert [(s.id, s.name, s.reason) for s in got.skipped] == [
        ("r1", "oxycodone 5 mg", "status entered-in-error"),
        ("r2", "tramadol", "status cancelled"),
        ("r3", "Xanax", "status stopped"),
        ("r4", "methadone", "doNotPerform"),
        ("s1", "diazepam", "status not-taken"),
    ]
    assert {f.ingredient for f in ks.check(got.medications).findings} <= {"sertraline"}


# --------------------------------------------------------------------------- 7 negations

NEGATED = [
    "no oxycodone",
    "stopped Xanax",
    "d/c oxycodone",
    "oxycodone discontinued 2019",
    "denies opioids",
    "not taking Xanax",
    "held: metoprolol",
    "allergic to codeine",
    "Allergy: tramadol",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negations_give_no_finding_and_partial_coverage(text: str) -> None:
    r = ks.check([text, "sertraline"])
    assert r.inputs[0].status == "negated"
    assert r.negated == (text,)
    assert not any(text in f.inputs for f in r.findings)
    assert r.coverage == "partial"
    assert "not taken" in r.statement and repr(text) in r.statement
    assert all(d["status"] == "preliminary" for d in ks.fhir.to_fhir(r))
    cards = ks.fhir.to_cds_hooks(r)["cards"]
    assert any("not taken" in c["summary"] and text in c["detail"] for c in cards)


@pytest.mark.parametrize("text", ["Norco 5/325", "oxycodone 5 mg, no refills", "Xanax 0.5 mg"])
def test_non_negations_are_still_checked(text: str) -> None:
    r = ks.check([text])
    assert r.inputs[0].status != "negated" and r.findings


def test_negation_vocabulary_is_data_and_its_examples_match() -> None:
    store = get_store()
    assert {"no", "not_taking", "denies", "stopped", "d_c", "discontinued", "held"} <= set(
        store.negations
    )
    assert {"allergic_to", "allergy"} <= set(store.negations)
    for rec in store.negations.values():
        assert negation_of(rec.example) == rec.id or negation_of(rec.example) is not None


def test_negations_source_matches_the_shipped_file() -> None:
    source = REPO / "curation" / "sources" / "negations.jsonl"
    records = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    doc = {
        "dataset": "negations",
        "schema_version": 1,
        "data_version": ks.DATA_VERSION,
        "records": sorted(records, key=lambda r: str(r["id"])),
    }
    shipped = files("kratom_safety").joinpath("data", "negations.json").read_text("utf-8")
    assert shipped == json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- 8 batch columns


def test_batch_output_names_every_input_that_was_not_fully_checked(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "in.csv",
        "patient_id,medication\n"
        "P1,MS 30 mg\nP1,sertraline\nP1,stopped Xanax\nP1,oxycodone 5 mg blorpzine\nP1,"
        + "x" * 600
        + "\n",
    )
    s = screen_file(src, tmp_path / "out.csv")
    rows = _rows(tmp_path / "out.csv")
    assert {"ambiguous", "partially_recognized", "negated", "excluded"} <= set(CSV_COLUMNS)
    row = rows[0]
    assert row["ambiguous"] == "MS 30 mg"
    assert row["negated"] == "stopped Xanax"
    assert row["partially_recognized"] == "oxycodone 5 mg blorpzine"
    assert row["excluded"] == "x" * 200 + "\u2026"
    assert (s.ambiguous_inputs, s.negated_inputs, s.partially_recognized_inputs) == (1, 1, 1)
    assert s.excluded_inputs == 1
    text = format_summary(s)
    assert "Ambiguous entries (not checked):" in text and "Negated/stopped entries:" in text
    jsonl = tmp_path / "out.jsonl"
    screen_file(src, jsonl)
    (obj,) = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert obj["ambiguous"] == ["MS 30 mg"] and obj["negated"] == ["stopped Xanax"]


# --------------------------------------------------------------------------- 9 crashes


def test_deep_fhir_nesting_is_an_error_not_a_recursion_error() -> None:
    deep: dict[str, Any] = {"resourceType": "Bundle", "entry": []}
    node = deep
    for _ in range(10_000):
        inner: dict[str, Any] = {"resourceType": "Bundle", "entry": []}
        node["entry"] = [{"resource": inner}]
        node = inner
    with pytest.raises(ks.InvalidInputError, match="nested more than"):
        ks.fhir.medications_from_fhir(deep)


@pytest.mark.parametrize("rows", [None, 5, "ab", ["x"], [("a",)], [("a", 1)], [(1, "x")]])
def test_screen_rows_refuses_non_pairs(rows: Any) -> None:
    with pytest.raises(ks.InvalidInputError, match="rows must be"):
        list(screen_rows(rows))


# --------------------------------------------------------------------------- 10 limits


def test_big_patient_gets_an_error_row_and_the_batch_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = "".join(f"P1,drug {i}\n" for i in range(1001))
    for order, body in (
        ("grouped", many + "P2,Xanax 1 mg\n"),
        ("ungrouped", "P2,x\n" + many + "P2,Xanax 1 mg\n"),
    ):
        src = _write(tmp_path / f"{order}.csv", "patient_id,medication\n" + body)
        out = tmp_path / f"{order}-out.csv"
        code, _, err = _cli(capsys, "screen", str(src), "-o", str(out), "--no-progress")
        assert code == 1, order
        assert "completed with patient-level errors" in err
        rows = {r["patient_id"]: r for r in _rows(out)}
        assert rows["P1"]["summary"].startswith("NOT SCREENED") and rows["P1"]["coverage"] == "none"
        assert rows["P2"]["ingredient"] == "alprazolam"


def test_refills_over_the_limit_are_deduplicated(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", "patient_id,medication\n" + "P1,oxycodone 5 mg\n" * 1001)
    s = screen_file(src, tmp_path / "out.csv")
    assert s.patients_with_errors == 0 and s.patients_with_findings == 1


def test_fhir_with_many_orders_or_a_long_name_does_not_abort_check() -> None:
    def order(name: str) -> dict[str, Any]:
        return {"resource": {"resourceType": "MedicationRequest", "id": "x",
                             "medicationCodeableConcept": {"text": name}}}  # fmt: skip

    refills = {"resourceType": "Bundle", "entry": [order("oxycodone 5 mg")] * 1500}
    assert ks.fhir.medications_from_fhir(refills) == ["oxycodone 5 mg"]
    distinct = {"resourceType": "Bundle", "entry": [order(f"drug {i}") for i in range(1200)]}
    names = ks.fhir.medications_from_fhir(distinct)
    assert (
        len(names) == 1000
        and names[-1] == "(201 more medication entries not checked: over the limit)"
    )
    r = ks.check(names)
    assert r.coverage != "complete" and names[-1] in r.unrecognized
    long = {"resourceType": "Bundle", "entry": [order("oxycodone " + "x" * 600)]}
    (name,) = ks.fhir.medications_from_fhir(long)
    assert len(name) < 100 and ks.check([name]).coverage == "none"


# --------------------------------------------------------------------------- 11 signals


def _leftovers(*dirs: Path) -> list[str]:
    return sorted(p.name for d in dirs for p in d.iterdir())


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_while_reading_stdin_cleans_up(tmp_path: Path, sig: int, code: int) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    out = _write(tmp_path / "out.csv", "previous\n")
    proc = subprocess.Popen(
        [*CLI, "screen", "-", "-o", str(out), "--no-progress"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ, TMPDIR=str(tmpdir)),
        text=True,
    )
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write("patient_id,medication\nA,oxycodone\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(tmpdir.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(tmpdir.iterdir()), "the run never started"
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == code
    err = proc.stderr.read()
    proc.stdin.close()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _leftovers(tmpdir) == []
    assert _leftovers(tmp_path) == ["out.csv", "tmp"]
    assert out.read_text("utf-8") == "previous\n"


def test_sigterm_during_partitioning_removes_everything(tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    src = tmp_path / "many.csv"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("patient_id,medication\nP0,x\nP1,x\nP0,x\n")
        for i in range(300_000):
            fh.write(f"P{(i * 7919) % 100_000},{('oxycodone 5 mg', 'Xanax', 'zolof')[i % 3]}\n")
    out = _write(tmp_path / "out.csv", "previous\n")
    proc = subprocess.Popen(
        [*CLI, "screen", str(src), "-o", str(out), "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ, TMPDIR=str(tmpdir)),
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmpdir.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) in (143, 0)  # 0 only if the run won the race
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read()
    assert _leftovers(tmpdir) == []
    assert _leftovers(tmp_path) == ["many.csv", "out.csv", "tmp"]


# --------------------------------------------------------------------------- 12 memory


def test_long_strings_are_cut_at_reading_and_echoed_truncated(tmp_path: Path) -> None:
    huge = "oxycodone " + "y" * 100_000
    src = _write(tmp_path / "in.jsonl", json.dumps({"patient_id": "a", "medication": huge}) + "\n")
    ((_, (cut,)),) = group_by_patient([("a", huge)])
    assert len(cut) == 501  # just over the limit: still refused
    s = screen_file(src, tmp_path / "out.csv")
    (row,) = _rows(tmp_path / "out.csv")
    assert row["excluded"] == huge[:200] + "\u2026"
    assert s.excluded_inputs == 1
    assert (tmp_path / "out.csv").stat().st_size < 2000


# --------------------------------------------------------------------------- 13 smaller points


def test_existing_output_keeps_its_mode_and_new_output_follows_umask(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    existing = _write(tmp_path / "old.csv", "x\n")
    existing.chmod(0o640)
    screen_file(src, existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        screen_file(src, tmp_path / "new.csv")
        os.umask(0o077)
        screen_file(src, tmp_path / "private.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600


def test_write_errors_never_name_the_hidden_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _write(tmp_path / "in.csv", GOOD)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".out.csv.x.partial"))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ks.InvalidInputError) as info:
        screen_file(src, tmp_path / "out.csv")
    assert "partial" not in str(info.value) and "No space left" in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "out.csv"))
    monkeypatch.undo()

    def no_temp(*a: Any, **k: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system", "/ro/kratom-screen-abc")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temp)
    ungrouped = _write(tmp_path / "u.csv", "patient_id,medication\nA,x\nB,y\nA,z\n")
    with pytest.raises(ks.InvalidInputError, match=r"temporary folder .*Read-only file system"):
        screen_file(ungrouped, tmp_path / "out.csv", temp_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "u.csv"]


def test_jsonl_with_a_bom_is_accepted(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + b'{"patient_id": "a", "medication": "oxycodone"}\n')
    assert screen_file(src, tmp_path / "out.csv").patients_screened == 1


def test_format_error_names_the_cli_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = _write(tmp_path / "in.csv", GOOD)
    code, _, err = _cli(capsys, "screen", str(src), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "--output-format" in err
