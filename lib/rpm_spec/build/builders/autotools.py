"""GNU-style ``configure`` scripts: ``autoreconf`` (only when there is no ``configure``),
``configure --prefix=PREFIX ARGS``, ``make -jN``, ``make install``.

The compiler wrappers carry the include, library and RPATH flags, so configure needs
no CPPFLAGS/LDFLAGS from us. Recipes may set ``configure_directory`` (where the script
is, relative to the sources), ``build_directory`` (to build out of tree),
``build_targets``/``install_targets`` and ``parallel = False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.build.builders.base import Builder

if TYPE_CHECKING:
    from pathlib import Path


class AutotoolsBuilder(Builder):
    build_system = "autotools"

    @property
    def configure_directory(self) -> Path:
        relative = self.attribute("configure_directory", None)
        source = self.context.source_path
        return source if relative is None else source / str(relative)

    @property
    def configure_script(self) -> Path:
        return self.configure_directory / "configure"

    def phase_autoreconf(self) -> None:
        if self.configure_script.exists():
            self.executor.log(f"{self.configure_script} exists; autoreconf is not needed")
            return
        self.executor.run(
            ["autoreconf", "--install", "--verbose", "--force"], cwd=self.configure_directory
        )

    def phase_configure(self) -> None:
        args = getattr(self.package, "configure_args", None)
        extra = self.arguments(args()) if callable(args) else []
        build = self.build_directory
        build.mkdir(parents=True, exist_ok=True)
        script = self.configure_script
        self.executor.run([str(script), f"--prefix={self.context.prefix}", *extra], cwd=build)

    def phase_build(self) -> None:
        targets = self.arguments(self.attribute("build_targets", ()))
        jobs = self.context.jobs if self.attribute("parallel", True) else 1
        self.executor.make(targets, jobs=jobs, cwd=self.build_directory)

    def phase_install(self) -> None:
        targets = self.arguments(self.attribute("install_targets", ("install",)))
        self.executor.make(targets, jobs=1, cwd=self.build_directory)
