"""A test NodeBuilder that makes each node a tiny real shared library, linked like the DAG.

Installed through ``Session.node_builder`` (never a product mode): for a node ``name``
it compiles ``lib/lib<name>.so`` with one function that calls its link dependencies'
functions, linked with ``-L``/``-Wl,-rpath`` to their prefixes' ``lib`` directories, so
that the dynamic sections hold real store paths for the binary cache to relocate. The
files and directories the recipe promises are created empty, for the installer's check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.installer import BuiltNode

if TYPE_CHECKING:
    from rpm_spec.build.cancel import Cancellation
    from rpm_spec.build.installer import PlanItem
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


def symbol(name: str) -> str:
    """The C-safe form of a package name (also the library's name)."""
    return re.sub(r"[^A-Za-z0-9]", "_", name)


@dataclass
class TinyLibraryBuilder:
    session: Session
    cc: str

    @classmethod
    def factory(cls, session: Session) -> TinyLibraryBuilder:
        cc = shutil.which("gcc") or shutil.which("cc")
        assert cc is not None, "the tiny library builder needs a C compiler"
        return cls(session, cc)

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        node, prefix = item.spec, item.prefix
        lib = prefix / "lib"
        lib.mkdir(parents=True)
        deps = [dag.nodes[d.hash] for d in node.dependencies if "link" in d.types]
        deps = [d for d in deps if not d.is_external]
        source = prefix / "lib" / f"{symbol(node.name)}.c"
        calls = " + ".join(f"{symbol(d.name)}_value()" for d in deps) or "0"
        externs = "".join(f"int {symbol(d.name)}_value(void);\n" for d in deps)
        source.write_text(
            f"{externs}int {symbol(node.name)}_value(void) {{ return 1 + {calls}; }}\n"
        )
        command = [
            self.cc,
            "-shared",
            "-fPIC",
            "-o",
            str(lib / f"lib{symbol(node.name)}.so"),
            str(source),
        ]
        for dep in deps:
            dep_lib = self._prefix(dep) / "lib"
            command += [f"-L{dep_lib}", f"-Wl,-rpath,{dep_lib}", f"-l{symbol(dep.name)}"]
        subprocess.run(command, check=True, capture_output=True)
        source.unlink()
        meta = self.session.repos.get(node.name)
        for promised in meta.sanity_files:
            (prefix / promised).parent.mkdir(parents=True, exist_ok=True)
            (prefix / promised).touch()
        for promised in meta.sanity_dirs:
            (prefix / promised).mkdir(parents=True, exist_ok=True)
        recipe_dir = Path(meta.path).parent
        return BuiltNode(
            log_path=None,
            environment={},
            build_system="tiny library",
            recipe_dir=recipe_dir,
            repo_root=self.session.repos.repo_of(node.name).root,
        )

    def _prefix(self, node: ConcreteSpec) -> Path:
        return self.session.store.prefix(node)
