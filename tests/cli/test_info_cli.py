"""``rpm-spec info`` on the mock repository."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from repo_cli import mock_scope, run

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def info(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(["-C", str(mock_scope(tmp_path)), "info", *args], capsys)


def section(out: str, title: str) -> list[str]:
    """The lines of one section (up to the next blank line)."""
    lines = out.splitlines()
    start = lines.index(f"{title}:") + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_info_shows_versions_variants_and_dependencies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = info(tmp_path, capsys, "hdf5")
    assert code == 0
    assert out.startswith("hdf5  (mock.hdf5)")
    assert "Fake HDF5" in out
    assert "Build system:  generic (phases: install)" in out
    assert [line.split()[0] for line in section(out, "Versions (newest first)")] == [
        "1.14",
        "1.12",
    ]
    variants = section(out, "Variants [default]")
    assert variants[0].split()[:4] == ["mpi", "[false]", "false,", "true"]
    link = section(out, "Link dependencies")
    assert [line.split() for line in link] == [
        ["mpi", "when", "+mpi"],
        ["zlib", "when", "+compression"],
        ["zlib@1.3:", "when", "@1.14:+compression"],
    ]
    # Columns are aligned: every "when" starts at the same offset.
    assert len({line.index("when") for line in link}) == 1


def test_info_shows_conflicts_requires_and_mixins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = info(tmp_path, capsys, "cuda-app")
    conflicts = section(out, "Conflicts")
    assert any("CUDA support arrived in cuda-app 1.1" in line for line in conflicts)
    assert any("cuda_arch=none" in line for line in conflicts)
    assert any(line.split()[:2] == ["cuda_arch", "[none]"] for line in out.splitlines())
    _, out, _ = info(tmp_path, capsys, "backend-choice")
    (requirement,) = section(out, "Requires")
    assert "one of: +openmp, +threads" in requirement
    assert "choose exactly one" in requirement


def test_info_marks_preferred_and_deprecated_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = info(tmp_path, capsys, "preferred-older")
    assert any("preferred" in line for line in section(out, "Versions (newest first)"))
    _, out, _ = info(tmp_path, capsys, "deprecated-newest")
    assert any("deprecated" in line for line in section(out, "Versions (newest first)"))


def test_info_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = info(tmp_path, capsys, "zmpi", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "zmpi"
    assert [p["virtual_spec"].split("@")[0] for p in data["provides"]] == ["mpi"]


def test_info_unknown_package_suggests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = info(tmp_path, capsys, "hdf6")
    assert code == 1
    assert out == ""
    assert "Error: unknown package 'hdf6'" in err
    assert "hint: did you mean hdf5?" in err
    assert "Traceback" not in err
