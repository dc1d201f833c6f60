"""``rpm-spec external find/list`` with fake tools and a temporary user scope."""

from __future__ import annotations

import json
import stat
from typing import TYPE_CHECKING

from platform_cli import invoke, make_session
from ruamel.yaml import YAML

from rpm_spec.cli.external import external
from rpm_spec.platform import UnknownExternalError

if TYPE_CHECKING:
    from pathlib import Path

CMAKE = "cmake version 3.27.9\n\nCMake suite maintained and supported by Kitware.\n"
NVCC = "Cuda compilation tools, release 13.0, V13.0.88\n"


def _tool(directory: Path, name: str, output: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.out").write_text(output)
    script = directory / name
    script.write_text(f"#!/bin/sh\ncat '{directory / (name + '.out')}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def _packages(tmp_path: Path) -> dict[str, object]:
    text = (tmp_path / "user-scope" / "packages.yaml").read_text()
    data: dict[str, object] = YAML(typ="safe").load(text)["packages"]
    return data


def test_find_writes_and_does_not_duplicate(tmp_path: Path) -> None:
    prefix = tmp_path / "opt" / "cmake"
    _tool(prefix / "bin", "cmake", CMAKE)
    args = ["find", "cmake", "--path", str(prefix / "bin")]
    first = invoke(external, args, make_session(tmp_path))
    assert first.exit_code == 0, first.output
    assert f"==> Found: cmake@3.27.9 {prefix}\n" in first.output
    assert "==> Wrote 1 new external to" in first.output
    assert _packages(tmp_path)["cmake"] == {
        "externals": [{"spec": "cmake@3.27.9", "prefix": str(prefix)}]
    }

    second = invoke(external, args, make_session(tmp_path))
    assert "(configured already)" in second.output
    assert "Wrote" not in second.output
    assert _packages(tmp_path)["cmake"] == {
        "externals": [{"spec": "cmake@3.27.9", "prefix": str(prefix)}]
    }


def test_find_not_buildable(tmp_path: Path) -> None:
    _tool(tmp_path / "cuda" / "bin", "nvcc", NVCC)
    args = ["find", "cuda", "--not-buildable", "--path", str(tmp_path / "cuda" / "bin")]
    invoke(external, args, make_session(tmp_path))
    assert _packages(tmp_path)["cuda"] == {
        "externals": [{"spec": "cuda@13.0.88", "prefix": str(tmp_path / "cuda")}],
        "buildable": False,
    }


def test_find_nothing(tmp_path: Path) -> None:
    result = invoke(external, ["find", "--path", str(tmp_path)], make_session(tmp_path))
    assert result.output == "==> No externals found\n"


def test_find_unknown_name(tmp_path: Path) -> None:
    result = invoke(external, ["find", "cuad", "--path", str(tmp_path)], make_session(tmp_path))
    assert isinstance(result.exception, UnknownExternalError)


def test_list(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    assert "No externals configured" in invoke(external, ["list"], session).output
    _tool(tmp_path / "cuda" / "bin", "nvcc", NVCC)
    args = ["find", "--not-buildable", "--path", str(tmp_path / "cuda" / "bin")]
    invoke(external, args, make_session(tmp_path))
    output = invoke(external, ["list"], make_session(tmp_path)).output
    assert output.splitlines() == [
        "cuda  (not buildable)",
        f"    {'cuda@13.0.88':<24} {tmp_path / 'cuda'}",
    ]
    data = json.loads(invoke(external, ["list", "--json"], make_session(tmp_path)).output)
    assert list(data) == ["cuda"]
    assert data["cuda"]["buildable"] is False


def test_list_detectable(tmp_path: Path) -> None:
    output = invoke(external, ["list", "--detectable"], make_session(tmp_path)).output
    assert {"cuda", "cmake", "openmpi", "slurm"} <= set(output.split())
