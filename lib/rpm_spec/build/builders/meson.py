"""Meson: ``meson setup`` out of tree, ``meson compile``, ``meson install``.

Subproject downloads are disabled (``--wrap-mode=nodownload``): every dependency
comes from the DAG, through PKG_CONFIG_PATH and CMAKE_PREFIX_PATH.
"""

from __future__ import annotations

from rpm_spec.build.builders.base import Builder


class MesonBuilder(Builder):
    build_system = "meson"

    def phase_meson(self) -> None:
        package = self.package
        values = package.variant_values("buildtype") or ("release",)
        own = getattr(package, "meson_args", None)
        build = self.context.build_dir
        build.parent.mkdir(parents=True, exist_ok=True)
        args = [
            "meson",
            "setup",
            str(build),
            str(self.context.source_path),
            f"--prefix={self.context.prefix}",
            "--libdir=lib",
            f"--buildtype={values[0]}",
            "--wrap-mode=nodownload",
            *(self.arguments(own()) if callable(own) else []),
        ]
        self.executor.run(args, cwd=self.context.source_path)

    def phase_build(self) -> None:
        jobs = self.context.jobs if self.attribute("parallel", True) else 1
        build = str(self.context.build_dir)
        self.executor.run(["meson", "compile", "-C", build, "-j", str(jobs)], cwd=build)

    def phase_install(self) -> None:
        build = str(self.context.build_dir)
        self.executor.run(["meson", "install", "-C", build, "--no-rebuild"], cwd=build)
