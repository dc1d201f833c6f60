"""An environment: a directory with ``rpm-spec.yaml`` beside ``rpm-spec.lock``.

Managed environments live in ``<user_dir>/environments/<name>``; any directory
with a manifest is an environment too (``env create -d DIR``). The manifest's
configuration sections form the ``environment`` config scope.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.config.scope import FileScope
from rpm_spec.environment.errors import EnvironmentError_, NoSuchEnvironmentError
from rpm_spec.environment.lockfile import LOCK_NAME, Lockfile, PlatformSection
from rpm_spec.environment.manifest import MANIFEST_NAME, TOP_KEY, Manifest
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.config.cache import ConfigCache

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
ENV_DIR = "environments"


class Environment:
    """One environment on disk."""

    def __init__(
        self, path: Path, *, name: str | None = None, cache: ConfigCache | None = None
    ) -> None:
        self.path = path
        self.name = name
        self.manifest = Manifest.read(path / MANIFEST_NAME, cache=cache)
        self.lock = Lockfile.read(self.lock_path) if self.lock_path.exists() else Lockfile()

    def __repr__(self) -> str:
        return f"Environment({str(self.path)!r})"

    @property
    def label(self) -> str:
        return self.name or str(self.path)

    @property
    def lock_path(self) -> Path:
        return self.path / LOCK_NAME

    @property
    def view_path(self) -> Path | None:
        view = self.manifest.view
        if view is False:
            return None
        if view is True:
            return self.path / ".rpm-spec-env" / "view"
        # Not resolve(): the view is a symlink to its current tree, and PATH must
        # name the symlink, which survives regenerations.
        return Path(os.path.normpath(self.path / Path(str(view)).expanduser()))

    def config_scope(self) -> FileScope:
        """The manifest's configuration sections, as the ``environment`` scope."""
        return FileScope("environment", self.manifest.path, root=(TOP_KEY,))

    # -- abstract specs -----------------------------------------------------------------

    def add(self, specs: Sequence[str]) -> list[str]:
        """Add root specs (text as typed); returns the ones that were new."""
        added = [s for s in specs if s not in self.manifest.specs]
        self.manifest.specs.extend(added)
        if added:
            self.manifest.write()
        return added

    def remove(self, specs: Sequence[str]) -> list[str]:
        missing = [s for s in specs if s not in self.manifest.specs]
        if missing:
            raise EnvironmentError_(
                f"not a root of {self.label}: {', '.join(missing)}",
                hint="roots: " + ", ".join(self.manifest.specs),
            )
        self.manifest.specs = [s for s in self.manifest.specs if s not in specs]
        self.manifest.write()
        return list(specs)

    # -- the lock -------------------------------------------------------------------------

    def is_current(self, section: PlatformSection) -> bool:
        """Whether ``section`` was solved for exactly the manifest's roots."""
        return [text for text, _ in section.roots] == self.manifest.specs

    def write_lock(self) -> None:
        self.lock.roots = list(self.manifest.specs)
        self.lock.write(self.lock_path)


# -- managed environments ---------------------------------------------------------------


def environments_dir(user_dir: Path) -> Path:
    return user_dir / ENV_DIR


def managed_names(user_dir: Path) -> list[str]:
    root = environments_dir(user_dir)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / MANIFEST_NAME).is_file())


def find_environment(
    name_or_dir: str, user_dir: Path, *, cache: ConfigCache | None = None
) -> Environment:
    """A managed environment by name, or a directory holding a manifest.

    ``cache`` (the configuration's) spares parsing an unchanged manifest again.
    """
    managed = environments_dir(user_dir) / name_or_dir
    if _NAME.fullmatch(name_or_dir) and (managed / MANIFEST_NAME).is_file():
        return Environment(managed, name=name_or_dir, cache=cache)
    directory = Path(name_or_dir).expanduser()
    if (directory / MANIFEST_NAME).is_file():
        return Environment(directory.resolve(), cache=cache)
    raise NoSuchEnvironmentError(
        f"no environment '{name_or_dir}'",
        hint=did_you_mean(name_or_dir, managed_names(user_dir))
        or "create one with 'rpm-spec env create NAME' or 'env create -d DIR'",
    )


def create_environment(
    user_dir: Path,
    *,
    name: str | None = None,
    directory: Path | None = None,
    source: Path | None = None,
) -> Environment:
    """A new environment, empty or from a manifest (``rpm-spec.yaml``) or a lock."""
    if name is not None:
        if not _NAME.fullmatch(name):
            raise EnvironmentError_(f"invalid environment name '{name}'")
        path = environments_dir(user_dir) / name
    else:
        assert directory is not None
        path = directory.expanduser().resolve()
    if (path / MANIFEST_NAME).exists():
        raise EnvironmentError_(f"an environment exists already at {path}")
    in_place = path / LOCK_NAME
    if source is None and in_place.is_file():
        source = in_place  # a directory holding just a lock: the environment of that lock
    # Read the source before creating anything, so a bad one leaves no directory behind.
    lock = None
    if source is not None and (source.name.endswith(".lock") or _is_lock(source)):
        lock = Lockfile.read(source)
    elif source is not None:
        Manifest.read(source)
    copy_lock = lock is not None and not _same_file(source, in_place)
    if copy_lock and in_place.exists():
        raise EnvironmentError_(
            f"{path} holds another lock already: {in_place}",
            hint=f"create the environment from it ('rpm-spec env create -d {path} {in_place}'), "
            "or move it away",
        )
    created = not path.exists()
    path.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        written.append(path / MANIFEST_NAME)
        if source is None:
            Manifest.create(path / MANIFEST_NAME, [])
        elif lock is not None:
            Manifest.create(path / MANIFEST_NAME, list(lock.roots))
            if copy_lock:
                written.append(in_place)
                shutil.copyfile(source, in_place)
        else:
            shutil.copyfile(source, path / MANIFEST_NAME)
        return Environment(path, name=name)
    except BaseException:
        if created:
            shutil.rmtree(path, ignore_errors=True)
        else:  # the directory was there: take back only what was written into it
            for file in written:
                file.unlink(missing_ok=True)
        raise


def remove_environment(env: Environment) -> None:
    shutil.rmtree(env.path)


def _same_file(a: Path | None, b: Path) -> bool:
    """Whether ``a`` is ``b``, or a copy of it byte for byte."""
    try:
        return a is not None and (a.samefile(b) or a.read_bytes() == b.read_bytes())
    except OSError:
        return False


def _is_lock(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").lstrip().startswith("{")
    except OSError:
        return False
