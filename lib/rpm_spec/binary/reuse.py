"""Specs the binary caches offer to the solver for reuse (``concretizer: reuse``).

The solver reuses whole DAGs, so an entry is offered only when every node below it
is also available: installed here, or an entry itself. The index records each
entry's node; only those of packages the request could need (``names``) are parsed
(parsing checks each hash, as for any stored spec), which keeps a big cache cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.index import read_index
from rpm_spec.errors import RpmSpecError
from rpm_spec.spec.concrete import ConcreteSpec, ConcreteSpecError

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping, Sequence
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
) -> ReuseFound:
    """Every entry of the caches' indexes (of a package in ``names``, when given) that
    can be reused with all its dependencies."""
    found = ReuseFound()
    documents: dict[str, Mapping[str, Any]] = {}
    entries: set[str] = set()
    for cache in caches:
        try:
            records = read_index(cache.directory, keyring, state_dir)
        except RpmSpecError as error:
            found.notes.append(f"build cache {cache.label} not used for reuse: {error}")
            continue
        for record in records.values():
            _collect(record, documents, entries, names)
    found.specs = tuple(_available(documents, entries, installed))
    return found


def _collect(
    record: Any,
    documents: dict[str, Mapping[str, Any]],
    entries: set[str],
    names: Container[str] | None,
) -> None:
    try:
        spec_hash = str(record["spec_hash"])
        document = record["node"]
        if names is not None and document["name"] not in names:
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
        spec = node(node_hash) if node_hash in documents else None
        if spec is None or not (spec.is_external or node_hash in offered):
            return False
        result = all(ok(dep.hash) for dep in spec.dependencies)
        usable[node_hash] = result
        return result

    chosen = [h for h in sorted(offered) if ok(h)]
    chosen += sorted(h for h, good in usable.items() if good and h not in offered)
    return [spec for h in chosen if (spec := parsed.get(h)) is not None]
