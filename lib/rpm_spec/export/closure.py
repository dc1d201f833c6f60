"""Which installed prefixes an export of an environment carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.environment.concretize import section_for_host
from rpm_spec.export.errors import ExportError

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.environment.environment import Environment
    from rpm_spec.environment.lockfile import PlatformSection
    from rpm_spec.platform import HostInfo
    from rpm_spec.spec.concrete import ConcreteSpec
    from rpm_spec.store.store import Store


@dataclass(frozen=True)
class ExportSet:
    """The lock section exported, its roots, and every non-external node with its prefix."""

    label: str
    section: PlatformSection
    roots: tuple[str, ...]
    #: (node, installed prefix), sorted by hash: the order of the archive.
    nodes: tuple[tuple[ConcreteSpec, Path], ...]
    externals: tuple[str, ...]


def export_set(env: Environment, store: Store, host: HostInfo) -> ExportSet:
    """Everything the roots of ``env``'s section for ``host`` need (link and run
    dependencies alike: an unpacked copy has no store to find them in); every one must
    be installed, else nothing is exported."""
    section = section_for_host(env.lock, host)
    if section is None:
        raise ExportError(
            f"{env.label} has no lock section this host ({host.arch}) can use",
            hint="run 'rpm-spec concretize' for this host first",
        )
    roots = tuple(dict.fromkeys(h for _, h in section.roots))
    installed = store.snapshot()
    nodes: dict[str, tuple[ConcreteSpec, Path]] = {}
    externals: list[str] = []
    missing: list[str] = []
    for root in roots:
        for _, node, _ in section.dag.traverse(root, deptypes=("link", "run")):
            if node.hash in nodes or node.label in externals:
                continue
            if node.is_external:
                externals.append(node.label)
                continue
            record = installed.get(node.hash)
            if record is None or record.external:
                missing.append(node.label)
            else:
                nodes[node.hash] = (node, record.prefix)
    if missing:
        raise ExportError(
            f"{env.label} is not fully installed: {', '.join(sorted(set(missing)))}",
            hint="run 'rpm-spec install' in the environment first",
        )
    return ExportSet(
        label=env.label,
        section=section,
        roots=roots,
        nodes=tuple(nodes[h] for h in sorted(nodes)),
        externals=tuple(sorted(externals)),
    )
