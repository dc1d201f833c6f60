"""The recipes a lock pins: stored when a section is solved, built from when installing.

``concretize`` stores each node's recipe in the lock: its files (``package.py``, its
local patches and whatever else lies beside it) and its hash. Installing from the lock
builds every node from the recipe it was solved with: where the repository's recipe
still has the node's recipe hash it is used as it is; otherwise the lock's copy is
written out as a one-recipe repository and checked against that hash, and that
repository answers for the node (:meth:`RepoPath.with_pinned`). Only where the lock has
no copy of the recipe is the install refused, naming the recipe file and both hashes.

The copies go to ``<cache>/locked-recipes/<namespace>/<recipe hash>/``, addressed by
content: a shared, read-only environment is never written to, and two installers
(``make -j`` over a depfile) write the same bytes, each through its own temporary
directory renamed into place.
"""

from __future__ import annotations

import base64
import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from rpm_spec.environment.errors import LockfileError, RecipeChangedError
from rpm_spec.repo import RecipeError, Repository, UnknownPackageError
from rpm_spec.repo.files import RECIPE_FILE, recipe_files
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.repo import RecipeMetadata, RepoPath
    from rpm_spec.spec.concrete import ConcreteSpec

#: Under the cache directory: the recipes written out of locks.
CACHE_DIR = "locked-recipes"
#: How many hex digits of a recipe hash are shown in messages.
SHOWN_DIGITS = 12


def recipe_entry(meta: RecipeMetadata) -> dict[str, Any]:
    """What the lock stores of one recipe: its hash, and its files by relative path.

    A file is its text, or ``{"base64": ...}`` when it is not UTF-8.
    """
    directory = Path(meta.path).parent
    beside = sorted(
        p.name for p in directory.iterdir() if p.is_file() and not p.name.endswith(".pyc")
    )
    files: dict[str, Any] = {}
    for name in dict.fromkeys([*recipe_files(meta), *beside]):
        content = (directory / name).read_bytes()
        try:
            files[name] = content.decode("utf-8")
        except UnicodeDecodeError:
            files[name] = {"base64": base64.b64encode(content).decode("ascii")}
    return {"hash": meta.recipe_hash, "files": files}


def pinned_entry(
    lock: Lockfile, namespace: str, name: str, recipe_hash: str
) -> dict[str, Any] | None:
    """The lock's copy of recipe ``namespace.name`` with ``recipe_hash``, if it has one.

    The copy of the newest solve is under ``namespace.name``; one that a section solved
    earlier still uses is kept under ``namespace.name/HASH``.
    """
    key = f"{namespace}.{name}"
    for candidate in (key, f"{key}/{recipe_hash}"):
        entry = lock.recipes.get(candidate)
        if isinstance(entry, dict) and entry.get("hash") == recipe_hash:
            return entry
    return None


def pin(lock: Lockfile, namespace: str, name: str, entry: dict[str, Any]) -> None:
    """Store ``entry`` (from :func:`recipe_entry`) as the recipe of ``namespace.name``."""
    key = f"{namespace}.{name}"
    before = lock.recipes.get(key)
    if isinstance(before, dict) and before.get("hash") not in (None, entry["hash"]):
        lock.recipes[f"{key}/{before['hash']}"] = before
    lock.recipes[key] = entry


def drop_unused(lock: Lockfile) -> None:
    """Forget the earlier recipes (``namespace.name/HASH``) no section is solved with."""
    used = {(f"{namespace}.{name}", h) for namespace, name, h in _used(lock)}
    for key in [k for k in lock.recipes if "/" in k]:
        if (key.partition("/")[0], lock.recipes[key].get("hash")) not in used:
            del lock.recipes[key]


def _used(lock: Lockfile) -> set[tuple[str, str, str]]:
    """(namespace, name, recipe hash) of every node of every section."""
    return {
        (node.namespace, node.name, node.content.recipe_hash)
        for section in lock.platforms.values()
        for node in section.dag.nodes.values()
        if not node.is_external
    }


@dataclass(frozen=True, slots=True)
class RecipeDrift:
    """A recipe of the lock that is not the repository's any more."""

    name: str
    namespace: str
    #: The repository's recipe file, as shown to the user.
    path: str
    locked_hash: str
    #: None when the repository has no loadable recipe of that name.
    current_hash: str | None
    #: What happened to it: ``changed``, ``removed``, ``broken``.
    what: str

    def __str__(self) -> str:
        if self.what == "changed":
            return f"{self.name}: recipe changed since the lock ({self.path})"
        if self.what == "broken":
            return f"{self.name}: recipe fails to load since the lock ({self.path})"
        return f"{self.name}: recipe gone from the repositories since the lock ({self.path})"

    def hashes(self) -> str:
        now = "none" if self.current_hash is None else self.current_hash[:SHOWN_DIGITS]
        return f"locked {self.locked_hash[:SHOWN_DIGITS]}, now {now}"


def recipe_drift(lock: Lockfile, repos: RepoPath) -> list[RecipeDrift]:
    """The recipes the lock's nodes were solved with that the repositories no longer hold
    (one entry per package, also when several sections use it)."""
    found: dict[tuple[str, str], RecipeDrift] = {}
    for namespace, name, recipe_hash in sorted(_used(lock)):
        if (namespace, name) in found or pinned_entry(lock, namespace, name, recipe_hash) is None:
            continue  # reported, or not solved with this recipe (a reused, older install)
        drift = _drift(lock, repos, namespace, name, recipe_hash)
        if drift is not None:
            found[namespace, name] = drift
    return list(found.values())


