"""Publishing immutable versions, and the ``current`` symlink that rollback flips.

A version is written whole into a hidden directory, made read-only, then renamed into
place: readers see all of it or nothing. Its view lives beside it (``views/<N>/view``),
so archiving (``prune``) drops the view and keeps the signed version; the version
reaches it through two symlinks, ``view`` and ``.rpm-spec-env`` (where an environment
keeps its view, so activation and deactivation name the same path). ``current``
points at ``versions/<N>`` and is replaced with one ``rename(2)`` of a fresh symlink,
so a job resolving ``current/view/bin/x`` sees the old or the new version, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.environment.lockfile import LOCK_NAME
from rpm_spec.environment.manifest import MANIFEST_NAME
from rpm_spec.registry import history
from rpm_spec.registry.errors import RegistryError, TamperedError
from rpm_spec.registry.layout import group_lock
from rpm_spec.registry.signing import check, sha256
from rpm_spec.util.fs import atomic_write, fsync_directory

if TYPE_CHECKING:
    from rpm_spec.registry.layout import EnvPaths
    from rpm_spec.registry.signing import Signer

STATUS_NAME = "status.json"
RECORD_NAME = "publish.json"
SIGNATURE_NAME = "publish.json.sig"
#: The signed files of a version, whose sha256s the publish record holds.
SIGNED = (MANIFEST_NAME, LOCK_NAME, STATUS_NAME)
GROUP_DIR_MODE = 0o2775


@dataclass(frozen=True)
class Published:
    version: int
    lock_sha256: str
    sections: dict[str, str]  # section key → "built" or "solved"


def make_group_dir(path: Path) -> Path:
    """A directory the namespace's group may write; new entries keep its group (setgid).

    Another editor may have planted a symlink in its place, to redirect our writes:
    that is refused, never followed."""
    with contextlib.suppress(FileExistsError):
        path.mkdir()
    if path.is_symlink() or not path.is_dir():
        raise RegistryError(
            f"{path} is not a directory (a symlink or a file is in its place)",
            hint="the registry was tampered with: ask its admin to look",
        )
    if path.stat().st_uid == os.geteuid():
        path.chmod(GROUP_DIR_MODE)
    return path


def publish(
    paths: EnvPaths,
    signer: Signer,
    *,
    manifest: bytes,
    lock: bytes,
    sections: dict[str, str],
    view: Path | None,
) -> Published:
    """Write the next version of ``paths`` and make it current; its number is returned.

    ``sections`` maps every platform section of ``lock`` to ``built`` or ``solved``;
    ``view`` is a view tree to copy (symlinks kept) as the version's view.
    """
    made = [d for d in (paths.dir, paths.versions, paths.views) if not d.exists()]
    for directory in (paths.dir, paths.versions, paths.views):
        make_group_dir(directory)
    try:
        return _publish(paths, signer, manifest, lock, sections, view)
    except BaseException:
        for directory in reversed(made):  # a first publish that failed leaves nothing
            with contextlib.suppress(OSError):
                for leftover in directory.glob(".*.lock"):
                    leftover.unlink()
                directory.rmdir()
        raise


def _publish(
    paths: EnvPaths,
    signer: Signer,
    manifest: bytes,
    lock: bytes,
    sections: dict[str, str],
    view: Path | None,
) -> Published:
    status = (json.dumps({"sections": sections}, indent=1, sort_keys=True) + "\n").encode()
    with group_lock(paths.dir / "publish"):
        numbers = paths.numbers()
        version = (numbers[-1] if numbers else 0) + 1
        staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=paths.versions))
        try:
            files = {MANIFEST_NAME: manifest, LOCK_NAME: lock, STATUS_NAME: status}
            record = {
                "namespace": paths.ref.namespace,
                "environment": paths.ref.name,
                "version": version,
                "uid": os.geteuid(),
                "time": time.time(),
                "sha256": {name: sha256(data) for name, data in files.items()},
            }
            files[RECORD_NAME] = (json.dumps(record, indent=1, sort_keys=True) + "\n").encode()
            files[SIGNATURE_NAME] = signer.sign(files[RECORD_NAME])
            for name, data in files.items():
                atomic_write(staging / name, data, mode=0o444)
            # current/view reaches the view of whatever version current names.
            (staging / ".rpm-spec-env").symlink_to(f"../../views/{version}")
            (staging / "view").symlink_to(f"../../views/{version}/view")
            make_group_dir(paths.view_dir(version))
            if view is not None:
                _copy_view(view, paths.view_dir(version) / "view")
            # Renaming a directory needs write access to it (its '..'): rename, then seal.
            staging.rename(paths.version_dir(version))
        except BaseException:
            _remove_tree(staging)
            raise
        paths.version_dir(version).chmod(0o555)
        fsync_directory(paths.versions)
        history.append(paths.dir, signer, "publish", version, sha256(lock))
        switch_current(paths, version)
    return Published(version, sha256(lock), sections)


def switch_current(paths: EnvPaths, version: int) -> None:
    """Point ``current`` at ``versions/<version>`` with one rename(2) of a new symlink."""
    temporary = paths.dir / f".current.{os.getpid()}.{time.monotonic_ns()}"
    temporary.symlink_to(f"versions/{version}")
    try:
        temporary.rename(paths.current)  # one rename(2): atomic
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(paths.dir)


def rollback(paths: EnvPaths, signer: Signer, version: int) -> None:
    """Make ``version`` current again (it must exist and have its view)."""
    if version not in paths.numbers():
        raise RegistryError(
            f"{paths.ref.key} has no version {version}",
            hint=f"versions: {', '.join(map(str, paths.numbers())) or 'none'}",
        )
    if version in archived(paths):
        raise RegistryError(
            f"{paths.ref.key}@{version} is archived (lock only)",
            hint=f"'rpm-spec env activate {paths.ref.key}@{version}' brings its view back "
            "from the binary cache first",
        )
    lock = read_signed(paths, version, signer)[LOCK_NAME]
    with group_lock(paths.dir / "publish"):
        switch_current(paths, version)
        history.append(paths.dir, signer, "rollback", version, sha256(lock))


def read_signed(paths: EnvPaths, version: int, signer: Signer) -> dict[str, bytes]:
    """The signed files of a version, after checking them against the signed record."""
    directory = paths.version_dir(version)
    what = f"{paths.ref.key}@{version}"
    try:
        record_bytes = (directory / RECORD_NAME).read_bytes()
        signature = (directory / SIGNATURE_NAME).read_bytes()
        files = {name: (directory / name).read_bytes() for name in SIGNED}
    except FileNotFoundError as error:
        raise TamperedError(f"{what}: {Path(str(error.filename)).name} is missing") from None
    check(signer, record_bytes, signature, f"publish record of {what}")
    try:
        record: dict[str, Any] = json.loads(record_bytes)
        recorded = dict(record["sha256"])
    except (ValueError, KeyError, TypeError):
        raise TamperedError(f"{what}: its publish record is damaged") from None
    for name, data in files.items():
        if recorded.get(name) != sha256(data):
            raise TamperedError(
                f"{what}: {name} was changed after it was published (its sha256 differs "
                "from the signed publish record)",
                hint="published versions are immutable: publish a new version instead",
            )
    return files


def sections_of(paths: EnvPaths, version: int) -> dict[str, str]:
    """Section key → status of a version (unverified: for listings)."""
    try:
        data = json.loads((paths.version_dir(version) / STATUS_NAME).read_text())
        return {str(k): str(v) for k, v in data["sections"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}


def archived(paths: EnvPaths) -> set[int]:
    try:
        return {int(v) for v in json.loads(paths.lifecycle.read_text()).get("archived", [])}
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, TypeError, AttributeError):
        raise RegistryError(f"{paths.lifecycle} is damaged") from None


def set_archived(paths: EnvPaths, version: int, value: bool) -> None:
    with group_lock(paths.lifecycle):
        versions = archived(paths)
        versions = versions | {version} if value else versions - {version}
        document = json.dumps({"archived": sorted(versions)}, indent=1) + "\n"
        atomic_write(paths.lifecycle, document, mode=0o664)


def prune(paths: EnvPaths, signer: Signer, keep_built: int) -> list[int]:
    """Archive every version but the current one and the ``keep_built`` newest built
    ones: their views go (their store prefixes may then be collected), the signed
    manifest and lock stay. Returns the versions archived now."""
    if keep_built < 0:
        raise RegistryError("--keep-built must be 0 or more")
    current = paths.current_version()
    gone = archived(paths)
    alive = [v for v in paths.numbers() if v not in gone]
    built = [v for v in alive if "built" in sections_of(paths, v).values()]
    keep = set(built[len(built) - keep_built :] if keep_built else []) | {current}
    done = []
    for version in alive:
        if version in keep:
            continue
        lock = read_signed(paths, version, signer)[LOCK_NAME]
        set_archived(paths, version, True)
        _remove_tree(paths.view_dir(version))
        history.append(paths.dir, signer, "archive", version, sha256(lock))
        done.append(version)
    return done


def restore_view_dir(paths: EnvPaths, version: int) -> None:
    """Make ``views/<N>`` again, for an archived version's view to be rebuilt in."""
    make_group_dir(paths.view_dir(version))


def _copy_view(view: Path, target: Path) -> None:
    """Copy a view tree (its symlinks into the store as symlinks) to ``target``."""
    source = view.resolve()
    if not source.is_dir():
        raise RegistryError(
            f"the environment's view {view} does not exist", hint="install it first"
        )
    shutil.copytree(source, target, symlinks=True)


def _remove_tree(path: Path) -> None:
    """Remove a tree this user wrote, read-only directories included."""
    if not path.exists() and not path.is_symlink():
        return
    for directory, _, _ in os.walk(path):
        with contextlib.suppress(OSError):
            Path(directory).chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)
