"""Another site, described by a directory: ``concretize --site DIR``.

The directory is a config scope holding the site's ``compilers.yaml`` and
``packages.yaml`` (its compilers, its externals such as its own CUDA) plus
``host.yaml``, the machine it stands for (platform, os, target, GPUs; schema
``schemas/site_host.json``). Solving for a site reads the site's scope *instead of*
this machine's system, site and user scopes (what is installed or configured here
says nothing about there) and writes nothing to them; the lock section records the
description it was solved for (its path and a digest of its files).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from rpm_spec.config.errors import ConfigError
from rpm_spec.config.yaml_io import load_file
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.platform import HostInfo
from rpm_spec.platform import targets as archs
from rpm_spec.platform.gpu import GpuInfo

if TYPE_CHECKING:
    from pathlib import Path

#: The host description's file name inside a site directory.
HOST_FILE = "host.yaml"
#: The files a site description is made of (host.yaml and compilers.yaml are required).
SITE_FILES = (HOST_FILE, "compilers.yaml", "packages.yaml")


class SiteDescriptionError(EnvironmentError_):
    """A ``--site`` directory that is missing a file or whose host.yaml is invalid."""


@dataclass(frozen=True)
class Site:
    """A site description: where it is, the host it stands for, a digest of its files."""

    directory: Path
    host: HostInfo
    digest: str

    def record(self) -> dict[str, Any]:
        """What a lock section keeps about the site it was solved for."""
        return {"description": str(self.directory), "host": self.host.arch, "sha256": self.digest}


def load_site(directory: Path) -> Site:
    """Read and check the site description in ``directory``."""
    if not directory.is_dir():
        raise SiteDescriptionError(
            f"--site {directory}: no such directory",
            hint=f"a site description is a directory with {', '.join(SITE_FILES)}",
        )
    for name in SITE_FILES[:2]:
        if not (directory / name).is_file():
            raise SiteDescriptionError(
                f"--site {directory}: no {name}",
                hint="a site description needs host.yaml (platform, os, target, gpus) "
                "and compilers.yaml (the site's compilers); packages.yaml is optional",
            )
    path = directory / HOST_FILE
    try:
        loaded = load_file(path)
    except ConfigError as error:
        raise SiteDescriptionError(str(error), hint=error.hint) from None
    assert loaded is not None
    _check(loaded.data, path, loaded.line_of)
    data = loaded.data["host"]
    line = loaded.line_of(("host", "target"))
    if not archs.is_known(str(data["target"])):
        raise SiteDescriptionError(
            f"{path}:{line}: target '{data['target']}' is not a microarchitecture archspec knows",
            hint="'rpm-spec arch --known-targets' lists them",
        )
    gpus = tuple(GpuInfo(gpu["vendor"], str(gpu["arch"])) for gpu in data.get("gpus") or ())
    host = HostInfo(
        platform=str(data["platform"]), os=str(data["os"]), target=str(data["target"]), gpus=gpus
    )
    digest = hashlib.sha256()
    for name in SITE_FILES:
        file = directory / name
        content = file.read_bytes() if file.is_file() else b""
        digest.update(name.encode() + b"\0" + content + b"\0")
    return Site(directory.resolve(), host, digest.hexdigest())


def _check(data: Any, path: Path, line_of: Any) -> None:
    """Validate host.yaml against its schema; each problem names file:line."""
    from jsonschema import Draft202012Validator  # lazy: startup

    schema_file = resources.files("rpm_spec.environment") / "schemas" / "site_host.json"
    validator = Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            extra = [k for k in error.instance if k not in known]
            where += tuple(extra[:1])  # point at the unexpected key's own line
        key = ":".join(str(part) for part in where) or "(top)"
        problems.append(f"{path}:{line_of(where)}: {key}: {error.message}")
    if problems:
        raise SiteDescriptionError(
            "; ".join(problems),
            hint="host.yaml holds host: {platform, os, target, gpus: [{vendor, arch}]}",
        )