def _drift(
    lock: Lockfile, repos: RepoPath, namespace: str, name: str, wanted: str
) -> RecipeDrift | None:
    """How the repository's recipe of ``namespace.name`` differs from hash ``wanted``."""
    try:
        meta = repos.get(f"{namespace}.{name}")
    except RecipeError as error:
        return RecipeDrift(name, namespace, _shown(Path(error.path)), wanted, None, "broken")
    except UnknownPackageError:
        root = lock.repos.get(namespace, {}).get("path")
        where = Path(root) / "packages" / name / RECIPE_FILE if root else Path(namespace, name)
        return RecipeDrift(name, namespace, _shown(where), wanted, None, "removed")
    if meta.recipe_hash == wanted:
        return None
    return RecipeDrift(
        name, namespace, _shown(Path(meta.path)), wanted, meta.recipe_hash, "changed"
    )


def _shown(path: Path) -> str:
    """``path`` relative to rpm-spec's own tree when inside it (``repos/builtin/...``)."""
    try:
        return path.resolve().relative_to(PREFIX).as_posix()
    except (ValueError, OSError):
        return str(path)


def locked_recipes(
    lock: Lockfile, nodes: Iterable[ConcreteSpec], repos: RepoPath, cache_dir: Path
) -> tuple[RepoPath, list[RecipeDrift]]:
    """``repos`` with each of ``nodes`` built from the recipe it was solved with.

    Returns the path to build with and the nodes that take the lock's copy of their
    recipe. RecipeChangedError names every node whose recipe neither the repositories
    nor the lock holds.
    """
    pinned: dict[str, Repository] = {}
    taken: list[RecipeDrift] = []
    refused: list[str] = []
    for node in nodes:
        wanted = node.content.recipe_hash
        if node.is_external or not wanted or node.name in pinned:
            continue
        drift = _drift(lock, repos, node.namespace, node.name, wanted)
        if drift is None:
            continue
        entry = pinned_entry(lock, node.namespace, node.name, wanted)
        if entry is None or not entry.get("files"):
            refused.append(
                f"{node.name}: the lock was solved with another recipe than {drift.path} "
                f"({drift.hashes()}) and holds no copy of it"
            )
            continue
        pinned[node.name] = _materialise(entry, node.namespace, node.name, cache_dir)
        taken.append(drift)
    if refused:
        raise RecipeChangedError(refused)
    return (repos.with_pinned(pinned) if pinned else repos), taken


def _materialise(entry: dict[str, Any], namespace: str, name: str, cache_dir: Path) -> Repository:
    """The lock's copy of a recipe as a repository of its own, verified against its hash."""
    wanted = str(entry["hash"])
    files = _files(entry, name)
    root = cache_dir / CACHE_DIR / namespace / wanted
    for attempt in range(2):
        if not root.is_dir():
            _write_repository(root, namespace, name, files)
        repo = Repository(root, namespace=namespace)
        try:
            meta = repo.get(name)
        except RecipeError as error:
            problem = f"does not load ({error})"
        else:
            if meta.recipe_hash == wanted:
                return repo
            problem = f"has hash {meta.recipe_hash[:SHOWN_DIGITS]}"
        if attempt == 0:  # a copy spoiled since it was written: write it again, once
            shutil.rmtree(root, ignore_errors=True)
    raise LockfileError(
        f"the lock's copy of the recipe of {name} {problem}, not {wanted[:SHOWN_DIGITS]}",
        hint="the lock is damaged: take it again from where it came, or run "
        "'rpm-spec concretize --force'",
    )


def _files(entry: dict[str, Any], name: str) -> dict[PurePosixPath, bytes]:
    """The files of a lock entry by safe relative path (never outside the recipe)."""
    found: dict[PurePosixPath, bytes] = {}
    stored = entry.get("files")
    if not isinstance(stored, dict):
        raise LockfileError(f"the lock's copy of the recipe of {name} has no files")
    for text, content in stored.items():
        relative = PurePosixPath(str(text))
        if relative.is_absolute() or not relative.parts or ".." in relative.parts:
            raise LockfileError(
                f"the lock's copy of the recipe of {name} names a bad path {text!r}"
            )
        if isinstance(content, str):
            found[relative] = content.encode("utf-8")
        elif isinstance(content, dict) and isinstance(content.get("base64"), str):
            found[relative] = base64.b64decode(content["base64"])
        else:
            raise LockfileError(f"the lock's copy of {text} of the recipe of {name} is malformed")
    return found


def _write_repository(
    root: Path, namespace: str, name: str, files: dict[PurePosixPath, bytes]
) -> None:
    """Write ``root`` (``repo.yaml`` + ``packages/<name>/...``) through a temporary directory."""
    root.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root.parent))
    try:
        (temporary / "repo.yaml").write_text(f"repo:\n  namespace: {namespace}\n")
        package = temporary / "packages" / name
        for relative, content in files.items():
            target = package.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        try:
            temporary.rename(root)
        except OSError:
            if not root.is_dir():  # not another installer that got there first
                raise
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary)
