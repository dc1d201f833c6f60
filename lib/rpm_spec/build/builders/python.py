"""Python distributions: ``python -m pip install`` of the source tree into the prefix.

The interpreter is the DAG's ``python`` (the one the package extends), without build
isolation and without an index, so the build backend and every dependency come from
the DAG (their site-packages are on PYTHONPATH) and nothing is downloaded.

Debian's patched system interpreters install a ``--prefix`` into
``PREFIX/local/lib/pythonX.Y/dist-packages`` (their ``posix_local`` scheme); such an
install is moved to the standard ``PREFIX/lib/pythonX.Y/site-packages`` layout that
every other interpreter uses, so that dependents find it the same way either way.
"""

from __future__ import annotations

import shutil
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
        if normalize_local_layout(self.context.prefix):
            self.executor.log(
                "moved the posix_local (Debian) layout to lib/pythonX.Y/site-packages"
            )


def normalize_local_layout(prefix: Path) -> bool:
    """Move ``prefix/local/*`` up into ``prefix``, ``dist-packages`` becoming
    ``site-packages``; True if there was such a layout. Relative paths in the installed
    RECORD files stay valid, since everything moves together."""
    local = prefix / "local"
    if not any(local.glob("lib/python*/dist-packages")):
        return False
    for dist in local.glob("lib/python*/dist-packages"):
        dist.rename(dist.with_name("site-packages"))
    _merge_into(local, prefix)
    return True


def _merge_into(source: Path, target: Path) -> None:
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and not entry.is_symlink() and destination.is_dir():
            _merge_into(entry, destination)
        else:
            if destination.exists() or destination.is_symlink():
                raise PhaseError(f"cannot move {entry} to {destination}: it exists")
            shutil.move(str(entry), str(destination))
    source.rmdir()
