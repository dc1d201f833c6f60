"""Changes from a reference DAG grouped by cause, before anyone asks why.

A move to another site changes every node's compiler the same way: that is one
group (one question to the solver, one entry in the report), not 78. A node that
leaves the DAG because its parent dropped the variant that pulled it in joins the
parent's group; a node that became an external joins its version change. Each group
carries the forcings (constraints that would have kept its reference attribute) that
:mod:`rpm_spec.solver.retarget_explain` asks about, most telling first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.spec.dag_diff import Change, diff_dags

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteDag


@dataclass(frozen=True)
class Cause:
    """The single deciding constraint of a group, where it is written, and the rest."""

    text: str
    file: str = ""
    line: int | None = None
    #: The other constraints involved (shown on request: ``--verbose``).
    details: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """``builtin/packages/py-torch/package.py:219`` (empty when it is not in a file)."""
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "file": self.file, "line": self.line}

    @classmethod
    def from_dict(cls, data: dict[str, Any], details: list[Any]) -> Cause:
        line = data.get("line")
        return cls(
            str(data["text"]),
            str(data.get("file") or ""),
            int(line) if isinstance(line, int) else None,
            tuple(str(d) for d in details),
        )


@dataclass
class ChangeGroup:
    """Changes that share a cause: one question to the solver, one report entry."""

    kind: str
    changes: list[Change]
    #: (package, constraint) pairs that would have kept the reference, asked in order.
    forcings: list[tuple[str, str]] = field(default_factory=list)
    cause: Cause | None = None

    @property
    def nodes(self) -> list[str]:
        return sorted({c.node for c in self.changes})

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``--json`` and of a retargeted lock section: each change (node,
        attribute, old, new) and the cause with its file and line."""
        return {
            "kind": self.kind,
            "nodes": self.nodes,
            "changes": [
                {
                    "node": c.node,
                    "attribute": c.kind,
                    "old": c.before,
                    "new": c.after,
                    **({"detail": c.detail} if c.detail else {}),
                }
                for c in self.changes
            ],
            "cause": self.cause.to_dict() if self.cause else None,
            "details": list(self.cause.details) if self.cause else [],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChangeGroup:
        changes = [
            Change(
                str(c["node"]),
                str(c["attribute"]),
                str(c["old"]),
                str(c["new"]),
                str(c.get("detail", "")),
            )
            for c in data["changes"]
        ]
        cause = data.get("cause")
        found = Cause.from_dict(cause, list(data.get("details", []))) if cause else None
        return cls(str(data["kind"]), changes, cause=found)

    @property
    def lead(self) -> Change:
        """The change the group is named after (its first, before any joined ones)."""
        return self.changes[0]


def forcing_of(change: Change) -> tuple[str, str] | None:
    """The (package, constraint) that would have kept the reference's attribute."""
    if change.kind == "version":
        return change.node, f"@={change.before}"
    if change.kind == "variant" and not change.before.endswith("(absent)"):
        return change.node, change.before
    if change.kind == "provider":
        return change.detail, change.before
    if change.kind == "compiler" and change.after != "None":
        return change.node, f"%{change.before.replace('@', '@=', 1)}"
    return None


def group_changes(
    reference: ConcreteDag, result: ConcreteDag, changes: list[Change]
) -> list[ChangeGroup]:
    """Group ``changes`` (reference → result) by the cause they must share."""
    groups: dict[tuple[str, ...], ChangeGroup] = {}
    ref_nodes = {node.name: node for node in reference.nodes.values()}
    new_nodes = {node.name: node for node in result.nodes.values()}
    joined: list[Change] = []
    for change in changes:
        if change.kind == "compiler" and change.after != "None":
            key: tuple[str, ...] = ("compiler", change.before, change.after)
        elif change.kind in ("version", "provider"):
            key = (change.kind, change.node)
        elif change.kind == "variant":
            key = ("variant", change.node, change.detail)
        else:
            joined.append(change)  # removed, added, compiler of a now-external node
            continue
        group = groups.setdefault(key, ChangeGroup(change.kind, []))
        group.changes.append(change)
        forcing = forcing_of(change)
        if forcing is not None and not group.forcings:
            group.forcings.append(forcing)
    for change in joined:
        home = _home(change, groups, set(new_nodes), reference, result)
        if home is None:
            home = groups.setdefault((change.kind, change.node), ChangeGroup(change.kind, []))
        home.changes.append(change)
        ref_node = ref_nodes.get(change.node)
        if change.kind == "removed" and ref_node is not None:
            # Asked first: why the node could not stay as it was names the clash, where
            # keeping the parent's variant alone may only be a trade-off.
            home.forcings.insert(0, (change.node, f"@={ref_node.version}"))
    return sorted(groups.values(), key=_order)


def _home(
    change: Change,
    groups: dict[tuple[str, ...], ChangeGroup],
    new_nodes: set[str],
    reference: ConcreteDag,
    result: ConcreteDag,
) -> ChangeGroup | None:
    """The group a removed/added node or an external's lost compiler belongs to."""
    if change.kind == "compiler":  # the node is an external now: its version says why
        return groups.get(("version", change.node))
    if change.kind == "added":  # pulled in by a parent's change (a new version's deps)
        for parent in result.nodes.values():
            if any(dep.name == change.node for dep in parent.dependencies):
                keys: list[tuple[str, ...]] = [("version", parent.name), ("provider", change.node)]
                for key in keys:
                    if key in groups:
                        return groups[key]
        return None
    if change.kind == "removed":
        for parent in reference.nodes.values():
            if parent.name not in new_nodes:
                continue
            if not any(dep.name == change.node for dep in parent.dependencies):
                continue
            for key, group in groups.items():
                if key[0] == "variant" and key[1] == parent.name:
                    return group
            found = groups.get(("version", parent.name))
            if found is not None:
                return found
    return None


_KIND_ORDER = {"version": 0, "provider": 1, "variant": 2, "removed": 3, "added": 4}


def _order(group: ChangeGroup) -> tuple[int, int, str]:
    """Narrow, telling changes first; a change shared by many nodes (a compiler) last."""
    return (len(group.nodes), _KIND_ORDER.get(group.kind, 5), group.lead.node)


def merge_groups(groups: list[ChangeGroup]) -> list[ChangeGroup]:
    """Groups of several solves (``unify: false``: one per root) as one list: groups of
    one kind and lead change become one, each change listed once."""
    merged: dict[tuple[str, ...], ChangeGroup] = {}
    for group in groups:
        lead = group.lead
        key: tuple[str, ...] = (group.kind, lead.before, lead.after)
        if group.kind != "compiler":
            key += (lead.node, lead.detail)
        found = merged.get(key)
        if found is None:
            merged[key] = ChangeGroup(group.kind, list(group.changes), group.forcings, group.cause)
            continue
        found.changes += [c for c in group.changes if c not in found.changes]
    return sorted(merged.values(), key=_order)


def headline(nodes: int, changes: list[Change]) -> str:
    """'80 nodes: 2 versions changed, 1 variant dropped, compiler changed on 78, ...'."""
    counts: Counter[str] = Counter()
    compiler_nodes = set()
    for change in changes:
        if change.kind == "compiler":
            if change.after != "None":  # an external now: its version change says it
                compiler_nodes.add(change.node)
        elif change.kind == "variant":
            if change.after.endswith("(absent)"):
                counts["variant dropped"] += 1
            elif change.before.endswith("(absent)"):
                counts["variant added"] += 1
            else:
                counts["variant changed"] += 1
        elif change.kind in ("version", "provider"):
            counts[f"{change.kind} changed"] += 1
        elif change.kind in ("removed", "added"):
            counts[f"node {change.kind}"] += 1
    parts = []
    for label in (
        "version changed",
        "provider changed",
        "variant changed",
        "variant dropped",
        "variant added",
        "node removed",
        "node added",
    ):
        if counts[label]:
            noun, verb = label.split(" ")
            plural = noun if counts[label] == 1 else f"{noun}s"
            parts.append(f"{counts[label]} {plural} {verb}")
    if compiler_nodes:
        parts.append(f"compiler changed on {len(compiler_nodes)}")
    parts.append("everything else kept" if parts else "everything kept")
    return f"{nodes} nodes: " + ", ".join(parts)


def recorded_groups(
    before: ConcreteDag, after: ConcreteDag, recorded: dict[str, Any]
) -> tuple[str, list[ChangeGroup]]:
    """The headline and groups of ``before`` → ``after``: as recorded when ``after`` was
    retargeted from ``before`` (with their causes), else grouped now (without)."""
    changes = diff_dags(before, after)
    groups = None
    try:
        groups = [ChangeGroup.from_dict(g) for g in recorded.get("groups", [])]
    except (KeyError, TypeError, ValueError):
        groups = None
    if groups is None or sorted(map(str, changes)) != sorted(
        str(c) for g in groups for c in g.changes
    ):
        groups = group_changes(before, after, changes)
    return headline(len(after.nodes), changes), groups
