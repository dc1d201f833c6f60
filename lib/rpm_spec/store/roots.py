"""Downstream roots: which users still need which installs of a shared store.

A user whose environment or explicit install uses nodes of an upstream leaves a
*root entry* in that store's drop-box, ``<store>/.rpm-spec/roots/`` (made by the admin:
sticky and group- or world-writable), or in the directory that ``upstreams: NAME:
roots: PATH`` names when the store is mounted read-only (a key Spack does not have:
Spack's upstreams know nothing of their users, so its admins break them by accident).
The admin's ``uninstall`` refuses, and ``gc`` keeps, what a live root needs, naming the
uid and the environment; ``gc --prune-stale`` drops roots whose environment is gone.

An entry is one JSON file, ``<uid>-<key>.json``, created ``O_EXCL`` by its user::

    {"uid": 1001, "kind": "environment", "path": "/home/u/env",
     "witness": "/home/u/env/rpm-spec.yaml", "hashes": ["abc...", ...], "updated_at": "..."}

Who wrote it is the file's owner, not what it says: an entry whose ``uid`` is not its
owner's is ignored as forged. In a sticky directory only its owner (and the
directory's owner) may replace or delete it, so users cannot drop each other's roots.
The drop-box is the only thing a user ever writes into an upstream, and only when
it exists and is safe: a real directory (no symlink anywhere we open), sticky when
others than its owner may write it. Everything is opened relative to directory
descriptors with ``O_NOFOLLOW``, so a swapped path cannot redirect a write.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.store.errors import StoreError
from rpm_spec.store.provenance import now_utc
from rpm_spec.store.records import RUNTIME_TYPES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from rpm_spec.store.records import Snapshot

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_ENTRY_MODE = 0o644  # the admin (maybe not root) must read it
_SUFFIX = ".json"


class DropBoxError(StoreError):
    """A root entry cannot be registered (no drop-box, unsafe, not writable)."""


@dataclass(frozen=True)
class RootEntry:
    """One user's need of installs in a shared store."""

    file: Path
    uid: int
    kind: str  # "environment" or "store"
    path: str  # the environment's directory, or the user's store
    witness: str  # the file whose existence keeps the root alive
    hashes: frozenset[str]
    updated_at: str = ""

    @property
    def label(self) -> str:
        return f"uid {self.uid} ({self.kind} {self.path})"

    def is_stale(self) -> bool:
        """The witness file is gone. One we cannot look at counts as alive: keep it."""
        try:
            Path(self.witness).stat()
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return False


@dataclass(frozen=True)
class Registered:
    """What :meth:`DropBox.register` did."""

    entry: Path
    created: bool


