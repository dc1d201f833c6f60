"""Creating repositories and registering them in the ``repos`` config section.

``repos`` is a list of paths, highest precedence first; a scope's list is put
in front of the lists of the scopes below it, so ``add`` puts a repository
first in the scope it writes to and thus above every repository configured
below that scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.repo.errors import RepoError
from rpm_spec.repo.repository import NAMESPACE_PATTERN, PACKAGES_DIR, REPO_FILE, read_namespace

if TYPE_CHECKING:
    from rpm_spec.config import Configuration

SECTION = "repos"


@dataclass(frozen=True, slots=True)
class RegisteredRepo:
    """One entry of the ``repos`` section of a scope."""

    entry: str
    path: Path
    namespace: str | None


def create_repository(root: Path, namespace: str) -> Path:
    """Make an empty repository (``repo.yaml`` + ``packages/``) at ``root``; its repo.yaml."""
    if not NAMESPACE_PATTERN.fullmatch(namespace):
        raise RepoError(
            f"invalid namespace '{namespace}': use lowercase letters, digits and '_', "
            "starting with a letter or '_'"
        )
    marker = root / REPO_FILE
    if marker.exists():
        raise RepoError(f"{root} is already a repository", path=str(root))
    try:
        (root / PACKAGES_DIR).mkdir(parents=True, exist_ok=True)
        marker.write_text(f"repo:\n  namespace: {namespace}\n", encoding="utf-8")
    except OSError as error:
        raise RepoError(f"cannot create {root}: {error.strerror or error}") from None
    return marker


def registered(config: Configuration, scope: str) -> list[RegisteredRepo]:
    """The repositories one scope lists, with their namespaces (None if unreadable)."""
    entries = config.scope_data(SECTION, scope) or []
    found = []
    for entry in entries:
        path = config.substitute_path(str(entry)).expanduser().absolute()
        try:
            namespace: str | None = read_namespace(path)
        except RepoError:
            namespace = None
        found.append(RegisteredRepo(str(entry), path, namespace))
    return found


def add_repository(config: Configuration, path: Path, scope: str) -> RegisteredRepo:
    """Put the repository at ``path`` first in ``scope``'s ``repos`` list."""
    root = path.expanduser().absolute()
    namespace = read_namespace(root)
    with config.editing(SECTION, scope):  # read and write under the file's lock
        current = registered(config, scope)
        for repo in current:
            if repo.path.resolve() == root.resolve():
                raise RepoError(f"{root} is already in the {scope} scope's repos", path=str(root))
        for entry in config.get(SECTION) or []:
            other = config.substitute_path(str(entry)).expanduser().absolute()
            if other.resolve() == root.resolve():
                continue
            try:
                clash = read_namespace(other) == namespace
            except RepoError:
                continue
            if clash:
                raise RepoError(
                    f"namespace '{namespace}' of {root} is already used by {other}",
                    hint="repositories on the path need distinct namespaces",
                )
        config.write_section(SECTION, [str(root), *(repo.entry for repo in current)], scope)
    return RegisteredRepo(str(root), root, namespace)


def remove_repository(config: Configuration, which: str, scope: str) -> list[RegisteredRepo]:
    """Drop the entries of ``scope`` whose path or namespace is ``which``; those removed."""
    target = Path(which).expanduser().absolute().resolve()
    with config.editing(SECTION, scope):  # read and write under the file's lock
        current = registered(config, scope)
        removed = [r for r in current if r.namespace == which or r.path.resolve() == target]
        if not removed:
            listed = ", ".join(r.namespace or r.entry for r in current) or "none"
            raise RepoError(
                f"no repository '{which}' in the {scope} scope's repos (it lists: {listed})"
            )
        config.write_section(SECTION, [r.entry for r in current if r not in removed], scope)
    return removed
