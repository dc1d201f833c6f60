"""Running list/info/repo: through the real entry point, on the mock repository only."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpm_spec.cli.main import main

MOCK_REPO = Path(__file__).resolve().parents[1] / "repos" / "mock"


def mock_scope(tmp_path: Path, repos: list[Path] | None = None) -> Path:
    """A -C scope directory whose ``repos`` replaces every other scope's list."""
    scope = tmp_path / "scope"
    scope.mkdir(exist_ok=True)
    lines = "".join(f"  - {path}\n" for path in (repos or [MOCK_REPO]))
    (scope / "repos.yaml").write_text(f"repos::\n{lines}")
    return scope


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``rpm-spec ARGS``: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err
