"""An environment: a directory with ``rpm-spec.yaml`` beside ``rpm-spec.lock``.

Managed environments live in ``<user_dir>/environments/<name>``; any directory
with a manifest is an environment too (``env create -d DIR``). The manifest's
configuration sections form the ``environment`` config scope.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.config.scope import FileScope
from rpm_spec.environment.errors import EnvironmentError_, NoSuchEnvironmentError
from rpm_spec.environment.lockfile import LOCK_NAME, Lockfile, PlatformSection
from rpm_spec.environment.manifest import MANIFEST_NAME, TOP_KEY, Manifest
from rpm_spec.util.fs import locked_update
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
        self.lock = Lockfile.read_or_empty(self.lock_path)
        #: The sections as read: those ``self.lock`` holds other objects for are ours to write.
        self._sections_read = dict(self.lock.platforms)

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
        """Add root specs (text as typed); returns the ones that were new.

        The manifest is read again under its lock, so a concurrent ``add`` or ``remove``
        in another shell is kept.
        """
        with locked_update(self.manifest.path):
            manifest = Manifest.read(self.manifest.path)
            added = list(dict.fromkeys(s for s in specs if s not in manifest.specs))
            manifest.specs.extend(added)
            if added:
                manifest.write()
            self.manifest = manifest
        return added

    def remove(self, specs: Sequence[str]) -> list[str]:
        """Remove root specs (read again under the manifest's lock, as for ``add``)."""
        with locked_update(self.manifest.path):
            manifest = Manifest.read(self.manifest.path)
            missing = [s for s in specs if s not in manifest.specs]
            if missing:
                raise EnvironmentError_(
                    f"not a root of {self.label}: {', '.join(missing)}",
                    hint="roots: " + ", ".join(manifest.specs),
                )
            manifest.specs = [s for s in manifest.specs if s not in specs]
            manifest.write()
            self.manifest = manifest
        return list(specs)

    # -- the lock -------------------------------------------------------------------------

    def is_current(self, section: PlatformSection) -> bool:
        """Whether ``section`` was solved for exactly the manifest's roots."""
        return [text for text, _ in section.roots] == self.manifest.specs

    def write_lock(self) -> None:
        """Write the sections this process solved into the lock file; keep all others.

        Solving takes a while, and another process may store its own section meanwhile
        (``concretize --target X`` beside ``--target Y``). So the file is read again
        under its lock, only our new sections (and the recipes and repositories they
        use) replace what it holds, and the result is written atomically. Holding the
        lock across the solve would serialize every concretize of the environment for
        no gain: sections are independent of each other.
        """
        ours = {
            key: section
            for key, section in self.lock.platforms.items()
            if self._sections_read.get(key) is not section
        }
        with locked_update(self.lock_path):
            merged = _merge_sections(self.lock, Lockfile.read_or_empty(self.lock_path), ours)
            merged.roots = list(self.manifest.specs)
            merged.write(self.lock_path)
        self.lock = merged
        self._sections_read = dict(merged.platforms)


def _merge_sections(
    mine: Lockfile, on_disk: Lockfile, ours: dict[str, PlatformSection]
) -> Lockfile:
    """``mine`` with every section we did not solve taken from ``on_disk`` (newer)."""
    used = {f"{n.namespace}.{n.name}" for s in ours.values() for n in s.dag.nodes.values()}
    namespaces = {n.namespace for s in ours.values() for n in s.dag.nodes.values()}
    return dataclasses.replace(
        mine,
        platforms={**on_disk.platforms, **ours},
        recipes={
            **on_disk.recipes,
            **{k: v for k, v in mine.recipes.items() if k in used or k not in on_disk.recipes},
        },
        repos={
            **on_disk.repos,
            **{k: v for k, v in mine.repos.items() if k in namespaces or k not in on_disk.repos},
        },
    )


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
