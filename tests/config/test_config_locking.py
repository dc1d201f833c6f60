"""Read-modify-writes of config files: read under the file's lock, never lost.

Two ``Configuration`` objects on one directory play two processes: the first
reads (and caches) a section, the second changes the file, then the first
changes it too. The first must build on the second's change, not on its cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.build.mirrors import add_mirror, remove_mirror
from rpm_spec.config import Configuration, DirectoryScope, FileScope
from rpm_spec.config.errors import ConcurrentEditError
from rpm_spec.repo.registry import add_repository, create_repository, remove_repository

if TYPE_CHECKING:
    from pathlib import Path


def _config(directory: Path) -> Configuration:
    return Configuration([DirectoryScope("user", directory)], user_dir=directory)


def test_config_add_reads_the_file_again(tmp_path: Path) -> None:
    first, second = _config(tmp_path), _config(tmp_path)
    assert first.get("packages") == {}  # read, and cached
    second.add("packages:zlib:version:[1.3.1]", "user")
    first.add("packages:hdf5:version:[1.14.3]", "user")
    packages = _config(tmp_path).get("packages")
    assert packages["zlib"]["version"] == ["1.3.1"]
    assert packages["hdf5"]["version"] == ["1.14.3"]


def test_mirrors_and_repos_read_the_file_again(tmp_path: Path) -> None:
    first, second = _config(tmp_path), _config(tmp_path)
    assert first.scope_data("mirrors", "user") is None
    assert first.scope_data("repos", "user") is None
    add_mirror(second, "one", "file:///srv/one", "user")
    add_mirror(first, "two", "file:///srv/two", "user")
    assert set(first.get("mirrors")) == {"one", "two"}  # and first caches this view
    remove_mirror(second, "one", "user")
    add_mirror(first, "three", "file:///srv/three", "user")
    assert set(_config(tmp_path).get("mirrors")) == {"two", "three"}

    red = create_repository(tmp_path / "red", "red").parent
    blue = create_repository(tmp_path / "blue", "blue").parent
    add_repository(second, red, "user")
    add_repository(first, blue, "user")
    assert len(_config(tmp_path).scope_data("repos", "user")) == 2
    remove_repository(second, "red", "user")
    remove_repository(first, "blue", "user")
    assert _config(tmp_path).scope_data("repos", "user") == []


def test_a_file_scope_write_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    manifest = tmp_path / "rpm-spec.yaml"
    manifest.write_text("rpm-spec:\n  specs: [zlib]\n")
    config = Configuration([FileScope("env", manifest, root=("rpm-spec",))], user_dir=tmp_path)
    assert config.get("packages") == {}
    manifest.write_text("rpm-spec:\n  specs: [zlib, hdf5]\n")  # e.g. an 'add' meanwhile
    config.add("packages:zlib:version:[1.3.1]", "env")
    text = manifest.read_text()
    assert "hdf5" in text and "1.3" in text


def test_replace_file_refuses_when_the_file_changed(tmp_path: Path) -> None:
    config = _config(tmp_path)
    target = config.section_file("mirrors", "user")
    target.write_text("mirrors:\n  one: file:///srv/one\n")
    kept = tmp_path / "my-edit.yaml"
    with pytest.raises(ConcurrentEditError, match="changed by another command") as raised:
        config.replace_file(
            "mirrors", "user", expected="mirrors: {}\n", text="mirrors: {}\n", kept=kept
        )
    assert str(kept) in str(raised.value)
    assert "one" in target.read_text()
    config.replace_file(
        "mirrors",
        "user",
        expected=target.read_text(),
        text="mirrors:\n  two: file:///srv/two\n",
        kept=kept,
    )
    assert set(_config(tmp_path).get("mirrors")) == {"two"}
