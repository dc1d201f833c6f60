"""``satisfies``, ``intersects`` and ``constrain`` on abstract specs: one meaning each.

A concrete spec *matches* an abstract one when it meets every constraint in it.

- ``a.satisfies(b)``: every concrete spec matching ``a`` matches ``b``. Without recipes
  some questions have no answer here (does openmpi@5 provide mpi@3?); then the answer
  is False, so True is always safe to act on.
- ``a.intersects(b)``: some concrete spec could match both. Where recipes would be
  needed to tell (is ``build_type`` single-valued?) the answer is True, so False is
  always safe to act on.
- ``a.constrain(b)``: a new spec with the constraints of both, which satisfies ``a``
  and ``b``; it raises :class:`UnsatisfiableSpecError` exactly when ``a.intersects(b)``
  is False, naming the first attribute that clashes.

Per attribute (``b`` is the constraint being tested or added):

- name, namespace, platform, os: equal text, or ``b`` leaves it open;
- versions: set algebra of :class:`VersionConstraint`;
- variants: see :mod:`rpm_spec.spec.variant` (value sets accumulate, booleans exclude);
- compiler: the same name, and the versions as above;
- target: the sets of microarchitectures of :mod:`rpm_spec.spec.target_range`;
- compiler flags: the flags of a kind a build must include, in order: ``b``'s must be a
  subsequence of ``a``'s; combining keeps the longer one when it contains the other,
  else ``a``'s followed by ``b``'s; flags never clash; as with variants, a kind ``b``
  propagates (``cflags==-g``) is met only by an ``a`` that propagates it too;
- hash: ``/abc`` matches every hash starting with ``abc``;
- dependencies: each ``^dep`` of ``b`` is met by a ``^dep`` of ``a`` with the same name,
  or, when ``b``'s dep is a virtual with no version or namespace, by one whose edge
  says it provides that virtual; the edge's virtuals and deptypes must include ``b``'s.
  For ``intersects`` and ``constrain``, dependencies pair up by name.

This module sees ``AbstractSpec`` only through its attributes, ``copy()`` and
``dataclasses.replace``, so ``abstract`` can import it without a cycle.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rpm_spec.spec.errors import UnsatisfiableSpecError
from rpm_spec.spec.target_range import target_intersection, target_satisfies

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.spec.abstract import AbstractSpec, DependencyEdge


def satisfies(mine: AbstractSpec, theirs: AbstractSpec) -> bool:
    """Whether every concrete spec matching ``mine`` matches ``theirs``."""
    return _node_satisfies(mine, theirs, check_name=True) and all(
        any(_edge_satisfies(have, want) for have in mine.dependencies)
        for want in theirs.dependencies
    )


def intersects(mine: AbstractSpec, theirs: AbstractSpec) -> bool:
    """Whether some concrete spec could match both."""
    if not _node_intersects(mine, theirs):
        return False
    edges = {edge.name: edge for edge in theirs.dependencies}
    return all(
        intersects(edge.spec, edges[edge.name].spec)
        for edge in mine.dependencies
        if edge.name in edges
    )


def constrain(mine: AbstractSpec, theirs: AbstractSpec) -> AbstractSpec:
    """A new spec holding the constraints of both; neither input changes."""
    result = mine.copy()
    _constrain_node(result, theirs)
    for edge in theirs.dependencies:
        merge_edge(result, edge)
    return result


def merge_edge(spec: AbstractSpec, edge: DependencyEdge) -> None:
    """Add a copy of ``edge`` to ``spec`` in place, merged with the edge of the same name.

    ``spec`` is unchanged when the merge raises :class:`UnsatisfiableSpecError`.
    """
    for index, existing in enumerate(spec.dependencies):
        if existing.name == edge.name:
            merged = existing.spec.copy()
            _constrain_node(merged, edge.spec)
            spec.dependencies[index] = dataclasses.replace(
                existing,
                spec=merged,
                virtuals=existing.virtuals + edge.virtuals,
                deptypes=existing.deptypes + edge.deptypes,
            )
            return
    spec.dependencies.append(dataclasses.replace(edge, spec=edge.spec.copy()))


def _is_subsequence(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    remaining = iter(haystack)
    return all(item in remaining for item in needle)


def _prefix_compatible(mine: str | None, theirs: str | None) -> bool:
    return mine is None or theirs is None or mine.startswith(theirs) or theirs.startswith(mine)


def _node_satisfies(mine: AbstractSpec, theirs: AbstractSpec, *, check_name: bool) -> bool:
    if check_name and theirs.name is not None and mine.name != theirs.name:
        return False
    if theirs.namespace is not None and mine.namespace != theirs.namespace:
        return False
    if not mine.versions.satisfies(theirs.versions):
        return False
    for name, wanted in theirs.variants.items():
        have = mine.variants.get(name)
        if have is None or not have.satisfies(wanted):
            return False
    if theirs.compiler is not None and (
        mine.compiler is None or not mine.compiler.satisfies(theirs.compiler)
    ):
        return False
    if theirs.platform is not None and mine.platform != theirs.platform:
        return False
    if theirs.os is not None and mine.os != theirs.os:
        return False
    if theirs.target is not None and (
        mine.target is None or not target_satisfies(mine.target, theirs.target)
    ):
        return False
    for kind, flags in theirs.compiler_flags.items():
        if not _is_subsequence(flags, mine.compiler_flags.get(kind, ())):
            return False
    if not theirs.propagated_flags <= mine.propagated_flags:
        return False
    return theirs.abstract_hash is None or (
        mine.abstract_hash is not None and mine.abstract_hash.startswith(theirs.abstract_hash)
    )


def _edge_satisfies(have: DependencyEdge, want: DependencyEdge) -> bool:
    if not (set(want.virtuals) <= set(have.virtuals) and set(want.deptypes) <= set(have.deptypes)):
        return False
    if have.name == want.name:
        return satisfies(have.spec, want.spec)
    provides = (
        want.name in have.virtuals and want.spec.namespace is None and want.spec.versions.is_any
    )
    return provides and _node_satisfies(have.spec, want.spec, check_name=False)


def _node_intersects(mine: AbstractSpec, theirs: AbstractSpec) -> bool:
    for one, other in (
        (mine.name, theirs.name),
        (mine.namespace, theirs.namespace),
        (mine.platform, theirs.platform),
        (mine.os, theirs.os),
    ):
        if one is not None and other is not None and one != other:
            return False
    if not mine.versions.intersects(theirs.versions):
        return False
    for name, wanted in theirs.variants.items():
        have = mine.variants.get(name)
        if have is not None and not have.intersects(wanted):
            return False
    if (
        mine.compiler is not None
        and theirs.compiler is not None
        and not mine.compiler.intersects(theirs.compiler)
    ):
        return False
    if (
        mine.target is not None
        and theirs.target is not None
        and target_intersection(mine.target, theirs.target) is None
    ):
        return False
    return _prefix_compatible(mine.abstract_hash, theirs.abstract_hash)


def _merged_text(
    node: AbstractSpec, attribute: str, mine: str | None, theirs: str | None
) -> str | None:
    """One of two ``key=value`` texts that must be equal when both are given."""
    if mine is None or theirs is None or mine == theirs:
        return theirs if mine is None else mine
    raise UnsatisfiableSpecError(
        node.name, attribute, f"{attribute}={mine}", f"{attribute}={theirs}"
    )


def _merged_flags(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    if _is_subsequence(theirs, mine):
        return mine
    if _is_subsequence(mine, theirs):
        return theirs
    return mine + theirs


def _constrain_node(node: AbstractSpec, other: AbstractSpec) -> None:
    """Add ``other``'s node constraints (not its dependencies) to ``node`` in place."""
    if other.name is not None:
        if node.name is not None and node.name != other.name:
            raise UnsatisfiableSpecError(None, "name", node.name, other.name)
        node.name = other.name
    if other.namespace is not None:
        if node.namespace is not None and node.namespace != other.namespace:
            raise UnsatisfiableSpecError(
                None, "namespace", f"{node.fullname}", f"{other.namespace}.{node.name}"
            )
        node.namespace = other.namespace
    versions = node.versions.intersection(other.versions)
    if versions.is_empty:
        raise UnsatisfiableSpecError(
            node.name, "version", f"@{node.versions}", f"@{other.versions}"
        )
    node.versions = versions
    for name, wanted in other.variants.items():
        have = node.variants.get(name)
        both = wanted if have is None else have.combined(wanted)
        if both is None:
            raise UnsatisfiableSpecError(node.name, f"variant '{name}'", str(have), str(wanted))
        node.variants[name] = both
    if other.compiler is not None:
        compiler = (
            other.compiler if node.compiler is None else node.compiler.combined(other.compiler)
        )
        if compiler is None:
            raise UnsatisfiableSpecError(
                node.name, "compiler", str(node.compiler), str(other.compiler)
            )
        node.compiler = compiler
    node.platform = _merged_text(node, "platform", node.platform, other.platform)
    node.os = _merged_text(node, "os", node.os, other.os)
    if other.target is not None:
        target = (
            other.target if node.target is None else target_intersection(node.target, other.target)
        )
        if target is None:
            raise UnsatisfiableSpecError(
                node.name, "target", f"target={node.target}", f"target={other.target}"
            )
        node.target = target
    for kind, flags in other.compiler_flags.items():
        node.compiler_flags[kind] = _merged_flags(node.compiler_flags.get(kind, ()), flags)
    node.propagated_flags = node.propagated_flags | other.propagated_flags
    if not _prefix_compatible(node.abstract_hash, other.abstract_hash):
        raise UnsatisfiableSpecError(
            node.name, "hash", f"/{node.abstract_hash}", f"/{other.abstract_hash}"
        )
    if other.abstract_hash is not None and len(other.abstract_hash) > len(
        node.abstract_hash or ""
    ):
        node.abstract_hash = other.abstract_hash
