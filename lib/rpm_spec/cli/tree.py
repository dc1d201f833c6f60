"""Render concrete DAGs as the indented trees Spack users know how to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


def concrete_tree(
    dag: ConcreteDag,
    *,
    hashes: bool = False,
    status: Callable[[ConcreteSpec], str] | None = None,
    deptypes: tuple[str, ...] | None = None,
) -> Iterator[str]:
    """One line per node: ``[status] [hash]  indent ^[virtuals=..] name@version...``."""
    for depth, node, edge in dag.traverse(deptypes=deptypes):
        prefix = ""
        if status is not None:
            prefix += f"{status(node)}  "
        if hashes:
            prefix += click.style(node.short_hash, fg="bright_black") + "  "
        marker = ""
        if edge is not None:
            marker = "^"
            if edge.virtuals:
                marker += f"[virtuals={','.join(edge.virtuals)}] "
        name = click.style(f"{node.name}@{node.version}", bold=depth == 0)
        variants = node.format_variants()
        rest = node.format_flags()
        rest += f" %{node.compiler}" if node.compiler else ""
        rest += f" arch={node.platform}-{node.os}-{node.target}"
        if node.external_prefix:
            rest += click.style(f" [external {node.external_prefix}]", fg="cyan")
        yield f"{prefix}{'    ' * depth}{marker}{name}{click.style(variants, fg='blue')}{rest}"
