"""Installed-looking prefixes without builds: concretize mock specs, lay them out, register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.spec import parse_specs
from rpm_spec.store.provenance import write_provenance
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.store import InstallRecord, Store

MOCK_REPO = PREFIX / "tests" / "repos" / "mock"


def concretize(session: Session, text: str) -> ConcreteDag:
    return session.concretize(parse_specs(text), request_text=text).dag


def fake_install(
    store: Store, dag: ConcreteDag, node_hash: str, *, explicit: bool
) -> InstallRecord:
    """Make the prefix of one node (a bin/ script, share/man, lib/pkgconfig, provenance,
    the completion marker) and register it, as the installer would after a build."""
    node = dag.nodes[node_hash]
    prefix = store.prefix(node)
    if not node.is_external:
        (prefix / "bin").mkdir(parents=True, exist_ok=True)
        tool = prefix / "bin" / node.name
        tool.write_text(f"#!/bin/sh\necho {node.name} {node.version}\n")
        tool.chmod(0o755)
        (prefix / "share" / "man").mkdir(parents=True, exist_ok=True)
        (prefix / "lib" / "pkgconfig").mkdir(parents=True, exist_ok=True)
        write_provenance(
            prefix,
            dag,
            node_hash,
            recipe_dir=MOCK_REPO / "packages" / node.name,
            repo_root=MOCK_REPO,
        )
    return store.database.add(node, prefix, explicit=explicit)


def install_dag(store: Store, dag: ConcreteDag) -> dict[str, InstallRecord]:
    """Install every node of ``dag``, dependencies first; the roots are explicit."""
    records: dict[str, InstallRecord] = {}
    order = [node for _, node, _ in dag.traverse()]
    for node in reversed(order):
        if node.hash in records or store.is_installed(node.hash):
            continue
        pending = [d.hash for d in node.dependencies if d.hash not in records]
        assert all(store.is_installed(h) for h in pending), node.name
        records[node.hash] = fake_install(store, dag, node.hash, explicit=node.hash in dag.roots)
    return records


def install(session: Session, text: str) -> ConcreteDag:
    """Concretize ``text`` and fake-install the whole DAG into the session's store."""
    dag = concretize(session, text)
    install_dag(session.store, dag)
    return dag
