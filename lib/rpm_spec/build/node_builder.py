"""The per-package work of an install: fetch, verify, stage, patch, build.

:class:`SourceBuilder` is the :class:`~rpm_spec.build.installer.NodeBuilder` the
CLI uses: sources come through the Fetcher (cache, mirrors, upstream, always
sha256-verified unless told otherwise), are expanded into a private stage,
patched, then built in a child process with a clean environment through the
compiler wrappers. The stage is removed after a successful build and kept after
a failure (its path is in the error), or always with ``keep_stage``. A cancelled
install (Ctrl-C, SIGTERM) kills the build's process group and raises
:class:`~rpm_spec.build.errors.BuildInterrupted` with the kept stage and its log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.environment import build_environment
from rpm_spec.build.errors import BuildError, BuildInterrupted
from rpm_spec.build.installer import BuiltNode, PlanItem
from rpm_spec.build.process import run_build
from rpm_spec.build.request import BuildRequest
from rpm_spec.build.sources import fetch_sources, prepare_sources, sources_of
from rpm_spec.build.stage import Stage, choose_stage_root

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from rpm_spec.build.cancel import Cancellation
    from rpm_spec.build.fetch import Fetcher
    from rpm_spec.build.wrappers import CompilerPaths
    from rpm_spec.repo import RepoPath
    from rpm_spec.spec.concrete import CompilerRef, ConcreteDag, ConcreteSpec


@dataclass
class SourceBuilder:
    """Builds nodes from verified sources (see the module doc)."""

    repos: RepoPath
    fetcher: Fetcher
    prefix_of: Callable[[ConcreteSpec], Path]
    compiler_paths: Callable[[CompilerRef], CompilerPaths]
    stage_roots: Sequence[Path]
    make_jobs: int
    checksum: bool = True
    keep_stage: bool = False
    dirty: bool = False
    user_env: Mapping[str, str] | None = None

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        node = item.spec
        repo = self.repos.repo_of(node.name)
        fetched = fetch_sources(
            self.fetcher, sources_of(node, dag, self.repos), checksum=self.checksum
        )
        if cancel.requested:
            raise BuildInterrupted(node.label)
        stage = Stage(choose_stage_root(self.stage_roots), node, keep=self.keep_stage)
        stage.create()
        log_path = stage.path / "rpm-spec-build.log"
        succeeded = False
        try:
            source_path = prepare_sources(stage, fetched)
            prefixes = self._prefixes(node, dag)
            compiler = None if node.compiler is None else self.compiler_paths(node.compiler)
            env = build_environment(
                node,
                dag,
                prefix=item.prefix,
                prefixes=prefixes,
                compiler=compiler,
                jobs=self.make_jobs,
                log_path=log_path,
                user_env=self.user_env,
                dirty=self.dirty,
            )
            request = BuildRequest.for_node(
                node,
                dag,
                prefixes=prefixes,
                repo_root=repo.root,
                namespace=repo.namespace,
                source_path=source_path,
                build_dir=stage.path / "build",
                prefix=item.prefix,
                log_path=log_path,
                env=env,
                jobs=self.make_jobs,
            )
            if cancel.requested:
                raise BuildInterrupted(node.label, stage=stage.path)
            try:
                run_build(request, cancel)
            except BuildError as error:
                if cancel.requested:  # killed on purpose: not a failure of the build
                    raise BuildInterrupted(
                        node.label, stage=stage.path, log_path=log_path
                    ) from error
                raise
            succeeded = True
        finally:
            if not succeeded:
                stage.keep()
        meta = self.repos.get(node.name)

        def keep() -> None:  # the stage stays; its claim is given back
            stage.keep()

        return BuiltNode(
            log_path=log_path,
            environment=env,
            build_system=meta.build_system,
            recipe_dir=Path(meta.path).parent,
            repo_root=repo.root,
            # The log lives in the stage until provenance has copied it into the prefix.
            cleanup=keep if self.keep_stage else stage.destroy,
            keep=keep,
            stage=stage.path,
        )

    def _prefixes(self, node: ConcreteSpec, dag: ConcreteDag) -> dict[str, Path]:
        prefixes: dict[str, Path] = {}
        for _, dep, _ in dag.traverse(node.hash):
            if dep.hash == node.hash:
                continue
            if dep.external_prefix is not None:
                prefixes[dep.hash] = Path(dep.external_prefix)
            else:
                prefixes[dep.hash] = self.prefix_of(dep)
        return prefixes
