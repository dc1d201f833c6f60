"""``modules.yaml`` read once into frozen settings, as Spack spells it.

``modules: SET: {enable, roots: {lmod, tcl}, arch_folder, lmod: {...}, tcl: {...}}``;
inside ``lmod``/``tcl``: ``hash_length``, ``include``/``exclude`` (spec selectors;
``include`` wins), ``exclude_implicits``, ``projections`` (selector → format; the first
matching key wins, ``all`` last), ``core_compilers`` and ``hierarchy`` (Lmod only), and
per-selector package settings (``all``, ``openmpi``, ``+cuda``, ``^mpi``) whose
``autoload``, ``environment``, ``conflict`` and ``suffixes`` apply to every matching spec,
``all`` first. Lists from several scopes are concatenated by the config merge; here each
list keeps each entry once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rpm_spec.modules.errors import ModulesError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from rpm_spec.config import Configuration

Kind = Literal["lmod", "tcl"]
KINDS: tuple[Kind, ...] = ("lmod", "tcl")
_KIND_KEYS = frozenset(
    {
        "hash_length",
        "include",
        "exclude",
        "exclude_implicits",
        "projections",
        "core_compilers",
        "hierarchy",
    }
)
#: Defaults when no scope says otherwise. Lmod names carry no hash: the hierarchy already
#: tells builds apart, and builds of one package for several targets share a name (the
#: module picks one at load time). Tcl names do, as Spack's.
_DEFAULT_HASH_LENGTH: dict[Kind, int] = {"lmod": 0, "tcl": 7}
_DEFAULT_PROJECTION: dict[Kind, str] = {
    "lmod": "{name}/{version}",
    "tcl": "{name}/{version}-{compiler.name}-{compiler.version}",
}


@dataclass(frozen=True)
class EnvironmentSettings:
    """``environment:`` of a package selector: values may hold ``{name}``, ``{prefix}``..."""

    set: tuple[tuple[str, str], ...] = ()
    prepend_path: tuple[tuple[str, str], ...] = ()
    append_path: tuple[tuple[str, str], ...] = ()
    unset: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageSettings:
    """The settings of one selector (``all``, ``h5_t``, ``+cuda``)."""

    selector: str
    autoload: str | None = None
    environment: EnvironmentSettings = EnvironmentSettings()
    conflict: tuple[str, ...] = ()
    suffixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ModuleSettings:
    """One module system (``lmod`` or ``tcl``) of one module set."""

    kind: Kind
    root: Path
    enabled: bool
    arch_folder: bool = True
    hash_length: int = 0
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    exclude_implicits: bool = False
    projections: tuple[tuple[str, str], ...] = ()
    core_compilers: tuple[str, ...] = ()
    hierarchy: tuple[str, ...] = ()
    packages: tuple[PackageSettings, ...] = ()

    @classmethod
    def from_config(
        cls, config: Configuration, kind: Kind, module_set: str = "default"
    ) -> ModuleSettings:
        sets = config.get("modules") or {}
        data = sets.get(module_set)
        if data is None:
            raise ModulesError(
                f"no module set {module_set!r} in modules.yaml",
                hint=f"module sets configured: {', '.join(sorted(sets)) or 'none'}",
            )
        root_text = (data.get("roots") or {}).get(kind)
        if not root_text:
            raise ModulesError(
                f"modules:{module_set}:roots:{kind} is not set",
                hint=f"set it, e.g. rpm-spec config add modules:{module_set}:roots:{kind}:PATH",
            )
        return cls.from_mapping(
            kind,
            data.get(kind) or {},
            root=config.substitute_path(str(root_text)),
            enabled=kind in (data.get("enable") or ()),
            arch_folder=bool(data.get("arch_folder", True)),
        )

    @classmethod
    def from_mapping(
        cls,
        kind: Kind,
        data: Mapping[str, Any],
        *,
        root: Path,
        enabled: bool = True,
        arch_folder: bool = True,
    ) -> ModuleSettings:
        """Settings from the ``lmod:``/``tcl:`` mapping of a module set."""
        packages = [
            _package(selector, value)
            for selector, value in data.items()
            if selector not in _KIND_KEYS
        ]
        packages.sort(key=lambda p: p.selector != "all")
        projections = dict(data.get("projections") or {})
        fallback = projections.pop("all", _DEFAULT_PROJECTION[kind])
        return cls(
            kind=kind,
            root=root,
            enabled=enabled,
            arch_folder=arch_folder,
            hash_length=int(data.get("hash_length", _DEFAULT_HASH_LENGTH[kind])),
            include=_unique(data.get("include")),
            exclude=_unique(data.get("exclude")),
            exclude_implicits=bool(data.get("exclude_implicits", False)),
            projections=(*((str(k), str(v)) for k, v in projections.items()), ("all", fallback)),
            core_compilers=_unique(data.get("core_compilers")),
            hierarchy=_unique(data.get("hierarchy")) if kind == "lmod" else (),
            packages=tuple(packages),
        )


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values or ()))


def _pairs(values: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in (values or {}).items())


def _package(selector: str, data: Mapping[str, Any]) -> PackageSettings:
    environment = data.get("environment") or {}
    return PackageSettings(
        selector=selector,
        autoload=data.get("autoload"),
        environment=EnvironmentSettings(
            set=_pairs(environment.get("set")),
            prepend_path=_pairs(environment.get("prepend_path")),
            append_path=_pairs(environment.get("append_path")),
            unset=_unique(environment.get("unset")),
        ),
        conflict=_unique(data.get("conflict")),
        suffixes=_pairs(data.get("suffixes")),
    )
