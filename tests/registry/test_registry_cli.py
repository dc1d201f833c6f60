"""The registry's commands in one process (any user): create, publish, list with section
statuses, ``-e NS/ENV@N`` read-only, activation through ``current``, diff between versions,
prune, delete, and the clear errors of a missing registry or version."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.cli.main import main
from rpm_spec.platform import HostInfo, cached_host

if TYPE_CHECKING:
    from rpm_spec.environment.environment import Environment

ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
ARM = HostInfo(platform="linux", os="debian12", target="neoverse_v2")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site config scope naming the registry; this user has a signing key; the host is
    linux-debian12-zen3."""
    from rpm_spec.binary.keys import create_key

    monkeypatch.delenv("RPM_SPEC_ENV", raising=False)
    user_dir = Path(os.environ["RPM_SPEC_USER_DIR"])
    create_key(user_dir, "me")
    # The host cache holds what the CLI would detect this boot: make that the fixed host.
    assert cached_host(user_dir / "cache", detect=lambda: ZEN3) == ZEN3
    config = tmp_path / "site"
    config.mkdir()
    (config / "config.yaml").write_text(f"config:\n  registry:\n    root: {tmp_path / 'reg'}\n")
    return config


Run = Callable[..., str]


@pytest.fixture
def run(site: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args, code=0)``: rpm-spec -C SITE ARGS through ``main`` (errors become exit
    codes there); its stdout and stderr."""

    def invoke(*args: str, code: int = 0) -> str:
        exit_code: object = 0
        try:
            main(["-C", str(site), *args])
        except SystemExit as stop:
            exit_code = stop.code
        captured = capsys.readouterr()
        assert exit_code == code, captured.out + captured.err
        return captured.out + captured.err

    return invoke


def test_publish_list_use_diff_prune_delete(
    tmp_path: Path, run: Run, solved: Callable[..., Environment]
) -> None:
    one = solved("one", ["zlib"], hosts=(ZEN3, ARM))
    two = solved("two", ["zlib", "libelf"])
    run("registry", "create", "chem", "--group", str(os.getegid()))
    out = run("env", "publish", "chem/md", "-e", str(one.path))
    assert "Published chem/md@1" in out
    assert "linux-debian12-zen3: solved" in out and "linux-debian12-neoverse_v2: solved" in out
    run("-e", str(two.path), "env", "publish", "chem/md")  # the active environment
    listing = run("registry", "list")
    assert "chem/md  (current: 2)" in listing
    assert "@1  linux-debian12-neoverse_v2: solved, linux-debian12-zen3: solved" in listing
    assert "@2 current  linux-debian12-zen3: solved" in listing

    pulled = run("env", "pull", "chem/md@1", "-d", str(tmp_path / "pulled"))
    assert "This host uses its section linux-debian12-zen3" in pulled
    arm_only = solved("arm", ["zlib"], hosts=(ARM,))
    run("env", "publish", "chem/arm", "-e", str(arm_only.path))
    pulled = run("env", "pull", "chem/arm", "-d", str(tmp_path / "pulled-arm"))
    assert "chem/arm has no section this host (linux-debian12-zen3) can use" in pulled
    assert "its 1 section: linux-debian12-neoverse_v2" in pulled
    diff = run("env", "diff", "chem/md@1", "chem/md@2")
    assert "chem/md@1" in diff and "chem/md@2" in diff and "libelf" in diff

    assert "In environment chem/md@1" in run("-e", "chem/md@1", "env", "status")
    # As activation leaves it: $RPM_SPEC_ENV names the directory, still read-only.
    refused = run("-e", str(tmp_path / "reg" / "chem" / "md" / "current"), "add", "x", code=1)
    assert "cannot add specs to chem/md@2: published versions are immutable" in refused
    refused = run("-e", "chem/md@2", "remove", "libelf", code=1)
    assert "published versions are immutable" in refused
    shell = run("env", "activate", "--sh", "chem/md")
    md = tmp_path / "reg" / "chem" / "md"
    assert str(md / "current" / ".rpm-spec-env" / "view" / "bin") in shell
    pinned = run("env", "activate", "--sh", "chem/md@1")
    assert str(md / "versions" / "1" / ".rpm-spec-env" / "view" / "bin") in pinned

    assert "Archived @1 of chem/md" in run("registry", "prune", "chem/md", "--keep-built", "0")
    assert "@1 archived" in run("registry", "list", "chem")
    history = run("env", "history", "chem/md")
    assert [line.split()[2] for line in history.splitlines()] == ["publish", "publish", "archive"]
    assert "Deleted chem/md" in run("registry", "delete", "chem/md")
    assert "chem/md" not in run("registry", "list")


def test_clear_errors(tmp_path: Path, run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    def without_site() -> str:
        with pytest.raises(SystemExit) as stop:
            main(["registry", "list"])
        assert stop.value.code == 1
        return capsys.readouterr().err

    assert "no environment registry is configured" in without_site()
    run("registry", "create", "chem", "--group", str(os.getegid()))
    assert "exists already" in run(
        "registry", "create", "chem", "--group", str(os.getegid()), code=1
    )
    assert "nothing published as chem/md" in run(
        "env", "pull", "chem/md@3", "-d", str(tmp_path / "x"), code=1
    )
    assert "no namespace 'bio'" in run("env", "history", "bio/md", code=1)
    assert "not an environment of a registry" in run("env", "history", "md", code=1)
    # a user's own scope cannot move the registry
    user_config = Path(os.environ["RPM_SPEC_USER_DIR"]) / "config.yaml"
    user_config.write_text(f"config:\n  registry:\n    root: {tmp_path / 'elsewhere'}\n")
    assert "no environment registry is configured" in without_site()
