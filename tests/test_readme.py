"""The README's examples run, and CI runs the README's test command."""

from __future__ import annotations

import doctest
import re

from ._paths import REPO

README = REPO / "README.md"


def test_readme_examples_execute() -> None:
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    prompts = README.read_text("utf-8").count("\n>>> ")
    assert prompts >= 10
    assert result.attempted == prompts, "every >>> example runs (none lost to a broken fence)"
    assert result.failed == 0


def _sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README.read_text("utf-8"), re.S)


def test_ci_runs_the_readme_test_command() -> None:
    test_cmd = _sh_blocks()[1].strip()
    assert "pytest" in test_cmd
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert test_cmd in ci


def test_quick_start_is_two_commands() -> None:
    first, second = (b.strip() for b in _sh_blocks()[:2])
    assert "\n" not in first and "\n" not in second
    assert "check" in first
