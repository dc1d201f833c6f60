"""Synthetic installs for module and build-choice tests: concrete nodes made by hand (any
name, compiler or target), laid out and registered in a store without building anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.spec.concrete import CompilerRef, ConcreteSpec, DependencyRef, NodeContent
from rpm_spec.spec.version import Version

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.store import Store


def node(
    name: str,
    version: str = "1.0",
    *,
    compiler: str | None = "gcc@12.2.0",
    target: str = "x86_64",
    variants: dict[str, tuple[str, ...]] | None = None,
    deps: Sequence[tuple[ConcreteSpec, tuple[str, ...]]] = (),
    run_deps: Sequence[ConcreteSpec] = (),
    os: str = "debian12",
) -> ConcreteSpec:
    """A concrete node; ``deps`` are (node, virtuals it provides here) with link types,
    ``run_deps`` what it runs."""
    ref = None
    if compiler is not None:
        compiler_name, _, compiler_version = compiler.partition("@")
        ref = CompilerRef(compiler_name, compiler_version)
    return ConcreteSpec(
        NodeContent(
            name=name,
            namespace="mock",
            version=Version(version),
            variants=tuple(sorted((variants or {}).items())),
            compiler=ref,
            platform="linux",
            os=os,
            target=target,
            dependencies=(
                *(
                    DependencyRef(dep.name, dep.hash, ("build", "link"), virtuals)
                    for dep, virtuals in deps
                ),
                *(DependencyRef(dep.name, dep.hash, ("run",)) for dep in run_deps),
            ),
        )
    )


def register(store: Store, nodes: Sequence[ConcreteSpec], *, explicit: bool = True) -> None:
    """Lay out a prefix with a bin/ for each node and register it, dependencies first."""
    for spec in nodes:
        prefix = store.prefix(spec)
        (prefix / "bin").mkdir(parents=True, exist_ok=True)
        store.database.add(spec, prefix, explicit=explicit)


def mpi_stack() -> list[ConcreteSpec]:
    """gcc 12 (built by the core gcc 11), two MPIs built with it, and h5_t against each."""
    gcc = node("gcc", "12.2.0", compiler="gcc@11.4.0")
    mpi_a = node("mpi_a", "1.0")
    mpi_b = node("mpi_b", "2.0")
    h5_a = node("h5_t", "1.0", deps=[(mpi_a, ("mpi",))])
    h5_b = node("h5_t", "1.0", deps=[(mpi_b, ("mpi",))])
    return [gcc, mpi_a, mpi_b, h5_a, h5_b]
