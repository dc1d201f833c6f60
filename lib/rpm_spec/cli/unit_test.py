"""``rpm-spec unit-test``: run the project's own test suite with pytest."""

from __future__ import annotations

import os

import click

from rpm_spec.errors import ExitCode, RpmSpecError, UsageError
from rpm_spec.util.paths import PREFIX


@click.command(
    "unit-test",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def unit_test(pytest_args: tuple[str, ...]) -> None:
    """Run rpm-spec's tests; extra arguments go to pytest (e.g. -k version -x).

    The launcher installs pytest and hypothesis into its private environment
    the first time. Slow tests that build real tarballs run with -m slow; a run
    that selects no test at all fails.
    """
    import pytest  # lazy: startup

    os.chdir(PREFIX)
    code = pytest.main(list(pytest_args))
    if code == pytest.ExitCode.OK:
        return
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        # A typo in -k, -m or a path must not pass as a green run.
        raise RpmSpecError(
            "no test was selected", hint="check the paths and the -k/-m expressions given"
        )
    if code == pytest.ExitCode.USAGE_ERROR:
        raise UsageError("pytest rejected the arguments (see above)")
    # Failures, errors during collection, an interrupted run: pytest has said which.
    raise SystemExit(ExitCode.USER_ERROR)
