"""Values of the install database: one record, and the index at one moment.

A :class:`Snapshot` keeps the index as the JSON documents it was read from and
parses a record only when it is asked for. Writers (which read, edit and write the
whole index under the lock) then never pay for re-hashing every spec, so
registering one spec costs the same with ten or ten thousand installed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec, ConcreteSpecError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: The version of the index file's layout.
FORMAT = 1
#: Edge types through which an installed spec needs its dependency after it is built.
RUNTIME_TYPES = ("link", "run")


class IndexFormatError(ValueError):
    """The index document does not have the expected shape (the database says where)."""


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
    def from_dict(cls, data: Mapping[str, Any]) -> InstallRecord:
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


def _edges(node: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    return [(dep["hash"], tuple(dep["types"])) for dep in node.get("dependencies", ())]


class Snapshot:
    """The index: installed records and retained nodes (see the database module doc),
    held as documents and parsed on demand. Editing methods keep it consistent."""

    def __init__(
        self,
        installs: dict[str, dict[str, Any]] | None = None,
        retained: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self._installs = installs or {}
        self._retained = retained or {}
        self._parsed: dict[str, InstallRecord] = {}
        self._parsed_retained: dict[str, ConcreteSpec] = {}
        self._dag: ConcreteDag | None = None
        self._dependents: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None

    @classmethod
    def from_text(cls, text: str) -> Snapshot:
        """Read an index file's text; checks its shape and that every dependency is there,
        but leaves specs unparsed. Raises IndexFormatError or ValueError."""
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            found = document.get("format") if isinstance(document, dict) else None
            raise IndexFormatError(f"unsupported format {found!r}")
        installs, retained = document.get("installs"), document.get("retained", {})
        if not isinstance(installs, dict) or not isinstance(retained, dict):
            raise IndexFormatError("'installs' and 'retained' must be mappings")
        try:
            nodes = {h: data["spec"] for h, data in installs.items()} | retained
            for spec_hash, node in nodes.items():
                for dep in node.get("dependencies", ()):
                    if dep["hash"] not in nodes:
                        raise IndexFormatError(
                            f"{node['name']}/{spec_hash[:7]} names a dependency "
                            f"{dep['name']}/{dep['hash'][:7]} that is not in the index"
                        )
        except (KeyError, TypeError, AttributeError) as error:
            raise IndexFormatError(f"missing or bad {error}") from None
        return cls(installs, retained)

    def to_text(self) -> str:
        """The index file: one record per line, so that diffs of it stay readable."""

        encode = json.JSONEncoder(sort_keys=True).encode  # one encoder: ~2x faster

        def block(items: dict[str, dict[str, Any]]) -> str:
            lines = [f'  "{h}": {encode(items[h])}' for h in sorted(items)]
            return "{\n" + ",\n".join(lines) + "\n }" if lines else "{}"

        return (
            f'{{"format": {FORMAT},\n "installs": {block(self._installs)},\n'
            f' "retained": {block(self._retained)}}}\n'
        )

    def copy(self) -> Snapshot:
        return Snapshot(dict(self._installs), dict(self._retained))

    # -- reading --------------------------------------------------------------------

    def __contains__(self, spec_hash: str) -> bool:
        return spec_hash in self._installs

    def __getitem__(self, spec_hash: str) -> InstallRecord:
        found = self.get(spec_hash)
        if found is None:
            raise KeyError(spec_hash)
        return found

    def hashes(self) -> list[str]:
        return list(self._installs)

    def is_retained(self, spec_hash: str) -> bool:
        return spec_hash in self._retained

    def get(self, spec_hash: str) -> InstallRecord | None:
        """The record of ``spec_hash`` (parsed now); ConcreteSpecError if it is damaged."""
        found = self._parsed.get(spec_hash)
        if found is None and spec_hash in self._installs:
            try:
                found = InstallRecord.from_dict(self._installs[spec_hash])
            except (KeyError, TypeError, AttributeError, ValueError) as error:
                raise ConcreteSpecError(f"malformed record {spec_hash}: {error}") from None
            if found.hash != spec_hash:
                raise ConcreteSpecError(f"record keyed {spec_hash} holds {found.hash}")
            self._parsed[spec_hash] = found
        return found

    @property
    def installs(self) -> dict[str, InstallRecord]:
        """Every record, parsed."""
        return {h: record for h in self._installs if (record := self.get(h)) is not None}

    @property
    def retained(self) -> dict[str, ConcreteSpec]:
        """Every retained node, parsed."""
        for spec_hash, data in self._retained.items():
            if spec_hash not in self._parsed_retained:
                self._parsed_retained[spec_hash] = ConcreteSpec.from_dict(data)
        return dict(self._parsed_retained)

    @property
    def dag(self) -> ConcreteDag:
        """Every installed and retained node, as one DAG (no roots)."""
        if self._dag is None:
            nodes = {h: record.spec for h, record in self.installs.items()} | self.retained
            self._dag = ConcreteDag((), nodes)
        return self._dag

    def dependents_of(self, spec_hash: str) -> list[tuple[str, tuple[str, ...]]]:
        """[(installed dependent hash, edge types)] of ``spec_hash``."""
        if self._dependents is None:
            self._dependents = {}
            for dependent, data in self._installs.items():
                for dep_hash, types in _edges(data["spec"]):
                    self._dependents.setdefault(dep_hash, []).append((dependent, types))
        return self._dependents.get(spec_hash, [])

    def runtime_dependents(self, spec_hash: str) -> list[str]:
        """Installed specs that link to or run ``spec_hash``."""
        return [h for h, types in self.dependents_of(spec_hash) if set(types) & set(RUNTIME_TYPES)]

    def provided(self, spec_hash: str) -> set[str]:
        """The virtuals ``spec_hash`` provides to some dependent."""
        return {
            virtual
            for node in self.dag.nodes.values()
            for dep in node.dependencies
            if dep.hash == spec_hash
            for virtual in dep.virtuals
        }

    # -- editing ----------------------------------------------------------------------

    def put(self, record: InstallRecord) -> None:
        """Register (or replace) ``record``; a retained node of that hash is installed now."""
        self._installs[record.hash] = record.to_dict()
        self._retained.pop(record.hash, None)
        self._parsed_retained.pop(record.hash, None)
        self._changed()
        self._parsed[record.hash] = record

    def retain(self, spec: ConcreteSpec) -> None:
        """Keep the node of a dependency installed elsewhere (an upstream): a local record
        may name it. Its own dependencies must be installed or retained too."""
        if spec.hash not in self._installs and spec.hash not in self._retained:
            self._retained[spec.hash] = spec.to_dict()
            self._changed()

    def set_explicit(self, spec_hash: str, explicit: bool) -> InstallRecord:
        record = self.get(spec_hash)
        assert record is not None
        record = InstallRecord(
            record.spec, record.prefix, explicit, record.installed_at, record.external
        )
        self._installs[spec_hash] = dict(self._installs[spec_hash], explicit=explicit)
        self._parsed[spec_hash] = record
        return record

    def retire(self, spec_hash: str) -> dict[str, Any]:
        """Unregister ``spec_hash``; its node stays retained while something names it."""
        data = self._installs.pop(spec_hash)
        self._parsed.pop(spec_hash, None)
        self._retained[spec_hash] = data["spec"]
        self.prune_retained()
        return data

    def replace(self, records: Iterable[InstallRecord], retained: Iterable[ConcreteSpec]) -> None:
        """Replace the whole contents (reindex)."""
        self._installs, self._retained, self._parsed = {}, {}, {}
        self._parsed_retained = {}
        for record in records:
            self.put(record)
        for spec in retained:
            self._retained[spec.hash] = spec.to_dict()
        self.prune_retained()

    def prune_retained(self) -> None:
        """Drop retained nodes that nothing installed (or retained) names any more."""
        while True:
            named = {
                dep_hash
                for node in [
                    *(d["spec"] for d in self._installs.values()),
                    *self._retained.values(),
                ]
                for dep_hash, _ in _edges(node)
            }
            unused = [h for h in self._retained if h not in named]
            for spec_hash in unused:
                del self._retained[spec_hash]
                self._parsed_retained.pop(spec_hash, None)
            self._changed()
            if not unused:
                return

    def chained(self, lower: Snapshot) -> Snapshot:
        """This index over ``lower`` (an upstream's): a hash installed in both is this one's;
        a node retained here but installed below is installed (read-only view)."""
        installs = lower._installs | self._installs
        retained = {
            h: node for h, node in (lower._retained | self._retained).items() if h not in installs
        }
        return Snapshot(installs, retained)

    def _changed(self) -> None:
        self._dag = None
        self._dependents = None
