"""A virtual's version inside conditions: ``when="^mpi@3:"``, ``conflicts("^mpi@:2")``.

A provider declares the range of a virtual it implements (mpich@3.4:
``provides("mpi@:3.1")``). Two questions use that range differently:

- a dependency ``depends_on("mpi@3:")`` needs a provider that *can serve* some version
  in ``3:``: the ranges intersect (``provides_satisfies``, made in translate.py);
- a condition ``^mpi@:2`` asks what the virtual *is* in this DAG: the newest version
  the provider implements, the top of its range (3.1 here, so ``^mpi@:2`` does not
  hold and ``^mpi@3:`` does). A range open above is newer than any bound.

This module precomputes the second: ``provides_top_satisfies(C, Range)`` for each
``provides`` condition ``C`` whose top lies in a ``Range`` some condition names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.spec import parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.solver.conditions import ConstraintLog
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.spec import AbstractSpec, VersionConstraint


def top_satisfies(provided: VersionConstraint, wanted: VersionConstraint) -> bool:
    """Whether the newest version of ``provided`` lies in ``wanted``."""
    top = provided.highest()
    if top is None:
        return wanted.highest() is None and not wanted.is_empty
    return wanted.contains(top)


def add_virtual_condition_facts(
    facts: FactBuilder, provided: Mapping[int, tuple[str, AbstractSpec]], log: ConstraintLog
) -> None:
    """``provides_top_satisfies`` for every provides condition and condition range."""
    for cid, (virtual, spec) in provided.items():
        for text in sorted(log.virtual_conditions.get(virtual, ())):
            if top_satisfies(spec.versions, parse_version_constraint(text)):
                facts.add("provides_top_satisfies", cid, text)
