"""What a module file says, independent of Lmod or Tcl syntax.

Environment values are templates in which ``{prefix}`` is left for the renderer: a module
over builds for several targets knows its prefix only at load time. What a prefix adds is
what ``rpm-spec load`` adds (``bin`` to PATH, man pages, pkg-config and CMake paths; never
LD_LIBRARY_PATH: RPATHs find libraries, and a site that wants it says so in
``environment: prepend_path``), plus ``<NAME>_ROOT``, then the configured modifications.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rpm_spec.modules.naming import format_spec, matches
from rpm_spec.store.shell_env import PREFIX_PATHS

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rpm_spec.modules.settings import PackageSettings
    from rpm_spec.spec.concrete import ConcreteDag

PREFIX = "{prefix}"
Operation = Literal["set", "prepend", "append", "unset"]


@dataclass(frozen=True)
class EnvOp:
    operation: Operation
    name: str
    value: str = ""


@dataclass(frozen=True)
class Build:
    """One installed build behind a module: its target, prefix, hash and what its CPU needs."""

    target: str
    prefix: str
    hash: str


@dataclass(frozen=True)
class ModuleContent:
    """Everything a module file holds; ``builds`` most specific target first."""

    name: str
    package: str
    version: str
    spec_text: str
    builds: tuple[Build, ...]
    opens: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    autoload: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    environment: tuple[EnvOp, ...] = ()

    @property
    def root_variable(self) -> str:
        return root_variable(self.package)


def root_variable(package: str) -> str:
    """``h5-t`` → ``H5_T_ROOT``."""
    return re.sub(r"[^A-Za-z0-9_]", "_", package).upper() + "_ROOT"


def merged_settings(
    packages: Sequence[PackageSettings], dag: ConcreteDag, spec_hash: str
) -> list[PackageSettings]:
    """The package settings that select ``spec_hash``, ``all`` first."""
    return [p for p in packages if matches(dag, spec_hash, p.selector)]


def environment(
    dag: ConcreteDag,
    spec_hash: str,
    prefixes: Sequence[Path],
    chosen: Sequence[PackageSettings],
) -> tuple[EnvOp, ...]:
    """The environment changes of a module over ``prefixes`` (one per build)."""
    node = dag.nodes[spec_hash]
    ops = [EnvOp("set", root_variable(node.name), PREFIX)]
    for variable, relative in PREFIX_PATHS:
        if relative == "." or any((prefix / relative).is_dir() for prefix in prefixes):
            value = PREFIX if relative == "." else f"{PREFIX}/{relative}"
            ops.append(EnvOp("prepend", variable, value))
    for settings in chosen:
        env = settings.environment
        for operation, pairs in (
            ("set", env.set),
            ("prepend", env.prepend_path),
            ("append", env.append_path),
        ):
            for name, value in pairs:
                ops.append(
                    EnvOp(
                        operation,  # type: ignore[arg-type]
                        _variable(format_spec(name, dag, spec_hash), templated="{" in name),
                        format_spec(value, dag, spec_hash, prefix=PREFIX),
                    )
                )
        ops.extend(EnvOp("unset", name) for name in env.unset)
    return tuple(ops)


def _variable(name: str, *, templated: bool) -> str:
    """A variable name made from a template (``{name}_ROOT``) is upper case, as Spack's."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name).upper() if templated else name
