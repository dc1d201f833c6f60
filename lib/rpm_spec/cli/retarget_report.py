"""The grouped report of a retargeting, as text (100 columns) and as JSON.

``concretize --closest-to`` and ``env diff`` print the same entries: a headline saying
what stayed, then one entry per cause listing its nodes, the deciding constraint first
and (with ``--verbose``) the rest. ``--json`` serializes the same groups.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rpm_spec.solver.change_groups import ChangeGroup
    from rpm_spec.spec.dag_diff import Change

WIDTH = 100
_NODES_SHOWN = 6


def change_text(change: Change, *, short: bool = False) -> str:
    """One change in words (a node that became an external says so); ``short`` for a
    change listed beside its group's lead."""
    if change.kind == "compiler" and change.after == "None":
        return "an external now" if short else f"{change.node}: an external now"
    if short and change.kind == "removed":
        return f"{change.node} removed"
    return str(change)


def group_title(group: ChangeGroup, *, verbose: bool, room: int = WIDTH) -> str:
    """'compiler gcc@12.2.0 → gcc@11.4.1 on 78 nodes: a, b, ... (+72)' (within ``room``
    columns unless ``verbose``), or the group's changes."""
    lead = group.lead
    if group.kind == "compiler" and len(group.changes) > 1:
        nodes = group.nodes
        title = f"compiler {lead.before} → {lead.after} on {len(nodes)} nodes"
        if verbose:
            return f"{title}: {', '.join(nodes)}"
        for shown in range(len(nodes), 0, -1):
            more = len(nodes) - shown
            text = f"{title}: {', '.join(nodes[:shown])}" + (f", ... (+{more})" if more else "")
            if len(text) <= room:
                return text
        return title
    first, *rest = group.changes
    same = [c for c in rest if c.node == first.node]
    texts = [change_text(first)] + [change_text(c, short=c in same or not verbose) for c in rest]
    return "; ".join(texts)


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def report_lines(headline: str, groups: list[ChangeGroup], *, verbose: bool) -> list[str]:
    """The report: the headline, then one entry per cause: what changed on which nodes
    with where the deciding constraint is written, then that constraint (and, with
    ``verbose``, every other constraint involved)."""
    lines = _wrapped(f"==> {headline}", "")
    for group in groups:
        cause = group.cause
        where = f"  [{cause.where}]" if cause is not None and cause.where else ""
        title = "  " + group_title(group, verbose=verbose, room=WIDTH - 2 - len(where))
        if len(title) + len(where) <= WIDTH:
            lines.append(title + where)
            where = ""
        else:
            lines += _wrapped(title, "  ")
        if cause is None:
            continue
        lines += _wrapped(cause.text + where, "    ")
        if verbose:
            for detail in cause.details:
                lines += _wrapped(f"- {detail}", "      ")
    return lines


def groups_json(groups: list[ChangeGroup]) -> list[dict[str, Any]]:
    """The entries as JSON: per group its nodes, cause and details, and each change
    (node, attribute, old, new) with that cause (text, file, line) beside it."""
    entries = []
    for group in groups:
        entry = group.to_dict()
        entry["changes"] = [{**change, "cause": entry["cause"]} for change in entry["changes"]]
        entries.append(entry)
    return entries
