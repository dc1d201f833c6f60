"""``rpm-spec checksum``: version() lines with real sums; mismatches flagged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fetch_cli import cache_dir, fetch_session, invoke, source_archives

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.cli.checksum import checksum

if TYPE_CHECKING:
    from pathlib import Path


def test_checksum_given_versions(tmp_path: Path) -> None:
    session, sums = fetch_session(tmp_path)
    # A new release upstream that the recipe does not list yet.
    new_sum = source_archives.write_tarball(
        tmp_path / "upstream" / "srcpkg-1.1.tar.gz", top="srcpkg-1.1"
    )
    result = invoke(checksum, ["srcpkg", "1.1", "1.0"], session)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'    version("1.1", sha256="{new_sum}")',
        f'    version("1.0", sha256="{sums["srcpkg-1.0.tar.gz"]}")',
    ]
    assert not cache_dir(tmp_path).exists()  # nothing was added to the cache


def test_checksum_all_versions_flags_a_mismatch(tmp_path: Path) -> None:
    session, sums = fetch_session(tmp_path)
    result = invoke(checksum, ["srcpkg"], session)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f'    version("1.0", sha256="{sums["srcpkg-1.0.tar.gz"]}")'
    assert lines[1] == (
        f'    version("0.9", sha256="{sums["srcpkg-0.9.tar.gz"]}")'
        f"  # differs from the recipe's {'0' * 64}"
    )
    assert isinstance(result.exception, BuildLayerError)
    assert "0.9's sha256 differs from the recipe's" in str(result.exception)


def test_checksum_reads_the_source_cache_first(tmp_path: Path) -> None:
    session, sums = fetch_session(tmp_path)
    cached = cache_dir(tmp_path) / "srcpkg" / "srcpkg-1.0.tar.gz"
    cached.parent.mkdir(parents=True)
    (tmp_path / "upstream" / "srcpkg-1.0.tar.gz").rename(cached)
    result = invoke(checksum, ["srcpkg", "1.0"], session)
    assert result.exit_code == 0, result.output
    assert "mirror 'source-cache'" in result.stderr
    assert sums["srcpkg-1.0.tar.gz"] in result.stdout


def test_checksum_reports_versions_it_cannot_fetch(tmp_path: Path) -> None:
    session, _ = fetch_session(tmp_path)
    result = invoke(checksum, ["srcpkg", "7.0"], session)
    assert result.exit_code == 1
    assert "could not fetch srcpkg@7.0" in result.stderr
    assert "7.0 could not be fetched" in str(result.exception)
