"""The optimization order, declared once.

Each criterion is minimized by ``#minimize`` statements in ``logic/optimization.lp``
that look its priority up through a ``criterion(Name, Priority)`` fact made from
this list. Earlier entries matter more: a model that is better on one criterion wins
whatever the later ones say. Errors come above all of these (``logic/errors_*.lp``).

The order follows Spack's ``concretize.lp``: configured requirements (requirement
order, ``prefer:``) first, then deprecated versions, then the reference DAG of a
retarget, then each preference split for roots above non-roots (as Spack does,
the roots' version age comes before their variants and providers; for the other
nodes, variants and providers come before version age), then compilers, targets
and reuse. ``logic/CRITERIA.md`` is the same table in words;
``tests/solver/test_criteria.py`` checks that it, this list and the
``#minimize`` statements agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    description: str


#: Highest priority first (DESIGN.md, "Concretizer"; logic/CRITERIA.md).
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "requirement_order",
        "position of the first met item of each active `one_of`/`any_of` group (0: the first)",
    ),
    Criterion("preferences", "unmet `prefer:` entries of packages.yaml"),
    Criterion("deprecated", "nodes built at a deprecated version"),
    Criterion("reference", "attributes of the reference DAG (a lock being retargeted) not kept"),
    Criterion("version_age_roots", "how far each built root's version is from the most preferred"),
    Criterion("variant_defaults_roots", "variant values of roots that differ from their defaults"),
    Criterion("providers_roots", "provider preferences, for providers that are roots"),
    Criterion("variant_defaults", "variant values of non-roots that differ from their defaults"),
    Criterion("providers", "provider preferences, for providers that are not roots"),
    Criterion("version_age", "how far each built non-root's version is from the most preferred"),
    Criterion("compilers_roots", "compiler preferences of built roots"),
    Criterion(
        "compilers", "compiler preferences of built non-roots, and link edges between compilers"
    ),
    Criterion("targets", "how far the target is from the newest allowed one; os preference"),
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
