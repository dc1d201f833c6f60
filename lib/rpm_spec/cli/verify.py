"""``rpm-spec verify``: compare installed prefixes with the file manifests of their installs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import ExitCode, UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.store import NoMatchError
from rpm_spec.store.file_manifest import FileChanges, FileManifestError, compare
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.session import Session
    from rpm_spec.store import InstallRecord, Store

_KINDS = ("modified", "missing", "added")


def _records(store: Store, words: tuple[str, ...], every: bool) -> list[InstallRecord]:
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if every:
        if specs:
            raise UsageError("give SPECs or --all, not both")
        return store.select()
    if not specs:
        raise UsageError("no spec given", hint="e.g. rpm-spec verify zlib, or --all")
    for spec in specs:
        if not store.select([spec]):
            raise NoMatchError(str(spec))
    return store.select(specs)


def _check(record: InstallRecord) -> FileChanges | str:
    """The changes in ``record``'s prefix, or why it cannot be checked."""
    if record.external:
        return "external: not installed by rpm-spec, nothing recorded"
    try:
        return compare(record.prefix)
    except FileManifestError as error:
        return error.reason


@click.command("verify", cls=SpecCommand)
@click.option("-a", "--all", "every", is_flag=True, help="Verify every installed spec.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--repair", is_flag=True, help="Install changed specs again from a binary cache.")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def verify(
    state: CliState, every: bool, as_json: bool, repair: bool, words: tuple[str, ...]
) -> None:
    """Check installed files against what their install recorded.

    Reports files modified, missing or added since the install (by sha256, size,
    link target and the owner's execute bit; rpm-spec's own .rpm-spec directory
    is not checked). Exits 1 when anything changed or cannot be checked (an
    install made before rpm-spec recorded file manifests says so), 0 when clean.

    \b
    Examples:
      rpm-spec verify bzip2
      rpm-spec verify /abcdefg
      rpm-spec verify --all
    """
    records = _records(state.session().store, words, every)
    results = [(record, _check(record)) for record in records]
    if repair:
        results = _repair(state.session(), results)
    failed = sum(1 for _, result in results if not _passes(result))
    if as_json:
        click.echo(json.dumps([_document(r, result) for r, result in results], indent=2))
    else:
        for record, result in results:
            _render(record, result)
        if len(results) > 1:
            click.echo(f"==> {plural(len(results), 'spec')} verified, {failed} not clean")
    if failed:
        raise SystemExit(ExitCode.USER_ERROR)


def _repair(
    session: Session, results: list[tuple[InstallRecord, FileChanges | str]]
) -> list[tuple[InstallRecord, FileChanges | str]]:
    """Reinstall from a binary cache what is not clean; the results checked again."""
    from rpm_spec.cli.cache_install import repair_from_cache

    repaired = []
    for record, result in results:
        if not _passes(result) and not record.external:
            _render(record, result)
            repair_from_cache(session, record)
            click.echo(f"==> {record.spec.label}: repaired from the build cache")
            result = _check(record)
        repaired.append((record, result))
    return repaired


def _passes(result: FileChanges | str) -> bool:
    return isinstance(result, FileChanges) and result.clean


def _render(record: InstallRecord, result: FileChanges | str) -> None:
    label = record.spec.label
    if isinstance(result, str):
        click.echo(f"==> {label}: cannot verify: {result}")
        return
    if result.clean:
        click.echo(f"==> {label}: no changes")
        return
    counts = ", ".join(f"{len(getattr(result, kind))} {kind}" for kind in _KINDS)
    click.echo(f"==> {label}: {counts} ({record.prefix})")
    for kind in _KINDS:
        for path in getattr(result, kind):
            click.echo(f"    {kind:<9} {path}")


def _document(record: InstallRecord, result: FileChanges | str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "hash": record.hash,
        "spec": record.spec.label,
        "prefix": str(record.prefix),
    }
    if isinstance(result, str):
        return document | {"clean": False, "error": result}
    return document | {"clean": result.clean} | result.to_json()
