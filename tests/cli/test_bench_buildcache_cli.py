"""``rpm-spec bench buildcache --case reuse``: a throwaway signed index offered to a solve."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from repo_cli import run

if TYPE_CHECKING:
    import pytest


def _bench_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("rpm-spec-buildcache-bench-*"))


def test_reuse_bench_offers_the_closures_entries_and_cleans_up(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _bench_dirs()
    args = ["bench", "buildcache", "--case", "reuse", "--entries", "300", "-n", "1"]
    code, out, err = run(args, capsys)
    assert code == 0, err
    # zlib has no dependencies: only its own entries (its node, variants of it) are offered.
    assert "index of 300 entries; 5 offered to the solve of 'zlib'" in out, out
    assert "added by the cache's reuse facts:" in out
    # Both synthetic distributions are reported (mixed entries drawn alike are one entry).
    assert "copies index of 300 entries" in out, out
    assert "mixed index of " in out, out
    assert _bench_dirs() <= before
