"""The clean build environment, from hand-made DAGs and fake prefixes (nothing runs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import concrete_node, dag_of

from rpm_spec.build.environment import (
    SYSTEM_PATH,
    MissingPrefixError,
    build_environment,
    dependency_roles,
)
from rpm_spec.build.wrappers import C_ONLY_DIR, WRAPPERS_DIR, CompilerPaths
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

Graph = tuple[ConcreteSpec, ConcreteDag, dict[str, Path]]
GCC = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"), cxx=Path("/usr/bin/g++"))
USER_ENV = {
    "HOME": "/home/me",
    "USER": "me",
    "LANG": "C.UTF-8",
    "LC_ALL": "C",
    "SSL_CERT_FILE": "/etc/ssl/cert.pem",
    "https_proxy": "http://proxy:3128",
    "TMPDIR": "/scratch/tmp",
    "PATH": "/home/me/bin:/usr/bin",
    "LD_LIBRARY_PATH": "/opt/bad/lib",
    "LIBRARY_PATH": "/opt/bad/lib",
    "CPATH": "/opt/bad/include",
    "C_INCLUDE_PATH": "/opt/bad/include",
    "PYTHONPATH": "/opt/bad/python",
    "PYTHONHOME": "/opt/bad",
    "PKG_CONFIG_PATH": "/opt/bad/pkgconfig",
    "CMAKE_PREFIX_PATH": "/opt/bad",
    "CFLAGS": "-O0",
    "LDFLAGS": "-L/opt/bad/lib",
    "MAKEFLAGS": "-j64",
}


def fake_prefix(root: Path, name: str, *subdirs: str) -> Path:
    prefix = root / name
    for subdir in subdirs:
        (prefix / subdir).mkdir(parents=True, exist_ok=True)
    return prefix


@pytest.fixture
def graph(tmp_path: Path) -> Graph:
    """app -> liba (build, link) -> libb (link); app -> tool (build) -> helper (run);
    app -> runtime (run); app -> cmake (build, external at /usr)."""
    libb = concrete_node("libb", compiler=GCC)
    liba = concrete_node("liba", compiler=GCC, deps=[(libb, ("build", "link"))])
    helper = concrete_node("helper", compiler=GCC)
    tool = concrete_node("tool", compiler=GCC, deps=[(helper, ("run",))])
    runtime = concrete_node("runtime", compiler=GCC)
    cmake = concrete_node("cmake", external=Path("/usr"))
    app = concrete_node(
        "app",
        target="x86_64_v3",
        compiler=GCC,
        deps=[
            (liba, ("build", "link")),
            (tool, ("build",)),
            (runtime, ("run",)),
            (cmake, ("build",)),
        ],
    )
    prefixes = {
        libb.hash: fake_prefix(tmp_path, "libb", "include", "lib64", "lib/pkgconfig"),
        liba.hash: fake_prefix(tmp_path, "liba", "include", "lib", "bin", "share/aclocal"),
        helper.hash: fake_prefix(tmp_path, "helper", "bin"),
        tool.hash: fake_prefix(tmp_path, "tool", "bin", "include", "lib"),
        runtime.hash: fake_prefix(tmp_path, "runtime", "bin", "lib"),
    }
    dag = dag_of(libb, liba, helper, tool, runtime, cmake, app)
    return app, dag, prefixes


def env_for(
    graph: Graph, tmp_path: Path, *, dirty: bool = False, log_path: Path | None = None
) -> dict[str, str]:
    app, dag, prefixes = graph
    return build_environment(
        app,
        dag,
        prefix=tmp_path / "app-prefix",
        prefixes=prefixes,
        compiler=GCC,
        jobs=6,
        user_env=USER_ENV,
        dirty=dirty,
        log_path=log_path,
    )


def test_only_the_allowlist_survives(graph: Graph, tmp_path: Path) -> None:
    env = env_for(graph, tmp_path)
    for kept in ("HOME", "USER", "LANG", "LC_ALL", "SSL_CERT_FILE", "https_proxy", "TMPDIR"):
        assert env[kept] == USER_ENV[kept]
    for dropped in (
        "LD_LIBRARY_PATH",
        "LIBRARY_PATH",
        "CPATH",
        "C_INCLUDE_PATH",
        "PYTHONPATH",
        "PYTHONHOME",
        "CFLAGS",
        "LDFLAGS",
        "MAKEFLAGS",
    ):
        assert dropped not in env, dropped
    assert "/opt/bad" not in env["PKG_CONFIG_PATH"] and "/opt/bad" not in env["CMAKE_PREFIX_PATH"]
    assert "/home/me/bin" not in env["PATH"]


def test_dirty_keeps_the_callers_variables_behind_ours(graph: Graph, tmp_path: Path) -> None:
    env = env_for(graph, tmp_path, dirty=True)
    assert env["LD_LIBRARY_PATH"] == "/opt/bad/lib" and env["CFLAGS"] == "-O0"
    assert env["PATH"].endswith("/home/me/bin:/usr/bin")
    assert env["PKG_CONFIG_PATH"].endswith(":/opt/bad/pkgconfig")
    assert env["PATH"].split(":")[0] == str(C_ONLY_DIR)


def test_wrappers_get_the_link_closure_only(graph: Graph, tmp_path: Path) -> None:
    env = env_for(graph, tmp_path)
    root = tmp_path
    assert env["RPM_SPEC_INCLUDE_DIRS"] == f"{root}/liba/include:{root}/libb/include"
    libs = f"{root}/liba/lib:{root}/libb/lib:{root}/libb/lib64"
    assert env["RPM_SPEC_LINK_DIRS"] == libs
    own = tmp_path / "app-prefix"
    assert env["RPM_SPEC_RPATH_DIRS"] == f"{own}/lib:{own}/lib64:{libs}"
    # tool is build-only: on PATH, never in the wrappers' lists.
    assert "tool" not in env["RPM_SPEC_INCLUDE_DIRS"] + env["RPM_SPEC_LINK_DIRS"]
    assert "runtime" not in env["RPM_SPEC_RPATH_DIRS"]


def test_path_has_wrappers_then_tools_then_the_system(graph: Graph, tmp_path: Path) -> None:
    parts = env_for(graph, tmp_path)["PATH"].split(":")
    assert parts[0] == str(C_ONLY_DIR)
    root = tmp_path
    tools = parts[1 : parts.index(SYSTEM_PATH[0])]
    # Direct build/run deps and the run closure of those (helper via tool); /usr is skipped.
    assert tools == [
        f"{root}/liba/bin",
        f"{root}/runtime/bin",
        f"{root}/tool/bin",
        f"{root}/helper/bin",
    ]
    assert parts[len(tools) + 1 :] == list(SYSTEM_PATH)


def test_search_paths_from_the_dag(graph: Graph, tmp_path: Path) -> None:
    env = env_for(graph, tmp_path)
    assert env["PKG_CONFIG_PATH"] == f"{tmp_path}/libb/lib/pkgconfig"
    assert env["ACLOCAL_PATH"] == f"{tmp_path}/liba/share/aclocal"
    prefixes = env["CMAKE_PREFIX_PATH"].split(":")
    assert set(prefixes) == {
        str(tmp_path / n) for n in ("liba", "libb", "tool", "helper", "runtime")
    }
    assert "PYTHONPATH" not in env
    assert env["RPM_SPEC_MAKE_JOBS"] == "6" and env["CMAKE_BUILD_PARALLEL_LEVEL"] == "6"


def test_compilers_and_target_flags(graph: Graph, tmp_path: Path) -> None:
    env = env_for(graph, tmp_path, log_path=tmp_path / "build.log")
    assert env["CC"] == str(C_ONLY_DIR / "cc") and env["CXX"] == str(C_ONLY_DIR / "c++")
    assert env["RPM_SPEC_CC"] == "/usr/bin/gcc" and env["RPM_SPEC_CXX"] == "/usr/bin/g++"
    assert "FC" not in env and "F77" not in env
    assert env["RPM_SPEC_TARGET_FLAGS"] == "-march=x86-64-v3 -mtune=generic"
    assert env["RPM_SPEC_WRAPPER_LOG"] == str(tmp_path / "build.log")
    fortran = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"), fc=Path("/usr/bin/gf"))
    app, dag, prefixes = graph
    env = build_environment(
        app,
        dag,
        prefix=tmp_path / "p",
        prefixes=prefixes,
        compiler=fortran,
        jobs=1,
        user_env={},
        target_flags="-O9",
    )
    assert env["FC"] == str(WRAPPERS_DIR / "fc") and env["RPM_SPEC_TARGET_FLAGS"] == "-O9"


def test_python_extensions_reach_pythonpath(tmp_path: Path) -> None:
    python = concrete_node("python", compiler=GCC)
    ext = concrete_node("py-ext", compiler=GCC, deps=[(python, ("build", "run"))])
    plain = concrete_node("plain", compiler=GCC)
    app = concrete_node(
        "app", compiler=GCC, deps=[(ext, ("build", "run")), (plain, ("build", "link"))]
    )
    prefixes = {
        python.hash: fake_prefix(tmp_path, "python", "bin", "lib/python3.11/site-packages"),
        ext.hash: fake_prefix(tmp_path, "ext", "lib/python3.11/site-packages"),
        plain.hash: fake_prefix(tmp_path, "plain", "lib/python3.11/site-packages"),
    }
    env = build_environment(
        app,
        dag_of(python, ext, plain, app),
        prefix=tmp_path / "p",
        prefixes=prefixes,
        compiler=GCC,
        jobs=1,
        user_env={},
    )
    assert env["PYTHONPATH"] == f"{tmp_path}/ext/lib/python3.11/site-packages"


def test_external_outside_the_system_is_used(tmp_path: Path) -> None:
    cuda = concrete_node("cuda", external=fake_prefix(tmp_path, "cuda", "include", "lib64", "bin"))
    app = concrete_node("app", compiler=GCC, deps=[(cuda, ("build", "link"))])
    env = build_environment(
        app,
        dag_of(cuda, app),
        prefix=tmp_path / "p",
        prefixes={},
        compiler=GCC,
        jobs=1,
        user_env={},
    )
    assert f"{tmp_path}/cuda/lib64" in env["RPM_SPEC_RPATH_DIRS"].split(":")
    assert f"{tmp_path}/cuda/bin" in env["PATH"].split(":")


def test_missing_prefix_is_an_error(tmp_path: Path) -> None:
    lib = concrete_node("lib", compiler=GCC)
    app = concrete_node("app", compiler=GCC, deps=[(lib, ("build", "link"))])
    with pytest.raises(MissingPrefixError, match="dependency lib/"):
        build_environment(
            app, dag_of(lib, app), prefix=tmp_path, prefixes={}, compiler=GCC, jobs=1, user_env={}
        )


def test_node_without_compiler_gets_no_wrappers(tmp_path: Path) -> None:
    node = concrete_node("data-only")
    env = build_environment(
        node, dag_of(node), prefix=tmp_path, prefixes={}, compiler=None, jobs=1, user_env={}
    )
    assert "CC" not in env and "RPM_SPEC_CC" not in env
    assert env["PATH"] == ":".join(SYSTEM_PATH)


def test_roles(graph: Graph) -> None:
    app, dag, _ = graph
    roles = dependency_roles(app, dag)
    assert [n.name for n in roles.link] == ["liba", "libb"]
    assert [n.name for n in roles.tools] == ["cmake", "liba", "runtime", "tool", "helper"]
    assert {n.name for n in roles.searched} == {
        "liba",
        "libb",
        "cmake",
        "runtime",
        "tool",
        "helper",
    }
