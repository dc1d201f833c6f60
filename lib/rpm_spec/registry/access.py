"""Roles (viewer < editor < admin) bound to POSIX groups, read from ``<root>/access.yaml``.

The file maps glob keys over ``NS/ENV`` to role bindings::

    "*": {admin: "user 1001"}          # registry admins (create namespaces)
    "*/*": {viewer: all}
    "chem/*": {editor: "group chem"}
    "chem/secret": {viewer: "group chem"}   # a per-environment override

For each role the most specific matching key decides (fewest wildcards, then longest),
so an environment's own key overrides its namespace's, which overrides ``*/*``. A
binding is ``all``, ``group NAME_OR_GID`` or ``user NAME_OR_UID``. Holding a role
implies the lower ones. The file is written only by registry admins.
"""

from __future__ import annotations

import fnmatch
import grp
import io
import os
import pwd
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from rpm_spec.registry.errors import AccessDeniedError, RegistryError
from rpm_spec.util.fs import atomic_write, locked_update

if TYPE_CHECKING:
    from pathlib import Path

ROLES = ("viewer", "editor", "admin")
ACCESS_NAME = "access.yaml"


@dataclass(frozen=True)
class Identity:
    """Who acts: a uid and every gid it holds (the primary one included)."""

    uid: int
    gids: frozenset[int]

    @classmethod
    def current(cls) -> Identity:
        return cls(os.geteuid(), frozenset({os.getegid(), *os.getgroups()}))


def binding_matches(binding: str, who: Identity) -> bool:
    """Whether ``who`` is covered by ``all``, ``group G`` or ``user U``."""
    kind, _, name = binding.strip().partition(" ")
    if kind == "all":
        return True
    if kind == "group":
        return group_id(name) in who.gids
    if kind == "user":
        return _user_id(name) == who.uid
    raise RegistryError(
        f"bad role binding {binding!r}",
        hint="use 'all', 'group NAME_OR_GID' or 'user NAME_OR_UID'",
    )


def group_id(name: str) -> int:
    """The gid of a group name or number (a number needs no /etc/group entry)."""
    if name.isdigit():
        return int(name)
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise RegistryError(f"no group named {name!r}", hint="give the group's number") from None


def _user_id(name: str) -> int:
    if name.isdigit():
        return int(name)
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        raise RegistryError(f"no user named {name!r}", hint="give the uid") from None


def _specificity(key: str) -> tuple[int, int]:
    wild = sum(key.count(c) for c in "*?[")
    return (-wild, len(key))


class AccessFile:
    """The roles of one registry (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.path = root / ACCESS_NAME
        self.rules = _read(self.path)

    def binding(self, target: str, role: str) -> tuple[str, str] | None:
        """(binding, key) of the most specific key over ``target`` that binds ``role``."""
        keys = [
            key
            for key, roles in self.rules.items()
            if role in roles and fnmatch.fnmatchcase(target, key)
        ]
        if not keys:
            return None
        key = max(keys, key=_specificity)
        return self.rules[key][role], key

    def has_role(self, target: str, role: str, who: Identity) -> bool:
        """Whether ``who`` holds ``role`` (or a higher one) on ``target``."""
        for held in ROLES[ROLES.index(role) :]:
            found = self.binding(target, held)
            if found is not None and binding_matches(found[0], who):
                return True
        return False

    def require(self, action: str, target: str, role: str, who: Identity) -> None:
        """Refuse with :class:`AccessDeniedError` (naming role and group) unless allowed."""
        if self.has_role(target, role, who):
            return
        found = self.binding(target, role)
        binding, key = found if found else ("nobody", "no key binds it")
        where = f"key {key!r} of {self.path}" if found else f"{key} in {self.path}"
        raise AccessDeniedError(action, target, role, binding, where)

    def bind(self, key: str, role: str, binding: str) -> None:
        """Set ``key: {role: binding}`` in the file (read again under its lock)."""
        if role not in ROLES:
            raise RegistryError(f"unknown role {role!r}", hint=f"roles: {', '.join(ROLES)}")
        binding_matches(binding, Identity.current())  # validate the syntax
        with locked_update(self.path):
            rules = _read(self.path)
            rules.setdefault(key, {})[role] = binding
            write_rules(self.path, rules)
            self.rules = rules


def write_rules(path: Path, rules: dict[str, dict[str, str]]) -> None:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(rules, stream)
    atomic_write(path, stream.getvalue(), mode=0o644)


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise RegistryError(f"cannot read {path}: {error.strerror}") from None
    try:
        data: Any = YAML(typ="safe", pure=True).load(text) or {}
    except YAMLError as error:
        raise RegistryError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not all(
        isinstance(v, dict) and all(r in ROLES and isinstance(b, str) for r, b in v.items())
        for v in data.values()
    ):
        raise RegistryError(
            f"{path}: expected 'KEY: {{ROLE: BINDING}}' entries",
            hint=f"roles are {', '.join(ROLES)}; e.g. 'chem/*: {{editor: group chem}}'",
        )
    return {str(k): {str(r): str(b) for r, b in v.items()} for k, v in data.items()}
