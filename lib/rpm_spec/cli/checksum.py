"""``rpm-spec checksum``: print ``version(...)`` lines with sha256 for a recipe."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.build.fetch import Fetcher
from rpm_spec.build.mirrors import Mirror
from rpm_spec.build.source_file import SourceFile
from rpm_spec.build.sources import release_url
from rpm_spec.build.verify import cached_sha256
from rpm_spec.cli.fetch import CliFetchReporter
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.config import BuildSettings
from rpm_spec.errors import RpmSpecError
from rpm_spec.util.wording import plural


@click.command("checksum")
@click.argument("name")
@click.argument("versions", nargs=-1)
@pass_state
def checksum(state: CliState, name: str, versions: tuple[str, ...]) -> None:
    """Download versions of package NAME and print version() lines to paste in its recipe.

    Without VERSIONs: every version of the recipe that has a URL. The source
    cache and the mirrors are asked first; nothing is added to the cache. A sum
    that differs from the one the recipe records is flagged.

    \b
    Examples:
      rpm-spec checksum xz 5.4.1
      rpm-spec checksum zlib
    """
    session = state.session()
    meta = session.repos.get(name)
    recorded = {decl.version: decl.sha256 for decl in meta.versions}
    candidates = list(versions) or [
        decl.version for decl in meta.versions_newest_first() if not decl.is_vcs
    ]
    wanted = [(version, release_url(session.repos, name, version)) for version in candidates]
    if not versions:
        wanted = [(version, url) for version, url in wanted if url]
    if not wanted:
        raise BuildLayerError(f"{name} declares no version with a URL to download")
    cache = BuildSettings.from_config(session.config, cpu_count=1).source_cache
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rpm-spec-checksum-") as scratch:
        fetcher = Fetcher.from_config(
            session.config,
            CliFetchReporter(),
            source_cache=Path(scratch),
            extra_mirrors=[Mirror("source-cache", str(cache))],
        )
        for version, url in wanted:
            source = SourceFile.archive(name, version, url, None)
            try:
                path = fetcher.fetch_file(source, checksum=False)
            except RpmSpecError as error:
                click.secho(f"==> {name}@{version}: ", fg="red", err=True, nl=False)
                click.echo(str(error), err=True)
                problems.append(f"{version} could not be fetched")
                continue
            actual = cached_sha256(path)
            line = f'    version("{version}", sha256="{actual}")'
            known = recorded.get(version)
            if known and known != actual:
                line += f"  # differs from the recipe's {known}"
                problems.append(f"{version}'s sha256 differs from the recipe's")
            click.echo(line)
    if problems:
        raise BuildLayerError(
            f"{len(problems)} of {plural(len(wanted), 'version')} of {name} need attention: "
            + "; ".join(problems)
        )
