"""The README's environment example, run as written, on a host that is not zen3.

The commands are read from the README itself (section "Environments and lockfiles"),
so the README cannot drift from what works. Each runs through the real click command
with a hermetic session: the builtin repository, the test compilers, a store under
tmp_path and a fixed host (skylake: the example must not depend on being run on the
zen3 it names). Shell-only steps (sourcing setup-env.sh) are skipped; ``env activate``
makes its environment the one later commands act on, as the shell function would;
``install`` runs with ``--dry-run`` (the example's stack takes hours to build).
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

import click
from click.testing import CliRunner

from rpm_spec.cli.main import CliState, cli
from rpm_spec.environment.environment import Environment
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.util.paths import BUILTIN_REPO, PREFIX

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

SKYLAKE = HostInfo(platform="linux", os="debian12", target="skylake")


def _example_commands() -> list[list[str]]:
    readme = (PREFIX / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Environments and lockfiles", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the section lost its console example"
    commands = []
    for line in block.group(1).splitlines():
        if not line.startswith("$ "):
            continue
        for part in line[2:].split("&&"):
            words = shlex.split(part, comments=True)
            if words[0] == ".":  # sourcing setup-env.sh: shell-only
                continue
            assert words[0] in ("rpm-spec", "bin/rpm-spec"), line
            commands.append(words[1:])
    return commands


def test_the_readme_environment_example_works_on_any_x86_64_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RPM_SPEC_ENV", raising=False)
    commands = _example_commands()
    assert [c[:2] for c in commands][:2] == [["env", "create"], ["env", "activate"]]
    active: Path | None = None
    outputs = []
    for words in commands:
        session = Session.for_tests(
            tmp_path, repos=[BUILTIN_REPO], host=SKYLAKE, environment=active
        )
        args = list(words)
        if args[:2] == ["env", "activate"]:
            args.append("--sh")
        if args[0] == "install":
            args.append("--dry-run")
        state = CliState((), (), False)
        state._session = session
        command = cli.get_command(click.Context(cli), args[0])
        assert command is not None, args
        result = CliRunner().invoke(command, args[1:], obj=state)
        assert result.exit_code == 0, f"{' '.join(words)}:\n{result.output}{result.exception!r}"
        outputs.append(result.output)
        if args[:2] == ["env", "activate"]:
            active = (tmp_path / args[2]).resolve()
            assert f"RPM_SPEC_ENV='{active}'" in result.output
    assert active is not None
    lock = Environment(active).lock
    assert {"linux-debian12-skylake", "linux-debian12-neoverse_v2"} <= set(lock.platforms)
    assert "linux-debian12-zen3" in lock.platforms  # solved first, as the reference
    retarget = next(o for w, o in zip(commands, outputs, strict=True) if "--closest-to" in w)
    assert "Concretized" in retarget and "linux-debian12-neoverse_v2" in retarget
    assert "Plan:" in outputs[-1]
