"""``/hash`` in a request: the installed spec it names, found by the start of its hash.

Spack's spec syntax lets a user point at an install instead of describing it:
``rpm-spec spec /abc1234``, ``hdf5 ^zlib/abc1234``. Before solving, every ``/prefix``
is looked up among the installed specs, together with the node's other constraints
(``zlib@1.3/abc`` must be a zlib 1.3): none matching, or more than one, is an error
naming the prefix (and the candidates). A match gives the node its name and its full
hash, which the solver imposes, so that install is reused whole, with its own
dependencies, whatever ``concretizer:reuse`` says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.solver.errors import SolverInputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec


class UnknownHashError(SolverInputError):
    """No installed spec has a hash starting with what the request gives."""

    def __init__(self, wanted: str) -> None:
        super().__init__(
            f"no installed spec matches {wanted}",
            hint="'rpm-spec find -l' lists installed specs with their hashes",
        )
        self.wanted = wanted


class AmbiguousHashError(SolverInputError):
    """Several installed specs match a hash prefix."""

    def __init__(self, wanted: str, matches: Sequence[ConcreteSpec]) -> None:
        listing = ", ".join(
            sorted(f"{spec.name}@{spec.version} /{spec.hash[:12]}" for spec in matches)
        )
        super().__init__(
            f"{wanted} matches {len(matches)} installed specs: {listing}",
            hint="give more characters of the hash",
        )
        self.wanted = wanted


def has_hashes(roots: Iterable[AbstractSpec]) -> bool:
    """Whether any node of ``roots`` names a hash."""
    return any(spec.abstract_hash is not None for root in roots for spec in root.traverse())


def resolve_hashes(
    roots: Sequence[AbstractSpec], installed: Iterable[ConcreteSpec]
) -> tuple[list[AbstractSpec], tuple[ConcreteSpec, ...]]:
    """``roots`` with every ``/prefix`` made the full hash of the one install it names
    (the name filled in where the spec had none), and those installs with every
    installed spec they depend on. ``roots`` are not changed."""
    by_hash = {spec.hash: spec for spec in installed}
    chosen: dict[str, ConcreteSpec] = {}
    resolved = []
    for root in roots:
        copy = root.copy()
        for node in copy.traverse():
            if node.abstract_hash is not None:
                found = _match(node, by_hash.values())
                node.name = found.name
                node.abstract_hash = found.hash
                chosen[found.hash] = found
        resolved.append(copy)
    todo = list(chosen.values())
    while todo:
        for dep in todo.pop().dependencies:
            if dep.hash in by_hash and dep.hash not in chosen:
                chosen[dep.hash] = by_hash[dep.hash]
                todo.append(by_hash[dep.hash])
    return resolved, tuple(chosen.values())


def _match(node: AbstractSpec, installed: Iterable[ConcreteSpec]) -> ConcreteSpec:
    own = node.copy()
    own.dependencies = []
    matches = [spec for spec in installed if spec.satisfies(own)]
    wanted = own.root_text()
    if not matches:
        raise UnknownHashError(wanted)
    if len(matches) > 1:
        raise AmbiguousHashError(wanted, matches)
    return matches[0]
