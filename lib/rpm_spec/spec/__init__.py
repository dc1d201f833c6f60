"""The spec language: versions, variants, the grammar, abstract specs and their algebra.

This layer is pure: it imports only ``rpm_spec.errors`` and ``rpm_spec.util`` (and
archspec, as a library, for target ranges), never config, repositories or the solver.
"""

from rpm_spec.spec.abstract import DEPENDENCY_TYPES, AbstractSpec, DependencyEdge
from rpm_spec.spec.compiler_constraint import CompilerConstraint
from rpm_spec.spec.errors import (
    InvalidVariantError,
    InvalidVersionError,
    SpecError,
    SpecSyntaxError,
    UnsatisfiableSpecError,
)
from rpm_spec.spec.lexer import COMPILER_FLAG_KINDS
from rpm_spec.spec.parser import parse_spec, parse_specs, spec_text_from_args
from rpm_spec.spec.variant import VariantValue
from rpm_spec.spec.version import Version
from rpm_spec.spec.version_constraint import VersionConstraint, parse_version_constraint
from rpm_spec.spec.version_range import VersionRange

__all__ = [
    "COMPILER_FLAG_KINDS",
    "DEPENDENCY_TYPES",
    "AbstractSpec",
    "CompilerConstraint",
    "DependencyEdge",
    "InvalidVariantError",
    "InvalidVersionError",
    "SpecError",
    "SpecSyntaxError",
    "UnsatisfiableSpecError",
    "VariantValue",
    "Version",
    "VersionConstraint",
    "VersionRange",
    "parse_spec",
    "parse_specs",
    "parse_version_constraint",
    "spec_text_from_args",
]
