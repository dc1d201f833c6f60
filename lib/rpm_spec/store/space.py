"""``config:store:min_free``: refuse an install that would leave the store's file system
with less free space than the site asks for, before anything is fetched or built.

A full shared file system breaks every user's jobs at once, so the admin keeps a
reserve; the install checks it up front rather than failing halfway (nothing
half-installed is ever registered, but a build that fills the disk hurts everyone).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from rpm_spec.store.errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config import Configuration

_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([KMGT]?)")


class LowSpaceError(StoreError):
    """The install would leave less than ``config:store:min_free`` free."""


def parse_size(value: Any) -> int:
    """Bytes of ``12345``, ``"500M"`` or ``"1.5G"`` (binary units)."""
    if isinstance(value, int):
        return value
    match = _SIZE.fullmatch(str(value).strip())
    if match is None:
        raise StoreError(
            f"config:store:min_free: {value!r} is not a size", hint="e.g. 50G, 500M or 1073741824"
        )
    return int(float(match[1]) * _UNITS[match[2]])


def human(size: int) -> str:
    for unit in ("T", "G", "M", "K"):
        if size >= _UNITS[unit]:
            return f"{size / _UNITS[unit]:.1f}{unit}"
    return f"{size}B"


def check_min_free(config: Configuration, store_root: Path, needed: int = 0) -> None:
    """Refuse (:class:`LowSpaceError`) when free space minus ``needed`` bytes would fall
    below ``config:store:min_free``; nothing is checked when it is not set."""
    setting = config.get_path("config:store:min_free")
    if setting is None:
        return
    reserve = parse_size(setting)
    directory = store_root
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent  # the store may not exist yet: its file system does
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize
    if free - needed < reserve:
        wants = f"this install needs about {human(needed)}, and " if needed else ""
        raise LowSpaceError(
            f"not installing: the store's file system ({store_root}) has {human(free)} free; "
            f"{wants}config:store:min_free keeps {human(reserve)} free",
            hint="free some space, or ask the admin; nothing was fetched or built",
        )
