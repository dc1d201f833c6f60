"""``rpm-spec.lock``: the concrete side of an environment, enough to rebuild it anywhere.

A versioned JSON document::

    {"_meta": {"file-type": "rpm-spec-lock", "lockfile-version": 1},
     "roots": ["hdf5+mpi", ...],                 # the manifest's specs when solved
     "platforms": {"linux-debian12-zen3": {
         "platform": "linux", "os": "debian12", "target": "zen3",
         "roots": [{"spec": "hdf5+mpi", "hash": "..."}],
         "inputs": {"manifest": "...", "config": {"packages": "...", ...}},
         "nodes": {hash: node}}},                # the concretizer's node format
     "repos": {"builtin": {"path": "...", "commit": "..."}},
     "recipes": {"builtin.hdf5": {"hash": "...", "files": {"package.py": "..."}}}}

Several platforms may live in one lock; each section is solved and refreshed on its
own, and keeps digests of the manifest and configuration it was solved from. The
recipes' sources are stored too, so another site rebuilds the same hashes even where
its repository has moved on (:mod:`rpm_spec.environment.pinned_recipes`). Written
atomically; writers merge their sections into the file under its lock
(``Environment.write_lock``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.environment.errors import LockfileError
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpecError
from rpm_spec.util.fs import atomic_write

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.solver.change_groups import ChangeGroup

LOCK_NAME = "rpm-spec.lock"
FILE_TYPE = "rpm-spec-lock"
#: The format this code writes; older versions it can still read are listed in _READABLE.
VERSION = 1
_READABLE = {1}
#: How to get past a damaged lock, in every message about one.
_RECOVER = (
    "restore it from version control or a backup; or move it aside and run "
    "'rpm-spec concretize' to solve the environment's manifest again"
)


class _MissingLockError(LockfileError):
    """There is no lock file at the path."""


@dataclass
class PlatformSection:
    """One platform's solution: the roots (spec text → hash) and their DAG."""

    platform: str
    os: str
    target: str
    roots: list[tuple[str, str]]
    dag: ConcreteDag
    notes: list[str] = field(default_factory=list)
    #: Digests of what it was solved from (see :mod:`rpm_spec.environment.lock_inputs`).
    inputs: dict[str, Any] = field(default_factory=dict)
    #: For a section retargeted from another (``--closest-to``/``--site``): the reference
    #: section's key, the site description it was solved for, and the grouped changes
    #: with their causes (what ``env diff`` shows); see :func:`retarget_record`.
    retarget: dict[str, Any] = field(default_factory=dict)
    #: For a section solved with ``--site DIR``: that site description (path, host, digest).
    site: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.platform}-{self.os}-{self.target}"

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "os": self.os,
            "target": self.target,
            "roots": [{"spec": text, "hash": h} for text, h in self.roots],
            "notes": list(self.notes),
            **({"inputs": self.inputs} if self.inputs else {}),
            **({"retarget": self.retarget} if self.retarget else {}),
            **({"site": self.site} if self.site else {}),
            "nodes": self.dag.to_dict()["nodes"],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlatformSection:
        roots = [(str(r["spec"]), str(r["hash"])) for r in data["roots"]]
        dag = ConcreteDag.from_dict(
            {
                "roots": sorted({h for _, h in roots}, key=[h for _, h in roots].index),
                "nodes": data["nodes"],
            }
        )
        inputs = data.get("inputs")
        retarget = data.get("retarget")
        site = data.get("site")
        return cls(
            data["platform"],
            data["os"],
            data["target"],
            roots,
            dag,
            list(data.get("notes", [])),
            dict(inputs) if isinstance(inputs, dict) else {},
            dict(retarget) if isinstance(retarget, dict) else {},
            dict(site) if isinstance(site, dict) else {},
        )


def retarget_record(reference: str, headline: str, groups: list[ChangeGroup]) -> dict[str, Any]:
    """What a retargeted section keeps about how it was made (``retarget`` in its JSON)."""
    return {
        "from": reference,
        "headline": headline,
        "groups": [group.to_dict() for group in groups],
    }


@dataclass
class Lockfile:
    """Every platform section of an environment, plus the recipes they were solved with."""

    roots: list[str] = field(default_factory=list)
    platforms: dict[str, PlatformSection] = field(default_factory=dict)
    repos: dict[str, dict[str, str]] = field(default_factory=dict)
    recipes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def section(self, name: str) -> PlatformSection | None:
        """A section by its full key (``linux-debian12-zen3``) or by target (``zen3``)."""
        if name in self.platforms:
            return self.platforms[name]
        matches = [s for s in self.platforms.values() if s.target == name]
        return matches[0] if len(matches) == 1 else None

    def to_json(self) -> dict[str, Any]:
        return {
            "_meta": {"file-type": FILE_TYPE, "lockfile-version": VERSION},
            "roots": list(self.roots),
            "platforms": {k: self.platforms[k].to_json() for k in sorted(self.platforms)},
            "repos": self.repos,
            "recipes": {k: self.recipes[k] for k in sorted(self.recipes)},
        }

    def write(self, path: Path) -> None:
        atomic_write(path, json.dumps(self.to_json(), indent=1, sort_keys=False) + "\n")

    @classmethod
    def read_or_empty(cls, path: Path) -> Lockfile:
        """The lock at ``path``; an empty one when there is no file (yet)."""
        try:
            return cls.read(path)
        except _MissingLockError:
            return cls()

    @classmethod
    def read(cls, path: Path) -> Lockfile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise _MissingLockError(f"{path}: no such lockfile") from None
        except (OSError, ValueError) as error:
            raise LockfileError(
                f"{path}: not a readable JSON lockfile ({error})", hint=_RECOVER
            ) from None
        meta = data.get("_meta") if isinstance(data, dict) else None
        if not isinstance(meta, dict) or meta.get("file-type") != FILE_TYPE:
            raise LockfileError(
                f"{path}: not an rpm-spec lockfile (no _meta.file-type)", hint=_RECOVER
            )
        version = meta.get("lockfile-version")
        if version not in _READABLE:
            newer = isinstance(version, int) and version > VERSION
            raise LockfileError(
                f"{path}: lockfile format version {version} is not supported "
                f"(this rpm-spec reads {', '.join(map(str, sorted(_READABLE)))})",
                hint="update rpm-spec to read it" if newer else "re-create the environment",
            )
        try:
            return cls(
                roots=[str(r) for r in data.get("roots", [])],
                platforms={
                    key: PlatformSection.from_json(section)
                    for key, section in data.get("platforms", {}).items()
                },
                repos=dict(data.get("repos", {})),
                recipes=dict(data.get("recipes", {})),
            )
        except (AttributeError, KeyError, TypeError, ValueError, ConcreteSpecError) as error:
            raise LockfileError(f"{path}: malformed lockfile: {error}", hint=_RECOVER) from None
