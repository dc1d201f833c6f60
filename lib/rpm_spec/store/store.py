"""The store: an install tree (layout), its database, and per-prefix locks.

Lock order, everywhere: a prefix lock before the database lock, never the reverse.
The installer holds a prefix's lock while it builds into it; ``uninstall`` holds it
while it unregisters the spec (under the database lock) and then deletes the
directory, so a crash in between leaves an unregistered directory (harmless: it
lacks a record, and a new install of that hash clears it) but never a record that
points at nothing.

Upstreams (:mod:`rpm_spec.store.upstreams`) are other stores searched after this one,
read-only: their installs are found, reused and loaded like local ones (a hash
installed here wins), never removed. Downstream roots (:mod:`rpm_spec.store.roots`)
are the other way round: users of *this* store who need some of its installs.

What ``gc`` keeps: every explicit spec, every install a live downstream root needs,
and whatever those link to or run, transitively. Build-only dependencies are not
kept: a built spec does not need its compiler tools any more. Their nodes stay in
the database as *retained* nodes, so queries through the stored DAG still see them.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.store.database import DB_DIR, Database, query_snapshot
from rpm_spec.store.errors import (
    AmbiguousMatchError,
    HasDependentsError,
    NoMatchError,
    NotInstalledError,
    StoreError,
)
from rpm_spec.store.health import PrefixCheck, check_prefix
from rpm_spec.store.layout import METADATA_DIR, Layout
from rpm_spec.store.permissions import StorePermissions
from rpm_spec.store.prefix_modes import apply_permissions, prepare_directories, restore_write
from rpm_spec.store.provenance import COMPLETE_MARKER
from rpm_spec.store.records import InstallRecord, Snapshot, sort_key
from rpm_spec.store.roots import DropBox, NeededByRootError, RootEntry, needed_closure
from rpm_spec.store.upstreams import (
    ROOTS_DIR,
    Upstream,
    UpstreamNodeError,
    open_upstreams,
    own_roots_dir,
    upstreams_from_config,
)
from rpm_spec.store.writable import require_writable
from rpm_spec.util.locks import FileLock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from rpm_spec.config import Configuration
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec
    from rpm_spec.store.reindex import ReindexReport

LOCKS_DIR = "locks"


class Store:
    """Installed prefixes under ``root``, laid out by ``layout``, indexed by ``database``."""

    def __init__(
        self,
        root: Path,
        layout: Layout | None = None,
        database: Database | None = None,
        *,
        permissions: StorePermissions | None = None,
        upstreams: Sequence[Upstream] = (),
        roots_dir: Path | None = None,
    ) -> None:
        self.root = root
        self.layout = layout or Layout(root)
        #: Modes and groups of prefixes, and the store's group (store/permissions.py).
        self.permissions = permissions or StorePermissions()
        self.database = database or Database(
            root, file_mode=self.permissions.file_mode, before_write=self._prepare_shared
        )
        #: Other stores searched after this one, in order, read-only.
        self.upstreams = tuple(upstreams)
        #: Where users of this store register their downstream roots.
        self.drop_box = DropBox(roots_dir or root / ROOTS_DIR, root)
        if self.upstreams:
            self.database.elsewhere = self._upstream_closure
        self._locks: dict[str, FileLock] = {}
        self._locks_guard = threading.Lock()
        self._shared_ready = False

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    @classmethod
    def from_config(cls, config: Configuration, *, root: Path | None = None) -> Store:
        """The store that ``config:install_tree`` describes (at ``root`` if given), with the
        upstreams of ``upstreams.yaml``."""
        from rpm_spec.config.settings import BuildSettings

        settings = BuildSettings.from_config(config)
        root = root or settings.install_root
        configs = upstreams_from_config(config)
        return cls(
            root,
            Layout(root, settings.projection, settings.padded_length),
            permissions=StorePermissions.from_config(config),
            upstreams=open_upstreams(configs, root),
            roots_dir=own_roots_dir(configs, root),
        )

    # -- where and whether --------------------------------------------------------------

    def prefix(self, spec: ConcreteSpec) -> Path:
        """Where ``spec`` is (or would be) installed: an upstream's prefix for a spec that
        is installed there and not here."""
        found = self.upstream_of(spec.hash)
        return found[1].prefix if found is not None else self.layout.prefix_for(spec)

    def upstream_of(self, spec_hash: str) -> tuple[Upstream, InstallRecord] | None:
        """The first upstream with an intact install of ``spec_hash``, unless it is installed
        here (a local install wins on an equal hash)."""
        if not self.upstreams or self.is_installed(spec_hash):
            return None
        for upstream in self.upstreams:
            record = upstream.get(spec_hash)
            if record is not None:
                return upstream, record
        return None

    def origin(self, spec_hash: str) -> str:
        """``local``, or the name of the upstream whose install of ``spec_hash`` we see."""
        if self.database.get(spec_hash) is not None:
            return "local"
        for upstream in self.upstreams:
            if spec_hash in upstream.snapshot():
                return upstream.name
        return ""

    def snapshot(self) -> Snapshot:
        """Everything this store sees: its index over its upstreams' (a hash installed here
        wins). Read-only: edit through ``database``."""
        snapshot = self.database.snapshot()
        for upstream in self.upstreams:
            snapshot = snapshot.chained(upstream.snapshot())
        return snapshot

    def installed_specs(self) -> list[ConcreteSpec]:
        """What the concretizer may reuse: local installs, then each upstream's."""
        found = {spec.hash: spec for spec in self.database.installed_specs()}
        for upstream in self.upstreams:
            for spec_hash, record in upstream.snapshot().installs.items():
                found.setdefault(spec_hash, record.spec)
        return list(found.values())

    def _refuse_foreign(self, spec_hash: str) -> None:
        """Raise for a hash that is not installed here: UpstreamNodeError naming the
        upstream that has it (intact or not), else NotInstalledError."""
        for upstream in self.upstreams:
            record = upstream.snapshot().get(spec_hash)
            if record is not None:
                raise UpstreamNodeError(record.spec.label, upstream.name, upstream.root)
        raise NotInstalledError(spec_hash)

    def _upstream_closure(self, spec_hash: str) -> list[ConcreteSpec] | None:
        for upstream in self.upstreams:
            snapshot = upstream.snapshot()
            if spec_hash in snapshot:
                return [node for _, node, _ in snapshot.dag.traverse(spec_hash)]
        return None

    def is_installed(self, spec_hash: str) -> bool:
        """Registered, and its prefix intact: a deleted or damaged prefix is not installed."""
        record = self.database.get(spec_hash)
        return record is not None and check_prefix(record).intact

    def check(self, record: InstallRecord) -> PrefixCheck:
        """Whether ``record``'s prefix is intact, missing or damaged (cheap checks)."""
        return check_prefix(record)

    def require_writable(self) -> None:
        """Raise ReadOnlyStoreError unless we can create prefixes and write the database.

        Asked before an install fetches or builds anything, so that a shared store
        that is read-only for this user fails at once, naming the path; so is a user
        outside a shared store's group (NotInGroupError).
        """
        self.permissions.require_member(self.root)
        database = self.database.directory
        require_writable(
            self.root,
            [self.root, database, database / LOCKS_DIR, self.database.lock_path],
        )

    def lock(self, spec_hash: str) -> FileLock:
        """The lock of one prefix (one instance per hash in this process, see util.locks)."""
        with self._locks_guard:
            found = self._locks.get(spec_hash)
            if found is None:
                path = self.root / DB_DIR / LOCKS_DIR / f"{spec_hash}.lock"
                found = FileLock(path, mode=self.permissions.file_mode)
                self._locks[spec_hash] = found
        self._prepare_shared()
        return found

    # -- permissions (store/permissions.py) -------------------------------------------

    def prepare_prefix(self, prefix: Path) -> None:
        """Before a build: the directories above ``prefix`` exist and, in a shared store,
        belong to its group (other members add prefixes beside this one)."""
        self._prepare_shared()
        prepare_directories(self.permissions, [prefix.parent])

    def finish_prefix(self, spec: ConcreteSpec, prefix: Path) -> None:
        """After the build and provenance, before registering: the package's group and
        modes on every file and directory (read-only if configured)."""
        apply_permissions(prefix, self.permissions.for_package(spec.name))

    def _prepare_shared(self) -> None:
        """A shared store's root, database and locks directories: the group's, setgid."""
        if self._shared_ready or not self.permissions.shared:
            return
        database = self.root / DB_DIR
        prepare_directories(self.permissions, [self.root, database, database / LOCKS_DIR])
        self._shared_ready = True

    # -- selecting installed specs --------------------------------------------------

    def select(
        self, specs: Sequence[AbstractSpec] = (), *, explicit: bool | None = None
    ) -> list[InstallRecord]:
        """Installed specs matching any of ``specs`` (all of them for none), sorted; those
        of upstreams too (:meth:`origin` tells which is which)."""
        snapshot = self.snapshot() if self.upstreams else self.database.snapshot()
        seen: dict[str, InstallRecord] = {}
        wanted: Sequence[AbstractSpec | None] = specs or [None]
        for spec in wanted:
            for record in query_snapshot(snapshot, spec, explicit=explicit):
                seen.setdefault(record.hash, record)
        return sorted(seen.values(), key=lambda r: sort_key(r.spec))

    def select_one(self, spec: AbstractSpec) -> InstallRecord:
        """The one installed spec matching ``spec``; NoMatchError / AmbiguousMatchError."""
        found = self.select([spec])
        if not found:
            raise NoMatchError(str(spec))
        if len(found) > 1:
            raise AmbiguousMatchError(str(spec), [_long_description(r) for r in found])
        return found[0]

    # -- removing -------------------------------------------------------------------

    def uninstall_order(
        self, hashes: Iterable[str], *, with_dependents: bool = False
    ) -> list[InstallRecord]:
        """The records to remove for ``hashes``, dependents before their dependencies.

        Without ``with_dependents``, raises HasDependentsError naming the installed specs
        that link to or run one of them; with it, those are removed too.
        """
        snapshot = self.database.snapshot()
        targets = set(hashes)
        for spec_hash in targets:
            if spec_hash not in snapshot:
                self._refuse_foreign(spec_hash)
        pending = list(targets)
        while pending:
            spec_hash = pending.pop()
            outside = [h for h in snapshot.runtime_dependents(spec_hash) if h not in targets]
            if outside and not with_dependents:
                raise HasDependentsError(
                    snapshot[spec_hash].spec.label,
                    [snapshot[h].spec.label for h in sorted(outside)],
                )
            targets.update(outside)
            pending.extend(outside)
        needs = self.drop_box.needs()
        if needs:
            needed = needed_closure(snapshot, needs)
            blocked = sorted(h for h in targets if h in needed)
            if blocked:
                raise NeededByRootError(
                    [(snapshot[h].spec.label, needed[h]) for h in blocked], self.drop_box
                )
        return _dependents_first(snapshot, targets)

    def uninstall(self, spec_hash: str, *, force: bool = False) -> InstallRecord:
        """Unregister ``spec_hash``, then delete its prefix (externals keep theirs).

        A prefix outside this store's root is never deleted (check ``record.prefix``).
        """
        with self.lock(spec_hash):
            record = self.database.remove(spec_hash, force=force)
            if not record.external and _is_below(record.prefix, self.root):
                remove_prefix(record.prefix)
        return record

    def unneeded(self) -> list[InstallRecord]:
        """Implicit specs that no explicit one links to or runs (what ``gc`` removes),
        dependents before their dependencies."""
        snapshot = self.database.snapshot()
        roots: dict[str, list[RootEntry]] = {
            h: [] for h, record in snapshot.installs.items() if record.explicit
        }
        needed = needed_closure(snapshot, roots | self.drop_box.needs())
        return _dependents_first(snapshot, set(snapshot.hashes()) - set(needed))

    def kept_for_roots(self) -> dict[str, list[RootEntry]]:
        """Installed hash -> the live downstream roots that keep it (for ``gc`` to say)."""
        snapshot = self.database.snapshot()
        needed = needed_closure(snapshot, self.drop_box.needs())
        return {h: entries for h, entries in needed.items() if h in snapshot}

    def reindex(self) -> ReindexReport:
        """Rebuild the database from the complete prefixes below the root."""
        depth = len(Path(self.layout.projection).parts)
        depth += len(self.layout.padded_root.relative_to(self.root).parts)
        return self.database.reindex(max_depth=max(depth, 1))


