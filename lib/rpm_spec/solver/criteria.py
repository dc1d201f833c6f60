"""The optimization order, declared once.

Each criterion is minimized by a ``#minimize`` statement in ``logic/optimization.lp``
that looks its priority up through a ``criterion(Name, Priority)`` fact made from
this list. Earlier entries matter more: a model that is better on one criterion wins
whatever the later ones say. Errors come above all of these (``logic/errors_*.lp``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    description: str


#: Highest priority first (DESIGN.md, "Concretizer").
CRITERIA: tuple[Criterion, ...] = (
    Criterion("preferences", "unmet `prefer:` entries of packages.yaml"),
    Criterion("deprecated", "nodes built at a deprecated version"),
    Criterion("reference", "attributes of the reference DAG (a lock being retargeted) not kept"),
    Criterion("variant_defaults", "variant values that differ from their defaults"),
    Criterion("version_age", "how far each built node's version is from the most preferred"),
    Criterion("providers", "provider preferences for virtuals"),
    Criterion("compilers", "compiler preferences, and link edges between different compilers"),
    Criterion("targets", "how far the target is from the newest allowed one"),
    Criterion("builds", "nodes to build rather than reuse"),
    Criterion(
        "target_mismatches",
        "link/run nodes off the DAG's target (reused older-target installs; what they link)",
    ),
)


def priorities() -> dict[str, int]:
    """Criterion name → clingo priority (higher is minimized first)."""
    count = len(CRITERIA)
    return {criterion.name: (count - index) * 10 for index, criterion in enumerate(CRITERIA)}
