"""``rpm-spec buildcache``: signed binary caches (for now only the ``keys`` subgroup)."""

from __future__ import annotations

import click

from rpm_spec.cli.buildcache_keys import keys


@click.group("buildcache")
def buildcache() -> None:
    """Signed binary caches: keys that sign and verify their entries."""


buildcache.add_command(keys)
