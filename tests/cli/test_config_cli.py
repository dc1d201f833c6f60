"""``rpm-spec config ...`` end to end, through the CLI's error boundary."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from rpm_spec.cli.main import main
from rpm_spec.util.paths import PREFIX


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


@pytest.fixture
def user_dir() -> Path:
    """The user scope of these commands (conftest points RPM_SPEC_USER_DIR at a temp dir)."""
    return Path(os.environ["RPM_SPEC_USER_DIR"])


def test_blame_shows_the_command_line_scope(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "-c", "packages:all:target:[zen3]", "config", "blame", "packages")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["command_line", "packages:"]
    assert [line.split() for line in lines if "zen3" in line] == [["command_line", "-", "zen3"]]
    assert any(line.startswith("defaults/packages.yaml:4 ") for line in lines)
    starts = {line.index(line.split()[1]) for line in lines}
    assert min(starts) == len("defaults/packages.yaml:26") + 2  # sources padded to one width


def test_get_prints_merged_yaml_or_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "-c", "config:build_jobs:7", "config", "get", "config")
    assert code == 0 and "  build_jobs: 7\n" in out and out.startswith("config:\n")
    code, out, _ = _run(capsys, "-c", "repos:[/r]", "config", "get", "--json", "repos")
    assert json.loads(out) == {"repos": ["/r", "$rpm_spec/repos/builtin"]}


def test_schema_errors_name_the_place_and_fail(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "-c", "packages:all:target:zen3", "config", "get", "packages")
    assert code == 1
    assert err == (
        "Error: command line (-c packages:all:target:zen3): "
        "packages:all:target: expected a list, got 'zen3'\n"
    )
    scope = tmp_path / "scope"
    scope.mkdir()
    (scope / "packages.yaml").write_text("packages:\n  all:\n    buildable: maybe\n")
    code, _, err = _run(capsys, "-C", str(scope), "config", "get", "packages")
    assert code == 1
    assert err.startswith(f"Error: {scope / 'packages.yaml'}:3: packages:all:buildable: expected")
    (scope / "packages.yaml").write_text("packages:\n  all: [\n")
    code, _, err = _run(capsys, "-C", str(scope), "config", "get", "packages")
    assert code == 1 and err.startswith(f"Error: {scope / 'packages.yaml'}:3: invalid YAML")


def test_unknown_section_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "config", "get", "pakages")
    assert code == 1
    assert "valid sections: compilers, concretizer, config, mirrors, modules" in err
    assert "hint: did you mean packages?" in err
    code, _, err = _run(capsys, "-c", "pakages:a:b", "config", "list")
    assert code == 2 and "'pakages' is not a configuration section" in err


def test_add_writes_the_user_scope(capsys: pytest.CaptureFixture[str], user_dir: Path) -> None:
    assert _run(capsys, "config", "add", "packages:all:target:[zen3]")[0] == 0
    assert _run(capsys, "config", "add", "packages:all:target:zen4")[0] == 0
    assert (user_dir / "packages.yaml").read_text() == (
        "packages:\n  all:\n    target:\n      - zen3\n      - zen4\n"
    )
    code, out, _ = _run(capsys, "config", "blame", "packages")
    assert f"{user_dir / 'packages.yaml'}:5" in out or "packages.yaml:5" in out
    code, _, err = _run(capsys, "config", "add", "--scope", "defaults", "config:build_jobs:2")
    assert code == 1 and "'defaults' cannot be written to" in err
    code, _, err = _run(capsys, "config", "add", "--scope", "usr", "config:build_jobs:2")
    assert code == 1 and "did you mean user?" in err


def test_edit_opens_the_editor_and_validates(
    capsys: pytest.CaptureFixture[str],
    user_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = _run(capsys, "config", "edit", "--print-file", "mirrors")
    assert (code, out) == (0, f"{user_dir / 'mirrors.yaml'}\n")
    good = tmp_path / "good.yaml"
    good.write_text("mirrors:\n  local: file:///srv/mirror\n")
    monkeypatch.setenv("EDITOR", f"cp {good}")
    monkeypatch.delenv("VISUAL", raising=False)
    assert _run(capsys, "config", "edit", "mirrors")[0] == 0
    assert (user_dir / "mirrors.yaml").read_text() == good.read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("mirrors:\n  local: 3\n")
    monkeypatch.setenv("EDITOR", f"cp {bad}")
    code, _, err = _run(capsys, "config", "edit", "mirrors")
    assert code == 1 and f"{user_dir / 'mirrors.yaml'}:2: mirrors:local: expected" in err


def test_list_and_scopes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = _run(capsys, "config", "list")
    assert out.split() == [
        "compilers",
        "concretizer",
        "config",
        "mirrors",
        "modules",
        "packages",
        "policy",
        "repos",
        "upstreams",
    ]
    _, out, _ = _run(capsys, "-C", str(tmp_path), "config", "scopes", "--json")
    rows = json.loads(out)
    assert [row["name"] for row in rows] == [
        "defaults",
        "system",
        "site",
        "user",
        f"custom:{tmp_path.name}",
        "command_line",
    ]
    assert rows[0] == {
        "name": "defaults",
        "path": str(PREFIX / "etc" / "rpm-spec" / "defaults"),
        "exists": True,
        "writable": False,
    }
    _code, out, _ = _run(capsys, "config", "scopes")
    assert out.splitlines()[-1].split() == ["command_line", "(in", "memory)"]


def test_the_launcher_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(PREFIX / "bin" / "rpm-spec"),
            "-c",
            "packages:all:target:zen3",
            "config",
            "get",
            "packages",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "RPM_SPEC_USER_DIR": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "expected a list, got 'zen3'" in result.stderr
