"""``rpm-spec unit-test``: a run that selects no test fails."""

from __future__ import annotations

import os
import subprocess
import sys

from rpm_spec.util.paths import PREFIX

BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); from rpm_spec.cli.main import main; main()"
)


def _unit_test(*args: str) -> subprocess.CompletedProcess[str]:
    # A child process: pytest.main inside this pytest run would share its modules and cwd.
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_ADDOPTS"}
    command = [sys.executable, "-c", BOOT, str(PREFIX / "lib"), "unit-test", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_a_run_that_selects_nothing_fails() -> None:
    result = _unit_test("-k", "nosuchname", "tests/util/test_locks.py")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "deselected" in result.stdout
    assert result.stderr.startswith("Error: no test was selected\n")
    # The slow tests are opt-in: asking for them where there are none is no green run either.
    assert _unit_test("-m", "slow", "tests/util/test_locks.py").returncode == 1


def test_an_unknown_marker_is_a_usage_error() -> None:
    # --strict-markers: a misspelt -m expression is refused rather than selecting nothing.
    result = _unit_test("-m", "nosuchmarker", "tests/util/test_locks.py")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Unknown marker(s) in '-m' expression: nosuchmarker" in result.stderr


def test_a_run_that_selects_tests_passes() -> None:
    result = _unit_test("-k", "dotted_names", "tests/spec/test_lexer.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
