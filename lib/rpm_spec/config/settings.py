"""Typed, frozen views of the settings read on hot paths.

Code that needs the concretizer's or the installer's settings reads them once
into these values instead of scattering ``get_path("a:b:c")`` strings around;
the fallbacks here only matter when a scope list lacks the shipped defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config.configuration import Configuration

Reuse = bool | Literal["dependencies"]
Unify = bool | Literal["when_possible"]

#: The store layout when ``config:install_tree:projections:all`` is not set.
DEFAULT_PROJECTION = "{platform}-{target}/{compiler}/{name}-{version}-{hash}"


@dataclass(frozen=True)
class ConcretizerSettings:
    """The ``concretizer`` section."""

    #: ``dependencies``: reuse below the roots only.
    reuse: Reuse = True
    unify: Unify = True
    #: Seconds the solver may search; None means no limit (``timeout_s: 0``).
    timeout_s: float | None = None

    @classmethod
    def from_config(cls, config: Configuration) -> ConcretizerSettings:
        data: dict[str, Any] = config.get("concretizer")
        timeout = data.get("timeout_s")
        return cls(
            reuse=data.get("reuse", True),
            unify=data.get("unify", True),
            timeout_s=float(timeout) if timeout else None,
        )


@dataclass(frozen=True)
class BuildSettings:
    """The ``config`` section, with paths expanded and ``build_jobs: 0`` resolved."""

    install_root: Path
    projection: str
    build_stage: tuple[Path, ...]
    source_cache: Path
    misc_cache: Path
    build_jobs: int
    checksum: bool = True
    dirty: bool = False
    verify_ssl: bool = True
    connect_timeout_s: float = 10.0
    ccache: bool = False
    #: ``install_tree:padded_length``: pad the prefixes' root to this many characters.
    padded_length: int = 0

    @classmethod
    def from_config(cls, config: Configuration, *, cpu_count: int | None = None) -> BuildSettings:
        """Read ``config``; ``cpu_count`` (tests) replaces the machine's for ``build_jobs: 0``."""
        data: dict[str, Any] = config.get("config")
        path = config.substitute_path
        tree = data.get("install_tree", {})
        stages = data.get("build_stage", ["$user_cache_path/stage"])
        if isinstance(stages, str):
            stages = [stages]
        jobs = int(data.get("build_jobs", 0))
        if jobs == 0:
            jobs = cpu_count or os.cpu_count() or 1
        return cls(
            install_root=path(tree.get("root", "$user_dir/store")),
            projection=tree.get("projections", {}).get("all", DEFAULT_PROJECTION),
            build_stage=tuple(path(stage) for stage in stages),
            source_cache=path(data.get("source_cache", "$user_cache_path/sources")),
            misc_cache=path(data.get("misc_cache", "$user_cache_path")),
            build_jobs=jobs,
            checksum=bool(data.get("checksum", True)),
            dirty=bool(data.get("dirty", False)),
            verify_ssl=bool(data.get("verify_ssl", True)),
            connect_timeout_s=float(data.get("connect_timeout_s", 10.0)),
            ccache=bool(data.get("ccache", False)),
            padded_length=int(tree.get("padded_length", 0)),
        )
