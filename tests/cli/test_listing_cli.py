"""``rpm-spec list`` on the mock repository."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from repo_cli import mock_scope, run

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_list_prints_every_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["-C", str(mock_scope(tmp_path)), "list"], capsys)
    assert code == 0
    names = out.split()
    assert names == sorted(names)
    assert {"hdf5", "zlib", "mpich", "cuda-app", "py-sample"} <= set(names)


def test_list_pattern_and_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scope = str(mock_scope(tmp_path))
    _, out, _ = run(["-C", scope, "list", "mpi"], capsys)
    assert {"mpich", "zmpi", "mpileaks"} <= set(out.split())
    assert "zlib" not in out.split()
    _, out, _ = run(["-C", scope, "list", "py-*"], capsys)
    assert out.split() == ["py-ext", "py-sample"]


def test_list_searches_descriptions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scope = str(mock_scope(tmp_path))
    _, plain, _ = run(["-C", scope, "list", "interpreter"], capsys)
    _, described, _ = run(["-C", scope, "list", "-d", "interpreter"], capsys)
    assert "python" not in plain.split()
    assert "python" in described.split()


def test_list_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["-C", str(mock_scope(tmp_path)), "list", "--json", "hdf5"], capsys)
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["name"] == "hdf5" and entry["namespace"] == "mock"
    assert entry["versions"] == ["1.14", "1.12"]
    assert entry["description"].startswith("Fake HDF5")


def test_list_without_match_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["-C", str(mock_scope(tmp_path)), "list", "nothing-like-it"], capsys)
    assert code == 1
    assert out == ""
    assert "no package matches 'nothing-like-it'" in err
