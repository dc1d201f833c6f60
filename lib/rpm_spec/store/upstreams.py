"""Upstreams: other install trees (a site's shared store) whose installs are reused read-only.

Configured as Spack spells it (``upstreams.yaml``), searched in the order given::

    upstreams:
      site:
        install_tree: /shared/rpm-spec/store
        roots: /var/lib/rpm-spec/site-roots   # optional; ours, not Spack's (see roots.py)

Reading an upstream never writes to it: no lock file, no cache, no index, no
timestamp. Its database is read with a plain ``open`` and no lock at all, not even
a shared one: its writers replace ``index.json`` by an atomic rename (see
:mod:`rpm_spec.store.database`), so any read sees one whole snapshot, the old one or
the new one. A lock would buy nothing more and would need a lock file, which a
read-only mount or a store owned by someone else cannot hold (Spack's upstream
lock-file bugs). The parsed index is kept in memory per file version only.

An upstream whose ``install_tree`` is this session's own store is not an upstream of
itself; its ``roots`` setting then names this store's drop-box (the admin and the
users share one site config).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.store.database import Database
from rpm_spec.store.errors import DatabaseError, StoreError
from rpm_spec.store.health import check_prefix
from rpm_spec.store.roots import DropBox, DropBoxError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.config import Configuration
    from rpm_spec.store.records import InstallRecord, Snapshot

#: Where a store's drop-box for downstream roots is, below its root, by default.
ROOTS_DIR = Path(".rpm-spec") / "roots"


class UpstreamError(StoreError):
    """An upstream cannot be read, or something would change it."""


class UpstreamNodeError(UpstreamError):
    """A command would remove (or otherwise change) a spec that lives in an upstream."""

    def __init__(self, spec: str, upstream: str, root: Path, action: str = "uninstall") -> None:
        super().__init__(
            f"will not {action} {spec}: it is installed in upstream '{upstream}' ({root}), "
            "which is read-only to rpm-spec",
            hint=f"ask the owner of {root} to {action} it there",
        )
        self.spec = spec
        self.upstream = upstream
        self.root = root


@dataclass(frozen=True)
class UpstreamConfig:
    """One entry of ``upstreams.yaml``."""

    name: str
    install_tree: Path
    #: A writable drop-box for downstream roots, for a store mounted read-only.
    roots: Path | None = None
    #: Its module trees by kind (``lmod``, ``tcl``): a downstream's modules autoload
    #: their upstream dependencies from there, as in Spack's upstreams.yaml.
    modules: Mapping[str, Path] = field(default_factory=dict)

    @property
    def roots_dir(self) -> Path:
        return self.roots if self.roots is not None else self.install_tree / ROOTS_DIR


def upstreams_from_config(config: Configuration) -> list[UpstreamConfig]:
    """The configured upstreams, in order (the schema checked their shape)."""
    found = []
    for name, entry in (config.get("upstreams") or {}).items():
        roots = entry.get("roots")
        found.append(
            UpstreamConfig(
                str(name),
                config.substitute_path(str(entry["install_tree"])),
                None if roots is None else config.substitute_path(str(roots)),
                {
                    kind: config.substitute_path(str(path))
                    for kind, path in (entry.get("modules") or {}).items()
                },
            )
        )
    return found


class Upstream:
    """One upstream install tree, read-only (see the module doc)."""

    def __init__(self, config: UpstreamConfig) -> None:
        self.name = config.name
        self.root = config.install_tree
        self.roots_dir = config.roots_dir
        # Only the database's reading methods are ever called: they open index.json
        # read-only and take no lock. It is private so nothing can write through it.
        self._database = Database(self.root)

    def __repr__(self) -> str:
        return f"Upstream({self.name!r}, {str(self.root)!r})"

    def snapshot(self) -> Snapshot:
        """The upstream's index now (an absent one reads as empty)."""
        try:
            return self._database.snapshot()
        except DatabaseError as error:
            raise self._unreadable(error) from None

    def get(self, spec_hash: str) -> InstallRecord | None:
        """The record of ``spec_hash`` when the upstream has it with an intact prefix."""
        try:
            record = self._database.get(spec_hash)
        except DatabaseError as error:
            raise self._unreadable(error) from None
        if record is None or not check_prefix(record).intact:
            return None
        return record

    def _unreadable(self, error: DatabaseError) -> UpstreamError:
        return UpstreamError(
            f"upstream '{self.name}': {error}",
            hint=f"ask the owner of {self.root} to repair it, or remove '{self.name}' "
            "from upstreams.yaml",
        )


def open_upstreams(configs: list[UpstreamConfig], own_root: Path) -> list[Upstream]:
    """The upstreams to search, in order, leaving out ``own_root`` itself."""
    own = _identity(own_root)
    return [Upstream(c) for c in configs if own is None or _identity(c.install_tree) != own]


def own_roots_dir(configs: list[UpstreamConfig], own_root: Path) -> Path | None:
    """The drop-box the site config names for the store at ``own_root`` (None: default)."""
    own = _identity(own_root)
    for config in configs:
        if config.roots is not None and own is not None and _identity(config.install_tree) == own:
            return config.roots
    return None


def _identity(path: Path) -> tuple[int, int] | str | None:
    """Device and inode of ``path`` (the same tree under two spellings is one), else its
    normalized text when it does not exist."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return str(path.absolute())
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


@dataclass(frozen=True)
class RootRegistration:
    """What registering a downstream root in one upstream came to."""

    upstream: Upstream
    hashes: frozenset[str]
    entry: Path | None = None
    #: Why nothing was written (no drop-box, an unsafe one...), else None.
    refused: DropBoxError | None = None


def register_roots(
    upstreams: Sequence[Upstream],
    needed: Mapping[str, set[str]],
    *,
    kind: str,
    path: Path,
    witness: Path,
) -> list[RootRegistration]:
    """Tell each upstream in ``needed`` (name -> hashes) that ``path`` uses those installs.

    An environment's entry is replaced by its current needs; a store's (explicit
    installs) adds up. A refusal is reported, not raised: the install itself is fine.
    """
    done = []
    for upstream in upstreams:
        hashes = needed.get(upstream.name)
        if not hashes:
            continue
        box = DropBox(upstream.roots_dir, upstream.root)
        try:
            registered = box.register(
                kind=kind, path=path, witness=witness, hashes=hashes, merge=kind == "store"
            )
        except DropBoxError as error:
            done.append(RootRegistration(upstream, frozenset(hashes), refused=error))
            continue
        done.append(RootRegistration(upstream, frozenset(hashes), registered.entry))
    return done
