"""``env export --container docker|apptainer``: a build context that installs the exact
hashes of an environment's lock from a binary cache bundled beside the recipe.

The output directory holds::

    Dockerfile | rpm-spec.def   the recipe
    build_cache/                signed entries of every installed node of the lock section
    keys/*.pub                  the public keys that signed them (trusted in the image)
    env/rpm-spec.yaml, env/rpm-spec.lock   the environment, its lock unchanged

The image is built from a base image that has ``rpm-spec`` on its PATH (``--base``). In
it, ``install --use-buildcache only`` installs the lock's hashes from the bundle (nothing
compiles, every signature is verified), and ``find`` of each ``/HASH`` fails the build if
one is missing: the recipe names every hash it installs.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from rpm_spec.export.errors import ExportError

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.export.closure import ExportSet

KINDS = ("docker", "apptainer")
RECIPES = {"docker": "Dockerfile", "apptainer": "rpm-spec.def"}
#: Where the bundle goes inside the image.
BUNDLE = "/opt/rpm-spec-export"


def copy_environment(manifest: Path, lock: Path, target: Path) -> None:
    """``target/env``: the manifest and the lock exactly as they are."""
    out = target / "env"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(manifest, out / manifest.name)
    shutil.copyfile(lock, out / lock.name)


def install_commands(chosen: ExportSet, key_files: list[str]) -> list[str]:
    """The shell commands run in the image, in order."""
    commands = [f"rpm-spec buildcache keys trust {BUNDLE}/keys/{name}" for name in key_files]
    commands.append(f"rpm-spec mirror add export-bundle {BUNDLE}")
    commands.append(f"rpm-spec -e {BUNDLE}/env install --use-buildcache only")
    commands.append("rpm-spec find " + " ".join(f"/{h}" for h in lock_hashes(chosen)))
    return commands


def lock_hashes(chosen: ExportSet) -> list[str]:
    """Every non-external hash of the exported lock section (build dependencies too:
    ``install`` of the lock installs them)."""
    return sorted(h for h, node in chosen.section.dag.nodes.items() if not node.is_external)


def recipe(kind: str, chosen: ExportSet, key_files: list[str], base: str) -> str:
    """The text of the Dockerfile or Apptainer definition."""
    commands = install_commands(chosen, key_files)
    hashes = ",".join(lock_hashes(chosen))
    if kind == "docker":
        run = " \\\n && ".join(commands)
        return (
            f"# rpm-spec export of {chosen.label} ({chosen.section.key})\n"
            f"FROM {base}\n"
            f'LABEL org.rpm-spec.environment="{chosen.label}" org.rpm-spec.hashes="{hashes}"\n'
            f"COPY build_cache {BUNDLE}/build_cache\n"
            f"COPY keys {BUNDLE}/keys\n"
            f"COPY env {BUNDLE}/env\n"
            f"RUN {run}\n"
            f"ENV RPM_SPEC_ENV={BUNDLE}/env\n"
        )
    if kind == "apptainer":
        body = "".join(f"    {command}\n" for command in commands)
        return (
            "Bootstrap: docker\n"
            f"From: {base}\n\n"
            "%files\n"
            f"    build_cache {BUNDLE}/build_cache\n"
            f"    keys {BUNDLE}/keys\n"
            f"    env {BUNDLE}/env\n\n"
            "%post\n"
            "    set -e\n"
            f"{body}\n"
            "%environment\n"
            f"    export RPM_SPEC_ENV={BUNDLE}/env\n\n"
            "%labels\n"
            f"    org.rpm-spec.environment {chosen.label}\n"
            f"    org.rpm-spec.hashes {hashes}\n"
        )
    raise ExportError(f"unknown container kind {kind!r}", hint=f"one of: {', '.join(KINDS)}")
