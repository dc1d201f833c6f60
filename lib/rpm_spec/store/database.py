"""The install database: which concrete specs are installed, where, since when, and why.

One JSON file, ``<root>/.rpm-spec-db/index.json``::

    {"format": 1,
     "installs": {hash: {"spec": node, "prefix": str, "explicit": bool,
                         "installed_at": "2024-05-01T12:00:00Z", "external": bool}},
     "retained": {hash: node}}

``retained`` holds the nodes of uninstalled specs that installed ones still name as
build-only dependencies (after ``gc``), so the stored DAG stays complete and
``^cmake@3.30`` still matches what was built with it, and the nodes of upstream
installs that local ones depend on (see :mod:`rpm_spec.store.upstreams`).

Reads take no lock: writers replace the file atomically, so a reader sees the old
or the new index, never half of one, and a parsed copy is kept until the file
changes. Every write is read-modify-write under an exclusive POSIX lock
(``<root>/.rpm-spec-db/lock``, good across processes and NFS clients) and goes
through :func:`~rpm_spec.util.fs.atomic_write` (a temporary file, fsynced, renamed
over the index, the directory fsynced).
A writer killed at any point leaves the previous index intact (and perhaps a
temporary file, which the next writer removes while it holds the lock).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rpm_spec.spec.concrete import ConcreteSpec, ConcreteSpecError
from rpm_spec.store.errors import (
    DatabaseError,
    HasDependentsError,
    MissingDependencyError,
    NotInstalledError,
)
from rpm_spec.store.provenance import completed_at, is_complete, now_utc
from rpm_spec.store.records import InstallRecord, Snapshot, sort_key
from rpm_spec.store.reindex import ReindexReport, rebuild
from rpm_spec.util.fs import FileWriteError, atomic_write, leftover_temporaries
from rpm_spec.util.locks import FileLock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from pathlib import Path

    from rpm_spec.spec import AbstractSpec

DB_DIR = ".rpm-spec-db"
INDEX_FILE = "index.json"
LOCK_FILE = "lock"


class Database:
    """The index of installed specs under ``root`` (see the module doc)."""

    def __init__(
        self,
        root: Path,
        *,
        lock_timeout_s: float | None = 600.0,
        file_mode: int | None = None,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        """``file_mode``: exact mode of the index and lock (a shared store's group may
        write them); ``before_write``: called before each write (it prepares a shared
        store's directories)."""
        self.root = root
        self.directory = root / DB_DIR
        self.index_path = self.directory / INDEX_FILE
        self.lock_path = self.directory / LOCK_FILE
        self._file_mode = file_mode
        self._before_write = before_write
        self._lock = FileLock(self.lock_path, timeout_s=lock_timeout_s, mode=file_mode)
        self._cached: tuple[tuple[int, ...], Snapshot] | None = None
        #: Nodes installed elsewhere (an upstream store): hash -> the node and everything
        #: below it, or None. A local record may depend on them (they are retained here).
        self.elsewhere: Callable[[str], Sequence[ConcreteSpec] | None] | None = None

    def __repr__(self) -> str:
        return f"Database({str(self.root)!r})"

    # -- reading ------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The current index with every record parsed (re-read only when the file changed)."""
        snapshot = self._current()
        try:
            snapshot.dag  # noqa: B018 (parses every record once, so damage shows here)
        except (ConcreteSpecError, KeyError, TypeError, ValueError) as error:
            raise self._damaged(error) from None
        return snapshot

    def get(self, spec_hash: str) -> InstallRecord | None:
        """The record of ``spec_hash``; parses only that record (the installer asks often)."""
        try:
            return self._current().get(spec_hash)
        except ConcreteSpecError as error:
            raise self._damaged(error) from None

    def records(self) -> list[InstallRecord]:
        """Every installed spec, by name and newest version first."""
        return sorted(self.snapshot().installs.values(), key=lambda r: sort_key(r.spec))

    def installed_specs(self) -> list[ConcreteSpec]:
        """The installed specs (externals included), for the concretizer to reuse."""
        return [record.spec for record in self.records()]

    def retained_specs(self) -> list[ConcreteSpec]:
        """Nodes that are not installed but are named by installed specs (build deps)."""
        return sorted(self.snapshot().retained.values(), key=sort_key)

    def query(
        self, spec: AbstractSpec | None = None, *, explicit: bool | None = None
    ) -> list[InstallRecord]:
        """Installed specs that satisfy ``spec`` (``^deps`` checked through the stored DAG;
        a virtual name matches its providers), optionally only explicit or implicit ones."""
        return query_snapshot(self.snapshot(), spec, explicit=explicit)

    def dependents(
        self, spec_hash: str, *, deptypes: Iterable[str] | None = None
    ) -> list[InstallRecord]:
        """Installed specs that depend directly on ``spec_hash`` (through ``deptypes``)."""
        snapshot = self.snapshot()
        wanted = None if deptypes is None else set(deptypes)
        found = [
            record
            for h, types in snapshot.dependents_of(spec_hash)
            if (wanted is None or wanted & set(types)) and (record := snapshot.get(h))
        ]
        return sorted(found, key=lambda r: sort_key(r.spec))

    # -- writing ------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, damaged_ok: bool = False) -> Iterator[Snapshot]:
        """Edit a fresh copy of the index under the exclusive lock; it is written atomically
        when the block ends without an exception. A damaged index reads as empty with
        ``damaged_ok`` (reindex), else raises. Not re-entrant."""
        with self._lock:
            self._remove_stale_temporaries()
            try:
                working = self._read()
            except DatabaseError:
                if not damaged_ok:
                    raise
                working = Snapshot()
            try:
                yield working
            except ConcreteSpecError as error:
                raise self._damaged(error) from None
            self._write(working)

    def reindex(self, *, max_depth: int = 8) -> ReindexReport:
        """Rebuild the index from the prefixes below the root that completed their install
        (see :mod:`rpm_spec.store.reindex`); explicit flags and install times are kept
        from the old index where it is readable."""
        with self.transaction(damaged_ok=True) as index:
            try:
                old = index.installs
            except ConcreteSpecError:
                old = {}
            report = rebuild(self.root, index, old, max_depth=max_depth)
        return report

    def add(
        self, spec: ConcreteSpec, prefix: Path, *, explicit: bool, installed_at: str | None = None
    ) -> InstallRecord:
        """Register ``spec`` as installed in ``prefix``; its dependencies must be registered.
        ``installed_at`` defaults to the time in the prefix's completion marker (else now).

        Registering an installed spec again returns its record, made explicit if asked.
        """
        with self.transaction() as index:
            existing = index.get(spec.hash)
            if existing is not None:
                if explicit and not existing.explicit:
                    existing = index.set_explicit(spec.hash, True)
                return existing
            self._retain_elsewhere(index, spec)
            missing = [
                f"{dep.name}/{dep.hash[:7]}"
                for dep in spec.dependencies
                if dep.hash not in index and not index.is_retained(dep.hash)
            ]
            if missing:
                raise MissingDependencyError(f"{spec.name}/{spec.short_hash}", missing)
            if installed_at is None:
                # The completion marker's time, so that a reindex finds the same one.
                installed_at = completed_at(prefix) if is_complete(prefix) else now_utc()
            record = InstallRecord(spec, prefix, explicit, installed_at, spec.is_external)
            index.put(record)
            return record

    def remove(self, spec_hash: str, *, force: bool = False) -> InstallRecord:
        """Unregister ``spec_hash``. Refuses while installed specs link to it or run it,
        unless ``force`` (as for an overwrite, which registers it again)."""
        with self.transaction() as index:
            record = index.get(spec_hash)
            if record is None:
                raise NotInstalledError(spec_hash)
            if not force:
                needed_by = [index.get(h) for h in index.runtime_dependents(spec_hash)]
                if needed_by:
                    raise HasDependentsError(
                        record.spec.label, [r.spec.label for r in needed_by if r]
                    )
            index.retire(spec_hash)
            return record

    def set_explicit(self, spec_hash: str, explicit: bool) -> InstallRecord:
        with self.transaction() as index:
            if spec_hash not in index:
                raise NotInstalledError(spec_hash)
            return index.set_explicit(spec_hash, explicit)

    def _retain_elsewhere(self, index: Snapshot, spec: ConcreteSpec) -> None:
        if self.elsewhere is None:
            return
        for dep in spec.dependencies:
            if dep.hash in index or index.is_retained(dep.hash):
                continue
            for node in self.elsewhere(dep.hash) or ():
                index.retain(node)

    # -- file handling ----------------------------------------------------------------

    def _current(self) -> Snapshot:
        """The index as it is now on disk, records not parsed yet (cached per file version)."""
        # open() rather than stat(): on NFS, opening revalidates the file's attributes
        # (close-to-open consistency), where a stat may be answered from a stale cache.
        try:
            fd = os.open(self.index_path, os.O_RDONLY)
        except FileNotFoundError:
            return Snapshot()
        except OSError as error:
            raise self._error("read", error) from None
        with os.fdopen(fd, "rb") as stream:
            stat = os.fstat(fd)
            key = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            if self._cached is None or self._cached[0] != key:
                self._cached = (key, self._parse(stream.read()))
        return self._cached[1]

    def _read(self) -> Snapshot:
        try:
            data = self.index_path.read_bytes()
        except FileNotFoundError:
            return Snapshot()
        except OSError as error:
            raise self._error("read", error) from None
        return self._parse(data)

    def _parse(self, data: bytes) -> Snapshot:
        try:
            return Snapshot.from_text(data.decode("utf-8"))
        except ValueError as error:  # UnicodeDecodeError and JSONDecodeError included
            raise self._damaged(error) from None

    def _write(self, snapshot: Snapshot) -> None:
        try:
            atomic_write(self.index_path, snapshot.to_text(), mode=self._file_mode)
        except FileWriteError as error:
            raise self._error("write", error.reason) from None
        self._cached = None

    def _remove_stale_temporaries(self) -> None:
        # Only a writer holding the lock makes temporaries, and we hold it now: any
        # left over come from writers that were killed.
        for stale in leftover_temporaries(self.index_path):
            stale.unlink(missing_ok=True)

    def _damaged(self, error: Exception) -> DatabaseError:
        return DatabaseError(
            f"the install database {self.index_path} is damaged: {error}",
            path=self.index_path,
            hint="'rpm-spec reindex' rebuilds it from the installed prefixes",
        )

    def _error(self, action: str, error: OSError | str) -> DatabaseError:
        reason = error if isinstance(error, str) else error.strerror or error
        return DatabaseError(
            f"cannot {action} the install database {self.index_path}: {reason}",
            path=self.index_path,
            hint="check that the install tree is writable by you" if action == "write" else None,
        )


def query_snapshot(
    snapshot: Snapshot, spec: AbstractSpec | None, *, explicit: bool | None = None
) -> list[InstallRecord]:
    """The records of ``snapshot`` that satisfy ``spec`` (see :meth:`Database.query`)."""
    found = []
    for record in snapshot.installs.values():
        if explicit is not None and record.explicit != explicit:
            continue
        if spec is None or _matches(snapshot, record.hash, spec):
            found.append(record)
    return sorted(found, key=lambda r: sort_key(r.spec))


def _matches(snapshot: Snapshot, spec_hash: str, spec: AbstractSpec) -> bool:
    node = snapshot.dag.nodes[spec_hash]
    if spec.name is not None and spec.name != node.name:
        if spec.name not in snapshot.provided(spec_hash):
            return False
        # A virtual (``mpi``) matches its providers; its version constraint is about the
        # interface, which a node does not record, so it is dropped.
        spec = spec.copy()
        spec.name = node.name
        spec.versions = type(spec.versions).any()
    if any(edge.name == node.name for edge in spec.dependencies):
        return False  # '^libelf' asks for what depends on libelf, not for libelf itself
    return snapshot.dag.satisfies(spec_hash, spec)
