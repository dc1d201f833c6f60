"""What an installed prefix records about how it was made, under ``<prefix>/.rpm-spec/``.

- ``spec.json``: the concrete DAG rooted at the installed node (enough to reindex);
- ``build.log`` and ``build-env.json``: the build's output and environment;
- ``repos/<namespace>/<name>/``: the recipe as built (``package.py`` and its patches);
- ``repo.json``: the repository's path and git commit (or a content hash);
- ``files.json``: sha256, size and mode of every file (:mod:`rpm_spec.store.file_manifest`);
- ``install-complete``: written last, holding the install time. A prefix without it
  is an interrupted install: the database never registers it and ``reindex``
  ignores it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpecError
from rpm_spec.store.errors import StoreError
from rpm_spec.store.file_manifest import write_file_manifest
from rpm_spec.store.layout import METADATA_DIR

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

SPEC_FILE = "spec.json"
BUILD_LOG = "build.log"
BUILD_ENV = "build-env.json"
REPO_FILE = "repo.json"
RECIPES_DIR = "repos"
COMPLETE_MARKER = "install-complete"

_IGNORED_RECIPE_FILES = shutil.ignore_patterns("__pycache__", "*.pyc")


def now_utc() -> str:
    """The current time as ISO 8601 in UTC, to the second (what records store)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _metadata(prefix: Path) -> Path:
    directory = prefix / METADATA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def node_dag(dag: ConcreteDag, node_hash: str) -> ConcreteDag:
    """The part of ``dag`` below (and including) ``node_hash``, rooted there."""
    nodes = {node.hash: node for _, node, _ in dag.traverse(node_hash)}
    return ConcreteDag((node_hash,), nodes)


def write_spec(prefix: Path, dag: ConcreteDag, node_hash: str) -> Path:
    """Write ``spec.json``: the DAG rooted at the node installed in ``prefix``."""
    return _write_json(_metadata(prefix) / SPEC_FILE, node_dag(dag, node_hash).to_dict())


def read_spec(prefix: Path) -> ConcreteDag:
    """The DAG stored in ``prefix``'s ``spec.json`` (its single root is the prefix's node)."""
    path = prefix / METADATA_DIR / SPEC_FILE
    try:
        dag = ConcreteDag.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ConcreteSpecError) as error:
        raise StoreError(f"cannot read {path}: {error}") from None
    if len(dag.roots) != 1:
        raise StoreError(f"{path}: expected one root, found {len(dag.roots)}")
    return dag


def write_build_log(prefix: Path, log: Path) -> Path:
    """Copy the build log into the prefix."""
    return Path(shutil.copyfile(log, _metadata(prefix) / BUILD_LOG))


def write_build_env(prefix: Path, environment: Mapping[str, str]) -> Path:
    """Record the environment the build ran with."""
    return _write_json(_metadata(prefix) / BUILD_ENV, dict(environment))


def write_recipe(prefix: Path, namespace: str, name: str, recipe_dir: Path) -> Path:
    """Copy the recipe directory (``package.py`` and patches) as it was when built."""
    target = _metadata(prefix) / RECIPES_DIR / namespace / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(recipe_dir, target, ignore=_IGNORED_RECIPE_FILES)
    return target


def repo_info(repo_root: Path, namespace: str) -> dict[str, Any]:
    """Where the recipes came from: the git commit (and whether the tree was dirty) in a
    checkout, else a sha256 over the repository's files."""
    info: dict[str, Any] = {"namespace": namespace, "path": str(repo_root)}
    commit = _git(repo_root, "rev-parse", "HEAD")
    if commit:
        info["commit"] = commit
        info["dirty"] = bool(_git(repo_root, "status", "--porcelain", "--", "."))
    else:
        info["content_sha256"] = _content_hash(repo_root)
    return info


def write_repo_info(prefix: Path, repo_root: Path, namespace: str) -> Path:
    return _write_json(_metadata(prefix) / REPO_FILE, repo_info(repo_root, namespace))


def mark_complete(prefix: Path, installed_at: str | None = None) -> Path:
    """Write the completion marker: the very last step of an install."""
    marker = _metadata(prefix) / COMPLETE_MARKER
    with marker.open("w", encoding="utf-8") as stream:
        stream.write((installed_at or now_utc()) + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    return marker


def is_complete(prefix: Path) -> bool:
    return (prefix / METADATA_DIR / COMPLETE_MARKER).is_file()


def completed_at(prefix: Path) -> str:
    """When the install in ``prefix`` completed (the marker's text, else its mtime)."""
    marker = prefix / METADATA_DIR / COMPLETE_MARKER
    text = marker.read_text(encoding="utf-8").strip()
    if text:
        return text
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(marker.stat().st_mtime))


def write_provenance(
    prefix: Path,
    dag: ConcreteDag,
    node_hash: str,
    *,
    recipe_dir: Path,
    repo_root: Path,
    build_log: Path | None = None,
    build_env: Mapping[str, str] | None = None,
) -> None:
    """Write every provenance file, the file manifest, and the completion marker last."""
    node = dag.nodes[node_hash]
    write_spec(prefix, dag, node_hash)
    if build_log is not None:
        write_build_log(prefix, build_log)
    if build_env is not None:
        write_build_env(prefix, build_env)
    write_recipe(prefix, node.namespace, node.name, recipe_dir)
    write_repo_info(prefix, repo_root, node.namespace)
    write_file_manifest(prefix)
    mark_complete(prefix)


def find_prefixes(root: Path, *, max_depth: int) -> Iterator[Path]:
    """Directories below ``root`` (at most ``max_depth`` deep) that hold a ``.rpm-spec``
    directory, complete or not; the search does not descend into them."""

    def walk(directory: Path, depth: int) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False) or entry.name.startswith(".rpm-spec"):
                continue
            path = Path(entry.path)
            if (path / METADATA_DIR).is_dir():
                yield path
            elif depth < max_depth:
                yield from walk(path, depth + 1)

    yield from walk(root, 1)


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _content_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
