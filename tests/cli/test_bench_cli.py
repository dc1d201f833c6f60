"""``rpm-spec bench startup``: whole processes in a user directory the bench prepares."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from repo_cli import run

from rpm_spec.cli.bench import STARTUP_COMMANDS

if TYPE_CHECKING:
    import pytest


def _bench_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("rpm-spec-bench-*"))


def test_startup_times_every_command_and_cleans_up(capsys: pytest.CaptureFixture[str]) -> None:
    before = _bench_dirs()
    code, out, err = run(["bench", "startup", "--repeat", "1", "--json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert [row["command"] for row in rows] == [" ".join(c) for c in STARTUP_COMMANDS]
    assert "install bench-noop" in [row["command"] for row in rows]
    for row in rows:
        assert row["runs"] == 1
        assert row["median_wall_s"] >= row["min_wall_s"] > 0
        assert row["median_cpu_s"] > 0
    assert _bench_dirs() <= before


def test_startup_needs_at_least_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["bench", "startup", "-n", "0"], capsys)
    assert code == 2
    assert "--repeat must be at least 1" in err
