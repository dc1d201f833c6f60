"""``rpm-spec repo create/add/remove/list``, writing the user scope in tmp_path."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from repo_cli import MOCK_REPO, run

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_create_add_list_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine"
    code, out, _ = run(["repo", "create", str(mine), "mine"], capsys)
    assert code == 0 and "created repository 'mine'" in out
    assert (mine / "repo.yaml").is_file() and (mine / "packages").is_dir()

    code, out, _ = run(["repo", "add", str(mine)], capsys)
    assert code == 0 and "added repository 'mine'" in out
    code, out, _ = run(["repo", "add", str(MOCK_REPO)], capsys)
    assert code == 0

    code, out, _ = run(["repo", "list", "--json"], capsys)
    listed = json.loads(out)
    assert [entry["namespace"] for entry in listed][:3] == ["mock", "mine", "builtin"]
    assert listed[1] == {"namespace": "mine", "path": str(mine), "packages": 0}
    code, out, _ = run(["repo", "list"], capsys)
    assert out.splitlines()[0].startswith("mock ")

    code, out, _ = run(["repo", "remove", "mine"], capsys)
    assert code == 0 and "removed mine" in out
    _, out, _ = run(["repo", "list", "--json"], capsys)
    assert [entry["namespace"] for entry in json.loads(out)][:2] == ["mock", "builtin"]


def test_errors_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["repo", "add", str(tmp_path)], capsys)
    assert code == 1 and "has no repo.yaml" in err
    code, _, err = run(["repo", "remove", "nothing"], capsys)
    assert code == 1 and "no repository 'nothing'" in err
    code, _, err = run(["repo", "create", str(tmp_path / "x"), "Bad-Name"], capsys)
    assert code == 1 and "invalid namespace" in err
