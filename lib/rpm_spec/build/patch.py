"""Applying a recipe's patches to a staged source tree, in declaration order.

Each patch runs as ``patch -p<level> -i FILE -d DIR -s -t -N``: silent unless it
fails, never asking a question (``-t``), and refusing a patch that looks reversed
or already applied (``-N``) instead of undoing it. The first patch that does not
apply stops the build with a :class:`PatchError` naming it and showing what
``patch`` said; the stage is kept, with its ``.rej`` files, for inspection.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.build.errors import BuildLayerError, PatchError

if TYPE_CHECKING:
    from pathlib import Path

#: ``runner(argv) -> (exit code, output)``.
PatchRunner = Callable[[Sequence[str]], tuple[int, str]]


@dataclass(frozen=True, slots=True)
class PatchFile:
    """A patch file on disk and how to apply it."""

    path: Path
    level: int = 1
    #: Relative to the source tree: where ``-p<level>`` paths start.
    working_dir: str = "."
    #: How messages name it (defaults to the file name).
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.path.name


def run_patch(argv: Sequence[str]) -> tuple[int, str]:
    done = subprocess.run(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        check=False,
    )
    return done.returncode, done.stdout


def patch_command(patch: PatchFile, directory: Path, program: str = "patch") -> list[str]:
    """The command line that applies ``patch`` in ``directory``."""
    # patch changes into -d before reading -i, so the patch path must be absolute.
    patch_path = str(patch.path.absolute())
    return [program, f"-p{patch.level}", "-i", patch_path, "-d", str(directory), "-s", "-t", "-N"]


def apply_patches(
    patches: Sequence[PatchFile],
    source_dir: Path,
    *,
    runner: PatchRunner = run_patch,
    program: str | None = None,
) -> None:
    """Apply ``patches`` in order under ``source_dir``; stop at the first that fails."""
    if not patches:
        return
    found = program or shutil.which("patch")
    if found is None:
        raise BuildLayerError(
            f"{patches[0].name} needs the 'patch' program, which is not on PATH",
            hint="install it with the system package manager (it is part of every distribution)",
        )
    for patch in patches:
        directory = _working_dir(source_dir, patch)
        if not patch.path.is_file():
            raise PatchError(patch.name, str(directory), f"{patch.path}: no such file")
        code, output = runner(patch_command(patch, directory, found))
        if code != 0:
            raise PatchError(patch.name, str(directory), output)


def _working_dir(source_dir: Path, patch: PatchFile) -> Path:
    parts = [part for part in patch.working_dir.split("/") if part not in ("", ".")]
    if ".." in parts or patch.working_dir.startswith("/"):
        raise PatchError(
            patch.name, str(source_dir), f"working_dir '{patch.working_dir}' leaves the sources"
        )
    directory = source_dir.joinpath(*parts)
    if not directory.is_dir():
        raise PatchError(patch.name, str(directory), "no such directory in the sources")
    return directory
