"""The concretizer: request + recipes + policy + host → concrete DAG (clingo).

Must not import store/, build/, environment/, session or cli/. Recipes come in
through the ``RecipeSource`` protocol and installed specs as ``ConcreteSpec`` values.
"""

from rpm_spec.solver.concretize import Concretization, concretize
from rpm_spec.solver.errors import (
    SolverError,
    SolverInputError,
    SolverTimeoutError,
    UnsatisfiableError,
)
from rpm_spec.solver.inputs import (
    CompilerEntry,
    ExternalEntry,
    PackagePreferences,
    Preferences,
    Problem,
    RecipeSource,
    RuleEntry,
)

__all__ = [
    "CompilerEntry",
    "Concretization",
    "ExternalEntry",
    "PackagePreferences",
    "Preferences",
    "Problem",
    "RecipeSource",
    "RuleEntry",
    "SolverError",
    "SolverInputError",
    "SolverTimeoutError",
    "UnsatisfiableError",
    "concretize",
]
