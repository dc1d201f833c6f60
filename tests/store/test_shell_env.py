"""Environment modifications, the paths a prefix contributes, and shell code run in a shell."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest

from rpm_spec.store.shell_env import (
    EnvironmentChange,
    EnvironmentModifications,
    is_python_extension,
    prefix_paths,
    shell_code,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag


def test_path_operations() -> None:
    mods = EnvironmentModifications()
    mods.prepend_path("PATH", "/b")  # already there: moves to the front
    mods.prepend_path("PATH", "/new")
    mods.append_path("PATH", "/last")
    mods.remove_path("PATH", "/a")
    mods.prepend_path("CMAKE_PREFIX_PATH", "/p")
    mods.set("FOO", "bar")
    mods.unset("GONE")
    assert mods.apply({"PATH": "/a:/b:/c", "GONE": "x"}) == {
        "PATH": "/new:/b:/c:/last",
        "CMAKE_PREFIX_PATH": "/p",
        "FOO": "bar",
        "GONE": None,
    }
    assert len(mods) == 7


def test_removing_the_last_entry_unsets_the_variable() -> None:
    mods = EnvironmentModifications()
    mods.remove_path("PKG_CONFIG_PATH", "/x/lib/pkgconfig")
    assert mods.apply({"PKG_CONFIG_PATH": "/x/lib/pkgconfig"}) == {"PKG_CONFIG_PATH": None}


def test_a_new_manpath_keeps_the_system_default() -> None:
    mods = EnvironmentModifications()
    mods.prepend_path("MANPATH", "/x/share/man")
    mods.append_path("MANPATH", "/y/man")
    assert mods.apply({}) == {"MANPATH": "/x/share/man:/y/man:"}
    undo = EnvironmentModifications()
    undo.remove_path("MANPATH", "/x/share/man")
    undo.remove_path("MANPATH", "/y/man")
    assert undo.apply({"MANPATH": "/x/share/man:/y/man:"}) == {"MANPATH": None}


def test_names_are_checked() -> None:
    with pytest.raises(ValueError, match="not an environment variable name"):
        EnvironmentChange("set", "A-B", "x")


def test_prefix_paths(tmp_path: Path) -> None:
    for relative in ["bin", "share/man", "lib64/pkgconfig", "lib/python3.12/site-packages"]:
        (tmp_path / relative).mkdir(parents=True)
    found = [
        (name, path.relative_to(tmp_path).as_posix()) for name, path in prefix_paths(tmp_path)
    ]
    assert found == [
        ("PATH", "bin"),
        ("MANPATH", "share/man"),
        ("PKG_CONFIG_PATH", "lib64/pkgconfig"),
        ("CMAKE_PREFIX_PATH", "."),
    ]
    extension = prefix_paths(tmp_path, python_extension=True)
    assert extension[-1] == ("PYTHONPATH", tmp_path / "lib/python3.12/site-packages")
    every = {name for name, _ in prefix_paths(tmp_path, existing_only=False)}
    assert every == {"PATH", "MANPATH", "PKG_CONFIG_PATH", "CMAKE_PREFIX_PATH"}
    assert "LD_LIBRARY_PATH" not in every


def test_python_extensions_are_what_runs_with_python(dags: Callable[..., ConcreteDag]) -> None:
    dag = dags("py-ext")
    python = dag.by_name("python")
    assert python is not None
    assert is_python_extension(dag.root_specs[0])
    assert not is_python_extension(python)


def run_sh(code: str, environ: dict[str, str], *names: str) -> list[str]:
    script = code + "".join(f'printf "%s|%s\\n" "${{{n}+set}}" "${{{n}-}}";' for n in names)
    done = subprocess.run(
        ["sh", "-c", script], env=environ, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_sh_code_does_what_apply_says() -> None:
    mods = EnvironmentModifications()
    mods.prepend_path("PATH", "/opt/my tools/bin")
    mods.set("QUOTED", 'it\'s "quoted" $HOME `x` \\ !')
    mods.unset("GONE")
    environ = {"PATH": "/usr/bin:/bin", "GONE": "1"}
    code = shell_code(mods, "sh", environ)
    assert code.startswith("export PATH='/opt/my tools/bin:/usr/bin:/bin';\n")
    lines = run_sh(code, environ, "PATH", "QUOTED", "GONE")
    assert lines == [
        "set|/opt/my tools/bin:/usr/bin:/bin",
        'set|it\'s "quoted" $HOME `x` \\ !',
        "|",
    ]


def test_csh_and_fish_code() -> None:
    mods = EnvironmentModifications()
    mods.prepend_path("PATH", "/x/bin")
    mods.set("NOTE", "it's!")
    mods.unset("GONE")
    environ = {"PATH": "/usr/bin"}
    assert shell_code(mods, "csh", environ) == (
        "setenv PATH '/x/bin:/usr/bin';\nsetenv NOTE 'it'\"'\"'s\\!';\nunsetenv GONE;\n"
    )
    assert shell_code(mods, "fish", environ) == (
        "set -gx PATH '/x/bin' '/usr/bin';\nset -gx NOTE 'it\\'s!';\nset -e GONE;\n"
    )
