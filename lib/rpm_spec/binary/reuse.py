"""Specs the binary caches offer to the solver for reuse (``concretizer: reuse``).

The solver reuses whole DAGs, so an entry is offered only when every node below it
is also available: installed here, or an entry itself. The index records each
entry's node; only those of packages the request could need (``names``) are parsed
(parsing checks each hash, as for any stored spec), which keeps a big cache cheap.

Reading and verifying a whole index of 10,000 entries takes most of a second, so the
records are kept per package name in the user's private cache, keyed by the exact
bytes of the index's signed top file (which pins every shard's sha256). The top file's
signature is checked on every use, so a key revoked or untrusted since is still
refused; any other top file (a new serial, a rollback) means a full read, with its
rollback check.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.cache_errors import CacheError
from rpm_spec.binary.index import SIGNATURE_SUFFIX, TOP_FILE, read_index
from rpm_spec.errors import RpmSpecError
from rpm_spec.spec.concrete import ConcreteSpec, ConcreteSpecError
from rpm_spec.util.fs import atomic_write, private_directory

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Mapping, Sequence
    from pathlib import Path

    from rpm_spec.binary.cache import BuildCache
    from rpm_spec.binary.signing import Keyring


@dataclass
class ReuseFound:
    specs: tuple[ConcreteSpec, ...] = ()
    notes: list[str] = field(default_factory=list)


def reusable_specs(
    caches: Sequence[BuildCache],
    keyring: Keyring,
    state_dir: Path,
    installed: set[str],
    names: Container[str] | None = None,
    *,
    kept: Path | None = None,
    fits: Callable[[str, str, str], bool] | None = None,
) -> ReuseFound:
    """Every entry of the caches' indexes (of a package in ``names``, when given) that
    can be reused with all its dependencies. ``state_dir`` is :func:`read_index`'s;
    ``kept`` (default: below it) keeps the records by package name. ``fits`` (platform,
    os, target) says which arches the solve could take: entries of others (and their
    dependents) are dropped before they are parsed, as the solver would refuse them."""
    found = ReuseFound()
    documents: dict[str, Mapping[str, Any]] = {}
    entries: set[str] = set()
    for cache in caches:
        try:
            by_name = _records_by_name(cache, keyring, state_dir, kept or state_dir / "reuse")
        except RpmSpecError as error:
            found.notes.append(f"build cache {cache.label} not used for reuse: {error}")
            continue
        wanted = by_name if names is None else [n for n in by_name if n in names]
        for name in wanted:
            for record in marshal.loads(by_name[name]):
                _collect(record, documents, entries, names, fits)
    found.specs = tuple(_available(documents, entries, installed))
    return found


def _records_by_name(
    cache: BuildCache, keyring: Keyring, state_dir: Path, kept: Path
) -> dict[str, bytes]:
    """Package name → marshalled list of the index records of its entries (see the
    module doc); marshal reads back several times faster than JSON."""
    top_path = cache.directory / TOP_FILE
    try:
        top = top_path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise CacheError(f"cannot read {top_path}: {error.strerror}") from None
    envelope = _read_or_none(top_path.with_name(TOP_FILE + SIGNATURE_SUFFIX))
    keyring.verify(top, envelope, what=f"binary cache {cache.label}: {TOP_FILE}")
    key = hashlib.sha256(top + b"\0" + (envelope or b"")).hexdigest()
    digest = hashlib.sha256(str(cache.directory.absolute()).encode()).hexdigest()[:16]
    stored = private_directory(kept) / f"{digest}.marshal"
    try:
        kept = marshal.loads(stored.read_bytes())
        if isinstance(kept, dict) and kept.get("key") == key and kept.get("format") == 2:
            return dict(kept["by_name"])
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    grouped: dict[str, list[Any]] = {}
    for record in read_index(cache.directory, keyring, state_dir).values():
        node = record.get("node") if isinstance(record, dict) else None
        if isinstance(node, dict) and isinstance(node.get("name"), str):
            grouped.setdefault(node["name"], []).append(record)
    by_name = {name: marshal.dumps(records) for name, records in grouped.items()}
    document = {"key": key, "format": 2, "by_name": by_name}
    atomic_write(stored, marshal.dumps(document), mode=0o600)
    return by_name


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _collect(
    record: Any,
    documents: dict[str, Mapping[str, Any]],
    entries: set[str],
    names: Container[str] | None,
    fits: Callable[[str, str, str], bool] | None,
) -> None:
    try:
        spec_hash = str(record["spec_hash"])
        document = record["node"]
        if names is not None and document["name"] not in names:
            return
        if fits is not None:
            arch = document["arch"]
            if not fits(str(arch["platform"]), str(arch["os"]), str(arch["target"])):
                return
    except (KeyError, TypeError):
        return
    documents.setdefault(spec_hash, document)
    entries.add(spec_hash)


def _available(
    documents: Mapping[str, Mapping[str, Any]], entries: Iterable[str], installed: set[str]
) -> list[ConcreteSpec]:
    """The entries whose whole DAG is installed, cached or external; and those externals."""
    parsed: dict[str, ConcreteSpec | None] = {}

    def node(node_hash: str) -> ConcreteSpec | None:
        if node_hash not in parsed:
            try:
                spec = ConcreteSpec.from_dict(documents[node_hash])
                parsed[node_hash] = spec if spec.hash == node_hash else None
            except (KeyError, ConcreteSpecError):
                parsed[node_hash] = None
        return parsed[node_hash]

    offered = set(entries)
    usable: dict[str, bool] = {}

    def ok(node_hash: str) -> bool:
        if node_hash in installed:
            return True
        if node_hash in usable:
            return usable[node_hash]
        usable[node_hash] = False  # a cycle in bad data is not usable
        document = documents.get(node_hash)
        # The document's own dependencies first: a spec is parsed (and its hash
        # checked) only when its whole DAG is there.
        if document is None or not (document.get("external") or node_hash in offered):
            return False
        if not all(ok(dep_hash) for dep_hash in _dependency_hashes(document)):
            return False
        spec = node(node_hash)
        result = spec is not None and (spec.is_external or node_hash in offered)
        usable[node_hash] = result
        return result

    chosen = [h for h in sorted(offered) if ok(h)]
    chosen += sorted(h for h, good in usable.items() if good and h not in offered)
    return [spec for h in chosen if (spec := parsed.get(h)) is not None]


def _dependency_hashes(document: Mapping[str, Any]) -> list[str]:
    """The hashes a node document links to; none readable means it cannot be parsed."""
    try:
        return [str(dep["hash"]) for dep in document["dependencies"]]
    except (KeyError, TypeError):
        return ["<unreadable>"]
