"""What the setup steps share about a declaration: where it is written, what it is about.

A recipe directive or a packages.yaml entry is shown to users by its location
(``package.py:12``, ``packages.yaml:4``); a spec inside one that names no package,
or names the package itself, constrains that package's own node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.spec import AbstractSpec


def declared_at(meta: RecipeMetadata, line: int, origin: str | None) -> str:
    """``file:line`` of a directive: the file it was written in (a mixin's) or the recipe."""
    return f"{origin or meta.path}:{line}"


def on_package(spec: AbstractSpec, package: str) -> AbstractSpec:
    """A packages.yaml/requires spec is about the package itself, named or not."""
    if spec.name is not None and spec.name != package:
        return spec
    copy = spec.copy()
    copy.name = None
    return copy


def wanted_dependency(types: tuple[str, ...], tests: bool) -> bool:
    """Whether a dependency of these types is part of the solve (test-only ones need tests)."""
    return tests or not ("test" in types and len(types) == 1)
