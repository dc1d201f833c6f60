"""What ``install`` says and does about upstream nodes (see store/upstreams.py, roots.py).

The plan marks a node of an upstream ``[^] NAME``; once the plan is known, an install
that uses upstream nodes leaves a downstream root in each upstream's drop-box, so that
its admin's ``uninstall`` and ``gc`` know they are in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rpm_spec.build.installer import InstallPlan, PlanItem
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag


def upstream_mark(item: PlanItem) -> str:
    """``[^] site``: the plan's mark of a node installed in upstream ``site``."""
    return f"[^] {item.upstream}"


def needed_upstream_hashes(plan: InstallPlan, dag: ConcreteDag) -> dict[str, set[str]]:
    """Upstream name -> the hashes of its installs that the roots of ``dag`` link to or run
    (a build-only tool of an upstream is not needed once the build is done)."""
    from rpm_spec.build.installer import Action  # lazy: startup

    used = {node.hash for _, node, _ in dag.traverse(deptypes=("link", "run"))}
    needed: dict[str, set[str]] = {}
    for item in plan.items:
        if item.action is Action.UPSTREAM and item.spec.hash in used:
            needed.setdefault(item.upstream, set()).add(item.spec.hash)
    return needed


def register_downstream_roots(session: Session, plan: InstallPlan, dag: ConcreteDag) -> None:
    """Leave this user's root in the drop-box of every upstream the plan uses: the active
    environment's (replaced each time), else this user's store (adding up)."""
    from rpm_spec.store.upstreams import register_roots  # lazy: startup

    needed = needed_upstream_hashes(plan, dag)
    if not needed:
        return
    store = session.store
    env = session.environment
    if env is not None:
        kind, path, witness = "environment", env.path, env.manifest.path
    else:
        # The user's own store is the root of explicit installs; it exists from now on,
        # so that the root is alive (its witness) even when nothing is built here.
        try:
            store.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            click.secho(
                f"==> Note: not registering a root in any upstream: cannot create {store.root}: "
                f"{error.strerror or error}",
                fg="yellow",
                err=True,
            )
            return
        kind, path, witness = "store", store.root, store.root
    for done in register_roots(store.upstreams, needed, kind=kind, path=path, witness=witness):
        if done.refused is not None:
            click.secho(
                f"==> Note: upstream '{done.upstream.name}': {done.refused}", fg="yellow", err=True
            )
            if done.refused.hint:
                click.echo(f"    ({done.refused.hint})", err=True)
