"""Everything a build child process needs, as one frozen value it reads from a file.

The installer fills a :class:`BuildRequest` per node; :func:`rpm_spec.build.process.run_build`
writes it as JSON beside the build log (readable, and enough to rerun a build by hand
with ``python -m rpm_spec.build.child REQUEST RESULT``) and the child reads it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.repo.files import RECIPE_FILE
from rpm_spec.spec.concrete import ConcreteDag

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.spec.concrete import ConcreteSpec

#: The format of the request file; bumped on incompatible changes.
REQUEST_FORMAT = 1


@dataclass(frozen=True)
class BuildRequest:
    """One node to build, with its DAG, the prefixes around it and where to work."""

    #: The DAG holding the node and (at least) all of its dependencies.
    dag: ConcreteDag
    #: The DAG hash of the node to build.
    node_hash: str
    #: Prefix of each dependency by hash (externals may be left out: they carry theirs).
    prefixes: Mapping[str, Path]
    #: The repository the recipe comes from: its root and namespace.
    repo_root: Path
    namespace: str
    #: The expanded, patched sources; in-source builds run here.
    source_path: Path
    #: Where out-of-source builds (CMake, Meson) put their build tree.
    build_dir: Path
    #: Where to install; removed again if the build fails.
    prefix: Path
    #: The build log: the child's stdout and stderr, appended to.
    log_path: Path
    #: The complete environment of the build (see :mod:`rpm_spec.build.environment`).
    env: Mapping[str, str]
    #: Parallel jobs inside the build (``make -jN``).
    jobs: int
    #: The recipe file; by default ``<repo_root>/packages/<name>/package.py``.
    recipe_path: Path | None = None
    #: Where the child writes its result; by default beside the log.
    result_path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.node_hash not in self.dag.nodes:
            raise ValueError(f"node {self.node_hash[:7]} is not in the request's DAG")

    @classmethod
    def for_node(cls, node: ConcreteSpec, dag: ConcreteDag, **fields: Any) -> BuildRequest:
        """A request for ``node``, keeping only the part of ``dag`` below it."""
        below = {n.hash: n for _, n, _ in dag.traverse(node.hash)}
        return cls(dag=ConcreteDag((node.hash,), below), node_hash=node.hash, **fields)

    @property
    def node(self) -> ConcreteSpec:
        return self.dag.nodes[self.node_hash]

    @property
    def recipe_file(self) -> Path:
        if self.recipe_path is not None:
            return self.recipe_path
        return self.repo_root / "packages" / self.node.name / RECIPE_FILE

    @property
    def request_file(self) -> Path:
        """Where the request is written for the child."""
        return self.log_path.with_name(self.log_path.name + ".request.json")

    @property
    def result_file(self) -> Path:
        """Where the child reports how the build ended."""
        if self.result_path is not None:
            return self.result_path
        return self.log_path.with_name(self.log_path.name + ".result.json")

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": REQUEST_FORMAT,
            "dag": self.dag.to_dict(),
            "node_hash": self.node_hash,
            "prefixes": {h: str(p) for h, p in sorted(self.prefixes.items())},
            "repo_root": str(self.repo_root),
            "namespace": self.namespace,
            "source_path": str(self.source_path),
            "build_dir": str(self.build_dir),
            "prefix": str(self.prefix),
            "log_path": str(self.log_path),
            "env": dict(sorted(self.env.items())),
            "jobs": self.jobs,
            "recipe_path": None if self.recipe_path is None else str(self.recipe_path),
            "result_path": None if self.result_path is None else str(self.result_path),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BuildRequest:
        if data.get("format") != REQUEST_FORMAT:
            raise ValueError(f"unsupported build request format {data.get('format')!r}")
        optional = {key: data.get(key) for key in ("recipe_path", "result_path")}
        return cls(
            dag=ConcreteDag.from_dict(data["dag"]),
            node_hash=data["node_hash"],
            prefixes={h: Path(p) for h, p in data["prefixes"].items()},
            repo_root=Path(data["repo_root"]),
            namespace=data["namespace"],
            source_path=Path(data["source_path"]),
            build_dir=Path(data["build_dir"]),
            prefix=Path(data["prefix"]),
            log_path=Path(data["log_path"]),
            env=dict(data["env"]),
            jobs=int(data["jobs"]),
            **{key: None if value is None else Path(value) for key, value in optional.items()},
        )

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> BuildRequest:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
