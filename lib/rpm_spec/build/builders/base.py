"""What every builder shares: the phase loop's dispatch and the directories it works in.

A builder runs the phases of one build system for one recipe instance. A recipe
overrides a phase by defining a method of that name (``def install(self, spec,
prefix)``); otherwise the builder's method of that name runs. Builders issue their
commands through the :class:`~rpm_spec.build.executor.PhaseExecutor`, so they run in
the build environment and land in the build log.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rpm_spec.build.errors import BuildLayerError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from rpm_spec.build.executor import PhaseExecutor
    from rpm_spec.repo.package import PackageBase


class PhaseError(BuildLayerError):
    """A phase cannot run at all (the recipe lacks it, or asks for something impossible)."""


@dataclass(frozen=True)
class BuildContext:
    """Where one build happens."""

    #: The expanded and patched sources.
    source_path: Path
    #: Where out-of-source builds (CMake, Meson) put their tree.
    build_dir: Path
    prefix: Path
    jobs: int


class Builder:
    """The phases of the generic build system: the recipe writes ``install`` itself."""

    build_system: ClassVar[str] = "generic"

    def __init__(
        self, package: PackageBase, context: BuildContext, executor: PhaseExecutor
    ) -> None:
        self.package = package
        self.context = context
        self.executor = executor

    @property
    def phases(self) -> tuple[str, ...]:
        return tuple(self.package.phases)

    def recipe_phase(self, phase: str) -> Callable[..., Any] | None:
        """The recipe's own method for ``phase``, if it defines one."""
        method = getattr(type(self.package), phase, None)
        return getattr(self.package, phase) if callable(method) else None

    def run_phase(self, phase: str) -> None:
        """Run ``phase``: the recipe's method if it has one, else this builder's."""
        own = self.recipe_phase(phase)
        if own is not None:
            if _positional_count(own) >= 2:
                own(self.package.spec, self.package.prefix)
            else:
                own()
            return
        default = getattr(self, f"phase_{phase}", None)
        if default is None:
            raise PhaseError(
                f"{type(self.package).__name__} ({self.build_system}) has no '{phase}' phase",
                hint=f"define 'def {phase}(self, spec, prefix):' in the recipe",
            )
        default()

    def attribute(self, name: str, default: Any) -> Any:
        """A recipe attribute builders honour when present (``build_directory``, ...)."""
        return getattr(self.package, name, default)

    @property
    def build_directory(self) -> Path:
        """Where in-source builds run: the recipe's ``build_directory`` or the sources."""
        relative = self.attribute("build_directory", None)
        if relative is None:
            return self.context.source_path
        return self.context.source_path / str(relative)

    @staticmethod
    def arguments(values: Iterable[object]) -> list[str]:
        """Recipe-provided arguments as strings; empty ones (inactive variants) dropped."""
        return [str(value) for value in values if value is not None and str(value) != ""]

    def phase_install(self) -> None:
        raise PhaseError(
            f"{type(self.package).__name__} is a generic package without an install phase",
            hint="define 'def install(self, spec, prefix):' in the recipe",
        )


def _positional_count(method: Callable[..., Any]) -> int:
    try:
        parameters = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return 2
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters):
        return 2
    return sum(1 for p in parameters if p.kind in kinds)
