"""``rpm-spec load`` / ``unload``: shell code, the hint without a shell, and setup-env.sh."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from store_cli import MOCK_REPO, install, invoke, make_session

from rpm_spec.cli.load import load, unload
from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session
from rpm_spec.util.paths import PREFIX, user_home

if TYPE_CHECKING:
    from pathlib import Path


def test_without_a_shell_it_says_how_to_set_one_up(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "zlib")
    result = invoke(load, ["zlib"], session)
    assert isinstance(result.exception, RpmSpecError)
    assert "through the rpm-spec shell function" in str(result.exception)
    hint = result.exception.hint or ""
    assert "share/rpm-spec/setup-env.sh" in hint
    assert 'eval "$(rpm-spec load --sh zlib)"' in hint


def test_sh_code_loads_and_unloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session(tmp_path)
    dag = install(session, "py-ext")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.delenv("RPM_SPEC_LOADED", raising=False)
    monkeypatch.delenv("RPM_SPEC_LOADED_ROOTS", raising=False)
    result = invoke(load, ["--sh", "py-ext"], session)
    assert result.exit_code == 0, result.output
    root = dag.root_specs[0]
    python = dag.by_name("python")
    assert python is not None
    bins = f"{session.store.prefix(root)}/bin:{session.store.prefix(python)}/bin"
    assert f"export PATH='{bins}:/usr/bin:/bin';" in result.stdout.splitlines()
    assert f"export RPM_SPEC_LOADED='{root.hash}:{python.hash}';" in result.stdout
    done = subprocess.run(
        ["sh", "-c", result.stdout + 'echo "$PATH"'],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.stdout == f"{bins}:/usr/bin:/bin\n"
    monkeypatch.setenv("PATH", f"{bins}:/usr/bin:/bin")
    monkeypatch.setenv("RPM_SPEC_LOADED", f"{root.hash}:{python.hash}")
    monkeypatch.setenv("RPM_SPEC_LOADED_ROOTS", root.hash)
    undone = invoke(unload, ["--sh", "py-ext"], session)
    assert undone.exit_code == 0, undone.output
    lines = undone.stdout.splitlines()
    assert "export PATH='/usr/bin:/bin';" in lines
    assert "unset RPM_SPEC_LOADED;" in lines and "unset RPM_SPEC_LOADED_ROOTS;" in lines
    assert invoke(unload, ["--sh", "--all"], session).stdout.count("unset") >= 2


def test_csh_and_fish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session(tmp_path)
    install(session, "zlib")
    monkeypatch.setenv("PATH", "/usr/bin")
    csh = invoke(load, ["--csh", "zlib"], session).stdout
    assert csh.startswith("setenv PATH '") and csh.rstrip().endswith(";")
    fish = invoke(load, ["--fish", "zlib"], session).stdout
    assert fish.startswith("set -gx PATH '") and "'/usr/bin';" in fish


def test_unloading_something_not_installed(tmp_path: Path) -> None:
    result = invoke(unload, ["--sh", "zlib"], make_session(tmp_path))
    assert "no installed spec matches 'zlib'" in str(result.exception)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_setup_env_makes_load_change_the_shell(tmp_path: Path) -> None:
    """End to end: bin/rpm-spec behind the shell function of setup-env.sh."""
    session = Session.for_tests(tmp_path, repos=[MOCK_REPO], store_root=user_home() / "store")
    # The real CLI runs on this machine, and load refuses a build its CPU cannot run:
    # build for the root of this machine's family (x86_64, aarch64), which every CPU runs.
    dag = install(session, f"zlib target={platform.machine()}")
    bin_dir = session.store.prefix(dag.root_specs[0]) / "bin"
    script = (
        f". {PREFIX / 'share/rpm-spec/setup-env.sh'}\n"
        'before="$PATH"\n'
        "rpm-spec load zlib || exit 9\n"
        'echo "$PATH"\necho "$RPM_SPEC_LOADED"\n'
        "rpm-spec unload zlib || exit 9\n"
        'test "$PATH" = "$before" && echo restored\necho "${RPM_SPEC_LOADED-unset}"\n'
    )
    environ = dict(os.environ, RPM_SPEC_USER_DIR=str(user_home()))
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{bin_dir}:")
    assert lines[1:] == [dag.roots[0], "restored", "unset"]
