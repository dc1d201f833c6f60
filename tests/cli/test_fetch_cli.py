"""``rpm-spec fetch``: every source of the concretized DAG, verified, then cached."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from fetch_cli import cache_dir, fetch_session, invoke

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.cli.fetch import fetch

if TYPE_CHECKING:
    from pathlib import Path


def test_fetch_then_cached(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    result = invoke(fetch, ["srcpkg@1.0"], session)
    assert result.exit_code == 0, result.output
    fetched = sorted(line.split()[1] for line in result.stdout.splitlines())
    assert fetched == ["deppkg@2.0", "patch", "resource", "srcpkg@1.0"]
    assert all(line.startswith("[fetched]") for line in result.stdout.splitlines())
    assert "==> Fetching srcpkg@1.0 from file://" in result.stderr
    assert "4 fetched, 0 already cached" in result.stderr
    assert (cache_dir(tmp_path) / "deppkg" / "deppkg-2.0.tar.xz").is_file()

    # Upstream gone: the cache has everything.
    shutil.rmtree(tmp_path / "upstream")
    again = invoke(fetch, ["srcpkg@1.0"], session)
    assert again.exit_code == 0, again.output
    assert all(line.startswith("[cached ]") for line in again.stdout.splitlines())
    assert "0 fetched, 4 already cached" in again.stderr


def test_failures_are_all_shown_and_fail_the_command(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    result = invoke(fetch, ["srcpkg@0.9"], session)
    assert result.exit_code == 1
    assert isinstance(result.exception, BuildLayerError)
    assert str(result.exception) == "1 of 3 source files could not be fetched"
    assert "==> srcpkg@0.9: sha256 mismatch for srcpkg@0.9" in result.stderr
    assert "[fetched] deppkg@2.0" in result.stdout
    assert list(cache_dir(tmp_path).glob("srcpkg/srcpkg-0.9*")) == []
    # --no-checksum accepts it (the user takes the risk).
    unchecked = invoke(fetch, ["--no-checksum", "srcpkg@0.9"], session)
    assert unchecked.exit_code == 0, unchecked.output
    cached = cache_dir(tmp_path) / "srcpkg" / "srcpkg-0.9.tar.gz"
    assert cached.read_bytes() == (tmp_path / "upstream" / "srcpkg-0.9.tar.gz").read_bytes()


def test_no_spec_is_a_usage_error(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    result = invoke(fetch, [], session)
    assert result.exit_code == 1 and "no spec given" in str(result.exception)
