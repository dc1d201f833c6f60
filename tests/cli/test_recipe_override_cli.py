"""A user's recipe that fails to load, overriding another: an error naming its file.

The solver must never quietly take another recipe instead (the shadowed one, or
another provider of the same virtual): the user asked for theirs.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rpm_spec.cli.main import CliState, cli
from rpm_spec.repo import RecipeError
from rpm_spec.session import Session

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("from rpm_spec.repo.api import *\n\nclass Mpich(Package:\n", "syntax error"),
        ("import no_such_module_here\n", "ModuleNotFoundError"),
    ],
)
@pytest.mark.parametrize("request_text", ["mpich", "mpileaks"])
def test_a_broken_override_stops_the_solve_naming_its_file(
    tmp_path: Path, text: str, reason: str, request_text: str
) -> None:
    user = tmp_path / "user-repo"
    (user / "packages" / "mpich").mkdir(parents=True)
    (user / "repo.yaml").write_text("repo:\n  namespace: user\n")
    recipe = user / "packages" / "mpich" / "package.py"
    recipe.write_text(text)
    state = CliState((), (), False)
    state._session = Session.for_tests(tmp_path, repos=[user, MOCK])
    command = cli.get_command(click.Context(cli), "spec")
    assert command is not None
    result = CliRunner().invoke(command, [request_text], obj=state)
    assert isinstance(result.exception, RecipeError), result.output
    assert str(result.exception).startswith(f"{recipe}:")
    assert reason in str(result.exception)
    assert result.exception.hint is not None
    assert "overrides mock.mpich" in result.exception.hint
