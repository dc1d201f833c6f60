"""``rpm-spec compiler find/list/info`` with fake compilers and a temporary user scope."""

from __future__ import annotations

import json
import stat
from typing import TYPE_CHECKING

from platform_cli import invoke, make_session
from ruamel.yaml import YAML

from rpm_spec.cli.compiler import compiler
from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from pathlib import Path


def _fake_gcc(directory: Path, version: str = "12.2.0") -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("gcc", "g++", "gfortran"):
        script = directory / name
        script.write_text(f"#!/bin/sh\necho {version}\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_find_writes_new_compilers_once(tmp_path: Path) -> None:
    _fake_gcc(tmp_path / "bin")
    session = make_session(tmp_path)
    result = invoke(compiler, ["find", str(tmp_path / "bin")], session)
    assert result.exit_code == 0, result.output
    written = session.user_dir / "compilers.yaml"
    assert f"==> Added 1 new compiler to {written}" in result.output
    assert "gcc@12.2.0" in result.output
    data = YAML(typ="safe").load(written.read_text())
    [entry] = data["compilers"]
    assert entry["compiler"]["spec"] == "gcc@12.2.0"
    assert entry["compiler"]["paths"]["fc"] == str(tmp_path / "bin" / "gfortran")
    assert (entry["compiler"]["operating_system"], entry["compiler"]["target"]) == (
        "debian12",
        "x86_64",
    )

    again = invoke(compiler, ["find", str(tmp_path / "bin")], make_session(tmp_path))
    assert "No new compilers (1 found, all configured already)" in again.output
    assert len(YAML(typ="safe").load(written.read_text())["compilers"]) == 1


def test_find_appends_to_existing_entries(tmp_path: Path) -> None:
    _fake_gcc(tmp_path / "a", "12.2.0")
    _fake_gcc(tmp_path / "b", "13.2.0")
    invoke(compiler, ["find", str(tmp_path / "a")], make_session(tmp_path))
    invoke(compiler, ["find", str(tmp_path / "b")], make_session(tmp_path))
    result = invoke(compiler, ["list", "--json"], make_session(tmp_path))
    assert [e["spec"] for e in json.loads(result.output)] == ["gcc@12.2.0", "gcc@13.2.0"]


def test_find_nothing(tmp_path: Path) -> None:
    result = invoke(compiler, ["find", str(tmp_path)], make_session(tmp_path))
    assert result.output == "==> No new compilers\n"
    assert not (tmp_path / "user-scope" / "compilers.yaml").exists()


def test_list(tmp_path: Path) -> None:
    assert "No compilers configured" in invoke(compiler, ["list"], make_session(tmp_path)).output
    _fake_gcc(tmp_path / "bin")
    invoke(compiler, ["find", str(tmp_path / "bin")], make_session(tmp_path))
    output = invoke(compiler, ["list"], make_session(tmp_path)).output
    assert output.startswith("gcc@12.2.0")
    assert "debian12-x86_64" in output
    assert f"cc={tmp_path / 'bin' / 'gcc'}" in output


def test_info(tmp_path: Path) -> None:
    _fake_gcc(tmp_path / "bin")
    invoke(compiler, ["find", str(tmp_path / "bin")], make_session(tmp_path))
    output = invoke(compiler, ["info", "gcc@12.2.0"], make_session(tmp_path)).output
    assert output.splitlines()[0] == "gcc@12.2.0:"
    assert f"cxx: {tmp_path / 'bin' / 'g++'}" in output
    data = json.loads(invoke(compiler, ["info", "gcc", "--json"], make_session(tmp_path)).output)
    assert [e["spec"] for e in data] == ["gcc@12.2.0"]
    missing = invoke(compiler, ["info", "clang@17"], make_session(tmp_path))
    assert isinstance(missing.exception, RpmSpecError)
    assert "no configured compiler matches 'clang@17'" in str(missing.exception)
