"""``rpm-spec mirror add/list/remove/create``."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

from fetch_cli import cache_dir, fetch_session, invoke

from rpm_spec.build.mirrors import MirrorConfigError
from rpm_spec.cli.fetch import fetch
from rpm_spec.cli.mirror import mirror

if TYPE_CHECKING:
    from pathlib import Path


def test_add_list_remove(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    result = invoke(mirror, ["add", "local", str(tmp_path / "m")], session)
    assert result.exit_code == 0, result.output
    assert f"added mirror 'local' ({tmp_path / 'm'}) to the user scope" in result.stdout
    assert "is not a directory (yet)" in result.stderr
    again = invoke(mirror, ["add", "local", str(tmp_path / "m")], session)
    assert again.exit_code == 0 and "already in the user scope" in again.stdout
    other = invoke(mirror, ["add", "local", "https://example.com/m"], session)
    assert other.exit_code == 1 and isinstance(other.exception, MirrorConfigError)
    invoke(mirror, ["add", "web", "https://example.com/m"], session)

    listed = invoke(mirror, ["list", "--json"], session)
    assert [(m["name"], m["scope"]) for m in json.loads(listed.stdout)] == [
        ("local", "user"),
        ("web", "user"),
    ]
    text = invoke(mirror, ["list"], session).stdout.splitlines()
    assert text[0].split() == ["local", str(tmp_path / "m"), "[user]"]

    removed = invoke(mirror, ["remove", "local"], session)
    assert (
        removed.exit_code == 0 and "removed mirror 'local' from the user scope" in removed.stdout
    )
    assert [m["name"] for m in json.loads(invoke(mirror, ["list", "--json"], session).stdout)] == [
        "web"
    ]
    missing = invoke(mirror, ["remove", "local"], session)
    assert missing.exit_code == 1 and "no mirror 'local'" in str(missing.exception)


def test_create_then_install_from_it(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    target = tmp_path / "made"
    created = invoke(mirror, ["create", "-d", str(target), "srcpkg@1.0"], session)
    assert created.exit_code == 0, created.output
    assert f"mirror {target}: 4 fetched, 0 already there, 0 failed" in created.stdout
    assert (target / "srcpkg" / "srcpkg-1.0.tar.gz").is_file()
    assert (target / "deppkg" / "deppkg-2.0.tar.xz").is_file()
    again = invoke(mirror, ["create", "-d", str(target), "srcpkg@1.0"], session)
    assert f"mirror {target}: 0 fetched, 4 already there, 0 failed" in again.stdout

    # Upstream gone, cache empty: a fetch through the new mirror still works.
    shutil.rmtree(tmp_path / "upstream")
    invoke(mirror, ["add", "made", target.as_uri()], session)
    fetched = invoke(fetch, ["srcpkg@1.0"], session)
    assert fetched.exit_code == 0, fetched.output
    assert "from mirror 'made'" in fetched.stderr
    assert (cache_dir(tmp_path) / "srcpkg" / "srcpkg-1.0.tar.gz").is_file()


def test_create_takes_files_from_the_source_cache(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    assert invoke(fetch, ["srcpkg@1.0"], session).exit_code == 0
    shutil.rmtree(tmp_path / "upstream")
    created = invoke(mirror, ["create", "-d", str(tmp_path / "made"), "srcpkg@1.0"], session)
    assert created.exit_code == 0, created.output
    assert "4 fetched, 0 already there, 0 failed" in created.stdout
    assert "from mirror 'source-cache'" in created.stderr


def test_create_reports_failures(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    created = invoke(mirror, ["create", "-d", str(tmp_path / "made"), "srcpkg@0.9"], session)
    assert created.exit_code == 1
    assert "2 fetched, 0 already there, 1 failed" in created.stdout
    assert "sha256 mismatch for srcpkg@0.9" in created.stderr
