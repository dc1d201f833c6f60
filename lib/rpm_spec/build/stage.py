"""The private directory one build unpacks, patches and builds its sources in.

``<stage root>/rpm-spec-stage-<name>-<version>-<hash7>``, mode 0700. The stage root
(``config:build_stage``, by default ``$user_cache_path/stage``) must be this user's
alone: it is created 0700, and one that already exists is used only if ``lstat``
shows it is ours, a real directory and writable by nobody else (see
:func:`~rpm_spec.util.fs.private_directory`). Otherwise another local user could
create it first (``/tmp/$user/...``) and plant sources that we would build and
register under our name. Leftovers of an earlier attempt are removed when the
stage is created, so every build starts clean. The stage root is shared by every
store of a user, so a stage is claimed with a lock file beside it (in the same
private root) while in use: an installer of another store building the same spec
at the same time takes ``...-2`` instead of wiping a live build tree.

The main archive becomes ``<stage>/src``: when an archive holds a single top-level
directory (``xz-5.4.1/``) that directory *is* the source tree, otherwise
the archive's top level is. A stage is kept when its build fails (its path goes
into the error) and destroyed after a success unless the user asked to keep it.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rpm_spec.build.archive import extract_archive, sniff_extension
from rpm_spec.build.errors import StageError
from rpm_spec.util.fs import UnsafePathError, private_directory
from rpm_spec.util.locks import FileLock, LockTimeoutError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import TracebackType

    from rpm_spec.spec import Version

STAGE_PREFIX = "rpm-spec-stage-"
SOURCE_DIR = "src"
#: The setting that moves the stage root, named in errors.
STAGE_SETTING = "config:build_stage"
#: How many builds of one spec (from different stores) may share a stage root at once.
MAX_CLAIMS = 16


class StagedSpec(Protocol):
    """What a stage needs to know of the node it builds (a ``ConcreteSpec`` fits)."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> Version: ...

    @property
    def hash(self) -> str: ...


def stage_path_for(stage_root: Path, spec: StagedSpec) -> Path:
    """Where the stage of ``spec`` is (or would be) under ``stage_root``."""
    return stage_root / f"{STAGE_PREFIX}{spec.name}-{spec.version}-{spec.hash[:7]}"


@dataclass(frozen=True, slots=True)
class StageRootChoice:
    """The stage root to use, and each configured candidate refused before it (with why)."""

    root: Path
    refused: tuple[str, ...]


def select_stage_root(candidates: Sequence[Path]) -> StageRootChoice:
    """The first configured ``build_stage`` directory that is private to us (made if need be).

    A candidate another user could have made or could change is refused (never
    written into) and listed in the choice, so the caller can warn about it; when
    none is usable, the error lists every candidate and why it was refused.
    """
    reasons: list[str] = []
    for candidate in candidates:
        try:
            root = private_directory(candidate, setting=STAGE_SETTING)
        except UnsafePathError as error:
            reasons.append(f"{candidate}: {error.problem}" + _where(candidate, error.path))
            continue
        if os.access(root, os.W_OK | os.X_OK):
            return StageRootChoice(root, tuple(reasons))
        reasons.append(f"{candidate}: not writable")
    raise StageError(
        "no usable stage directory:\n" + "\n".join(f"  {reason}" for reason in reasons),
        archive=STAGE_SETTING,
        hint=f"set {STAGE_SETTING} to a directory of your own, "
        "e.g. -c 'config:build_stage:[$user_cache_path/stage]' (the default)",
    )


def choose_stage_root(candidates: Sequence[Path]) -> Path:
    """The stage root :func:`select_stage_root` picks (refused candidates are skipped)."""
    return select_stage_root(candidates).root


def _where(candidate: Path, refused: Path) -> str:
    """`` (at PARENT)`` when the refused path is a parent of the candidate."""
    return "" if refused == candidate.absolute() else f" (at {refused})"


