"""sha256 of source files, remembered beside them so a cache hit costs one ``stat``.

When a file enters the source cache its sum was computed while it was written;
a ``<file>.sha256`` sidecar records that sum with the file's size and mtime. A
later lookup re-hashes only when size or mtime changed (the file was replaced or
touched); otherwise the recorded sum stands. A sidecar that cannot be read is
simply ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from typing import TYPE_CHECKING

from rpm_spec.util.fs import FileWriteError, atomic_write

if TYPE_CHECKING:
    from pathlib import Path

SIDECAR_SUFFIX = ".sha256"
_CHUNK_BYTES = 1 << 20


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def write_sidecar(path: Path, sha256: str) -> None:
    """Record ``sha256`` as the sum of ``path`` as it is now (size and mtime)."""
    info = path.stat()
    record = {"sha256": sha256, "size": info.st_size, "mtime_ns": info.st_mtime_ns}
    atomic_write(sidecar_of(path), json.dumps(record))


def recorded_sha256(path: Path) -> str | None:
    """The sidecar's sum if it still describes ``path`` (same size and mtime), else None."""
    try:
        info = path.stat()
        record = json.loads(sidecar_of(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    if record.get("size") != info.st_size or record.get("mtime_ns") != info.st_mtime_ns:
        return None
    value = record.get("sha256")
    return value if isinstance(value, str) else None


def cached_sha256(path: Path) -> str:
    """``path``'s sha256: from its sidecar when still valid, else computed and recorded."""
    known = recorded_sha256(path)
    if known is not None:
        return known
    actual = sha256_file(path)
    with contextlib.suppress(OSError, FileWriteError):  # a read-only cache works, slower
        write_sidecar(path, actual)
    return actual


def remove_with_sidecar(path: Path) -> None:
    """Delete a cached file and its sidecar (missing ones are fine)."""
    for victim in (path, sidecar_of(path)):
        with contextlib.suppress(FileNotFoundError):
            victim.unlink()
