"""util.fs: private directories in shared places, and the one atomic-write helper."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from rpm_spec.util.fs import (
    FileWriteError,
    UnsafePathError,
    atomic_write,
    current_umask,
    is_private_group,
    leftover_temporaries,
    private_directory,
    usable_private_directory,
)

if TYPE_CHECKING:
    from pathlib import Path

OTHER_UID = 20002
AS_ROOT = pytest.mark.skipif(
    os.geteuid() != 0, reason="needs root to give a directory to another uid"
)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# --- private_directory ---------------------------------------------------------------


@pytest.mark.usefixtures("umask")
def test_a_new_directory_and_its_missing_parents_are_made_0700(tmp_path: Path) -> None:
    os.umask(0)  # the umask must not widen it
    target = tmp_path / "a" / "b" / "stage"
    assert private_directory(target) == target
    for directory in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert directory.is_dir()
        assert mode_of(directory) == 0o700


def test_an_existing_directory_of_ours_is_reused_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "cache"
    target.mkdir(mode=0o755)
    target.chmod(0o755)  # readable by others is fine, writable is not
    (target / "kept").write_text("x")
    assert private_directory(target) == target
    assert mode_of(target) == 0o755
    assert (target / "kept").read_text() == "x"


def test_a_relative_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert private_directory(tmp_path.relative_to(tmp_path) / "here") == tmp_path / "here"


def test_a_symlink_is_refused_even_to_a_directory_of_ours(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "stage"
    link.symlink_to(real)
    with pytest.raises(UnsafePathError) as caught:
        private_directory(link, setting="config:build_stage")
    message = str(caught.value)
    assert str(link) in message and "symbolic link" in message
    assert caught.value.hint == "set config:build_stage to a directory of your own"
    assert caught.value.path == link


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o707, 0o703])
def test_a_directory_others_may_write_to_is_refused(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "stage"
    target.mkdir()
    target.chmod(mode)
    with pytest.raises(UnsafePathError) as caught:
        private_directory(target)
    message = str(caught.value)
    assert str(target) in message and "others may write to it" in message
    assert stat.filemode(stat.S_IFDIR | mode) in message
    assert mode_of(target) == mode  # refused, not "fixed"


@AS_ROOT
def test_a_directory_a_shared_group_may_write_to_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "stage"
    target.mkdir()
    os.chown(target, 0, OTHER_UID)  # a group with other users in it (not root's own)
    target.chmod(0o770)
    with pytest.raises(UnsafePathError) as caught:
        private_directory(target)
    assert f"members of group gid {OTHER_UID}" in str(caught.value)
    assert "may write to it" in str(caught.value)
    parent = tmp_path / "parent"
    parent.mkdir()
    os.chown(parent, 0, OTHER_UID)
    parent.chmod(0o775)
    with pytest.raises(UnsafePathError, match="has no sticky bit"):
        private_directory(parent / "stage")


@AS_ROOT
def test_group_write_for_the_users_private_group_is_fine(tmp_path: Path) -> None:
    """With user private groups the umask is 002: what the user made is g+w, and safe."""
    if not is_private_group(0, 0):
        pytest.skip("root's group has other members here")
    parent = tmp_path / "home"
    parent.mkdir()
    parent.chmod(0o775)  # group root, which only root is in
    target = parent / "stage"
    target.mkdir()
    target.chmod(0o775)
    assert private_directory(target) == target
    assert private_directory(parent / "new").is_dir()


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "stage"
    target.write_text("")
    with pytest.raises(UnsafePathError, match="not a directory"):
        private_directory(target)


@AS_ROOT
def test_a_directory_of_another_uid_is_refused_naming_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "stage"
    target.mkdir(mode=0o700)
    os.chown(target, OTHER_UID, OTHER_UID)
    with pytest.raises(UnsafePathError) as caught:
        private_directory(target, setting="config:build_stage")
    message = str(caught.value)
    assert str(target) in message
    assert f"uid {OTHER_UID}" in message and "drwx------" in message
    assert "not by you" in message


@AS_ROOT
def test_a_parent_of_another_uid_is_refused(tmp_path: Path) -> None:
    parent = tmp_path / "theirs"
    parent.mkdir(mode=0o755)
    os.chown(parent, OTHER_UID, OTHER_UID)
    with pytest.raises(UnsafePathError) as caught:
        private_directory(parent / "stage")
    assert caught.value.path == parent
    assert f"a parent directory is owned by uid {OTHER_UID}" in str(caught.value)
    assert not (parent / "stage").exists()


def test_a_parent_others_may_write_to_needs_the_sticky_bit(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # like /tmp without its sticky bit: our entry could be renamed away
    with pytest.raises(UnsafePathError, match="no sticky bit") as caught:
        private_directory(shared / "me" / "stage")
    assert caught.value.path == shared
    assert not (shared / "me").exists()
    shared.chmod(0o1777)  # like /tmp
    assert private_directory(shared / "me" / "stage").is_dir()
    assert mode_of(shared / "me") == 0o700


def test_a_symlinked_parent_is_followed_and_checked(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "alias").symlink_to(real)
    assert private_directory(tmp_path / "alias" / "stage").is_dir()
    assert (real / "stage").is_dir()
    real.chmod(0o777)
    with pytest.raises(UnsafePathError, match="no sticky bit"):
        private_directory(tmp_path / "alias" / "other")


def test_a_symlink_loop_above_is_refused_not_raised(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UnsafePathError):
        private_directory(tmp_path / "a" / "stage")
    assert not usable_private_directory(tmp_path / "a" / "stage")


def test_a_directory_that_cannot_be_made_is_refused_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(UnsafePathError) as caught:
        private_directory(blocker / "stage")
    assert str(blocker) in str(caught.value)


def test_usable_private_directory_is_a_yes_or_no(tmp_path: Path) -> None:
    assert usable_private_directory(tmp_path / "new")
    unsafe = tmp_path / "unsafe"
    unsafe.mkdir()
    unsafe.chmod(0o777)
    assert not usable_private_directory(unsafe)


# --- atomic_write ----------------------------------------------------------------------


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path: Path, mask: int, expected: int) -> None:
    os.umask(mask)
    target = tmp_path / "rpm-spec.lock"
    atomic_write(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert mode_of(target) == expected
    assert current_umask() == mask  # reading the umask left it as it was


def test_a_replaced_file_keeps_its_mode_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "config.yaml"
    atomic_write(target, "a: 1\n")  # the missing directory is made
    target.chmod(0o640)
    atomic_write(target, b"a: 2\n")
    assert target.read_text() == "a: 2\n"
    assert mode_of(target) == 0o640
    assert [path.name for path in target.parent.iterdir()] == ["config.yaml"]
    assert leftover_temporaries(target) == []


def test_an_explicit_mode_wins(tmp_path: Path) -> None:
    target = tmp_path / "script"
    atomic_write(target, "#!/bin/sh\n", mode=0o755)
    assert mode_of(target) == 0o755
    atomic_write(target, "#!/bin/sh\n", mode=0o600)
    assert mode_of(target) == 0o600


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "manifest.yaml"
    atomic_write(target, "name: café\n")
    assert target.read_bytes() == "name: café\n".encode()


def test_a_write_that_fails_names_the_path_and_keeps_the_old_content(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(FileWriteError) as caught:
        atomic_write(blocker / "config.yaml", "a: 1\n")
    assert caught.value.path == blocker / "config.yaml"
    assert str(caught.value).startswith(f"cannot write {blocker / 'config.yaml'}: ")
    # A target that is a directory: the rename fails, the temporary goes, the old stays.
    target = tmp_path / "dir"
    target.mkdir()
    (target / "inside").write_text("old")
    with pytest.raises(FileWriteError, match=f"cannot write {target}"):
        atomic_write(target, "new")
    assert (target / "inside").read_text() == "old"
    assert leftover_temporaries(target) == []


def test_leftover_temporaries_finds_only_those_of_its_file(tmp_path: Path) -> None:
    target = tmp_path / "index.json"
    mine = tmp_path / ".index.json.abc123.tmp"
    mine.write_text("")
    (tmp_path / ".other.json.abc123.tmp").write_text("")
    (tmp_path / "index.json.tmp").write_text("")
    assert leftover_temporaries(target) == [mine]
