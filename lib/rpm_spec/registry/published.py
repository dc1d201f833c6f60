"""A published version seen as an environment: read-only, its view in the registry.

``env activate NS/ENV`` puts ``<env>/current/.rpm-spec-env/view`` on PATH (through the
symlink, so a rollback reaches running shells at once); ``NS/ENV@N`` pins
``versions/<N>``. Any attempt to change it (add, remove, concretize) is refused:
versions are immutable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.environment.environment import Environment
from rpm_spec.registry.errors import ImmutableVersionError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rpm_spec.registry.layout import EnvPaths


class PublishedEnvironment(Environment):
    """Version ``version`` of a registered environment (``pinned``: named with ``@N``)."""

    def __init__(self, paths: EnvPaths, version: int, *, pinned: bool) -> None:
        self.paths = paths
        self.version = version
        self.pinned = pinned
        directory = paths.version_dir(version) if pinned else paths.current
        super().__init__(directory, name=f"{paths.ref.key}@{version}" if pinned else paths.ref.key)

    @property
    def is_archived(self) -> bool:
        """Pruned to manifest and lock: its view (and maybe its prefixes) are gone."""
        from rpm_spec.registry.versions import archived

        return self.version in archived(self.paths)

    @property
    def view_path(self) -> Path | None:
        if self.manifest.view is False:
            return None
        # Where an environment's view is (deactivation finds it there too); in a version,
        # .rpm-spec-env is a symlink to views/<N>, so a rebuilt view lands there.
        return self.path / ".rpm-spec-env" / "view"

    def add(self, specs: Sequence[str]) -> list[str]:
        raise self._immutable("add specs to")

    def remove(self, specs: Sequence[str]) -> list[str]:
        raise self._immutable("remove specs from")

    def write_lock(self) -> None:
        raise self._immutable("rewrite the lock of")

    def _immutable(self, what: str) -> ImmutableVersionError:
        ref = f"{self.paths.ref.key}@{self.version}"
        return ImmutableVersionError(
            f"cannot {what} {ref}: published versions are immutable",
            hint=f"'rpm-spec env pull {ref} -d DIR' makes an editable copy; publish it as "
            "a new version",
        )
