from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from kratom_safety import DATA_VERSION
from kratom_safety._cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "oxycodone 5 mg", "Xanax", "sertraline")
    assert code == 0
    assert "KS-INT-0001" in out and "alprazolam" in out
    assert DATA_VERSION in out
    assert "not medical advice" in out


def test_check_json_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    _, out1, _ = run(capsys, "check", "--json", "oxycodone", "Xanax", "junkword")
    _, out2, _ = run(capsys, "check", "--json", "oxycodone", "Xanax", "junkword")
    assert out1 == out2
    doc = json.loads(out1)
    assert doc["data_version"] == DATA_VERSION
    assert doc["unrecognized"] == ["junkword"]


def test_check_reads_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", "-", stdin="oxycodone\n\nXanax\n")
    assert code == 0
    assert len(json.loads(out)["inputs"]) == 2


def test_resolve(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "resolve", "Percocet 5/325", "qwertyuiop")
    assert code == 0
    assert "oxycodone + acetaminophen" in out
    assert "not recognised" in out


def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "   ")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("kratom-safety: error:")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--substance", "coffee", "oxycodone"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert DATA_VERSION in capsys.readouterr().out


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kratom_safety", "check", "--json", "oxycodone"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout)["findings"]


def test_screen_command(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "meds.csv"
    src.write_text(
        "patient_id,medication\n1,oxycodone\n1,Xanax\n2,amoxicillin\n3,=cmd|calc\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, text, _ = run(capsys, "screen", str(src), "-o", str(out), "--no-progress", "--json")
    assert code == 0
    summary = json.loads(text)
    assert summary["patients_screened"] == 3
    body = out.read_text("utf-8")
    assert "KS-INT-0001" in body
    assert "'=cmd|calc" in body  # spreadsheet formulas are neutralised
    code, _, err = run(capsys, "screen", str(tmp_path / "missing.csv"), "-o", str(out))
    assert code == 2 and "missing.csv" in err
