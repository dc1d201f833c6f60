"""Package search for ``rpm-spec list``: substrings, globs, descriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from repo_helpers import MakeRepo, recipe

from rpm_spec.repo import RepoPath
from rpm_spec.repo.search import find_packages, matches

if TYPE_CHECKING:
    from pathlib import Path

SHA = "1" * 64


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("torch", "py-torch", True),
        ("TORCH", "py-torch", True),
        ("py-*", "py-torch", True),
        ("py-*", "numpy-py", False),
        ("*mpi", "openmpi", True),
        ("mpi?", "mpich", False),
        ("h[dx]f5", "hdf5", True),
    ],
)
def test_matches(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text) is expected


def test_find_packages(make_repo: MakeRepo, tmp_path: Path) -> None:
    recipes = {
        name: recipe(cls, f'version("1", sha256="{SHA}")', doc=doc)
        for name, cls, doc in [
            ("zlib", "Zlib", "Compression library."),
            ("py-zstd", "PyZstd", "Python bindings."),
            ("hdf5", "Hdf5", "Data format with compression filters."),
        ]
    }
    repos = RepoPath.from_paths([make_repo("s", recipes)], cache_dir=tmp_path / "c")
    assert find_packages(repos) == ["hdf5", "py-zstd", "zlib"]
    assert find_packages(repos, "z") == ["py-zstd", "zlib"]
    assert find_packages(repos, "compression") == []
    assert find_packages(repos, "compression", search_description=True) == ["hdf5", "zlib"]
    assert find_packages(repos, "py-*") == ["py-zstd"]
    assert find_packages(repos, "*filter*", search_description=True) == ["hdf5"]
