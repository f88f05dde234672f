"""Batch screening: screen_rows and screen_file."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import kratom_safety as ks
from kratom_safety._cli_display import format_summary
from kratom_safety.screen import (
    CSV_COLUMNS,
    NO_FINDING_SUMMARY,
    PatientResult,
    ScreenSummary,
    _group,
    _results,
    _run,
    _write,
    group_by_patient,
    screen_file,
    screen_rows,
)

LONG = "oxycodone " + "x" * 600  # refused by the library (over 500 characters)

PATIENTS: dict[str, list[str]] = {
    "p01": ["oxycodone 5 mg", "Xanax 0.5mg", "sertraline"],
    "p02": ["sertraline"],
    "p03": ["zolof", "patient refused", ""],
    "p04": ["Percocet 5/325", "APAP", "  "],
    "p05": ["patient refused", "see chart", "patient refused"],
    "p06": [LONG, "lisinopril 10 mg"],
    "p07": ["7-OH tablets", "hydrocodone/apap 10-325"],
    "p08": ["", ""],
    "p09": ["trazadone", "see chart"],
    "p10": ["metformin 500 mg bid", "atorvastatin 40mg", "omeprazole 20 mg"],
    "p11": ["tramadol 50 mg", "fluoxetine 20 mg cap"],
    "p12": ["quetiapine 25 mg", "zolpidem 10 mg", "gabapentin 300 mg tid"],
}


COLS = ("patient_id", "medication")


def grouped_rows() -> list[tuple[str, str]]:
    return [(pid, med) for pid, meds in PATIENTS.items() for med in meds]


def shuffled_rows() -> list[tuple[str, str]]:
    """The same rows, not grouped, keeping each patient's medication order."""
    rows = grouped_rows()
    rng = random.Random(7)
    keys = sorted(range(len(rows)), key=lambda _: rng.random())
    by_patient: dict[str, list[str]] = {pid: list(meds) for pid, meds in PATIENTS.items()}
    out = []
    for k in keys:
        pid = rows[k][0]
        out.append((pid, by_patient[pid].pop(0)))
    pids = [p for p, _ in out]
    assert any(pids.index(p) != i and pids[i - 1] != p for i, p in enumerate(pids) if i)
    return out


