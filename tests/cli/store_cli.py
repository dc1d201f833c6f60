"""Running the store commands (find, location, uninstall, gc, load) on a hermetic session
whose store holds fake installs of mock DAGs (made as the installer would, minus builds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.testing import CliRunner, Result

from rpm_spec.cli.main import CliState
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs
from rpm_spec.store.provenance import write_provenance
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from rpm_spec.spec.concrete import ConcreteDag

MOCK_REPO = PREFIX / "tests" / "repos" / "mock"


def make_session(tmp_path: Path) -> Session:
    return Session.for_tests(tmp_path, repos=[MOCK_REPO])


def install(session: Session, text: str, *, explicit: bool = True) -> ConcreteDag:
    """Concretize ``text`` and register its DAG with prefixes holding bin/<name>."""
    dag = session.concretize(parse_specs(text), request_text=text).dag
    store = session.store
    for node in reversed([node for _, node, _ in dag.traverse()]):
        if store.is_installed(node.hash):
            continue
        prefix = store.prefix(node)
        if not node.is_external:
            (prefix / "bin").mkdir(parents=True, exist_ok=True)
            (prefix / "bin" / node.name).write_text("#!/bin/sh\n")
            write_provenance(
                prefix,
                dag,
                node.hash,
                recipe_dir=MOCK_REPO / "packages" / node.name,
                repo_root=MOCK_REPO,
            )
        store.database.add(node, prefix, explicit=explicit and node.hash in dag.roots)
    return dag


def invoke(command: click.Command, args: list[str], session: Session) -> Result:
    """Run ``command`` with ``session`` as the CLI's session (stdin is not a terminal)."""
    state = CliState((), (), False)
    state._session = session
    return CliRunner().invoke(command, args, obj=state)
