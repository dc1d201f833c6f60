"""The store: an install tree (layout), its database, and per-prefix locks.

Lock order, everywhere: a prefix lock before the database lock, never the reverse.
The installer holds a prefix's lock while it builds into it; ``uninstall`` holds it
while it unregisters the spec (under the database lock) and then deletes the
directory, so a crash in between leaves an unregistered directory (harmless: it
lacks a record, and a new install of that hash clears it) but never a record that
points at nothing.

What ``gc`` keeps: every explicit spec and whatever those link to or run,
transitively. Build-only dependencies are not kept: a built spec does not need
its compiler tools any more. Their nodes stay in the database as *retained*
nodes, so queries through the stored DAG still see them.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.store.database import DB_DIR, Database
from rpm_spec.store.errors import (
    AmbiguousMatchError,
    HasDependentsError,
    NoMatchError,
    StoreError,
)
from rpm_spec.store.health import PrefixCheck, check_prefix
from rpm_spec.store.layout import METADATA_DIR, Layout
from rpm_spec.store.provenance import COMPLETE_MARKER
from rpm_spec.store.records import RUNTIME_TYPES, InstallRecord, Snapshot, sort_key
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
        self, root: Path, layout: Layout | None = None, database: Database | None = None
    ) -> None:
        self.root = root
        self.layout = layout or Layout(root)
        self.database = database or Database(root)
        self._locks: dict[str, FileLock] = {}
        self._locks_guard = threading.Lock()

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    @classmethod
    def from_config(cls, config: Configuration) -> Store:
        """The store that ``config:install_tree`` describes."""
        from rpm_spec.config.settings import BuildSettings

        settings = BuildSettings.from_config(config)
        root = settings.install_root
        return cls(root, Layout(root, settings.projection, settings.padded_length))

    # -- where and whether --------------------------------------------------------------

    def prefix(self, spec: ConcreteSpec) -> Path:
        """Where ``spec`` is (or would be) installed."""
        return self.layout.prefix_for(spec)

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
        that is read-only for this user fails at once, naming the path.
        """
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
                found = self._locks[spec_hash] = FileLock(path)
            return found

    # -- selecting installed specs --------------------------------------------------

    def select(
        self, specs: Sequence[AbstractSpec] = (), *, explicit: bool | None = None
    ) -> list[InstallRecord]:
        """Installed specs matching any of ``specs`` (all of them for none), sorted."""
        if not specs:
            return self.database.query(None, explicit=explicit)
        seen: dict[str, InstallRecord] = {}
        for spec in specs:
            for record in self.database.query(spec, explicit=explicit):
                seen.setdefault(record.hash, record)
        return [r for r in self.database.records() if r.hash in seen]

    def select_one(self, spec: AbstractSpec) -> InstallRecord:
        """The one installed spec matching ``spec``; NoMatchError / AmbiguousMatchError."""
        found = self.database.query(spec)
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
        needed: set[str] = set()
        pending = [h for h, record in snapshot.installs.items() if record.explicit]
        while pending:
            spec_hash = pending.pop()
            if spec_hash in needed:
                continue
            needed.add(spec_hash)
            pending.extend(
                dep.hash
                for dep in snapshot.dag.nodes[spec_hash].dependencies
                if set(dep.types) & set(RUNTIME_TYPES)
            )
        return _dependents_first(snapshot, set(snapshot.hashes()) - needed)

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
