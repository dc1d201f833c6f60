"""One registry: namespaces, roles, and the checked entry points of every action.

Every action checks the role it needs (:mod:`rpm_spec.registry.access`) before it
touches anything; the POSIX modes (group-owned, setgid and sticky namespace
directories, read-only versions) back the roles up for anyone bypassing the CLI.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.registry import history, versions
from rpm_spec.registry.access import ACCESS_NAME, AccessFile, Identity, group_id, write_rules
from rpm_spec.registry.errors import RegistryError
from rpm_spec.registry.layout import EnvPaths, Ref, check_name
from rpm_spec.util.fs import atomic_write

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.registry.signing import Signer

NAMESPACE_MODE = 0o3775  # group-writable; setgid keeps the group; sticky: no renaming others'
POLICY_NAME = "policy.yaml"
DELETED_DIR = ".deleted"

#: The role each action needs.
ROLE_OF = {
    "pull": "viewer",
    "activate": "viewer",
    "history": "viewer",
    "publish": "editor",
    "rollback": "editor",
    "prune": "editor",
    "restore": "editor",  # re-materialise an archived version (writes its view)
    "delete": "admin",
    "set policy": "admin",
}


@dataclass(frozen=True)
class EnvListing:
    ref: Ref
    current: int | None
    versions: dict[int, dict[str, str]]  # version → section → status
    archived: set[int]


class Registry:
    """The registry at ``root``, acting as ``who`` and signing with ``signer``."""

    def __init__(self, root: Path, signer: Signer, who: Identity | None = None) -> None:
        self.root = root
        self.signer = signer
        self.who = who or Identity.current()

    @property
    def access(self) -> AccessFile:
        return AccessFile(self.root)

    def require(self, action: str, ref: Ref) -> None:
        self.access.require(f"env {action}", ref.key, ROLE_OF[action], self.who)

    def paths(self, ref: Ref, *, must_exist: bool = True) -> EnvPaths:
        paths = EnvPaths(self.root, ref)
        if not paths.namespace_dir.is_dir():
            raise RegistryError(
                f"no namespace {ref.namespace!r} in the registry at {self.root}",
                hint=f"an admin creates it: 'rpm-spec registry create {ref.namespace} --group G'",
            )
        if must_exist and not paths.versions.is_dir():
            raise RegistryError(f"nothing published as {ref.key} yet")
        return paths

    # -- namespaces -------------------------------------------------------------------------

    def create_namespace(self, namespace: str, group: str) -> Path:
        """Create ``<root>/<namespace>`` owned by ``group``; editors: that group.

        The first namespace of a new registry also creates the root and its access file,
        with the creator as the registry's admin and everyone a viewer.
        """
        check_name(namespace, "namespace")
        gid = group_id(group)
        if not (self.root / ACCESS_NAME).exists():
            self.root.mkdir(parents=True, exist_ok=True)
            self.root.chmod(0o755)
            write_rules(
                self.root / ACCESS_NAME,
                {"*": {"admin": f"user {self.who.uid}"}, "*/*": {"viewer": "all"}},
            )
        self.access.require("registry create", namespace, "admin", self.who)
        directory = self.root / namespace
        if directory.exists():
            raise RegistryError(f"namespace {namespace!r} exists already ({directory})")
        directory.mkdir()
        try:
            os.chown(directory, -1, gid)
            directory.chmod(NAMESPACE_MODE)
        except OSError as error:
            directory.rmdir()
            raise RegistryError(
                f"cannot give {directory} to group {group}: {error.strerror}",
                hint="you must belong to the group (or be root)",
            ) from None
        self.access.bind(f"{namespace}/*", "editor", f"group {group}")
        return directory

    def namespaces(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name[0] != ".")

    def listing(self, namespace: str | None = None) -> list[EnvListing]:
        """Every environment the user may view, with each version's section statuses."""
        found = []
        for ns in [namespace] if namespace else self.namespaces():
            directory = self.root / ns
            if not directory.is_dir():
                raise RegistryError(f"no namespace {ns!r} in the registry at {self.root}")
            for env_dir in sorted(directory.iterdir()):
                ref = Ref(ns, env_dir.name)
                if env_dir.name[0] == "." or not (env_dir / "versions").is_dir():
                    continue
                if not self.access.has_role(ref.key, "viewer", self.who):
                    continue
                paths = EnvPaths(self.root, ref)
                numbers = paths.numbers()
                statuses = {n: versions.sections_of(paths, n) for n in numbers}
                found.append(
                    EnvListing(ref, paths.current_version(), statuses, versions.archived(paths))
                )
        return found

    # -- actions ----------------------------------------------------------------------------

    def version_dir(self, ref: Ref, action: str = "activate") -> tuple[EnvPaths, int]:
        """(paths, version) of ``ref`` after checking the role and the signatures."""
        self.require(action, ref)
        paths = self.paths(ref)
        version = ref.version if ref.version is not None else paths.current_version()
        if version is None or version not in paths.numbers():
            raise RegistryError(
                f"{ref} does not exist",
                hint=f"versions of {ref.key}: {', '.join(map(str, paths.numbers())) or 'none'}",
            )
        versions.read_signed(paths, version, self.signer)
        return paths, version

    def rollback(self, ref: Ref, version: int) -> None:
        self.require("rollback", ref)
        versions.rollback(self.paths(ref), self.signer, version)

    def prune(self, ref: Ref, keep_built: int) -> list[int]:
        self.require("prune", ref)
        return versions.prune(self.paths(ref), self.signer, keep_built)

    def delete(self, ref: Ref) -> Path:
        """Move the environment aside (``<ns>/.deleted/``): jobs using it keep running."""
        self.require("delete", ref)
        paths = self.paths(ref)
        history.append(paths.dir, self.signer, "delete", paths.current_version() or 0, "")
        trash = paths.namespace_dir / DELETED_DIR
        trash.mkdir(exist_ok=True)
        target = trash / f"{ref.name}.{time.strftime('%Y%m%dT%H%M%S')}.{os.getpid()}"
        paths.dir.rename(target)
        return target

    def set_policy(self, namespace: str, text: str) -> Path:
        """Write the namespace's ``policy.yaml`` (admins only; item 4 reads and checks it)."""
        self.access.require("registry policy", f"{namespace}/*", "admin", self.who)
        path = self.root / check_name(namespace, "namespace") / POLICY_NAME
        if not path.parent.is_dir():
            raise RegistryError(f"no namespace {namespace!r} in the registry at {self.root}")
        atomic_write(path, text, mode=0o644)
        return path

    def verify(self) -> list[str]:
        """Every version whose files no longer match its signed record, and every history
        that is not an unbroken, signed chain."""
        problems = []
        for ns in self.namespaces():
            for env_dir in sorted((self.root / ns).iterdir()):
                if env_dir.name[0] == "." or not (env_dir / "versions").is_dir():
                    continue
                paths = EnvPaths(self.root, Ref(ns, env_dir.name))
                for number in paths.numbers():
                    try:
                        versions.read_signed(paths, number, self.signer)
                    except RegistryError as error:
                        problems.append(str(error))
                problems += history.verify(paths.dir, self.signer)
        return problems
