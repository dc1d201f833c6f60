"""Files and directories in places another user may reach first.

Two helpers every layer uses instead of writing its own:

- :func:`private_directory` makes a directory for this user alone (mode 0700), or
  checks one that already exists with ``lstat``: owned by us, a real directory (no
  symlink), writable by nobody else, and reached through parents that nobody else
  can swap under us (each parent is ours or root's, and one that others may write
  to carries the sticky bit, like ``/tmp``). Anything else is refused with an error
  that names the path, its owner and mode, and the setting that moves it. Group
  write is "nobody else" when the group is the owner's private group (same name
  as the user, no other members): with user private groups (Red Hat, Debian) the
  umask is 002 and every directory a user makes is group-writable.
- :func:`atomic_write` replaces a file so a reader sees the old content or the new,
  never half of it: a temporary file beside the target, fsynced, renamed over it,
  the directory fsynced. A new file gets ``0o666 & ~umask`` (teammates can read a
  shared environment when the umask says so); a replaced one keeps its mode.
- :func:`locked_update` holds an inter-process lock across a read-modify-write,
  so two writers never lose each other's change.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError
from rpm_spec.util.locks import FileLock

if TYPE_CHECKING:
    from collections.abc import Iterator


class UnsafePathError(RpmSpecError):
    """A directory we would use could be (or was) made or changed by another user."""

    def __init__(self, path: Path, problem: str, *, setting: str | None = None) -> None:
        where = f"set {setting} to a directory of your own" if setting else None
        super().__init__(
            f"refusing to use {path}: {problem}",
            hint=where or "remove it or choose another directory",
        )
        self.path = path
        self.problem = problem
        self.setting = setting


class FileWriteError(RpmSpecError):
    """Writing a file failed (no space, no permission, read-only file system)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


def owner_name(uid: int) -> str:
    """``name (uid N)`` when the uid has a passwd entry, else ``uid N``."""
    import pwd  # lazy: startup

    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def describe(info: os.stat_result) -> str:
    """Owner and mode of a stat result, as an error shows them."""
    return f"owned by {owner_name(info.st_uid)}, mode {stat.filemode(info.st_mode)}"


