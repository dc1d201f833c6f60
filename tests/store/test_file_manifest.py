"""File manifests: what an install records about its files, and what changed since."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest
from store_fakes import MOCK_REPO

from rpm_spec.store.file_manifest import (
    FileChanges,
    FileManifestError,
    NoFileManifestError,
    compare,
    manifest_path,
    write_file_manifest,
)
from rpm_spec.store.provenance import COMPLETE_MARKER, write_provenance

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag


@pytest.fixture
def prefix(tmp_path: Path) -> Path:
    prefix = tmp_path / "pkg-1.0-abc"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "lib").mkdir()
    (prefix / "bin" / "tool").write_text("#!/bin/sh\necho hi\n")
    (prefix / "bin" / "tool").chmod(0o755)
    (prefix / "lib" / "libx.so.1").write_bytes(b"\x7fELF...")
    (prefix / "lib" / "libx.so").symlink_to("libx.so.1")
    (prefix / "share").symlink_to("lib")
    (prefix / ".rpm-spec").mkdir()
    (prefix / ".rpm-spec" / "spec.json").write_text("{}")
    return prefix


def test_a_fresh_manifest_matches_and_leaves_out_the_metadata(prefix: Path) -> None:
    path = write_file_manifest(prefix)
    assert path == manifest_path(prefix) == prefix / ".rpm-spec" / "files.json"
    files = json.loads(path.read_text())["files"]
    assert sorted(files) == ["bin/tool", "lib/libx.so", "lib/libx.so.1", "share"]
    assert files["lib/libx.so"] == {"type": "link", "target": "libx.so.1"}
    assert files["bin/tool"]["size"] == len("#!/bin/sh\necho hi\n")
    assert files["bin/tool"]["mode"] == 0o755
    assert compare(prefix) == FileChanges()
    assert compare(prefix).clean
    (prefix / ".rpm-spec" / "build.log").write_text("metadata is not checked\n")
    assert compare(prefix).clean


def test_modified_missing_and_added_files(prefix: Path) -> None:
    write_file_manifest(prefix)
    (prefix / "bin" / "tool").write_text("#!/bin/sh\necho HI\n")  # same size, new bytes
    (prefix / "lib" / "libx.so.1").unlink()
    (prefix / "lib" / "libx.so").unlink()
    (prefix / "lib" / "libx.so").symlink_to("/elsewhere/libx.so")
    (prefix / "lib" / "extra.a").write_bytes(b"!<arch>\n")
    (prefix / "share").unlink()
    (prefix / "share").mkdir()
    (prefix / "share" / "doc").write_text("new\n")
    changes = compare(prefix)
    assert changes == FileChanges(
        modified=("bin/tool", "lib/libx.so"),
        missing=("lib/libx.so.1", "share"),
        added=("lib/extra.a", "share/doc"),
    )
    assert not changes.clean
    assert changes.to_json()["missing"] == ["lib/libx.so.1", "share"]


def test_only_the_owner_execute_bit_of_a_mode_counts(prefix: Path) -> None:
    write_file_manifest(prefix)
    tool = prefix / "bin" / "tool"
    tool.chmod(0o555)  # read_only_after_install
    (prefix / "lib" / "libx.so.1").chmod(0o640)  # a group permission policy
    assert compare(prefix).clean
    tool.chmod(0o644)
    assert compare(prefix).modified == ("bin/tool",)


def test_installs_without_a_manifest_say_so(prefix: Path, tmp_path: Path) -> None:
    with pytest.raises(NoFileManifestError, match="installed before rpm-spec recorded them"):
        compare(prefix)
    manifest_path(prefix).write_text("{not json")
    with pytest.raises(FileManifestError, match="cannot read"):
        compare(prefix)
    manifest_path(prefix).write_text(json.dumps({"format": 99, "files": {}}))
    with pytest.raises(FileManifestError, match="not a file manifest"):
        compare(prefix)


def test_a_deleted_prefix_misses_every_file(prefix: Path, tmp_path: Path) -> None:
    write_file_manifest(prefix)
    saved = manifest_path(prefix).read_text()
    for path in sorted(prefix.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_symlink() or path.is_file():
            path.unlink()
    manifest_path(prefix).write_text(saved)
    assert compare(prefix).missing == ("bin/tool", "lib/libx.so", "lib/libx.so.1", "share")


def test_every_install_writes_its_manifest_before_the_marker(
    tmp_path: Path, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("patched-lib")
    prefix = tmp_path / "prefix"
    (prefix / "lib").mkdir(parents=True)
    (prefix / "lib" / "libpatched.a").write_bytes(b"!<arch>\n")
    write_provenance(
        prefix,
        dag,
        dag.roots[0],
        recipe_dir=MOCK_REPO / "packages" / "patched-lib",
        repo_root=MOCK_REPO,
    )
    manifest = manifest_path(prefix)
    assert sorted(json.loads(manifest.read_text())["files"]) == ["lib/libpatched.a"]
    marker = prefix / ".rpm-spec" / COMPLETE_MARKER
    assert marker.stat().st_mtime_ns >= manifest.stat().st_mtime_ns
    assert os.path.getsize(manifest) > 0
    assert compare(prefix).clean