def remove_prefix(prefix: Path) -> None:
    """Delete an installed prefix, read-only directories included.

    The completion marker goes first: if we are interrupted half way, what is left is
    not mistaken for a complete install by ``reindex``.
    """

    def make_writable(function: Callable[..., Any], path: str, _info: Any) -> None:
        parent = Path(path).parent
        parent.chmod(parent.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR)
        if function is not os.rmdir and Path(path).is_dir() and not Path(path).is_symlink():
            Path(path).chmod(Path(path).stat().st_mode | stat.S_IRWXU)
        function(path)

    try:
        restore_write(prefix)  # a read-only prefix (read_only_after_install)
        (prefix / METADATA_DIR / COMPLETE_MARKER).unlink(missing_ok=True)
        shutil.rmtree(prefix, onerror=make_writable)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(
            f"unregistered the spec, but could not delete all of {prefix}: "
            f"{error.strerror or error}",
            hint="delete what is left by hand; rpm-spec no longer uses it",
        ) from None


def _is_below(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve()) and path.resolve() != root.resolve()
    except OSError:
        return False


def _long_description(record: InstallRecord) -> str:
    return f"{record.spec.format()} /{record.spec.short_hash}  {record.prefix}"


def _dependents_first(snapshot: Snapshot, hashes: set[str]) -> list[InstallRecord]:
    """``hashes`` ordered so that every spec comes before what it depends on: in rounds,
    each round the specs nothing left depends on, by name."""
    remaining = set(hashes)
    order: list[InstallRecord] = []
    while remaining:
        ready = [
            snapshot[h]
            for h in remaining
            if not any(d in remaining for d, _ in snapshot.dependents_of(h))
        ]
        if not ready:  # impossible in a DAG; never loop forever on a damaged index
            ready = [snapshot[h] for h in remaining]
        ready.sort(key=lambda r: sort_key(r.spec))
        order.extend(ready)
        remaining -= {r.hash for r in ready}
    return order