def current_umask() -> int:
    """The process's umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def private_directory(path: Path, *, setting: str | None = None) -> Path:
    """``path`` as a directory only this user can change: created 0700, or verified.

    Missing parents are created 0700 too. ``setting`` (``config:build_stage``) names
    what the user changes to move the directory; it goes into the error's hint.
    """
    path = path.absolute()  # not resolve(): a symlink is what we must see
    uid = os.geteuid()
    missing: list[Path] = []
    probe = path
    while True:
        try:
            info = os.lstat(probe)
        except FileNotFoundError:
            missing.append(probe)
            if probe.parent == probe:
                break
            probe = probe.parent
            continue
        except OSError as error:
            raise UnsafePathError(probe, _reason(error), setting=setting) from None
        try:
            _check_parent_chain(probe, info, uid, setting, final=not missing)
        except (OSError, RuntimeError) as error:  # a parent vanished; a symlink loop
            raise UnsafePathError(probe, _reason(error), setting=setting) from None
        break
    for directory in reversed(missing):
        try:
            directory.mkdir(0o700)
            directory.chmod(0o700)  # whatever the umask took away
        except FileExistsError:
            pass  # someone made it between our lstat and mkdir: checked below
        except OSError as error:
            raise UnsafePathError(
                directory, f"cannot create it: {_reason(error)}", setting=setting
            ) from None
        try:
            made = os.lstat(directory)
        except OSError as error:
            raise UnsafePathError(directory, _reason(error), setting=setting) from None
        _check_own(directory, made, uid, setting)
    return path


def _reason(error: OSError | RuntimeError) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def usable_private_directory(path: Path) -> bool:
    """Whether ``path`` is (or could be made) a private directory: for best-effort caches,
    which are simply not used (neither read nor written) when it is not."""
    try:
        private_directory(path)
    except UnsafePathError:
        return False
    return True


def _check_parent_chain(
    existing: Path, info: os.stat_result, uid: int, setting: str | None, *, final: bool
) -> None:
    """Check the deepest existing directory and every parent above it."""
    if final:
        _check_own(existing, info, uid, setting)
    else:
        _check_parent(existing, info, uid, setting)
    for parent in existing.parents:
        _check_parent(parent, os.lstat(parent), uid, setting)


def _check_own(path: Path, info: os.stat_result, uid: int, setting: str | None) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(path, f"it is a symbolic link ({describe(info)})", setting=setting)
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePathError(path, f"it is not a directory ({describe(info)})", setting=setting)
    if info.st_uid != uid:
        raise UnsafePathError(
            path, f"it is {describe(info)}, not by you ({owner_name(uid)})", setting=setting
        )
    writers = _other_writers(info)
    if writers:
        raise UnsafePathError(
            path, f"{writers} may write to it ({describe(info)})", setting=setting
        )


def _check_parent(path: Path, info: os.stat_result, uid: int, setting: str | None) -> None:
    """A parent may be a symlink's target only if resolved by the OS; we need: ours or root's,
    and if others can write to it, sticky (so they cannot rename our entry away)."""
    if stat.S_ISLNK(info.st_mode):
        # A symlinked parent (/tmp -> /private/tmp) is fine when its target is safe.
        target = path.resolve()
        _check_parent(target, os.lstat(target), uid, setting)
        return
    if info.st_uid not in (uid, 0):
        raise UnsafePathError(path, f"a parent directory is {describe(info)}", setting=setting)
    writers = _other_writers(info)
    if writers and not info.st_mode & stat.S_ISVTX:
        raise UnsafePathError(
            path,
            f"a parent directory {writers} may write to has no sticky bit ({describe(info)})",
            setting=setting,
        )


def _other_writers(info: os.stat_result) -> str | None:
    """Who besides the owner may change the directory's entries (None: nobody)."""
    if info.st_mode & stat.S_IWOTH:
        return "others"
    if info.st_mode & stat.S_IWGRP and not is_private_group(info.st_uid, info.st_gid):
        return f"members of {_group_name(info.st_gid)}"
    return None


def is_private_group(uid: int, gid: int) -> bool:
    """Whether ``gid`` is the user private group of ``uid``: the user's primary group,
    named like the user, with no other members."""
    import grp  # lazy: startup
    import pwd  # lazy: startup

    try:
        user = pwd.getpwuid(uid)
        group = grp.getgrgid(gid)
    except KeyError:
        return False
    return (
        user.pw_gid == gid
        and group.gr_name == user.pw_name
        and set(group.gr_mem) <= {user.pw_name}
    )


def _group_name(gid: int) -> str:
    import grp  # lazy: startup

    try:
        return f"group {grp.getgrgid(gid).gr_name} (gid {gid})"
    except KeyError:
        return f"group gid {gid}"


def atomic_write(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` (text is UTF-8) so readers see old or new, never half.

    ``mode`` fixes the file's permissions; otherwise an existing file keeps its mode and
    a new one follows the umask. Errors name ``path`` (:class:`FileWriteError`).
    """
    import tempfile  # lazy: startup (caches only write on a miss)

    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise FileWriteError(path, error.strerror or str(error)) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~current_umask()
        temporary.chmod(mode)
        temporary.replace(path)
        fsync_directory(directory)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise FileWriteError(path, error.strerror or str(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def leftover_temporaries(path: Path) -> list[Path]:
    """Temporary files that :func:`atomic_write` calls killed mid-write left beside ``path``.

    Only remove them while holding the lock that every writer of ``path`` takes.
    """
    import glob  # lazy: startup

    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable; file systems that cannot are skipped."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.EROFS):
            raise
    finally:
        os.close(handle)


def lock_path_for(path: Path) -> Path:
    """The lock file that guards read-modify-writes of ``path`` (a hidden sibling)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked_update(path: Path, *, timeout_s: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` for a read-modify-write cycle.

    Read the file *inside* the block, then :func:`atomic_write` it: a second writer
    waits and then reads the first one's result, so no change is lost.
    """
    with FileLock(lock_path_for(path), timeout_s=timeout_s):
        yield
