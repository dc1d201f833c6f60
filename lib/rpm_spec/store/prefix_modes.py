"""Putting :mod:`rpm_spec.store.permissions` on disk, and taking write back to remove.

:func:`apply_permissions` runs once per install, after the build and provenance and
before the spec is registered: every file and directory of the prefix gets its
package's group and modes, computed from scratch (so the installer's umask, 077 or
002, makes no difference and no setuid bit survives). :func:`prepare_directories`
makes the store's own directories (root, database, locks, the projection levels above
a prefix) the group's, with setgid, before anything is written into them; it only
changes what this user owns. :func:`remove_tree` removes a tree made read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.store.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rpm_spec.store.permissions import Permissions, StorePermissions


class PermissionsError(StoreError):
    """A prefix could not be given its configured group or modes."""


def apply_permissions(prefix: Path, permissions: Permissions) -> None:
    """Give every file and directory under ``prefix`` (itself included) its modes and
    group; symlinks get the group only. Directories last, deepest first, so that a
    read-only prefix is still walked."""
    for root, dirs, files in os.walk(prefix, topdown=False):
        for name in files + dirs:
            path = Path(root, name)
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode):
                continue  # its own turn came earlier (bottom-up)
            if stat.S_ISLNK(info.st_mode):
                _set_group(path, info, permissions, follow=False)
                continue
            executable = bool(info.st_mode & stat.S_IXUSR)
            _set(path, info, permissions.file_mode(executable=executable), permissions)
        _set(Path(root), Path(root).lstat(), permissions.dir_mode(), permissions)


def prepare_directories(permissions: StorePermissions, directories: Iterable[Path]) -> None:
    """Create each of ``directories`` that is missing (parents first) and give those
    this user owns the store's group and directory mode; nothing for a store without a
    group, where the umask decides as before."""
    if not permissions.shared:
        return
    for directory in directories:
        missing = []
        current = directory
        while not current.exists() and current.parent != current:
            missing.append(current)
            current = current.parent
        for path in [*reversed(missing), directory]:
            try:
                _prepare_directory(path, permissions)
            except OSError as error:
                raise PermissionsError(
                    f"cannot prepare the shared store directory {path}: {error.strerror or error}",
                    hint="ask the store's admin to create it for the group",
                ) from None


def _prepare_directory(path: Path, permissions: StorePermissions) -> None:
    mode, gid = permissions.directory_mode, permissions.default.gid
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    info = path.stat()
    if info.st_uid != os.geteuid():
        return  # another member's: they set it up
    if gid is not None and info.st_gid != gid:
        _chown(path, gid, permissions.default.group, follow=True)
    if stat.S_IMODE(info.st_mode) != mode:
        path.chmod(mode)


def remove_tree(path: Path, *, ignore_errors: bool = False) -> None:
    """``shutil.rmtree`` that first gives this user write on every directory it owns in
    the tree (a read-only prefix cannot be emptied otherwise)."""
    restore_write(path)
    shutil.rmtree(path, ignore_errors=ignore_errors)


def restore_write(path: Path) -> None:
    """Add u+rwx to every directory of the tree that this user owns (files need none:
    unlinking asks the directory, not the file)."""
    uid = os.geteuid()

    def fix(directory: Path) -> None:
        with contextlib.suppress(OSError):
            info = directory.lstat()
            if info.st_uid == uid and info.st_mode & stat.S_IRWXU != stat.S_IRWXU:
                directory.chmod(stat.S_IMODE(info.st_mode) | stat.S_IRWXU)

    if not path.is_dir() or path.is_symlink():
        return
    fix(path)
    for root, dirs, _files in os.walk(path, onerror=_ignore):
        for name in dirs:
            fix(Path(root, name))


def _ignore(_error: OSError) -> None:
    """os.walk's onerror: what cannot be listed is left to rmtree to report."""


def _set(path: Path, info: os.stat_result, mode: int, permissions: Permissions) -> None:
    _set_group(path, info, permissions, follow=True)
    if stat.S_IMODE(info.st_mode) != mode:
        try:
            path.chmod(mode)
        except OSError as error:
            raise PermissionsError(
                f"cannot set the mode {mode:o} of {path}: {error.strerror or error}",
                hint="the installed prefix is removed; check who owns it",
            ) from None


def _set_group(
    path: Path, info: os.stat_result, permissions: Permissions, *, follow: bool
) -> None:
    if permissions.gid is not None and info.st_gid != permissions.gid:
        _chown(path, permissions.gid, permissions.group, follow=follow)


def _chown(path: Path, gid: int, group: str | None, *, follow: bool) -> None:
    try:
        os.chown(path, -1, gid, follow_symlinks=follow)
    except OSError as error:
        raise PermissionsError(
            f"cannot give {path} the group {group or gid}: {error.strerror or error}",
            hint=f"only members of the group {group or gid} (and root) can install there",
        ) from None
