"""The clean environment one node is built in, derived from its DAG.

Only a small allowlist of the caller's variables survives (locale, home, proxies,
certificates); everything that silently changes what a build finds or links
(LD_LIBRARY_PATH, CPATH, LIBRARY_PATH, PYTHONPATH, CFLAGS, PKG_CONFIG_PATH, ...) is
dropped unless ``dirty``. Search paths are then set from the dependencies, each by
its role: link dependencies (the link-edge closure) give the wrappers their
``-I``/``-L``/RPATH directories; build and run dependencies (with the run-edge
closure of those) put their ``bin`` on PATH; both feed PKG_CONFIG_PATH,
CMAKE_PREFIX_PATH, ACLOCAL_PATH and, for Python extensions, PYTHONPATH. Build-only
dependencies never reach the wrappers. The result is a plain dict, written to
``build-env.json`` beside the build log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.build.wrappers import wrapper_variables
from rpm_spec.platform.flags import target_flags as flags_for_target

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from rpm_spec.build.wrappers import CompilerPaths
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

#: Variables kept from the caller's environment in a clean build.
KEPT_VARIABLES = frozenset(
    {
        "HOME",
        "USER",
        "LOGNAME",
        "TERM",
        "LANG",
        "LANGUAGE",
        "TMPDIR",
        "TZ",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
    }
)
#: Prefixes of variable names kept as well (LC_ALL, LC_CTYPE, SSL_CERT_FILE, ...).
KEPT_PREFIXES = ("LC_", "SSL_CERT_")
#: The system part of PATH, after the wrappers and the dependencies.
SYSTEM_PATH = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin")
#: Prefixes whose directories compilers and tools search already: an external living there
#: adds nothing (an explicit -I/usr/include even breaks #include_next in libstdc++).
SYSTEM_PREFIXES = frozenset({Path("/"), Path("/usr"), Path("/usr/local")})


class MissingPrefixError(BuildLayerError):
    """A dependency of the node being built has no known prefix."""


@dataclass(frozen=True)
class DependencyRoles:
    """The dependencies of one node grouped by what the build uses them for."""

    #: Link-edge closure: headers and libraries for the wrappers, RPATHs.
    link: tuple[ConcreteSpec, ...]
    #: Direct build and run dependencies and their run-edge closure: tools on PATH.
    tools: tuple[ConcreteSpec, ...]

    @property
    def searched(self) -> tuple[ConcreteSpec, ...]:
        """Link and tool dependencies: what pkg-config, CMake and aclocal should find."""
        return tuple({node.hash: node for node in (*self.link, *self.tools)}.values())


def dependency_roles(node: ConcreteSpec, dag: ConcreteDag) -> DependencyRoles:
    """Group ``node``'s dependencies by role (nearest first, each once)."""
    link = [n for _, n, _ in dag.traverse(node.hash, deptypes=("link",)) if n is not node]
    tools: dict[str, ConcreteSpec] = {}
    for edge in sorted(node.dependencies, key=lambda d: d.name):
        if {"build", "run"} & set(edge.types):
            for _, found, _ in dag.traverse(edge.hash, deptypes=("run",)):
                tools.setdefault(found.hash, found)
    return DependencyRoles(link=tuple(link), tools=tuple(tools.values()))


def build_environment(
    node: ConcreteSpec,
    dag: ConcreteDag,
    *,
    prefix: Path,
    prefixes: Mapping[str, Path],
    compiler: CompilerPaths | None,
    jobs: int,
    log_path: Path | None = None,
    user_env: Mapping[str, str] | None = None,
    dirty: bool = False,
    target_flags: str | None = None,
) -> dict[str, str]:
    """The environment to build ``node`` into ``prefix``.

    ``prefixes`` maps every dependency's hash to its prefix (externals may be left
    out: their own prefix is used). ``user_env`` defaults to ``os.environ``.
    ``target_flags`` defaults to archspec's flags for the node's target and compiler;
    the node's compiler flags (``cflags=-O3`` in its spec) reach the wrappers too.
    """
    caller = dict(os.environ if user_env is None else user_env)
    env = caller if dirty else {k: v for k, v in caller.items() if _kept(k)}
    roles = dependency_roles(node, dag)

    def where(dep: ConcreteSpec) -> Path | None:
        found = prefixes.get(dep.hash)
        if found is None and dep.external_prefix is not None:
            found = Path(dep.external_prefix)
        if found is None:
            raise MissingPrefixError(
                f"cannot build {node.name}: its dependency {dep.name}/{dep.short_hash} "
                "has no prefix (it is neither installed nor external)"
            )
        return None if Path(found) in SYSTEM_PREFIXES else Path(found)

    link = [p for p in map(where, roles.link) if p is not None]
    tools = [p for p in map(where, roles.tools) if p is not None]
    searched = [p for p in map(where, roles.searched) if p is not None]
    link_dirs = list(_existing(link, "lib", "lib64"))
    if node.compiler is not None and compiler is not None:
        if target_flags is None:
            target_flags = flags_for_target(node.target, node.compiler.name, node.compiler.version)
        env.update(
            wrapper_variables(
                compiler,
                target_flags=target_flags,
                include_dirs=list(_existing(link, "include")),
                link_dirs=link_dirs,
                rpath_dirs=[prefix / "lib", prefix / "lib64", *link_dirs],
                log_path=log_path,
                flags=node.compiler_flags,
            )
        )
        first = [str(compiler.wrapper_dir())]
    else:
        first = []
    tail = caller.get("PATH", "").split(os.pathsep) if dirty else list(SYSTEM_PATH)
    env["PATH"] = _search_path([*first, *map(str, _existing(tools, "bin")), *tail])
    extensions = [
        p
        for dep, p in zip(roles.searched, map(where, roles.searched), strict=True)
        if p is not None and any(d.name == "python" for d in dep.dependencies)
    ]
    search_paths = {
        "PKG_CONFIG_PATH": _existing(
            searched, "lib/pkgconfig", "lib64/pkgconfig", "share/pkgconfig"
        ),
        "CMAKE_PREFIX_PATH": iter(searched),
        "ACLOCAL_PATH": _existing(searched, "share/aclocal"),
        "PYTHONPATH": _site_packages(extensions),
    }
    for name, paths in search_paths.items():
        parts = [str(p) for p in paths]
        if dirty and env.get(name):
            parts.append(env[name])
        if parts:
            env[name] = _search_path(parts)
        else:
            env.pop(name, None)
    env["RPM_SPEC_MAKE_JOBS"] = str(jobs)
    env["CMAKE_BUILD_PARALLEL_LEVEL"] = str(jobs)
    return env


def _kept(name: str) -> bool:
    return name in KEPT_VARIABLES or name.startswith(KEPT_PREFIXES)


def _existing(prefixes: Iterable[Path], *subdirs: str) -> Iterator[Path]:
    """``prefix/subdir`` for each prefix and subdir that is a directory, in order."""
    for prefix in prefixes:
        for subdir in subdirs:
            path = prefix / subdir
            if path.is_dir():
                yield path


def _site_packages(prefixes: Iterable[Path]) -> Iterator[Path]:
    for prefix in prefixes:
        for libdir in ("lib", "lib64"):
            yield from sorted((prefix / libdir).glob("python*/site-packages"))


def _search_path(parts: Iterable[str]) -> str:
    return os.pathsep.join(dict.fromkeys(part for part in parts if part))
