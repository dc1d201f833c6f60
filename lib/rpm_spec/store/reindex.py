"""Rebuild the install database from what is on disk.

A prefix counts only if its install completed (the ``install-complete`` marker is
written last); its ``spec.json`` holds the DAG below it, which also gives the nodes
of externals and of build dependencies that are no longer installed. What the old
index knew and the disk cannot tell (explicit or not, the install time) is kept
from it where it is readable; otherwise a spec is explicit when no other installed
spec depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.store.errors import StoreError
from rpm_spec.store.provenance import (
    completed_at,
    find_prefixes,
    is_complete,
    now_utc,
    read_spec,
)
from rpm_spec.store.records import RUNTIME_TYPES, InstallRecord, Snapshot

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


@dataclass(frozen=True)
class ReindexReport:
    """What a reindex found: counts, and sentences about what it skipped or dropped."""

    installed: int
    externals: int
    retained: int
    notes: tuple[str, ...] = ()


def rebuild(
    root: Path, index: Snapshot, old: Mapping[str, InstallRecord], *, max_depth: int
) -> ReindexReport:
    """Replace the contents of ``index`` with what the prefixes below ``root`` say;
    ``old`` are the records of the index before (empty when it was unreadable)."""
    notes: list[str] = []
    found: dict[str, tuple[Path, ConcreteDag]] = {}
    for prefix in find_prefixes(root, max_depth=max_depth):
        if not is_complete(prefix):
            notes.append(f"skipped {prefix}: its install did not complete")
            continue
        try:
            dag = read_spec(prefix)
        except StoreError as error:
            notes.append(f"skipped {prefix}: {error}")
            continue
        (node_hash,) = dag.roots
        if node_hash in found:
            notes.append(f"skipped {prefix}: same spec as {found[node_hash][0]}")
            continue
        found[node_hash] = (prefix, dag)

    nodes: dict[str, ConcreteSpec] = {}
    for _, dag in found.values():
        nodes.update(dag.nodes)
    depended_on = {dep.hash for h in found for dep in nodes[h].dependencies}

    installs: dict[str, InstallRecord] = {}
    for node_hash, (prefix, _) in found.items():
        previous = old.get(node_hash)
        installs[node_hash] = InstallRecord(
            nodes[node_hash],
            prefix,
            previous.explicit if previous else node_hash not in depended_on,
            previous.installed_at if previous else completed_at(prefix),
        )
    for node_hash, node in nodes.items():
        if node.external_prefix is not None and node_hash not in installs:
            previous = old.get(node_hash)
            installs[node_hash] = previous or InstallRecord(
                node, Path(node.external_prefix), False, now_utc(), external=True
            )
    for node_hash, record in old.items():
        # Externals registered on their own have no prefix in the store to find.
        if record.external and node_hash not in installs:
            installs[node_hash] = record
        elif node_hash not in installs:
            notes.append(f"dropped {record.spec.label}: no complete install at {record.prefix}")

    for node_hash in found:
        for dep in nodes[node_hash].dependencies:
            if dep.hash not in installs and set(dep.types) & set(RUNTIME_TYPES):
                notes.append(
                    f"{nodes[node_hash].label} needs {dep.name} /{dep.hash[:7]} "
                    f"({','.join(dep.types)}), which is not installed"
                )

    index.replace(installs.values(), [node for h, node in nodes.items() if h not in installs])
    return ReindexReport(
        installed=len(found),
        externals=sum(1 for record in installs.values() if record.external),
        retained=len(index.retained),
        notes=tuple(notes),
    )
