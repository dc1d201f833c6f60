"""Putting installed specs into a build cache, and keeping its index in step.

What goes into an entry comes from the store: the prefix (packed whole, its
provenance included), the DAG stored in it, the prefix of every dependency at
build time (the installing side maps each to its own), and the relocation data
found by scanning the prefix for the store root. The index (see
:mod:`rpm_spec.binary.index`) gets one record per entry with what the solver needs
to reuse it: the entry's DAG and its relocation key fields.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.cache import NOT_PACKED
from rpm_spec.binary.cache_errors import CacheError, EntryRefused
from rpm_spec.binary.entry import relocation_key
from rpm_spec.binary.index import replace_index, update_index
from rpm_spec.binary.relocate import scan_prefix
from rpm_spec.store.provenance import now_utc, read_spec

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rpm_spec.binary.cache import BuildCache
    from rpm_spec.binary.entry import EntryManifest
    from rpm_spec.binary.signing import Keyring
    from rpm_spec.store.records import InstallRecord
    from rpm_spec.store.store import Store


@dataclass(frozen=True)
class PushResult:
    label: str
    name: str
    #: False when an entry of that name (same hash, root and padding) was there already.
    pushed: bool


def push_record(
    cache: BuildCache,
    store: Store,
    record: InstallRecord,
    *,
    padded_length: int,
    keyring: Keyring,
    key: str | None,
    force: bool = False,
) -> tuple[PushResult, EntryManifest | None]:
    """Push one installed spec; the entry's manifest when one was written."""
    if record.external:
        raise CacheError(f"{record.spec.label} is an external ({record.prefix}): not pushed")
    dag = read_spec(record.prefix)
    prefixes: dict[str, str] = {}
    for _, node, _ in dag.traverse():
        if node.is_external:
            continue
        found = store.database.get(node.hash)
        prefixes[node.hash] = str(found.prefix if found is not None else store.prefix(node))
    root = str(store.layout.padded_root)
    outside = {p for p in prefixes.values() if not p.startswith(root.rstrip("/") + "/")}
    old_roots = [root, *sorted(outside)]
    info = scan_prefix(record.prefix, old_roots, store_root=root, padded_length=padded_length)
    # Files that are not packed are not relocated either (the file manifest is rewritten).
    info = dataclasses.replace(
        info,
        binary_files=tuple(f for f in info.binary_files if f not in NOT_PACKED),
        text_files=tuple(f for f in info.text_files if f not in NOT_PACKED),
        links=tuple(f for f in info.links if f not in NOT_PACKED),
    )
    relocation = info.to_json()
    name = f"{record.hash}-{relocation_key(relocation)}"
    if not force and name in cache.names_for(record.hash):
        try:
            cache.read_manifest(name, keyring)
        except EntryRefused:
            pass  # a broken or foreign entry is replaced by ours
        else:
            return PushResult(record.spec.label, name, pushed=False), None
    fields: dict[str, Any] = {
        "spec_hash": record.hash,
        "dag": dag,
        "prefixes": prefixes,
        "relocation": relocation,
        "created_at": now_utc(),
    }
    manifest = cache.push(record.prefix, fields, keyring, key)
    return PushResult(record.spec.label, manifest.name, pushed=True), manifest


def index_record(manifest: EntryManifest, names: Iterable[str]) -> dict[str, Any]:
    """What the index holds about one hash: its node (the solver reuses entries through
    it; its dependencies are index records of their own) and the names of its entries
    (one per store root and padding it was pushed from)."""
    return {
        "spec_hash": manifest.spec_hash,
        "node": manifest.spec.to_dict(),
        "entries": sorted(set(names)),
    }


def add_to_index(
    cache: BuildCache, manifests: Iterable[EntryManifest], keyring: Keyring, key: str | None
) -> int | None:
    """Record new entries in the index (only their shards are rewritten); its serial."""
    changes = {m.spec_hash: index_record(m, cache.names_for(m.spec_hash)) for m in manifests}
    if not changes:
        return None
    return update_index(cache.directory, changes, keyring, key)


def rebuild_index(
    cache: BuildCache, keyring: Keyring, key: str | None
) -> tuple[int, list[str], list[EntryRefused]]:
    """Make the index list exactly the entries whose manifests verify, whatever the old
    index holds (damaged, tampered, signed by a revoked key): (serial, names, refused)."""
    verified: dict[str, tuple[EntryManifest, list[str]]] = {}
    refused: list[EntryRefused] = []
    names: list[str] = []
    for name in cache.names():
        try:
            manifest, _ = cache.read_manifest(name, keyring)
        except EntryRefused as refusal:
            refused.append(refusal)
            continue
        names.append(name)
        verified.setdefault(manifest.spec_hash, (manifest, []))[1].append(name)
    records = {h: index_record(m, entry_names) for h, (m, entry_names) in verified.items()}
    serial = replace_index(cache.directory, records, keyring, key)
    return serial, names, refused
