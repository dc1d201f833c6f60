"""Helpers for build-layer tests: concrete nodes made by hand, and TinyBuilds, which
stages, builds and installs nodes of the tiny repository the way the installer will."""

from __future__ import annotations

import tarfile
from typing import TYPE_CHECKING

from rpm_spec.build.environment import build_environment
from rpm_spec.build.process import BuildRequest, run_build
from rpm_spec.spec import Version
from rpm_spec.spec.concrete import (
    CompilerRef,
    ConcreteDag,
    ConcreteSpec,
    DependencyRef,
    NodeContent,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from tiny_projects import TinyRepo

    from rpm_spec.build.wrappers import CompilerPaths


def concrete_node(
    name: str,
    *,
    target: str = "x86_64",
    compiler: CompilerPaths | None = None,
    deps: Sequence[tuple[ConcreteSpec, tuple[str, ...]]] = (),
    virtuals: dict[str, tuple[str, ...]] | None = None,
    external: Path | None = None,
    version: str = "1.0",
    variants: dict[str, tuple[str, ...]] | None = None,
    namespace: str = "tiny",
    flags: dict[str, tuple[str, ...]] | None = None,
) -> ConcreteSpec:
    """A concrete node made by hand (no solver), with edges to ``deps`` (``virtuals``:
    dependency name → the virtuals it provides to this node) and compiler ``flags``."""
    return ConcreteSpec(
        NodeContent(
            name=name,
            namespace=namespace,
            version=Version(version),
            variants=tuple(sorted((variants or {}).items())),
            compiler=None
            if external is not None or compiler is None
            else CompilerRef(compiler.name, compiler.version),
            platform="linux",
            os="debian12",
            target=target,
            external_prefix=None if external is None else str(external),
            dependencies=tuple(
                DependencyRef(d.name, d.hash, types, (virtuals or {}).get(d.name, ()))
                for d, types in deps
            ),
            compiler_flags=tuple((flags or {}).items()),
        )
    )


def dag_of(*nodes: ConcreteSpec) -> ConcreteDag:
    """A DAG rooted at the last node, holding all of ``nodes``."""
    return ConcreteDag((nodes[-1].hash,), {node.hash: node for node in nodes})


class TinyBuilds:
    """Stage, build and install nodes of the tiny repo the way the installer will."""

    def __init__(self, root: Path, repo: TinyRepo, compiler: CompilerPaths, target: str) -> None:
        self.root = root
        self.repo = repo
        self.compiler = compiler
        self.target = target
        self.prefixes: dict[str, Path] = {}

    def node(
        self,
        name: str,
        *deps: tuple[ConcreteSpec, tuple[str, ...]],
        version: str = "1.0",
        variants: dict[str, tuple[str, ...]] | None = None,
        external: Path | None = None,
        flags: dict[str, tuple[str, ...]] | None = None,
    ) -> ConcreteSpec:
        return concrete_node(
            name,
            target=self.target,
            compiler=self.compiler,
            deps=deps,
            version=version,
            variants=variants,
            external=external,
            flags=flags,
        )

    def prefix_of(self, node: ConcreteSpec) -> Path:
        return self.root / "store" / f"{node.name}-{node.version}-{node.hash[:8]}"

    def stage(self, node: ConcreteSpec, archive: Path | None = None) -> Path:
        """Unpack the node's tarball (the tiny repo's, or ``archive``); its source dir."""
        stage = self.root / "stage" / f"{node.name}-{node.hash[:8]}"
        stage.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive or self.repo.sources[node.name].archive) as tar:
            tar.extractall(stage, filter="data")
        return next(path for path in stage.iterdir() if path.is_dir() and path.name != "build")

    def request(
        self,
        node: ConcreteSpec,
        dag: ConcreteDag,
        *,
        dirty: bool = False,
        archive: Path | None = None,
        repo: tuple[Path, str] | None = None,
    ) -> BuildRequest:
        """The request for ``node``; ``archive`` and ``repo`` (root, namespace) replace the
        tiny repo's tarball and recipes (for builtin recipes and mirror tarballs)."""
        source = self.stage(node, archive)
        prefix = self.prefix_of(node)
        log = source.parent / "build.log"
        env = build_environment(
            node,
            dag,
            prefix=prefix,
            prefixes=self.prefixes,
            compiler=self.compiler,
            jobs=2,
            log_path=log,
            dirty=dirty,
        )
        return BuildRequest.for_node(
            node,
            dag,
            prefixes=dict(self.prefixes),
            repo_root=repo[0] if repo else self.repo.root,
            namespace=repo[1] if repo else self.repo.namespace,
            source_path=source,
            build_dir=source.parent / "build",
            prefix=prefix,
            log_path=log,
            env=env,
            jobs=2,
        )

    def build(self, node: ConcreteSpec, dag: ConcreteDag, *, dirty: bool = False) -> BuildRequest:
        """Build ``node`` (its dependencies must be built already); the request it ran."""
        request = self.request(node, dag, dirty=dirty)
        run_build(request)
        self.prefixes[node.hash] = request.prefix
        return request
