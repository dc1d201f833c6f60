"""Who may read and write what a store holds, whatever the installing user's umask.

Spack's keys, with Spack's meaning (``packages.yaml``, per package or ``all``)::

    packages:
      all:
        permissions: {read: world, write: user, group: proj}

``read``/``write`` are ``user``, ``group`` or ``world`` (defaults: read world, write
user); a package's own entry wins key by key over ``all``. As in Spack, writing may
not reach further than reading (``write: world`` needs ``read: world``, ``write:
group`` needs ``read: group`` or ``world``), and a violation names its file:line.
``group`` is a group name or number; ``all``'s group is the *store's group*: a store
with one is shared, and only its members (and root) may write into it.

Ours, not Spack's (``config:install_tree``): ``setgid`` (directories carry the setgid
bit, so what is created in them later keeps the group; default: on when a group is
set) and ``read_only_after_install`` (finished prefixes lose every write bit).
"""

from __future__ import annotations

import grp
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.config.blame import trace
from rpm_spec.config.errors import ConfigError
from rpm_spec.store.errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config import Configuration

LEVELS = ("user", "group", "world")
_READ = {"user": 0o400, "group": 0o440, "world": 0o444}
_WRITE = {"user": 0o200, "group": 0o220, "world": 0o222}


@dataclass(frozen=True, slots=True)
class Permissions:
    """The modes and group of one package's prefix."""

    read: str = "world"
    write: str = "user"
    #: The group as configured (name or number), for messages; None: the installer's.
    group: str | None = None
    gid: int | None = None
    #: Directories carry setgid.
    setgid: bool = False
    #: Finished prefixes have no write bit.
    read_only: bool = False

    def __post_init__(self) -> None:
        if self.read not in LEVELS or self.write not in LEVELS:
            raise ValueError(f"permission levels are {', '.join(LEVELS)}")
        if LEVELS.index(self.write) > LEVELS.index(self.read):
            raise ValueError(f"write: {self.write} needs read: {self.write}")

    def file_mode(self, *, executable: bool) -> int:
        """A file's mode: read (and write) for each level; x for every reader of an
        executable. Setuid, setgid and sticky bits are never set."""
        mode = _READ[self.read] | (0 if self.read_only else _WRITE[self.write])
        return mode | (_READ[self.read] >> 2 if executable else 0)

    def dir_mode(self) -> int:
        """A prefix directory's mode: like an executable's, plus setgid when asked."""
        return self.file_mode(executable=True) | (stat.S_ISGID if self.setgid else 0)


@dataclass(frozen=True)
class StorePermissions:
    """The permissions of every package of one store, and its group (see module doc)."""

    default: Permissions = field(default_factory=Permissions)
    per_package: Mapping[str, Permissions] = field(default_factory=dict)

    def for_package(self, name: str) -> Permissions:
        return self.per_package.get(name, self.default)

    @property
    def shared(self) -> bool:
        """Whether the store has a group: its own directories and files are the group's."""
        return self.default.gid is not None

    @property
    def directory_mode(self) -> int:
        """The mode of the store's own directories (root, database, locks, projection
        levels): the group's members create things in them; never read-only."""
        others = 0o005 if self.default.read == "world" else 0
        return 0o770 | others | (stat.S_ISGID if self.default.setgid else 0)

    @property
    def file_mode(self) -> int | None:
        """The mode of the store's own files (index, locks); None: the umask decides."""
        if not self.shared:
            return None
        return 0o660 | (0o004 if self.default.read == "world" else 0)

    def require_member(self, root: Path) -> None:
        """Raise NotInGroupError unless this user may give files the store's group."""
        gid = self.default.gid
        if gid is None or os.geteuid() == 0:  # root may chown to any group
            return
        if gid == os.getegid() or gid in os.getgroups():
            return
        raise NotInGroupError(root, self.default.group or str(gid))

    @classmethod
    def from_config(cls, config: Configuration) -> StorePermissions:
        """Read ``packages:*:permissions`` and ``config:install_tree``; a bad combination
        or an unknown group is a ConfigError naming the file:line."""
        packages: dict[str, Any] = config.get("packages") or {}
        tree: dict[str, Any] = (config.get("config") or {}).get("install_tree") or {}
        origins = _Origins(config)
        common = (packages.get("all") or {}).get("permissions") or {}
        options = {
            "read_only": bool(tree.get("read_only_after_install", False)),
            "setgid": tree.get("setgid"),
        }
        default = _permissions("all", common, {}, options, origins)
        per_package = {
            name: _permissions(name, entry["permissions"], common, options, origins)
            for name, entry in packages.items()
            if name != "all" and isinstance(entry, Mapping) and entry.get("permissions")
        }
        return cls(default, per_package)


class NotInGroupError(StoreError):
    """A user outside a shared store's group would write into it."""

    def __init__(self, root: Path, group: str) -> None:
        super().__init__(
            f"store {root}: writing needs group {group} (you are not a member)",
            hint=f"ask the store's admin to add you to the group {group} (then log in "
            "again), or set config:install_tree:root to a store of your own",
        )
        self.root = root
        self.group = group


class _Origins:
    """Where each key of ``packages`` was written (computed only for an error)."""

    def __init__(self, config: Configuration) -> None:
        self._config = config

    def where(self, *path: str) -> str:
        merged = self._config.get("packages")
        layers = list(reversed(self._config.layers("packages")))
        found = trace({"packages": merged}, layers).get(("packages", *path))
        if found is None:
            return "packages.yaml"
        layer, key_path = found
        return layer.locate(key_path)[0]


def _permissions(
    name: str,
    own: Mapping[str, Any],
    common: Mapping[str, Any],
    options: Mapping[str, Any],
    origins: _Origins,
) -> Permissions:
    """One package's Permissions: its own keys over ``all``'s, over the defaults."""
    read = own.get("read", common.get("read", "world"))
    write = own.get("write", common.get("write", "user"))
    if LEVELS.index(write) > LEVELS.index(read):
        source = name if "write" in own or "read" in own else "all"
        key = "write" if "write" in (own if source == name else common) else "read"
        raise ConfigError(
            f"packages:{name}:permissions: write: {write} needs read: {write} or wider "
            f"(read is {read}): nobody may write what they cannot read",
            where=origins.where(source, "permissions", key),
            hint=f"set read: {write}{' (or world)' if write == 'group' else ''}, or narrow write",
        )
    group_value = own.get("group", common.get("group"))
    group = None if group_value is None else str(group_value)
    gid = None
    if group is not None:
        source = name if "group" in own else "all"
        gid = _gid(group, origins.where(source, "permissions", "group"), source)
    setgid = options["setgid"]
    return Permissions(
        read=read,
        write=write,
        group=group,
        gid=gid,
        setgid=gid is not None if setgid is None else bool(setgid),
        read_only=options["read_only"],
    )


def _gid(group: str, where: str, package: str) -> int:
    """A group's number: a number as it is, a name looked up."""
    if group.isdigit():
        return int(group)
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise ConfigError(
            f"packages:{package}:permissions:group: no group named '{group}' on this machine",
            where=where,
            hint="use an existing group name, or its number",
        ) from None
