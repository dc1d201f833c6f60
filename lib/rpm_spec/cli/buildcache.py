"""``rpm-spec buildcache``: push installed specs into a signed binary cache, list,
index and check one; ``buildcache keys`` manages the signing keys.

A cache is named by a configured mirror (its push URL when it has one) or by a
directory; either way its files live under ``<root>/build_cache/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from rpm_spec.cli.buildcache_keys import keys
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import ExitCode, UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.session import Session
    from rpm_spec.store import InstallRecord


def padded_length(session: Session) -> int:
    """``config:install_tree:padded_length`` of the store (0: prefixes are not padded)."""
    return session.store.layout.padded_length


def push_lock(session: Session, lock: Lockfile, where: str) -> tuple[int, int]:
    """Push every installed node of ``lock`` (dependencies first) to the cache ``where``;
    (entries written now, entries there for the lock)."""
    from rpm_spec.binary.push import add_to_index, push_record
    from rpm_spec.build.cache_config import push_target

    cache, store = push_target(session.config, where), session.store
    records, seen = [], set()
    for section in lock.platforms.values():
        for _, node, _ in reversed(list(section.dag.traverse())):
            record = None if node.hash in seen else store.database.get(node.hash)
            seen.add(node.hash)
            if record is not None and not record.external and store.check(record).intact:
                records.append(record)
    written = []
    for record in records:
        _, manifest = push_record(
            cache,
            store,
            record,
            padded_length=padded_length(session),
            keyring=session.keyring,
            key=None,
            force=False,
        )
        if manifest is not None:
            written.append(manifest)
    add_to_index(cache, written, session.keyring, None)
    return len(written), len(records)


@click.group("buildcache")
def buildcache() -> None:
    """Push installed specs into a signed binary cache; list, index and verify caches."""


buildcache.add_command(keys)


@buildcache.command("push", cls=SpecCommand)
@click.argument("where", metavar="MIRROR|DIR")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@click.option("--all", "push_all", is_flag=True, help="Push every installed spec.")
@click.option("--key", default=None, help="The signing key (needed when you have several).")
@click.option("-f", "--force", is_flag=True, help="Replace entries that are already there.")
@pass_state
def push(
    state: CliState,
    where: str,
    words: tuple[str, ...],
    push_all: bool,
    key: str | None,
    force: bool,
) -> None:
    """Push installed SPECs and their dependencies (or --all) to MIRROR or DIR.

    Each prefix becomes a tarball named by its sha256 and a manifest signed with
    your key; the cache's index is updated (only the shards that changed).

    \b
    Examples:
      rpm-spec buildcache push /shared/cache bzip2@1.0.8
      rpm-spec buildcache push --all --key site-1 site
    """
    from rpm_spec.binary.push import add_to_index, push_record
    from rpm_spec.build.cache_config import push_target

    session = state.session()
    records = _records_to_push(session, words, push_all)
    cache = push_target(session.config, where)
    keyring = session.keyring
    written = []
    for record in records:
        result, manifest = push_record(
            cache,
            session.store,
            record,
            padded_length=padded_length(session),
            keyring=keyring,
            key=key,
            force=force,
        )
        if manifest is None:
            click.echo(f"==> {result.label}: already in {cache.label} ({result.name})")
        else:
            written.append(manifest)
            click.echo(f"==> pushed {result.label} to {cache.label} ({result.name})")
    serial = add_to_index(cache, written, keyring, key)
    summary = f"==> {plural(len(written), 'entry', 'entries')} pushed"
    if serial is not None:
        summary += f", index serial {serial}"
    click.echo(summary)


def _records_to_push(
    session: Session, words: tuple[str, ...], push_all: bool
) -> list[InstallRecord]:
    """The installed, non-external records of ``words`` and everything below them."""
    from rpm_spec.spec import parse_specs, spec_text_from_args

    store = session.store
    specs = parse_specs(spec_text_from_args(words))
    if push_all == bool(specs):
        raise UsageError(
            "give SPECs to push, or --all", hint="e.g. rpm-spec buildcache push DIR zlib"
        )
    chosen = store.select(specs) if specs else store.select()
    if specs and not chosen:
        raise UsageError(f"no installed spec matches {' '.join(words)}", hint="see rpm-spec find")
    snapshot = store.database.snapshot()
    wanted: dict[str, InstallRecord] = {}
    for record in chosen:
        for _, node, _ in snapshot.dag.traverse(record.hash):
            found = store.database.get(node.hash)
            if found is not None and not found.external and store.check(found).intact:
                wanted.setdefault(node.hash, found)
    # Dependencies first, so that a reader of a half-pushed cache finds them before dependents.
    order: list[InstallRecord] = []
    done: set[str] = set()

    def visit(spec_hash: str) -> None:
        if spec_hash in done or spec_hash not in wanted:
            return
        done.add(spec_hash)
        for dep in wanted[spec_hash].spec.dependencies:
            visit(dep.hash)
        order.append(wanted[spec_hash])

    for spec_hash in sorted(wanted):
        visit(spec_hash)
    return order


@buildcache.command("list")
@click.argument("where", required=False, metavar="[MIRROR|DIR]")
@pass_state
def list_entries(state: CliState, where: str | None) -> None:
    """List the entries of MIRROR or DIR (default: every configured binary cache)."""
    from rpm_spec.binary.cache_errors import EntryRefused
    from rpm_spec.build.cache_config import push_target

    session = state.session()
    caches = [push_target(session.config, where)] if where else session.binary_caches()
    if not caches:
        click.echo("no binary caches configured", err=True)
        return
    for cache in caches:
        names = cache.names()
        click.echo(
            f"==> {cache.label} ({cache.directory}): {plural(len(names), 'entry', 'entries')}"
        )
        for name in names:
            try:
                manifest, signer = cache.read_manifest(name, session.keyring)
            except EntryRefused as refusal:
                click.echo(f"    {name}  [refused: {refusal.reason}]")
                continue
            relocation = manifest.relocation
            padding = relocation.get("padded_length") or 0
            click.echo(
                f"    {manifest.spec.format()} /{manifest.spec.short_hash}  "
                f"root {relocation.get('store_root')}"
                + (f" padded {padding}" if padding else "")
                + f"  signed by {signer}"
            )


@buildcache.command("update-index")
@click.argument("where", metavar="MIRROR|DIR")
@click.option("--key", default=None, help="The signing key (needed when you have several).")
@pass_state
def update_index(state: CliState, where: str, key: str | None) -> None:
    """Rewrite the index of MIRROR or DIR to list exactly its verified entries."""
    from rpm_spec.binary.push import rebuild_index
    from rpm_spec.build.cache_config import push_target

    session = state.session()
    cache = push_target(session.config, where)
    serial, names, refused = rebuild_index(cache, session.keyring, key)
    for refusal in refused:
        click.secho(f"==> left out: {refusal}", fg="yellow", err=True)
    click.echo(
        f"==> index of {cache.label}: {plural(len(names), 'entry', 'entries')}, serial {serial}"
    )


@buildcache.command("verify")
@click.argument("where", metavar="MIRROR|DIR")
@pass_state
def verify(state: CliState, where: str) -> None:
    """Check every entry's signature and blob sha256; exit 1 listing the bad ones."""
    from rpm_spec.build.cache_config import push_target

    session = state.session()
    cache = push_target(session.config, where)
    good, bad = cache.check(session.keyring)
    for refusal in bad:
        click.secho(f"BAD {refusal.entry}: {refusal.reason}", fg="red", err=True)
    click.echo(f"==> {cache.label}: {len(good)} good, {len(bad)} bad")
    if bad:
        raise SystemExit(ExitCode.USER_ERROR)
