"""Hand-written Makefiles: ``edit``, ``make -jN [build_targets]``, ``make [install_targets]``.

Every make call gets the recipe's ``make_variables()`` (``PREFIX=``/``prefix=`` by
default), so Makefiles that install under ``$(PREFIX)`` (bzip2, lz4, zstd) or
``$(prefix)`` work unedited. A recipe with ``parallel = False`` builds serially.
"""

from __future__ import annotations

from rpm_spec.build.builders.base import Builder


class MakefileBuilder(Builder):
    build_system = "makefile"

    def make_variables(self) -> list[str]:
        variables = getattr(self.package, "make_variables", None)
        if callable(variables):
            return self.arguments(variables())
        prefix = self.context.prefix
        return [f"PREFIX={prefix}", f"prefix={prefix}"]

    @property
    def parallel_jobs(self) -> int:
        return self.context.jobs if self.attribute("parallel", True) else 1

    def phase_edit(self) -> None:
        """Nothing by default: recipes that must patch a Makefile define ``edit``."""

    def phase_build(self) -> None:
        targets = self.arguments(self.attribute("build_targets", ()))
        self.executor.make(
            [*targets, *self.make_variables()], jobs=self.parallel_jobs, cwd=self.build_directory
        )

    def phase_install(self) -> None:
        # Serial: many hand-written install rules race when run in parallel.
        targets = self.arguments(self.attribute("install_targets", ("install",)))
        self.executor.make([*targets, *self.make_variables()], jobs=1, cwd=self.build_directory)
