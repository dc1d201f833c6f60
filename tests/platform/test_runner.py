"""The default runner: output on success, None on every kind of failure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from platform_fakes import write_tool

from rpm_spec.platform.runner import run_tool

if TYPE_CHECKING:
    from pathlib import Path


def test_returns_stdout(tmp_path: Path) -> None:
    tool = write_tool(tmp_path, "tool", "version 1.2.3\n")
    assert run_tool([str(tool), "--version"]) == "version 1.2.3\n"


def test_returns_stderr_when_stdout_is_empty(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("#!/bin/sh\necho 'Python 2.7.18' >&2\n")
    tool.chmod(0o755)
    assert run_tool([str(tool)]) == "Python 2.7.18\n"


def test_failure_is_none(tmp_path: Path) -> None:
    tool = write_tool(tmp_path, "tool", "partial output\n", exit_code=3)
    assert run_tool([str(tool)]) is None


def test_missing_tool_is_none(tmp_path: Path) -> None:
    assert run_tool([str(tmp_path / "absent")]) is None


def test_hanging_tool_is_none(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("#!/bin/sh\nexec sleep 10\n")
    tool.chmod(0o755)
    assert run_tool([str(tool)], timeout_s=0.2) is None


def test_runs_with_the_c_locale(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text('#!/bin/sh\necho "$LC_ALL $LANG"\n')
    tool.chmod(0o755)
    assert run_tool([str(tool)]) == "C C\n"
