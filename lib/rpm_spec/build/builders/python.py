"""Python distributions: ``python -m pip install`` of the source tree into the prefix.

The interpreter is the DAG's ``python`` (the one the package extends), without build
isolation and without an index, so the build backend and every dependency come from
the DAG (their site-packages are on PYTHONPATH) and nothing is downloaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.build.builders.base import Builder, PhaseError

if TYPE_CHECKING:
    from pathlib import Path


class PythonBuilder(Builder):
    build_system = "python_pip"

    def python(self) -> Path:
        spec = self.package.spec
        try:
            bin_dir = spec["python"].prefix / "bin"
        except KeyError:
            raise PhaseError(
                f"{spec.name}: a Python package without a python dependency"
            ) from None
        for name in ("python3", "python"):
            if (bin_dir / name).exists():
                return bin_dir / name
        raise PhaseError(f"no python3 or python in {bin_dir}")

    def phase_install(self) -> None:
        options = getattr(self.package, "install_options", None)
        args = [
            str(self.python()),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "--no-warn-script-location",
            f"--prefix={self.context.prefix}",
            *(self.arguments(options()) if callable(options) else []),
            ".",
        ]
        self.executor.run(args, cwd=self.build_directory)
