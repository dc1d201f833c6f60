"""Values of the install database: one record, and the parsed index at one moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

#: The version of the index file's layout.
FORMAT = 1
#: Edge types through which an installed spec needs its dependency after it is built.
RUNTIME_TYPES = ("link", "run")


@dataclass(frozen=True)
class InstallRecord:
    """One installed (or external) spec."""

    spec: ConcreteSpec
    prefix: Path
    explicit: bool
    installed_at: str
    external: bool = False

    @property
    def hash(self) -> str:
        return self.spec.hash

    def to_dict(self) -> dict[str, Any]:
        """The record as stored in the index."""
        return {
            "spec": self.spec.to_dict(),
            "prefix": str(self.prefix),
            "explicit": self.explicit,
            "installed_at": self.installed_at,
            "external": self.external,
        }

    def to_json(self) -> dict[str, Any]:
        """A flat node dict for ``find --json``: the node plus where/when/why."""
        return self.spec.to_dict() | {
            "prefix": str(self.prefix),
            "explicit": self.explicit,
            "installed_at": self.installed_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InstallRecord:
        return cls(
            spec=ConcreteSpec.from_dict(data["spec"]),
            prefix=Path(data["prefix"]),
            explicit=bool(data["explicit"]),
            installed_at=str(data["installed_at"]),
            external=bool(data.get("external", False)),
        )


def sort_key(spec: ConcreteSpec) -> tuple[Any, ...]:
    """Name, then newest version first, then hash: the order lists are shown in."""
    return (spec.name, _Descending(spec.version), spec.hash)


@dataclass(frozen=True)
class _Descending:
    value: Any

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)


@dataclass
class Snapshot:
    """The parsed index at one moment; a transaction edits a copy of it."""

    installs: dict[str, InstallRecord] = field(default_factory=dict)
    retained: dict[str, ConcreteSpec] = field(default_factory=dict)

    @cached_property
    def dag(self) -> ConcreteDag:
        """Every installed and retained node, as one DAG (no roots)."""
        nodes = {h: record.spec for h, record in self.installs.items()} | self.retained
        return ConcreteDag((), nodes)

    @cached_property
    def dependents_of(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """dependency hash → [(installed dependent hash, edge types)]."""
        found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for record in self.installs.values():
            for dep in record.spec.dependencies:
                found.setdefault(dep.hash, []).append((record.hash, dep.types))
        return found

    @cached_property
    def provided(self) -> dict[str, set[str]]:
        """node hash → the virtuals it provides to some dependent."""
        found: dict[str, set[str]] = {}
        for node in self.dag.nodes.values():
            for dep in node.dependencies:
                found.setdefault(dep.hash, set()).update(dep.virtuals)
        return found

    def runtime_dependents(self, spec_hash: str) -> list[str]:
        return [
            h
            for h, types in self.dependents_of.get(spec_hash, ())
            if set(types) & set(RUNTIME_TYPES)
        ]

    def copy(self) -> Snapshot:
        return Snapshot(dict(self.installs), dict(self.retained))

    def to_document(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "installs": {h: self.installs[h].to_dict() for h in sorted(self.installs)},
            "retained": {h: self.retained[h].to_dict() for h in sorted(self.retained)},
        }

    def prune_retained(self) -> None:
        """Drop retained nodes that nothing installed (or retained) names any more."""
        while True:
            named = {
                dep.hash
                for node in [*(r.spec for r in self.installs.values()), *self.retained.values()]
                for dep in node.dependencies
            }
            unused = [h for h in self.retained if h not in named]
            if not unused:
                return
            for spec_hash in unused:
                del self.retained[spec_hash]


def describe(spec: ConcreteSpec) -> str:
    """``name@version /hash7``: how one installed spec is named in messages."""
    return f"{spec.name}@{spec.version} /{spec.short_hash}"
