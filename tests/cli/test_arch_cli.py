"""``rpm-spec arch`` on a fixed host."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from platform_cli import invoke, make_session

from rpm_spec.cli.arch import arch
from rpm_spec.errors import UsageError
from rpm_spec.platform import HostInfo

if TYPE_CHECKING:
    from pathlib import Path


def test_prints_the_triple(tmp_path: Path) -> None:
    result = invoke(arch, [], make_session(tmp_path))
    assert result.exit_code == 0
    assert result.output == "linux-debian12-zen3\n"


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("-p", "linux"),
        ("--platform", "linux"),
        ("-o", "debian12"),
        ("-t", "zen3"),
        ("-f", "x86_64"),
        ("--family", "x86_64"),
    ],
)
def test_single_parts(tmp_path: Path, flag: str, expected: str) -> None:
    result = invoke(arch, [flag], make_session(tmp_path))
    assert result.output == expected + "\n"


def test_gpus(tmp_path: Path) -> None:
    result = invoke(arch, ["--gpus"], make_session(tmp_path))
    assert result.output == "nvidia: cuda_arch=90\nnvidia: cuda_arch=80\n"


def test_no_gpus(tmp_path: Path) -> None:
    host = HostInfo(platform="linux", os="rhel9", target="neoverse_v2")
    result = invoke(arch, ["--gpus"], make_session(tmp_path, host))
    assert result.output == "none\n"


def test_json(tmp_path: Path) -> None:
    result = invoke(arch, ["--json"], make_session(tmp_path))
    data = json.loads(result.output)
    assert data["arch"] == "linux-debian12-zen3"
    assert (data["family"], data["generic_target"]) == ("x86_64", "x86_64_v3")
    assert data["gpus"][0] == {"vendor": "nvidia", "variant": "cuda_arch", "value": "90"}
    assert json.loads(invoke(arch, ["-t", "--json"], make_session(tmp_path)).output) == {
        "target": "zen3"
    }


def test_known_targets_wrap_to_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = invoke(arch, ["--known-targets"], make_session(tmp_path))
    lines = result.output.splitlines()
    assert "x86_64" in lines and "aarch64" in lines
    assert all(len(line) <= 60 for line in lines)
    body = " ".join(lines)
    assert " zen3 " in body and " neoverse_v2 " in body


def test_known_targets_json(tmp_path: Path) -> None:
    result = invoke(arch, ["--known-targets", "--json"], make_session(tmp_path))
    families = json.loads(result.output)
    assert "zen3" in families["x86_64"]


def test_one_view_at_a_time(tmp_path: Path) -> None:
    result = invoke(arch, ["-p", "-t"], make_session(tmp_path))
    assert isinstance(result.exception, UsageError)