def write_csv(path: Path, rows: list[tuple[str, str]], cols: tuple[str, str] = COLS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([cols[0], "note", cols[1]])
        for pid, med in rows:
            w.writerow([pid, "n/a", med])
    return path


def write_jsonl(path: Path, rows: list[tuple[str, str]], cols: tuple[str, str] = COLS) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for pid, med in rows:
            fh.write(json.dumps({cols[0]: pid, cols[1]: med, "other": 1}) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def expected_objects() -> dict[str, dict[str, Any]]:
    """What each patient's JSONL object must be, from check() directly."""
    out = {}
    for r in screen_rows(grouped_rows()):
        d = r.report.to_dict()
        keys = ("interaction_id", "ingredient", "action", "severity", "evidence", "summary")
        out[r.patient_id] = {
            "patient_id": r.patient_id,
            "findings": [{k: f[k] for k in (*keys, "inputs")} for f in d["findings"]],
            "cumulative_risks": [
                {k: c[k] for k in ("group", "ingredients", "interaction_ids")}
                for c in d["cumulative_risks"]
            ],
            "unrecognized": d["unrecognized"],
            "ambiguous": d["ambiguous"],
            "partially_recognized": d["partially_recognized"],
            "negated": d["negated"],
            "excluded": d["excluded"],
            "coverage": d["coverage"],
            "statement": d["statement"],
            "data_version": d["data_version"],
        }
    return out


def leftovers(directory: Path, *keep: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p not in keep)


# --------------------------------------------------------------------------- screen_rows


def test_screen_rows_matches_check() -> None:
    results = list(screen_rows(grouped_rows()))
    assert [r.patient_id for r in results] == list(PATIENTS)
    assert all(isinstance(r, PatientResult) for r in results)
    by_id = {r.patient_id: r.report for r in results}
    assert by_id["p01"] == ks.check(PATIENTS["p01"])
    assert by_id["p04"] == ks.check(["Percocet 5/325", "APAP"])  # blank cells skipped
    assert by_id["p08"].findings == () and by_id["p08"].inputs == ()
    assert by_id["p05"].unrecognized == ("patient refused", "see chart", "patient refused")


def test_refused_string_is_excluded_not_an_error() -> None:
    (r,) = screen_rows([("p", LONG), ("p", "oxycodone")])
    assert r.report.unrecognized == ()
    assert r.report.excluded == (LONG[:200] + "\u2026",)  # echoed truncated (defect 12)
    assert r.report.coverage == "partial"
    assert [i.index for i in r.report.inputs] == [0, 1]
    assert r.report.inputs[0].status == "excluded"
    assert {f.ingredient for f in r.report.findings} == {"oxycodone"}
    assert "refused, not checked" in r.report.statement
    assert r.report.findings == ks.check(["oxycodone"]).findings


def test_screen_rows_reappearing_patient_is_named() -> None:
    rows = [("a", "oxycodone"), ("b", "sertraline"), ("a", "Xanax")]
    with pytest.raises(ks.InvalidInputError, match="'a' reappears"):
        list(screen_rows(rows))


def test_screen_rows_too_many_medications_is_a_patient_error() -> None:
    # defect 10: one patient over the limit used to abort the whole batch
    rows = [("big", f"drug {i}") for i in range(1001)] + [("next", "oxycodone")]
    big, nxt = screen_rows(rows)
    assert big.patient_id == "big" and big.error and "more than 1000" in big.error
    assert big.report.coverage == "none" and big.report.findings == ()
    assert "not screened" in big.report.statement
    assert nxt.error is None and {f.ingredient for f in nxt.report.findings} == {"oxycodone"}
    assert len(list(screen_rows(rows[:1000]))) == 1


def test_identical_strings_count_once_over_the_limit() -> None:
    refills = [("p", "oxycodone 5 mg")] * 1500 + [("p", "sertraline")]
    (r,) = screen_rows(refills)
    assert r.error is None
    assert r.report.inputs[0].input == "oxycodone 5 mg" and len(r.report.inputs) == 2
    # under the limit duplicates are kept as given
    (r,) = screen_rows([("p", "x")] * 3)
    assert len(r.report.inputs) == 3


def test_screen_rows_bad_substance() -> None:
    with pytest.raises(ks.InvalidInputError):
        list(screen_rows([("a", "oxycodone")], substance="coffee"))


# --------------------------------------------------------------------------- group_by_patient


def test_public_names() -> None:
    import kratom_safety.screen as screen

    assert screen.__all__ == sorted(screen.__all__)
    assert set(screen.__all__) == {
        "CSV_COLUMNS",
        "NO_FINDING_SUMMARY",
        "PatientResult",
        "ScreenSummary",
        "group_by_patient",
        "screen_file",
        "screen_rows",
    }
    for name in ("PatientResult", "ScreenSummary", "screen_file", "screen_rows"):
        with pytest.deprecated_call():  # the old top-level names stay for one release
            assert getattr(ks, name) is getattr(screen, name)


# stripped, blanks skipped, a string too long to check cut just past the limit (501)
EXPECTED_GROUPS = [
    (pid, tuple(m.strip()[:501] for m in meds if m.strip())) for pid, meds in PATIENTS.items()
]


def test_group_by_patient_grouped() -> None:
    assert list(group_by_patient(grouped_rows())) == EXPECTED_GROUPS
    assert ("p08", ()) in EXPECTED_GROUPS  # all blank: still a patient, with nothing to check
    groups = group_by_patient([("a", "x"), ("b", "y"), ("a", "z")])
    assert [next(groups), next(groups)] == [("a", ("x",)), ("b", ("y",))]
    with pytest.raises(ks.InvalidInputError, match="'a' reappears"):
        next(groups)


def test_group_by_patient_partitioned_any_order(tmp_path: Path) -> None:
    rows = shuffled_rows()
    first = list(dict.fromkeys(pid for pid, _ in rows))
    groups = list(group_by_patient(rows, strategy="partitioned", temp_dir=tmp_path))
    assert [pid for pid, _ in groups] == first  # first-appearance order
    assert sorted(groups) == sorted(EXPECTED_GROUPS)  # each patient's strings in input order
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone
    # grouped input: both strategies agree exactly
    assert list(group_by_patient(grouped_rows(), strategy="partitioned")) == EXPECTED_GROUPS
    # stopped early, the temporary folder is removed too
    it = group_by_patient(rows, strategy="partitioned", temp_dir=tmp_path)
    next(it)
    assert len(list(tmp_path.iterdir())) == 1
    it.close()  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_group_by_patient_limit_and_odd_strings(tmp_path: Path) -> None:
    odd = ["a\rb", "c\nd", '"q"', "=1+1", "caf\u00e9", "x" * 600, "\ud800"]
    rows = [("p\r1", m) for m in odd] + [(f"big{i % 2}", f"drug {i}") for i in range(2004)]
    rows += [("refills", "oxycodone")] * 1500 + [("refills", "Xanax")]
    for strategy in ("grouped", "partitioned"):
        if strategy == "grouped":
            rows.sort(key=lambda r: r[0])
        groups = dict(group_by_patient(rows, strategy=strategy, temp_dir=tmp_path))  # type: ignore[arg-type]
        assert groups["p\r1"] == (*odd[:5], "x" * 501, "\ud800"), strategy
        assert len(groups["big0"]) == len(groups["big1"]) == 1001, strategy  # over: one more
        assert groups["refills"] == ("oxycodone", "Xanax"), strategy  # counted once over 1000
    with pytest.raises(ks.InvalidInputError, match="NUL"):
        list(group_by_patient([("a", "x\x00")], strategy="partitioned"))


@pytest.mark.parametrize("bad", [None, 5, "ab", [("a",)], [("a", 1)]])
def test_group_by_patient_refuses_non_pairs_and_bad_strategy(bad: Any) -> None:
    with pytest.raises(ks.InvalidInputError, match="rows must be"):
        list(group_by_patient(bad))
    with pytest.raises(ks.InvalidInputError, match="strategy"):
        group_by_patient([("a", "x")], strategy="sorted")  # type: ignore[arg-type]


def _partition(pid: str, n: int) -> int:
    return int.from_bytes(hashlib.blake2b(pid.encode(), digest_size=8).digest(), "little") % n


def test_beyond_one_machine_partitions_give_the_single_pass_result(tmp_path: Path) -> None:
    """screen_rows is pure per patient: screening hash partitions independently (as separate
    workers or machines would) and combining gives exactly the single-pass result."""
    rows = shuffled_rows()
    n = 4
    partitions: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    for pid, med in rows:
        partitions[_partition(pid, n)].append((pid, med))
    # each worker groups its own partition (stable: keeps each patient's medication order)
    for part in partitions:
        first = {pid: i for i, (pid, _) in reversed(list(enumerate(part)))}
        part.sort(key=lambda r: first[r[0]])

    def work(part: list[tuple[str, str]]) -> list[PatientResult]:
        return list(screen_rows(part))

    with ThreadPoolExecutor(max_workers=n) as pool:
        parallel = [r for chunk in pool.map(work, partitions) for r in chunk]
    sequential = [r for chunk in map(work, partitions) for r in chunk]
    single = list(screen_rows(grouped_rows()))
    key = {r.patient_id: r.report for r in single}
    assert {r.patient_id: r.report for r in parallel} == key
    assert {r.patient_id: r.report for r in sequential} == key
    assert len(parallel) == len(single)

    # and screen_file on the ungrouped file agrees with both
    screen_file(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.jsonl")
    objs = {o["patient_id"]: o for o in read_jsonl(tmp_path / "out.jsonl")}
    assert objs == expected_objects()


# --------------------------------------------------------------------------- screen_file


@pytest.mark.parametrize("out_ext", ["csv", "jsonl"])
def test_grouped_and_ungrouped_inputs_agree(tmp_path: Path, out_ext: str) -> None:
    inputs = [
        write_csv(tmp_path / "grouped.csv", grouped_rows()),
        write_csv(tmp_path / "shuffled.csv", shuffled_rows()),
        write_jsonl(tmp_path / "grouped.jsonl", grouped_rows()),
        write_jsonl(tmp_path / "shuffled.ndjson", shuffled_rows()),
    ]
    outputs = []
    for src in inputs:
        out = tmp_path / f"{src.stem}-{src.suffix[1:]}.out.{out_ext}"
        summary = screen_file(src, out)
        assert summary.input_grouped == src.stem.startswith("grouped")
        assert summary.patients_screened == len(PATIENTS)
        outputs.append(out)
    if out_ext == "jsonl":
        normalised = [
            sorted(read_jsonl(o), key=lambda d: d["patient_id"]) for o in outputs
        ]  # fmt: skip
        assert {d["patient_id"]: d for d in normalised[0]} == expected_objects()
    else:
        normalised = [sorted(read_csv(o), key=lambda d: d["patient_id"]) for o in outputs]
    assert all(n == normalised[0] for n in normalised)
    # the grouped inputs are written in input order
    first = outputs[0].read_text(encoding="utf-8")
    assert first == outputs[2].read_text(encoding="utf-8")


def test_output_order_is_first_appearance(tmp_path: Path) -> None:
    rows = shuffled_rows()
    screen_file(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.jsonl")
    order = list(dict.fromkeys(pid for pid, _ in rows))
    assert [d["patient_id"] for d in read_jsonl(tmp_path / "out.jsonl")] == order


@pytest.mark.parametrize("rows", [grouped_rows, shuffled_rows])
def test_output_is_deterministic(tmp_path: Path, rows: Any) -> None:
    src = write_csv(tmp_path / "in.csv", rows())
    for ext in ("csv", "jsonl"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        s1 = screen_file(src, a)
        _run.report_for.cache_clear()
        s2 = screen_file(src, b)
        assert a.read_bytes() == b.read_bytes()
        assert s1 == s2


def test_fallback_path_gives_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A (rare) Bloom-filter false positive sends grouped input down the partition path;
    the output must not change."""
    src = write_csv(tmp_path / "in.csv", grouped_rows())
    for ext in ("csv", "jsonl"):
        screen_file(src, tmp_path / f"a.{ext}")
        monkeypatch.setattr(_group.SeenFilter, "add", lambda self, key: True)
        summary = screen_file(src, tmp_path / f"b.{ext}")
        monkeypatch.undo()
        assert not summary.input_grouped
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()


def test_csv_output_shape(tmp_path: Path) -> None:
    screen_file(write_csv(tmp_path / "in.csv", grouped_rows()), tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == CSV_COLUMNS
    rows = read_csv(tmp_path / "out.csv")
    p01 = [r for r in rows if r["patient_id"] == "p01"]
    report = ks.check(PATIENTS["p01"])
    assert [r["interaction_id"] for r in p01] == [f.interaction_id for f in report.findings]
    assert p01[0]["inputs"] == "; ".join(report.findings[0].inputs)
    assert {r["data_version"] for r in rows} == {ks.DATA_VERSION}
    (p05,) = [r for r in rows if r["patient_id"] == "p05"]
    assert p05["summary"] == NO_FINDING_SUMMARY
    assert p05["interaction_id"] == p05["ingredient"] == p05["severity"] == p05["inputs"] == ""
    assert p05["coverage"] == "none"  # nothing on the list was checked
    assert p05["unrecognized"] == "patient refused; see chart; patient refused"
    (p02,) = [r for r in rows if r["patient_id"] == "p02"]
    assert p02["coverage"] == "complete" and p02["unrecognized"] == ""


def test_custom_columns(tmp_path: Path) -> None:
    cols = ("MRN", "Drug Name")
    s1 = screen_file(
        write_csv(tmp_path / "in.csv", shuffled_rows(), cols),
        tmp_path / "a.jsonl",
        patient_column="MRN",
        medication_column="Drug Name",
    )
    s2 = screen_file(
        write_jsonl(tmp_path / "in.jsonl", grouped_rows(), cols),
        tmp_path / "b.jsonl",
        patient_column="MRN",
        medication_column="Drug Name",
    )
    a = {d["patient_id"]: d for d in read_jsonl(tmp_path / "a.jsonl")}
    assert a == {d["patient_id"]: d for d in read_jsonl(tmp_path / "b.jsonl")}
    assert a == expected_objects()
    assert s1.rows_read == s2.rows_read == len(grouped_rows())


def test_explicit_formats_and_bom(tmp_path: Path) -> None:
    src = tmp_path / "export.txt"
    src.write_text("\ufeffpatient_id,medication\r\n7,oxycodone\r\n", encoding="utf-8")
    out = tmp_path / "result.dat"
    screen_file(src, out, input_format="csv", output_format="jsonl")
    (obj,) = read_jsonl(out)
    assert obj["patient_id"] == "7" and obj["findings"][0]["ingredient"] == "oxycodone"
    with pytest.raises(ks.InvalidInputError, match="extension"):
        screen_file(src, tmp_path / "o.csv")
    with pytest.raises(ks.InvalidInputError, match="input_format"):
        screen_file(src, tmp_path / "o.csv", input_format="xlsx")


def test_jsonl_integer_ids_and_null_medication(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"patient_id": 1, "medication": "oxycodone"}\n\n'
        '{"patient_id": 1, "medication": null}\n'
        '{"patient_id": "2", "medication": "sertraline"}\n',
        encoding="utf-8",
    )
    s = screen_file(src, tmp_path / "out.jsonl")
    assert (s.rows_read, s.blank_medications, s.patients_screened) == (3, 1, 2)
    assert [d["patient_id"] for d in read_jsonl(tmp_path / "out.jsonl")] == ["1", "2"]


def test_summary_counts(tmp_path: Path) -> None:
    rows = shuffled_rows()
    s = screen_file(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.csv")
    reports = {r.patient_id: r.report for r in screen_rows(grouped_rows())}
    assert s.rows_read == len(rows)
    assert s.blank_medications == sum(1 for _, m in rows if not m.strip()) == 4
    assert s.patients_screened == len(PATIENTS)
    with_findings = [r for r in reports.values() if r.findings]
    assert s.patients_with_findings == len(with_findings)
    worst = Counter(
        min((f.severity for f in r.findings), key=("major", "moderate", "minor").index)
        for r in with_findings
    )
    assert s.patients_by_highest_severity == {
        "major": worst["major"],
        "moderate": worst["moderate"],
        "minor": worst["minor"],
    }
    assert s.patients_by_highest_severity["major"] == 4
    assert s.patients_with_partial_coverage == sum(
        r.coverage == "partial" for r in reports.values()
    )
    assert s.unrecognized_ranked[:2] == (("patient refused", 3), ("see chart", 2))
    assert s.excluded_inputs == 1
    assert s.unrecognized_ranking_exact
    assert (s.data_version, s.package_version) == (ks.DATA_VERSION, ks.__version__)
    d = s.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["unrecognized_ranked"][0] == {"medication": "patient refused", "count": 3}
    text = format_summary(s)
    assert re.search(rf"Patients screened: +{len(PATIENTS)}\n", text)
    assert "'patient refused'" in text and "not evidence of safety" in text


def test_unrecognised_ranking_top_50_and_ties(tmp_path: Path) -> None:
    rows = [(f"p{i}", f"junk{j:02d}") for i in range(3) for j in range(60)]
    rows += [("q", "zz junk"), ("q", "zz junk"), ("q", "zz junk"), ("q", "zz junk")]
    s = screen_file(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.csv")
    assert len(s.unrecognized_ranked) == 50
    assert s.unrecognized_ranked[0] == ("zz junk", 4)
    assert s.unrecognized_ranked[1:] == tuple((f"junk{j:02d}", 3) for j in range(49))


def test_unrecognised_counter_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_results, "MAX_DISTINCT_UNRECOGNIZED", 10)
    rows = [("p", "common junk")] * 5 + [(f"p{i}", f"rare junk {i}") for i in range(30)]
    s = screen_file(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.csv")
    assert not s.unrecognized_ranking_exact
    assert s.unrecognized_ranked[0] == ("common junk", 5)
    assert "approximate" in format_summary(s)


def test_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", shuffled_rows())
    screen_file(src, tmp_path / "a.csv")  # stderr is not a terminal here: silent
    assert capsys.readouterr().err == ""
    screen_file(src, tmp_path / "b.csv", progress=True)
    err = capsys.readouterr().err
    assert "rows/s" in err and "not grouped" in err
    screen_file(src, tmp_path / "c.csv", progress=False)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- errors


def _bad_files(tmp: Path) -> list[tuple[str, Path, dict[str, Any], str]]:
    """(case, input path, options, regex the message must match after the file name)."""
    cases: list[tuple[str, Path, dict[str, Any], str]] = []

    def add(name: str, content: bytes, pattern: str, suffix: str = ".csv", **kw: Any) -> None:
        p = tmp / f"{name}{suffix}"
        p.write_bytes(content)
        cases.append((name, p, kw, pattern))

    head = b"patient_id,medication\n"
    cases.append(("missing", tmp / "missing.csv", {}, "file not found"))
    add("empty", b"", "empty file")
    add("blank_lines", b"\n\n", "empty file")
    add("header_only", head, "empty file")
    add("nul", head + b"a,oxycodone\nb,ser\x00traline\n", r"line 3: NUL bytes")
    add(
        "undecodable",
        head + b"a,oxycodone\na,caf\xe9\n",
        r"line 3: undecodable bytes: not valid utf-8",
    )
    add("xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U0#\xf4", "line 1")
    add("missing_col", b"id,drug\na,oxycodone\n", r"line 1: missing column 'patient_id', "
        r"'medication'; columns found: 'id', 'drug'")  # fmt: skip
    add("too_few", head + b"a,oxycodone\nb\n", r"line 3: malformed row: 1 field, the header has 2")
    add("too_many", head + b"a,oxycodone\na,b,c\n", r"line 3: malformed row: 3 fields")
    add("bad_quote", head + b'a,"oxycodone\n', r"line 2: malformed CSV")
    add("blank_id", head + b"a,oxycodone\n ,sertraline\n", r"line 3: blank patient id")
    add(
        "late_error_ungrouped",
        head + b"a,oxycodone\nb,sertraline\na,Xanax\n" + b"c,x\n" * 20 + b"d\n",
        r"line 25: malformed row",
    )
    add("bad_json", b'{"patient_id": "a", "medication": "x"}\n{"patient_id": \n',
        r"line 2: malformed JSON", ".jsonl")  # fmt: skip
    add("json_array", b'["a", "x"]\n', r"line 1: expected a JSON object", ".jsonl")
    add(
        "json_missing_key",
        b'{"patient_id": "a", "drug": "x"}\n',
        r"line 1: missing column 'medication'; columns found: 'patient_id', 'drug'",
        ".jsonl",
    )
    add("json_number_med", b'{"patient_id": "a", "medication": 5}\n',
        r"line 1: 'medication' must be a string", ".jsonl")  # fmt: skip
    add("json_surrogate", b'{"patient_id": "a", "medication": "\\ud800x"}\n',
        r"line 1: invalid Unicode", ".jsonl")  # fmt: skip
    # defect 2: a quote that spans lines in a patient or medication cell
    add(
        "quote_spans_lines",
        head + b'A,"oxycodone 5 mg\nB,sertraline\nC,Xanax 0.5mg"\nD,lisinopril\n',
        r"line 2: the 'medication' cell holds a line break \(a quote that spans lines 2-4",
    )
    add("cr_in_patient", head + b'"A\r2",sertraline\n', r"line 2: the 'patient_id' cell holds")
    # defect 3: duplicate columns and keys
    add(
        "duplicate_column",
        b"patient_id,medication,medication\n1,sertraline,oxycodone\n",
        r"line 1: duplicate column 'medication'",
    )
    add(
        "duplicate_column_spacing",
        b"patient_id,medication, Medication\n1,sertraline,oxycodone\n",
        r"line 1: duplicate column ' Medication'",
    )
    add(
        "json_duplicate_key",
        b'{"patient_id": "a", "medication": "sertraline", "medication": "oxycodone"}\n',
        r"line 1: duplicate key 'medication'",
        ".jsonl",
    )
    # defect 9: crashes on deep nesting and huge integers
    add("json_deep", b"[" * 100_000 + b"]" * 100_000 + b"\n", r"line 1: malformed JSON", ".jsonl")
    add(
        "json_huge_int",
        b'{"patient_id": ' + b"9" * 5000 + b', "medication": "x"}\n',
        r"line 1: malformed JSON",
        ".jsonl",
    )
    add("latin1", head + "a,caf\xe9\n".encode("latin-1"), r"line 2", encoding="ascii")
    add("bad_encoding", head + b"a,x\n", "unknown encoding", encoding="no-such-codec")
    add("ws_only", b"  \n \n", "empty file", ".jsonl")
    return cases


def test_error_cases(tmp_path: Path) -> None:
    for name, src, kw, pattern in _bad_files(tmp_path):
        for ext in ("csv", "jsonl"):
            out_dir = tmp_path / f"out-{name}-{ext}"
            out_dir.mkdir()
            out = out_dir / f"result.{ext}"
            with pytest.raises(ks.InvalidInputError) as info:
                screen_file(src, out, **kw)
            message = str(info.value)
            assert "\n" not in message, name
            assert message.startswith(f"{src}"), (name, message)
            assert re.search(pattern, message), (name, message)
            assert leftovers(out_dir) == [], name


def test_error_leaves_the_old_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("previous results\n", encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_bytes(b"patient_id,medication\na,oxycodone\nb,sertraline\na,x\nc\n")
    with pytest.raises(ks.InvalidInputError, match="line 5"):
        screen_file(src, out)
    assert out.read_text(encoding="utf-8") == "previous results\n"
    assert leftovers(tmp_path, src, out) == []


def test_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_csv(tmp_path / "in.csv", grouped_rows())
    out_dir = tmp_path / "o"
    out_dir.mkdir()
    calls = []

    def boom(self: Any, result: Any) -> None:
        calls.append(result)
        if len(calls) > 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(_write.Writer, "write", boom)
    with pytest.raises(KeyboardInterrupt):
        screen_file(src, out_dir / "out.csv")
    assert leftovers(out_dir) == []


def test_argument_errors(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", grouped_rows())
    with pytest.raises(ks.InvalidInputError, match="does not exist"):
        screen_file(src, tmp_path / "nowhere" / "out.csv")
    with pytest.raises(ks.InvalidInputError, match="overwrite the input"):
        screen_file(src, src, output_format="csv")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ks.InvalidInputError, match="is a directory"):
        screen_file(src, tmp_path / "d.csv")
    with pytest.raises(ks.InvalidInputError, match="not a regular file"):
        screen_file(tmp_path / "d.csv", tmp_path / "o.csv")
    with pytest.raises(ks.InvalidInputError, match="substance"):
        screen_file(src, tmp_path / "o.csv", substance="coffee")
    with pytest.raises(ks.InvalidInputError, match="must differ"):
        screen_file(src, tmp_path / "o.csv", patient_column="x", medication_column="x")
    assert leftovers(tmp_path, src, tmp_path / "d.csv") == []


def test_summary_is_frozen(tmp_path: Path) -> None:
    s = screen_file(write_csv(tmp_path / "in.csv", grouped_rows()), tmp_path / "o.csv")
    assert isinstance(s, ScreenSummary)
    with pytest.raises(AttributeError):
        s.rows_read = 0  # type: ignore[misc]
