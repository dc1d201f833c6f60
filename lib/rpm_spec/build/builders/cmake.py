"""CMake: configure out of tree, ``cmake --build``, ``cmake --install``.

Beyond the recipe's ``std_cmake_args()`` and ``cmake_args()``, the configure step sets
``CMAKE_INSTALL_RPATH`` to the package's own lib directories and its link
dependencies' (the same list the wrappers pass as ``-Wl,-rpath``), so that the RPATH
CMake writes at install time keeps every directory the binaries need. The generator
is the recipe's ``generator`` if set, else Ninja when ninja is a dependency, else
Unix Makefiles.
"""

from __future__ import annotations

import os

from rpm_spec.build.builders.base import Builder


class CMakeBuilder(Builder):
    build_system = "cmake"

    @property
    def generator(self) -> str:
        chosen = self.attribute("generator", None)
        if chosen:
            return str(chosen)
        try:
            self.package.spec["ninja"]
        except KeyError:
            return "Unix Makefiles"
        return "Ninja"

    def rpath_dirs(self) -> list[str]:
        prefix = self.context.prefix
        listed = self.executor.env.get("RPM_SPEC_RPATH_DIRS", "").split(os.pathsep)
        dirs = [str(prefix / "lib"), str(prefix / "lib64"), *listed]
        return [d for d in dict.fromkeys(dirs) if d]

    def phase_cmake(self) -> None:
        package = self.package
        source = self.context.source_path / str(self.attribute("root_cmakelists_dir", "."))
        std = getattr(package, "std_cmake_args", None)
        own = getattr(package, "cmake_args", None)
        defines = [
            *(self.arguments(std()) if callable(std) else []),
            f"-DCMAKE_INSTALL_RPATH:STRING={';'.join(self.rpath_dirs())}",
            "-DCMAKE_INSTALL_RPATH_USE_LINK_PATH:BOOL=ON",
            "-DCMAKE_FIND_USE_PACKAGE_REGISTRY:BOOL=OFF",
            *(self.arguments(own()) if callable(own) else []),
        ]
        build = self.context.build_dir
        build.mkdir(parents=True, exist_ok=True)
        self.executor.run(
            [
                "cmake",
                "-S",
                str(source),
                "-B",
                str(build),
                "-G",
                self.generator,
                *dict.fromkeys(defines),
            ],
            cwd=build,
        )

    def phase_build(self) -> None:
        targets = self.arguments(self.attribute("build_targets", ()))
        jobs = self.context.jobs if self.attribute("parallel", True) else 1
        args = ["cmake", "--build", str(self.context.build_dir), "--parallel", str(jobs)]
        if targets:
            args += ["--target", *targets]
        self.executor.run(args, cwd=self.context.build_dir)

    def phase_install(self) -> None:
        self.executor.run(
            ["cmake", "--install", str(self.context.build_dir)], cwd=self.context.build_dir
        )