class DropBox:
    """The drop-box at ``directory``; ``store_root`` is the store it belongs to (the
    path is opened from there without following symlinks when it lies below it)."""

    def __init__(self, directory: Path, store_root: Path | None = None) -> None:
        self.directory = directory
        self.store_root = store_root

    def __repr__(self) -> str:
        return f"DropBox({str(self.directory)!r})"

    # -- the user's side ------------------------------------------------------------------

    def register(
        self, *, kind: str, path: Path, witness: Path, hashes: Iterable[str], merge: bool
    ) -> Registered:
        """Create or update this user's entry for ``path``; ``merge`` keeps the hashes it
        already names (explicit installs add up; an environment's set is replaced).
        Raises DropBoxError when the drop-box is missing or unsafe; writes nothing then."""
        uid = os.geteuid()
        name = f"{uid}-{hashlib.sha256(str(path).encode()).hexdigest()[:16]}{_SUFFIX}"
        with self._open() as fd:
            self._check_safe(fd)
            wanted = set(hashes)
            previous = _read_own(fd, name, uid, self.directory)
            if previous is not None and merge:
                wanted |= previous.hashes
            document = {
                "uid": uid,
                "kind": kind,
                "path": str(path),
                "witness": str(witness),
                "hashes": sorted(wanted),
                "updated_at": now_utc(),
            }
            data = (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()
            try:
                created = _write_entry(fd, name, data, exists=previous is not None)
            except OSError as error:
                raise self._error(f"cannot write {name}: {error.strerror or error}") from None
        return Registered(self.directory / name, created)

    # -- the admin's side -------------------------------------------------------------------

    def entries(self) -> list[RootEntry]:
        """Every well-formed entry whose content names its owner (others are ignored)."""
        try:
            fd = self._open_dir()
        except OSError:
            return []  # no drop-box: nobody registered anything
        try:
            names = sorted(os.listdir(fd))  # noqa: PTH208 (a descriptor: no path to swap)
            return [e for n in names if (e := _read_entry(fd, n, self.directory)) is not None]
        finally:
            os.close(fd)

    def needs(self) -> dict[str, list[RootEntry]]:
        """Hash → the live roots that name it."""
        found: dict[str, list[RootEntry]] = {}
        for entry in self.entries():
            if entry.is_stale():
                continue
            for spec_hash in entry.hashes:
                found.setdefault(spec_hash, []).append(entry)
        return found

    def prune_stale(self) -> list[RootEntry]:
        """Delete the entries whose witness is gone; the ones deleted."""
        removed = []
        for entry in self.entries():
            if entry.is_stale():
                with contextlib.suppress(FileNotFoundError):
                    entry.file.unlink()
                removed.append(entry)
        return removed

    # -- opening it safely --------------------------------------------------------------

    @contextlib.contextmanager
    def _open(self) -> Iterator[int]:
        try:
            fd = self._open_dir()
        except FileNotFoundError:
            raise self._error("it does not exist (the store's owner creates it)") from None
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                raise self._error("it is a symlink or not a directory") from None
            raise self._error(f"cannot open it: {error.strerror or error}") from None
        try:
            yield fd
        finally:
            os.close(fd)

    def _open_dir(self) -> int:
        """A descriptor of the drop-box, reached without following any symlink below the
        store root (or at its last component, for a configured path)."""
        if self.store_root is not None and self.directory.is_relative_to(self.store_root):
            fd = os.open(self.store_root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            try:
                for part in self.directory.relative_to(self.store_root).parts:
                    child = os.open(part, _DIR_FLAGS, dir_fd=fd)
                    os.close(fd)
                    fd = child
            except BaseException:
                os.close(fd)
                raise
            return fd
        return os.open(self.directory, _DIR_FLAGS)

    def _check_safe(self, fd: int) -> None:
        info = os.fstat(fd)
        shared = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        if shared and not info.st_mode & stat.S_ISVTX:
            raise self._error(
                f"it is writable by others (mode {stat.filemode(info.st_mode)}) but not sticky, "
                "so users could delete each other's entries"
            )
        if not shared and info.st_uid != os.geteuid():
            raise self._error("only its owner may write it")

    def _error(self, reason: str) -> DropBoxError:
        return DropBoxError(
            f"not registering a root in the drop-box {self.directory}: {reason}",
            hint="the store's owner makes it with: mkdir -p DIR && chmod 1777 DIR "
            "(or 1770 with the users' group); until then gc there does not know you use it",
        )


class NeededByRootError(StoreError):
    """An uninstall would remove what a user's environment or store still needs."""

    def __init__(self, needed: list[tuple[str, list[RootEntry]]], drop_box: DropBox) -> None:
        lines = [
            f"    {label}: needed by " + ", ".join(entry.label for entry in entries)
            for label, entries in needed
        ]
        super().__init__(
            "will not uninstall what users of this store still need:\n" + "\n".join(lines),
            hint=f"their roots are in {drop_box.directory}; 'rpm-spec gc --prune-stale' drops "
            "those whose environment is gone",
        )
        self.needed = needed


def needed_closure(
    snapshot: Snapshot, roots: dict[str, list[RootEntry]]
) -> dict[str, list[RootEntry]]:
    """Every installed or retained hash that ``roots`` link to or run, transitively, with the
    root entries that reach it (an empty list: reached from an explicit spec only)."""
    needed: dict[str, list[RootEntry]] = {}
    nodes = snapshot.dag.nodes
    for start, entries in roots.items():
        pending = [start]
        seen: set[str] = set()
        while pending:
            spec_hash = pending.pop()
            if spec_hash in seen or spec_hash not in nodes:
                continue
            seen.add(spec_hash)
            reached = needed.setdefault(spec_hash, [])
            reached.extend(e for e in entries if e not in reached)
            pending.extend(
                dep.hash
                for dep in nodes[spec_hash].dependencies
                if set(dep.types) & set(RUNTIME_TYPES)
            )
    return needed


def _read_own(fd: int, name: str, uid: int, directory: Path) -> RootEntry | None:
    """Our existing entry ``name``; DropBoxError-free: a foreign or odd file is refused
    when we write (the O_EXCL create or the owner check fails)."""
    try:
        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != uid:
        raise DropBoxError(
            f"the root entry {name} exists but is not a file of yours; not touching it",
            hint="ask the store's owner to remove it",
        )
    return _read_entry(fd, name, directory)


def _write_entry(fd: int, name: str, data: bytes, *, exists: bool) -> bool:
    """Write ``name`` below ``fd``: created O_EXCL, or replaced by rename (ours); created?"""
    if not exists:
        out = os.open(
            name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, _ENTRY_MODE, dir_fd=fd
        )
        _fill(out, data)
        return True
    temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    out = os.open(
        temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, _ENTRY_MODE, dir_fd=fd
    )
    try:
        _fill(out, data)
        # In a sticky directory this replaces only a file we own (the kernel checks).
        os.rename(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=fd)
        raise
    return False


def _fill(out: int, data: bytes) -> None:
    try:
        os.fchmod(out, _ENTRY_MODE)  # whatever the umask: the admin must read it
        os.write(out, data)
        os.fsync(out)
    finally:
        os.close(out)


def _read_entry(fd: int, name: str, directory: Path) -> RootEntry | None:
    if not name.endswith(_SUFFIX) or name.startswith("."):
        return None
    try:
        entry = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except OSError:
        return None
    try:
        info = os.fstat(entry)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 16 << 20:
            return None
        with os.fdopen(entry, "rb", closefd=False) as stream:
            document = json.loads(stream.read())
        uid = document["uid"]
        if not isinstance(uid, int) or uid != info.st_uid:
            return None  # forged: it claims another user's uid
        return RootEntry(
            file=directory / name,
            uid=uid,
            kind=str(document["kind"]),
            path=str(document["path"]),
            witness=str(document["witness"]),
            hashes=frozenset(str(h) for h in document["hashes"]),
            updated_at=str(document.get("updated_at", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        os.close(entry)