class Stage:
    """One build's stage directory; a context manager that keeps it if the body fails."""

    def __init__(self, stage_root: Path, spec: StagedSpec, *, keep: bool = False) -> None:
        self.path = stage_path_for(stage_root, spec)
        #: Keep the directory after a success too (``install --keep-stage``).
        self.keep_on_success = keep
        self.kept = False
        self._claim: FileLock | None = None

    @property
    def source_path(self) -> Path:
        """The source tree (exists after the main archive was expanded)."""
        return self.path / SOURCE_DIR

    def create(self) -> Path:
        """Claim the stage and make it an empty, private directory (earlier leftovers go).

        The claim lasts until :meth:`keep` or :meth:`destroy`; a stage another process
        has claimed is left alone and the next free ``-N`` name is used instead.
        """
        private_directory(self.path.parent, setting=STAGE_SETTING)
        if self._claim is None:
            self.path, self._claim = _claim(self.path)
        if self.path.is_symlink() or self.path.exists():
            remove_tree(self.path)
        self.path.mkdir(mode=0o700)
        return self.path

    def expand(self, archive: Path, into: str | None = None) -> Path:
        """Unpack ``archive`` as the source tree, or (``into``) as a subdirectory of it.

        A file that is not an archive is copied in as it is. Returns the directory the
        content went to.
        """
        if not self.path.is_dir():
            self.create()
        target = self.source_path if into is None else self._inside_source(into)
        if target.exists() and any(target.iterdir()):
            raise StageError(f"{target} is not empty", archive=str(archive))
        scratch = Path(tempfile.mkdtemp(dir=self.path, prefix=".expand-"))
        try:
            if sniff_extension(archive) is None:
                shutil.copy2(archive, scratch / archive.name)
            else:
                extract_archive(archive, scratch)
            entries = list(scratch.iterdir())
            single = len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink()
            content = entries[0] if single else scratch
            if target.exists():
                target.rmdir()
            target.parent.mkdir(parents=True, exist_ok=True)
            content.rename(target)
        finally:
            if scratch.exists():
                remove_tree(scratch)
        return target

    def _inside_source(self, relative: str) -> Path:
        parts = [part for part in relative.split("/") if part not in ("", ".")]
        if not parts or ".." in parts or relative.startswith("/"):
            raise StageError(
                f"destination '{relative}' must be a relative path inside the source tree",
                archive=str(self.path),
            )
        return self.source_path.joinpath(*parts)

    def keep(self) -> Path:
        """Leave the stage in place for inspection; its path, to show the user."""
        self.kept = True
        self._release()
        return self.path

    def destroy(self) -> None:
        """Remove the stage directory (all of it, read-only parts included)."""
        try:
            if self.path.is_symlink() or self.path.exists():
                remove_tree(self.path)
        finally:
            self._release()

    def _release(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None

    def __enter__(self) -> Stage:
        self.create()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None or self.keep_on_success:
            self.keep()
        else:
            self.destroy()


def _claim(path: Path) -> tuple[Path, FileLock]:
    """``path`` or the first ``path-N`` whose lock file no other process holds."""
    for number in range(1, MAX_CLAIMS + 1):
        candidate = path if number == 1 else path.with_name(f"{path.name}-{number}")
        # The lock file stays: removing it would let two processes lock different inodes.
        lock = FileLock(candidate.with_name(candidate.name + ".lock"))
        try:
            lock.acquire(timeout_s=0)
        except LockTimeoutError:
            continue
        return candidate, lock
    raise StageError(
        f"{MAX_CLAIMS} builds of this spec already use the stage directory",
        archive=str(path),
        hint="wait for the other installers, or set config:build_stage per store",
    )


def remove_tree(path: Path) -> None:
    """``rm -rf``, also through directories a build made read-only."""

    def make_writable(function: Callable[..., object], failed: str, _info: object) -> None:
        parent = Path(failed).parent
        parent.chmod(parent.stat().st_mode | stat.S_IRWXU)
        if Path(failed).is_dir() and not Path(failed).is_symlink():
            Path(failed).chmod(stat.S_IRWXU)
        function(failed)

    if path.is_symlink() or path.is_file():
        path.unlink()
    elif sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)
