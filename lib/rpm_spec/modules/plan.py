"""From installed records to module files: selection, names, placement, clash check.

Lmod trees are per ``platform-os-family`` (``linux-debian12-x86_64``): builds of one
package that differ only in their target share one module, which picks among them at
load time (:mod:`rpm_spec.modules.lua`). Tcl trees are per ``platform-os-target``, as
Spack's. Two specs that would still get one file are an error that names the attribute
that differs and the projection key that tells them apart; nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.modules import lua, tcl
from rpm_spec.modules.content import Build, ModuleContent, environment, merged_settings
from rpm_spec.modules.errors import ModuleNameClashError
from rpm_spec.modules.hierarchy import CORE, Hierarchy, Placement
from rpm_spec.modules.naming import difference, matches, module_name
from rpm_spec.platform.targets import family, get_target, is_known
from rpm_spec.store.best_build import same_package_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.modules.settings import ModuleSettings, PackageSettings
    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.store.records import InstallRecord


@dataclass(frozen=True)
class ModuleFile:
    """One module file to write: where (relative to the root), the name users load, what
    it holds and the hashes of the builds behind it."""

    path: Path
    name: str
    hashes: tuple[str, ...]
    text: str


def selected(settings: ModuleSettings, dag: ConcreteDag, record: InstallRecord) -> bool:
    """Whether ``record`` gets a module: never an external (it lives in system directories
    that unloading would strip from PATH); ``include`` wins over ``exclude`` and over
    ``exclude_implicits``."""
    if record.external:
        return False
    if any(matches(dag, record.hash, key) for key in settings.include):
        return True
    if settings.exclude_implicits and not record.explicit:
        return False
    return not any(matches(dag, record.hash, key) for key in settings.exclude)


def plan_modules(
    settings: ModuleSettings,
    records: Iterable[InstallRecord],
    dag: ConcreteDag,
    *,
    upstream_names: Mapping[str, str] | None = None,
    recipe_virtuals: Mapping[str, Iterable[str]] | None = None,
) -> list[ModuleFile]:
    """The module files of ``records`` (``dag`` holds their nodes).

    ``upstream_names`` (hash → module name, from upstream module trees) names the
    dependencies that an upstream store installed, so they are autoloaded from there.
    """
    chosen = [r for r in records if selected(settings, dag, r)]
    by_hash = {r.hash: r for r in chosen}
    packages = {r.hash: merged_settings(settings.packages, dag, r.hash) for r in chosen}
    # Projections and suffixes name a module; a name clash is found below, per file.
    names = {
        r.hash: module_name(
            settings.projections,
            dag,
            r.hash,
            hash_length=settings.hash_length,
            suffixes=[
                suffix
                for package in packages[r.hash]
                for key, suffix in package.suffixes
                if matches(dag, r.hash, key)
            ],
        )
        for r in chosen
    }
    known = {**(upstream_names or {}), **names}
    hierarchy = Hierarchy(
        dag,
        names,
        tokens=settings.hierarchy,
        core_compilers=settings.core_compilers,
        recipe_virtuals=recipe_virtuals,
    )
    groups: dict[Path, list[str]] = {}
    placements: dict[str, Placement] = {}
    for record in chosen:
        node = record.spec
        if settings.kind == "lmod":
            placements[record.hash] = hierarchy.place(record.hash)
            level = placements[record.hash].level
            arch = f"{node.platform}-{node.os}-{_family(node.target)}"
            relative = Path(level, names[record.hash] + ".lua")
        else:
            arch = f"{node.platform}-{node.os}-{node.target}"
            relative = Path(names[record.hash])
        path = Path(arch, relative) if settings.arch_folder else relative
        groups.setdefault(path, []).append(record.hash)
    files = []
    for path, hashes in sorted(groups.items()):
        _check_clash(settings, dag, path, hashes)
        files.append(
            _module_file(settings, dag, path, hashes, by_hash, known, packages, placements)
        )
    return files


def _family(target: str) -> str:
    # An unknown target keeps a folder of its own: there is nothing to group it with.
    return family(target) if is_known(target) else target


def _depth(target: str) -> int:
    return get_target(target).depth if is_known(target) else 0


def _check_clash(
    settings: ModuleSettings, dag: ConcreteDag, path: Path, hashes: Sequence[str]
) -> None:
    if len(hashes) == 1:
        return
    first = dag.nodes[hashes[0]]
    for other in hashes[1:]:
        node = dag.nodes[other]
        targets_only = settings.kind == "lmod" and same_package_key(
            node, gpu=True
        ) == same_package_key(first, gpu=True)
        if targets_only and node.target != first.target:
            continue
        what, token = difference(dag, first.hash, other)
        raise ModuleNameClashError(
            f"{first.format()} /{first.short_hash} and {node.format()} /{node.short_hash} "
            f"would both be the {settings.kind} module {path}: they differ in {what}",
            hint=f"tell them apart with a projection key in modules.yaml, e.g. "
            f"modules:default:{settings.kind}:projections: "
            f"{{{first.name}: '{{name}}/{{version}}-{token}'}}",
        )


def _module_file(
    settings: ModuleSettings,
    dag: ConcreteDag,
    path: Path,
    hashes: Sequence[str],
    by_hash: Mapping[str, InstallRecord],
    known: Mapping[str, str],
    packages: Mapping[str, Sequence[PackageSettings]],
    placements: Mapping[str, Placement],
) -> ModuleFile:
    ordered = sorted(hashes, key=lambda h: (-_depth(dag.nodes[h].target), h))
    main = ordered[0]
    node = dag.nodes[main]
    chosen = packages[main]
    autoload_mode = next(
        (p.autoload for p in reversed(chosen) if p.autoload is not None), "direct"
    )
    placement = placements.get(main)
    skip = set(placement.level_providers) if placement else set()
    autoload = [
        known[h]
        for h in _autoloaded(dag, main, autoload_mode)
        if h in known and h not in skip and h != main
    ]
    arch_root = settings.root / path.parts[0] if settings.arch_folder else settings.root
    opens = tuple(str(arch_root / level) for level in (placement.opens if placement else ()))
    name = known[main]
    conflicts = [c for p in chosen for c in p.conflict]
    if settings.kind == "tcl":
        conflicts.insert(0, name.split("/")[0])
    content = ModuleContent(
        name=name,
        package=node.name,
        version=str(node.version),
        spec_text=node.format(arch=settings.kind == "tcl"),
        builds=tuple(Build(dag.nodes[h].target, str(by_hash[h].prefix), h) for h in ordered),
        opens=opens,
        families=placement.families if placement else (),
        autoload=tuple(dict.fromkeys(autoload)),
        conflicts=tuple(dict.fromkeys(conflicts)),
        environment=environment(dag, main, [by_hash[h].prefix for h in ordered], chosen),
    )
    text = lua.render(content) if settings.kind == "lmod" else tcl.render(content)
    return ModuleFile(path, name, tuple(ordered), text)


def _autoloaded(dag: ConcreteDag, spec_hash: str, mode: str) -> list[str]:
    """Dependencies to autoload: the ``direct`` link and run ones, what it ``run``s
    (transitively, as ``rpm-spec load`` loads), ``all`` link and run ones, or ``none``;
    dependencies before dependents, so each is loaded before what needs it."""
    if mode == "none":
        return []
    node = dag.nodes[spec_hash]
    if mode == "direct":
        return [d.hash for d in node.dependencies if {"link", "run"} & set(d.types)]
    types = {"run"} if mode == "run" else {"link", "run"}
    order: dict[str, None] = {}

    def visit(current: str) -> None:  # post-order: what a node needs comes before it
        for dep in sorted(dag.nodes[current].dependencies, key=lambda d: d.name):
            if types & set(dep.types) and dep.hash not in order:
                visit(dep.hash)
                order[dep.hash] = None

    visit(spec_hash)
    return list(order)


__all__ = ["CORE", "ModuleFile", "plan_modules", "selected"]
