"""Finding binary cache entries for the nodes an install would build.

Every configured binary cache is asked in order: its signed index first (one read
gives every entry), its manifests directly when it has no usable index. A node's
entry is taken only if its manifest's signature verifies with the user's keyring
and its prefix fits where this store puts it (:func:`relocation_mapping`,
``check_fits``); everything turned down is kept as a refusal naming the entry and
the reason, for the plan to show. Blobs are checked later, just before extracting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.binary.cache_errors import EntryRefused
from rpm_spec.binary.index import read_index
from rpm_spec.binary.relocate import RelocationInfo, check_fits
from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from rpm_spec.binary.cache import BuildCache
    from rpm_spec.binary.entry import EntryManifest
    from rpm_spec.binary.signing import Keyring
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


@dataclass(frozen=True)
class CachedEntry:
    """A verified manifest ready to install: where it is and how its paths map."""

    cache: BuildCache
    manifest: EntryManifest
    signer: str
    #: old path → new path (dependency prefixes, then the store root), longest first.
    mapping: Mapping[str, str]

    @property
    def origin(self) -> str:
        return f"cache {self.cache.label}"


@dataclass
class CacheSearch:
    found: dict[str, CachedEntry] = field(default_factory=dict)
    refused: list[EntryRefused] = field(default_factory=list)
    #: Caches whose index could not be used (they were searched through their manifests).
    notes: list[str] = field(default_factory=list)


def relocation_mapping(
    manifest: EntryManifest,
    dag: ConcreteDag,
    prefix_of: Callable[[ConcreteSpec], Path],
    new_root: str,
) -> dict[str, str]:
    """Old → new paths for installing ``manifest``'s prefix into this store, longest first.

    Each node's build-time prefix maps to where this store has (or will have) that
    node; the old store root maps to this one for anything else that names it.
    """
    pairs: dict[str, str] = {}
    for node_hash, old in manifest.prefixes.items():
        node = dag.nodes.get(node_hash) or manifest.dag.nodes.get(node_hash)
        if node is None or node.is_external:
            continue
        pairs[old] = str(prefix_of(node))
    old_root = str(manifest.relocation.get("store_root") or "")
    if old_root:
        pairs.setdefault(old_root, new_root)
    changed = {old: new for old, new in pairs.items() if old != new}
    return dict(sorted(changed.items(), key=lambda pair: len(pair[0]), reverse=True))


def check_entry(manifest: EntryManifest, mapping: Mapping[str, str], what: str) -> RelocationInfo:
    """The entry's relocation data if it can go where ``mapping`` says; else EntryRefused."""
    try:
        info = RelocationInfo.from_json(manifest.relocation)
    except (KeyError, TypeError, ValueError) as error:
        raise EntryRefused(what, f"its relocation data is malformed ({error})") from None
    if mapping and not info.relocatable:
        raise EntryRefused(what, f"it is not relocatable ({info.reason or 'no reason given'})")
    try:
        check_fits(info, mapping)
    except RpmSpecError as error:
        raise EntryRefused(what, str(error), hint=error.hint) from None
    return info


def search_caches(
    caches: Sequence[BuildCache],
    wanted: Iterable[str],
    dag: ConcreteDag,
    *,
    keyring: Keyring,
    state_dir: Path,
    prefix_of: Callable[[ConcreteSpec], Path],
    new_root: str,
) -> CacheSearch:
    """An installable entry for each hash of ``wanted`` that some cache has."""
    search = CacheSearch()
    missing = set(wanted)
    for cache in caches:
        if not missing:
            break
        names = _names_by_hash(cache, keyring, state_dir, search)
        for spec_hash in sorted(missing):
            for name in names.get(spec_hash, ()):
                what = cache.describe(name)
                try:
                    manifest, signer = cache.read_manifest(name, keyring)
                    mapping = relocation_mapping(manifest, dag, prefix_of, new_root)
                    check_entry(manifest, mapping, what)
                except EntryRefused as refusal:
                    search.refused.append(refusal)
                    continue
                search.found[spec_hash] = CachedEntry(cache, manifest, signer, mapping)
                missing.discard(spec_hash)
                break
    return search


def _names_by_hash(
    cache: BuildCache, keyring: Keyring, state_dir: Path, search: CacheSearch
) -> dict[str, list[str]]:
    """Entry names of ``cache`` by spec hash: from its index, else from its manifests."""
    if not cache.directory.is_dir():
        return {}
    by_hash: dict[str, list[str]] = {}
    try:
        records = read_index(cache.directory, keyring, state_dir)
    except RpmSpecError as error:
        search.notes.append(f"{cache.label}: index not used ({error}); reading its manifests")
        records = {}
    for spec_hash, record in records.items():
        entries = record.get("entries") if isinstance(record, dict) else None
        if isinstance(entries, list):
            by_hash[spec_hash] = [str(name) for name in entries]
    if not by_hash:  # no index (yet): the manifests themselves
        for name in cache.names():
            by_hash.setdefault(name.rsplit("-", 1)[0], []).append(name)
    return by_hash
