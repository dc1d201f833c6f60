"""Can this user write the install tree? Asked before any fetch or build starts.

An install into a store someone else owns (a site's shared tree, read-only for
users) or one on a read-only mount would otherwise fail after the fetch and the
whole build, when the prefix or the database is written. The answer comes from
``stat``, ``statvfs`` and ``access`` (with the effective ids): nothing is written.
A path that does not exist yet is judged by its nearest existing parent, which
is where it will be created.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from rpm_spec.store.errors import ReadOnlyStoreError
from rpm_spec.util.fs import describe

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


def require_writable(root: Path, paths: Iterable[Path]) -> None:
    """Raise :class:`ReadOnlyStoreError` naming the first of ``paths`` we cannot write."""
    for path in paths:
        reason = why_not_writable(path)
        if reason is not None:
            raise ReadOnlyStoreError(root, path, reason)


def why_not_writable(path: Path) -> str | None:
    """Why this user cannot write (or create) ``path``; None when it can."""
    existing = path
    while True:
        try:
            info = existing.stat()
            break
        except FileNotFoundError:
            if existing.parent == existing:
                return "cannot be created: no parent directory exists"
            existing = existing.parent
        except OSError as error:
            return f"cannot be checked: {error.strerror or error}"
    prefix = "" if existing == path else f"cannot be created: {existing} "
    if not stat.S_ISDIR(info.st_mode) and existing != path:
        return f"{prefix}is not a directory"
    if _on_read_only_mount(existing):
        return f"{prefix}is on a read-only file system"
    wanted = os.W_OK | (os.X_OK if stat.S_ISDIR(info.st_mode) else os.R_OK)
    if not os.access(existing, wanted, effective_ids=os.access in os.supports_effective_ids):
        return f"{prefix}is not writable by you ({describe(info)})"
    return None


def _on_read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False
