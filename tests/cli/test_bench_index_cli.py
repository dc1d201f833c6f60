"""``rpm-spec bench index``: builds, reads and extends a throwaway signed index."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from repo_cli import run

if TYPE_CHECKING:
    import pytest


def _bench_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("rpm-spec-index-bench-*"))


def test_index_bench_reports_figures_and_cleans_up(capsys: pytest.CaptureFixture[str]) -> None:
    before = _bench_dirs()
    code, out, err = run(["bench", "index", "--entries", "20", "-n", "2", "--json"], capsys)
    assert code == 0, err
    row = json.loads(out)
    assert (row["entries"], row["reads"]) == (20, 2)
    assert 10 < row["shards"] <= 20  # 20 random hashes in 256 shards: a few share one
    assert row["files_rewritten_by_add_one"] == 4
    assert row["read_median_s"] >= row["read_min_s"] > 0
    assert _bench_dirs() <= before


def test_index_bench_needs_entries(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["bench", "index", "--entries", "0"], capsys)
    assert code == 2
    assert "--entries and --repeat must be at least 1" in err
