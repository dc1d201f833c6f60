"""Whether a registered prefix still holds what the database says it holds.

A record in the database is a promise: its prefix exists and was completely
installed from that very spec. Someone may break the promise behind our back
(``rm -rf`` of a prefix, a disk that lost files, a copy that kept the database
but not the tree). A prefix is

- *missing* when its directory is gone;
- *damaged* when its ``.rpm-spec/spec.json`` is missing, unreadable or names
  another spec (its root node does not hash to the record's hash), or its
  completion marker is gone;
- *intact* otherwise.

Only cheap checks: one ``stat``, one small JSON file, one node hashed. Nothing
here reads the installed files themselves. Externals are not ours to check:
they are always intact.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.spec.concrete import ConcreteSpec
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.store.provenance import COMPLETE_MARKER, SPEC_FILE

if TYPE_CHECKING:
    from rpm_spec.store.records import InstallRecord


class PrefixState(enum.Enum):
    """What a registered prefix looks like on disk."""

    INTACT = "intact"
    MISSING = "missing"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class PrefixCheck:
    """The state of one record's prefix, and why (empty when intact)."""

    state: PrefixState
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.state is PrefixState.INTACT


INTACT = PrefixCheck(PrefixState.INTACT)


def check_prefix(record: InstallRecord) -> PrefixCheck:
    """The state of ``record``'s prefix (see the module doc)."""
    if record.external:
        return INTACT
    prefix = record.prefix
    if not prefix.is_dir():
        return PrefixCheck(PrefixState.MISSING, f"{prefix} does not exist")
    metadata = prefix / METADATA_DIR
    spec_file = metadata / SPEC_FILE
    try:
        document = json.loads(spec_file.read_bytes())
    except FileNotFoundError:
        return PrefixCheck(PrefixState.DAMAGED, f"{spec_file} is missing")
    except (OSError, ValueError) as error:
        return PrefixCheck(PrefixState.DAMAGED, f"{spec_file} is unreadable ({error})")
    problem = _spec_problem(document, record.hash)
    if problem:
        return PrefixCheck(PrefixState.DAMAGED, f"{spec_file} {problem}")
    if not (metadata / COMPLETE_MARKER).is_file():
        return PrefixCheck(PrefixState.DAMAGED, f"{metadata / COMPLETE_MARKER} is missing")
    return INTACT


def _spec_problem(document: object, spec_hash: str) -> str:
    """Why ``spec.json``'s content is not the spec ``spec_hash`` ('' when it is)."""
    if not isinstance(document, dict):
        return "is not a spec document"
    roots = document.get("roots")
    nodes = document.get("nodes")
    if not isinstance(roots, list) or not isinstance(nodes, dict) or not roots:
        return "is not a spec document"
    if roots[0] != spec_hash or spec_hash not in nodes:
        return f"holds another spec ({str(roots[0])[:7]}, expected {spec_hash[:7]})"
    try:
        node = ConcreteSpec.from_dict(nodes[spec_hash])
    except Exception:  # whatever is wrong with the node, the prefix is not that spec
        return "holds a spec that does not match its hash"
    if node.hash != spec_hash:
        return "holds a spec that does not match its hash"
    return ""
