"""Scopes: where section data comes from, and how a place is named in messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.config.errors import ConfigSyntaxError, ReadOnlyScopeError
from rpm_spec.config.scope import DirectoryScope, FileScope, MemoryScope, SectionData

if TYPE_CHECKING:
    from pathlib import Path


def test_directory_scope_reads_once_until_forgotten(tmp_path: Path) -> None:
    scope = DirectoryScope("user", tmp_path)
    assert scope.section("config") is None
    (tmp_path / "config.yaml").write_text("config:\n  build_jobs: 2\n")
    assert scope.section("config") is None  # cached: the file did not exist when first read
    scope.forget()
    layer = scope.section("config")
    assert layer is not None
    assert (layer.scope, layer.key, layer.value) == ("user", "config", {"build_jobs": 2})
    assert layer.locate(("config", "build_jobs")) == (f"{tmp_path / 'config.yaml'}:2", 2)
    assert layer.locate(("config", "build_jobs", "deeper")) == (f"{tmp_path / 'config.yaml'}:2", 2)


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    (tmp_path / "repos.yaml").write_text("- /a/repo\n")
    with pytest.raises(ConfigSyntaxError, match=r"repos.yaml:1: expected a mapping"):
        DirectoryScope("user", tmp_path).section("repos")


def test_read_only_directory_scope(tmp_path: Path) -> None:
    scope = DirectoryScope("defaults", tmp_path, writable=False)
    with pytest.raises(ReadOnlyScopeError):
        scope.section_file("config")
    with pytest.raises(ReadOnlyScopeError):
        scope.write("config", {})


def test_directory_scope_keeps_a_top_level_override_when_writing(tmp_path: Path) -> None:
    (tmp_path / "repos.yaml").write_text("repos::  # only mine\n  - /a\n")
    scope = DirectoryScope("user", tmp_path)
    scope.write("repos", ["/a", "/b"])
    text = (tmp_path / "repos.yaml").read_text()
    assert text.startswith("repos::") and "# only mine" in text and text.endswith("- /a\n  - /b\n")


def test_file_scope_reads_sections_under_a_root_key(tmp_path: Path) -> None:
    manifest = tmp_path / "rpm-spec.yaml"
    manifest.write_text(
        "rpm-spec:\n  specs: [zlib]\n  packages:\n    all:\n      target: [zen3]\n"
    )
    scope = FileScope("environment", manifest, root=("rpm-spec",))
    layer = scope.section("packages")
    assert layer is not None and layer.value == {"all": {"target": ["zen3"]}}
    assert layer.line_of(("packages", "all", "target", 0)) == 5
    assert scope.section("config") is None
    assert FileScope("missing", tmp_path / "nope.yaml").section("config") is None


def test_file_scope_writes_into_a_new_file(tmp_path: Path) -> None:
    scope = FileScope("environment", tmp_path / "env.yaml", root=("rpm-spec",))
    scope.write("concretizer", {"unify": "when_possible"})
    assert (tmp_path / "env.yaml").read_text() == (
        "rpm-spec:\n  concretizer:\n    unify: when_possible\n"
    )
    layer = scope.section("concretizer")
    assert layer is not None and layer.value == {"unify": "when_possible"}


def test_memory_scope_prefers_the_override_key() -> None:
    scope = MemoryScope("test", {"repos": ["/a"], "repos::": ["/b"]}, origin="test data")
    layer = scope.section("repos")
    assert layer is not None and (layer.key, layer.value) == ("repos::", ["/b"])
    assert layer.locate(("repos", 0)) == ("test data", None)
    with pytest.raises(ReadOnlyScopeError):
        scope.section_file("repos")


def test_labels_pick_the_option_sharing_the_longest_path() -> None:
    layer = SectionData(
        scope="command_line",
        section="packages",
        data={"packages": {}},
        origin="command line",
        labels={
            ("packages", "all", "target"): "-c packages:all:target:zen3",
            ("packages", "zlib", "buildable"): "-c packages:zlib:buildable:1",
        },
    )
    assert layer.locate(("packages", "zlib", "buildable"))[0] == (
        "command line (-c packages:zlib:buildable:1)"
    )
    assert layer.locate(("packages", "all")) == (
        "command line (-c packages:all:target:zen3)",
        None,
    )
