"""Provenance files in a prefix: what is written, in which order, and reading it back."""

from __future__ import annotations

import json
import subprocess
from typing import TYPE_CHECKING

import pytest
from store_fakes import MOCK_REPO

from rpm_spec.store.provenance import (
    COMPLETE_MARKER,
    completed_at,
    find_prefixes,
    is_complete,
    mark_complete,
    read_spec,
    repo_info,
    write_provenance,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag


def test_every_file_is_written_and_the_marker_last(
    tmp_path: Path, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("patched-lib")
    node = dag.root_specs[0]
    prefix = tmp_path / "prefix"
    log = tmp_path / "build.log"
    log.write_text("make: all done\n")
    write_provenance(
        prefix,
        dag,
        node.hash,
        recipe_dir=MOCK_REPO / "packages" / "patched-lib",
        repo_root=MOCK_REPO,
        build_log=log,
        build_env={"PATH": "/usr/bin", "CC": "/wrappers/cc"},
    )
    meta = prefix / ".rpm-spec"
    assert (meta / "build.log").read_text() == "make: all done\n"
    assert json.loads((meta / "build-env.json").read_text())["CC"] == "/wrappers/cc"
    recipe = meta / "repos" / "mock" / "patched-lib"
    assert sorted(p.name for p in recipe.iterdir()) == ["fix-version-macro.patch", "package.py"]
    repo = json.loads((meta / "repo.json").read_text())
    assert repo["namespace"] == "mock" and repo["path"] == str(MOCK_REPO)
    assert is_complete(prefix)
    marker = meta / COMPLETE_MARKER
    assert all(marker.stat().st_mtime_ns >= p.stat().st_mtime_ns for p in meta.iterdir())
    stored = read_spec(prefix)
    assert stored.roots == (node.hash,)
    assert set(stored.nodes) == {n.hash for _, n, _ in dag.traverse(node.hash)}
    assert completed_at(prefix) == marker.read_text().strip()


def test_a_failure_before_the_end_leaves_no_marker(
    tmp_path: Path, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    prefix = tmp_path / "prefix"
    with pytest.raises(FileNotFoundError):
        write_provenance(
            prefix, dag, dag.roots[0], recipe_dir=tmp_path / "gone", repo_root=MOCK_REPO
        )
    assert (prefix / ".rpm-spec" / "spec.json").is_file()
    assert not is_complete(prefix)


def test_repo_info_names_the_git_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "packages" / "x").mkdir(parents=True)
    (repo / "packages" / "x" / "package.py").write_text("# x\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    head = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert repo_info(repo, "x") == {
        "namespace": "x",
        "path": str(repo),
        "commit": head,
        "dirty": False,
    }
    (repo / "packages" / "x" / "package.py").write_text("# edited\n")
    assert repo_info(repo, "x")["dirty"] is True


def test_repo_info_hashes_a_plain_directory(tmp_path: Path) -> None:
    repo = tmp_path / "plain"
    (repo / "packages" / "x").mkdir(parents=True)
    recipe = repo / "packages" / "x" / "package.py"
    recipe.write_text("# one\n")
    first = repo_info(repo, "x")
    assert "commit" not in first and len(first["content_sha256"]) == 64
    recipe.write_text("# two\n")
    assert repo_info(repo, "x")["content_sha256"] != first["content_sha256"]


def test_find_prefixes_stops_at_prefixes_and_depth(tmp_path: Path) -> None:
    for relative in ["a/b/one", "a/c/two", "a/b/one/nested", "x/y/z/too-deep"]:
        (tmp_path / relative / ".rpm-spec").mkdir(parents=True)
    (tmp_path / ".rpm-spec-db" / "p" / ".rpm-spec").mkdir(parents=True)
    mark_complete(tmp_path / "a/b/one")
    found = [p.relative_to(tmp_path).as_posix() for p in find_prefixes(tmp_path, max_depth=3)]
    assert found == ["a/b/one", "a/c/two"]
