"""``rpm-spec mirror create --from-lock LOCK DIR``: everything a site without network
needs to install a lock, in one directory (issue 14 item 3).

``DIR`` is a mirror (sources in the mirror layout, fetched as ``mirror create`` does)
whose ``build_cache/`` holds a signed entry for every installed node of the lock,
with ``keys/*.pub`` (the public keys that signed them), ``rpm-spec.lock`` (and the
``rpm-spec.yaml`` beside it, when there is one) and a ``README.txt`` saying how to
install from it. Installing needs no network: trust the key, add DIR as a mirror, and
``install --use-buildcache only`` verifies every entry's signature.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.errors import UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.cli.main import CliState

_README = """\
An rpm-spec bundle for an air-gapped site: sources, signed binaries, keys and a lock.

  {trust}
  rpm-spec mirror add bundle "$PWD"
  mkdir env && cp rpm-spec.lock env/ && cp rpm-spec.yaml env/ 2>/dev/null
  rpm-spec -e env install --use-buildcache only

Every binary is verified against the keys you trusted; sources are here too
(build with --use-buildcache never to rebuild them from source).
"""


def create_bundle(
    state: CliState,
    lock_path: Path,
    directory: Path | None,
    words: tuple[str, ...],
    *,
    checksum_off: bool,
) -> None:
    """Fill the bundle directory (``-d DIR`` or the one positional word)."""
    from rpm_spec.binary.keys import export_key
    from rpm_spec.build.sources import fetch_dag_sources
    from rpm_spec.cli.buildcache import push_lock
    from rpm_spec.cli.fetch import report_failures
    from rpm_spec.cli.mirror import mirror_fetcher
    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.environment.manifest import MANIFEST_NAME

    if directory is None and len(words) == 1:
        directory = Path(words[0])
    elif directory is None or words:
        raise UsageError(
            "--from-lock takes the lock and one directory",
            hint="rpm-spec mirror create --from-lock env/rpm-spec.lock ./bundle",
        )
    session = state.session()
    keys = session.keyring.own_keys()
    if not keys:
        raise UsageError(
            "a bundle's binaries must be signed, and you have no key",
            hint="create one with 'rpm-spec buildcache keys create NAME'",
        )
    lock = Lockfile.read(lock_path)
    target = directory.absolute()
    target.mkdir(parents=True, exist_ok=True)
    fetcher = mirror_fetcher(session.config, target)
    checksum = not checksum_off and bool(session.config.get_path("config:checksum", True))
    outcomes = []
    for section in lock.platforms.values():
        outcomes.extend(fetch_dag_sources(section.dag, session.repos, fetcher, checksum=checksum))
    report_failures(outcomes)
    pushed, total = push_lock(session, lock, str(target))
    (target / "keys").mkdir(exist_ok=True)
    names = []
    for key in sorted(keys, key=lambda k: k.fingerprint):
        name = f"{key.name}-{key.fingerprint[:16]}.pub"
        export_key(key, target / "keys" / name)
        names.append(name)
    shutil.copyfile(lock_path, target / "rpm-spec.lock")
    if (lock_path.parent / MANIFEST_NAME).is_file():
        shutil.copyfile(lock_path.parent / MANIFEST_NAME, target / MANIFEST_NAME)
    trust = "\n  ".join(f"rpm-spec buildcache keys trust keys/{name}" for name in names)
    (target / "README.txt").write_text(_README.format(trust=trust))
    nodes = {n.hash for s in lock.platforms.values() for n in s.dag.nodes.values()}
    click.echo(
        f"==> Bundle {target}: {plural(len(outcomes), 'source file')}, "
        f"{plural(total, 'build')} ({pushed} pushed now) of {plural(len(nodes), 'node')}, "
        f"{plural(len(names), 'key')}, the lock"
    )
