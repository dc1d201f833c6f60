"""``install --use-buildcache``: which planned nodes come from a binary cache.

Shared by ``install`` and ``env install-node``. ``auto`` (the default) installs from a
cache what some cache has, with a valid signature and a prefix that fits, and builds
the rest (also what a cache turns out to hold damaged at install time); ``only`` fails
before anything is done when a node would have to be built; ``never`` builds all.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import click

from rpm_spec.binary.index import index_state_dir
from rpm_spec.build.installer import Action
from rpm_spec.errors import RpmSpecError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.binary.cache_errors import EntryRefused
    from rpm_spec.build.cache_search import CacheSearch
    from rpm_spec.build.installer import InstallPlan, NodeBuilder
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec
    from rpm_spec.store import InstallRecord

MODES = ("auto", "only", "never")
USE_BUILDCACHE_HELP = (
    "auto: install from a binary cache what one has, build the rest; "
    "only: never build; never: never use a cache."
)


class NotInCacheError(RpmSpecError):
    """``--use-buildcache only`` and some node has no usable entry."""


def plan_from_caches(
    session: Session, plan: InstallPlan, dag: ConcreteDag, mode: str
) -> tuple[InstallPlan, CacheSearch | None]:
    """``plan`` with the nodes found in a cache marked; the search (None for ``never``)."""
    from rpm_spec.build.cache_search import search_caches

    wanted = [item.spec.hash for item in plan.items if item.action is Action.BUILD]
    if mode == "never" or not wanted:
        return plan, None
    caches = [cache for cache in session.binary_caches() if cache.directory.is_dir()]
    search = None
    if caches:
        search = search_caches(
            caches,
            wanted,
            dag,
            keyring=session.keyring,
            state_dir=index_state_dir(session.user_dir),
            prefix_of=lambda node: installed_prefix(session, node),
            new_root=str(session.store.layout.padded_root),
        )
        for note in search.notes:
            click.secho(f"==> Note: {note}", fg="yellow", err=True)
        for refusal in search.refused:
            report_refusal(refusal)
        found = search.found
        plan = dataclasses.replace(
            plan,
            items=[
                dataclasses.replace(item, from_cache=found[item.spec.hash].cache.label)
                if item.spec.hash in found and item.action is Action.BUILD
                else item
                for item in plan.items
            ],
        )
    if mode == "only":
        missing = [
            item.spec.label
            for item in plan.items
            if item.action is Action.BUILD and not item.from_cache
        ]
        if missing:
            refused = 0 if search is None else len(search.refused)
            raise NotInCacheError(
                f"--use-buildcache only: no usable build cache entry for {', '.join(missing)}"
                + (
                    f" ({plural(refused, 'entry', 'entries')} refused, see above)"
                    if refused
                    else ""
                ),
                hint="push them to a configured mirror, or install with --use-buildcache auto",
            )
    return plan, search


def installed_prefix(session: Session, node: ConcreteSpec) -> Path:
    """Where ``node`` is registered (an external's, another store's), else where it goes."""
    record = session.store.database.get(node.hash)
    return record.prefix if record is not None else session.store.prefix(node)


def report_refusal(refusal: EntryRefused) -> None:
    click.secho(f"==> {refusal}", fg="yellow", err=True)
    if refusal.hint:
        click.echo(f"    hint: {refusal.hint}", err=True)


def cache_builder(search: CacheSearch | None, fallback: NodeBuilder, mode: str) -> NodeBuilder:
    """The builder that installs the found entries and builds the rest (not for ``only``)."""
    if search is None or not search.found:
        return fallback
    from rpm_spec.build.cache_builder import CacheBuilder

    return CacheBuilder(
        search.found, None if mode == "only" else fallback, on_refused=report_refusal
    )


def plan_counts(plan: InstallPlan) -> str:
    """``N from cache, M to build, K from upstream``: where the plan's nodes come from."""
    building = [item for item in plan.items if item.action is Action.BUILD]
    cached = sum(1 for item in building if item.from_cache)
    upstream = plan.count(Action.UPSTREAM)
    return f"{cached} from cache, {len(building) - cached} to build, {upstream} from upstream"


def repair_from_cache(session: Session, record: InstallRecord) -> None:
    """Install ``record``'s hash again from a binary cache over its damaged prefix
    (the installer's overwrite path: the old prefix comes back if this fails)."""
    from rpm_spec.build.cache_builder import CacheBuilder
    from rpm_spec.build.cache_search import search_caches
    from rpm_spec.build.installer import Installer, Outcome, make_plan
    from rpm_spec.store.provenance import node_dag

    dag = node_dag(session.store.database.snapshot().dag, record.hash)
    caches = [cache for cache in session.binary_caches() if cache.directory.is_dir()]
    search = search_caches(
        caches,
        [record.hash],
        dag,
        keyring=session.keyring,
        state_dir=index_state_dir(session.user_dir),
        prefix_of=lambda node: installed_prefix(session, node),
        new_root=str(session.store.layout.padded_root),
    )
    for refusal in search.refused:
        report_refusal(refusal)
    entry = search.found.get(record.hash)
    if entry is None:
        raise NotInCacheError(
            f"cannot repair {record.spec.label}: no usable build cache entry for it",
            hint="push it from an intact install, or reinstall it with 'install --overwrite'",
        )
    session.store.require_writable()
    explicit = {record.hash} if record.explicit else set()
    plan = make_plan(dag, session.store, explicit, overwrite={record.hash})
    plan.items = [
        dataclasses.replace(item, from_cache=entry.cache.label)
        if item.spec.hash == record.hash
        else item
        for item in plan.items
    ]
    installer = Installer(
        session.store,
        CacheBuilder(search.found, None, on_refused=report_refusal),
        session.repos.get,
        overwrite={record.hash},
    )
    result = installer.run(plan, dag).results[-1]
    if result.outcome is not Outcome.FROM_CACHE:
        error = result.error
        if isinstance(error, RpmSpecError):
            raise error
        raise RpmSpecError(f"cannot repair {record.spec.label}: {error}")
