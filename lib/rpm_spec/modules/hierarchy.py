"""Where a module sits in an Lmod hierarchy, and which levels it opens.

Levels are directories below the arch folder: ``Core`` for specs built with a core
compiler (or with a compiler rpm-spec did not install, when ``core_compilers`` is empty:
such a compiler is the system's, and its modules need nothing loaded first);
``gcc/12.2.0`` for specs built with an installed gcc 12.2.0; and, for each virtual of
``hierarchy`` (``mpi``, ``lapack``...) a spec depends on, the provider's module name in
front: ``mpi_a/1.0/gcc/12.2.0``. A compiler's module opens its compiler level; a
provider's module opens its own level plus itself, and carries ``family(VIRTUAL)``, so
that loading another provider swaps it and Lmod reloads every dependent from the new
level. Spack puts a hash in a provider's level; we use its module name, which the
clash check already makes unique, so that builds for several targets share a level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.spec import parse_spec
from rpm_spec.spec.version import Version

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

#: Package name → the compiler name the specs it builds record (``llvm`` builds ``clang``).
COMPILER_PACKAGES = {
    "gcc": "gcc",
    "llvm": "clang",
    "clang": "clang",
    "aocc": "aocc",
    "nvhpc": "nvhpc",
    "intel-oneapi-compilers": "oneapi",
}
CORE = "Core"


@dataclass(frozen=True)
class Placement:
    """A module's level directory, the levels it opens and the families it belongs to."""

    level: str
    opens: tuple[str, ...]
    families: tuple[str, ...]
    #: Dependencies that define the level: never autoloaded (loading them is the way in).
    level_providers: tuple[str, ...]


class Hierarchy:
    """Placement of the modules of one store (``names``: hash → module name)."""

    def __init__(
        self,
        dag: ConcreteDag,
        names: Mapping[str, str],
        *,
        tokens: Sequence[str],
        core_compilers: Sequence[str],
        recipe_virtuals: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """``recipe_virtuals`` (package name → virtuals its recipe provides) makes a
        provider that nothing installed depends on yet open its level too."""
        self._dag = dag
        self._names = names
        self._tokens = tuple(t for t in tokens if t != "compiler")
        self._core = [parse_spec(text) for text in core_compilers]
        self._installed_compilers = {
            (COMPILER_PACKAGES[node.name], str(node.version))
            for node in dag.nodes.values()
            if node.name in COMPILER_PACKAGES
        }
        self._provided = _provided_virtuals(dag.nodes.values())
        for node in dag.nodes.values():
            extra = (recipe_virtuals or {}).get(node.name, ())
            if extra:
                self._provided.setdefault(node.hash, set()).update(extra)
        self._providers: dict[tuple[str, str], str | None] = {}

    def place(self, spec_hash: str) -> Placement:
        node = self._dag.nodes[spec_hash]
        compiler = self._compiler_dir(node)
        parts = self._virtual_parts(spec_hash)
        opens: list[str] = []
        families: list[str] = []
        if node.name in COMPILER_PACKAGES:
            opens.append(_join(parts, f"{COMPILER_PACKAGES[node.name]}/{node.version}"))
            families.append("compiler")
        for token in self._tokens:
            if token in self._provided.get(spec_hash, ()):
                own = dict(parts) | {token: self._names[spec_hash]}
                opens.append(_join(self._ordered(own), compiler))
                families.append(token)
        providers = tuple(
            provider
            for token in self._tokens
            if (provider := self._provider(spec_hash, token)) is not None
        )
        return Placement(_join(parts, compiler), tuple(opens), tuple(families), providers)

    def _ordered(self, parts: Mapping[str, str]) -> list[tuple[str, str]]:
        return [(token, parts[token]) for token in self._tokens if token in parts]

    def _virtual_parts(self, spec_hash: str) -> list[tuple[str, str]]:
        parts = []
        for token in self._tokens:
            provider = self._provider(spec_hash, token)
            if provider is not None and provider in self._names:
                parts.append((token, self._names[provider]))
        return parts

    def _provider(self, spec_hash: str, token: str) -> str | None:
        """The node that provides ``token`` to ``spec_hash`` (directly, else through a link
        or run dependency), memoized: one walk over the DAG for a whole store."""
        key = (spec_hash, token)
        if key not in self._providers:
            self._providers[key] = None  # a cycle cannot happen in a DAG; stay safe
            found = None
            node = self._dag.nodes[spec_hash]
            for dep in node.dependencies:
                if token in dep.virtuals:
                    found = dep.hash
                    break
            if found is None:
                for dep in node.dependencies:
                    if {"link", "run"} & set(dep.types):
                        found = self._provider(dep.hash, token)
                        if found is not None:
                            break
            self._providers[key] = found
        return self._providers[key]

    def _compiler_dir(self, node: ConcreteSpec) -> str:
        compiler = node.compiler
        if compiler is None:
            return CORE
        if self._core:
            version = Version(compiler.version)
            core = any(
                spec.name == compiler.name and spec.versions.contains(version)
                for spec in self._core
            )
        else:
            core = (compiler.name, compiler.version) not in self._installed_compilers
        return CORE if core else f"{compiler.name}/{compiler.version}"


def _join(parts: Iterable[tuple[str, str]], compiler: str) -> str:
    return "/".join([*(name for _, name in parts), compiler])


def _provided_virtuals(nodes: Iterable[ConcreteSpec]) -> dict[str, set[str]]:
    """hash → the virtuals it provides to some dependent (recorded on the edges)."""
    found: dict[str, set[str]] = {}
    for node in nodes:
        for dep in node.dependencies:
            if dep.virtuals:
                found.setdefault(dep.hash, set()).update(dep.virtuals)
    return found
