"""Builders: which commands each build system's phases run (recorded, not run), phase
overrides, the helpers recipes call, and the spec view recipes see."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_helpers import concrete_node, dag_of

from rpm_spec.build.build_spec import BuildNode
from rpm_spec.build.builders import BuildContext, Builder, PhaseError, builder_for
from rpm_spec.build.builders.python import normalize_local_layout
from rpm_spec.build.executor import CommandFailedError, PhaseExecutor
from rpm_spec.build.wrappers import CompilerPaths
from rpm_spec.repo.api import (
    AutotoolsPackage,
    CMakePackage,
    MakefilePackage,
    MesonPackage,
    Package,
    PythonPackage,
    depends_on,
    variant,
    version,
)
from rpm_spec.repo.loader import import_recipe_class
from rpm_spec.util.paths import BUILTIN_REPO

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.repo.package import PackageBase
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

SHA = "a" * 64
GCC = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"))


class RecordingExecutor(PhaseExecutor):
    """Records commands instead of running them."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(jobs=8, env=env or {"PATH": "/usr/bin:/bin"})
        self.commands: list[tuple[str, Path | None]] = []

    def run(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path | str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.commands.append(
            (shlex.join(str(a) for a in args), None if cwd is None else Path(cwd))
        )

    def log(self, message: str) -> None:
        self.commands.append((f"# {message}", None))


def setup(
    recipe: type[PackageBase],
    tmp_path: Path,
    node: ConcreteSpec,
    dag: ConcreteDag | None = None,
    prefixes: dict[str, Path] | None = None,
    env: dict[str, str] | None = None,
) -> tuple[Builder, RecordingExecutor]:
    dag = dag or dag_of(node)
    prefix = tmp_path / "prefix"
    package = recipe(BuildNode(node, dag, {**(prefixes or {}), node.hash: prefix}))
    executor = RecordingExecutor(env)
    package.bind_executor(executor)
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    context = BuildContext(source_path=source, build_dir=tmp_path / "build", prefix=prefix, jobs=8)
    return builder_for(package, context, executor), executor


def run_all(builder: Builder) -> None:
    for phase in builder.phases:
        builder.run_phase(phase)


def commands(executor: RecordingExecutor) -> list[str]:
    return [text for text, _ in executor.commands]


class Plain(MakefilePackage):
    version("1.0", sha256=SHA)


class Serial(MakefilePackage):
    version("1.0", sha256=SHA)
    parallel = False
    build_targets = ("lib", "")
    install_targets = ("install-lib", "install-bin")

    def make_variables(self) -> list[str]:
        return ["CC=cc", ""]


def test_makefile_defaults(tmp_path: Path) -> None:
    builder, executor = setup(Plain, tmp_path, concrete_node("plain", compiler=GCC))
    run_all(builder)
    prefix = tmp_path / "prefix"
    assert commands(executor) == [
        f"make -j8 PREFIX={prefix} prefix={prefix}",
        f"make -j1 install PREFIX={prefix} prefix={prefix}",
    ]
    assert {cwd for _, cwd in executor.commands} == {tmp_path / "src"}


def test_makefile_targets_variables_and_serial(tmp_path: Path) -> None:
    builder, executor = setup(Serial, tmp_path, concrete_node("serial", compiler=GCC))
    run_all(builder)
    assert commands(executor) == ["make -j1 lib CC=cc", "make -j1 install-lib install-bin CC=cc"]


def test_builtin_lz4_make_variables(tmp_path: Path) -> None:
    lz4 = import_recipe_class(BUILTIN_REPO / "packages" / "lz4" / "package.py", "builtin", "lz4")
    node = concrete_node("lz4", compiler=GCC, variants={"libs": ("shared",)}, version="1.9.4")
    builder, executor = setup(lz4, tmp_path, node)
    run_all(builder)
    prefix = tmp_path / "prefix"
    build, install = commands(executor)
    assert build.startswith(f"make -j8 PREFIX={prefix} BUILD_SHARED=yes BUILD_STATIC=no")
    assert install.startswith(f"make -j1 install PREFIX={prefix} BUILD_SHARED=yes")


class Tool(AutotoolsPackage):
    version("1.0", sha256=SHA)
    variant("nls", default=False)
    variant("extra", default=False, when="@2:")

    def configure_args(self) -> list[str]:
        return [*self.enable_or_disable("nls"), *self.enable_or_disable("extra"), ""]


def test_autotools_skips_autoreconf_when_configure_exists(tmp_path: Path) -> None:
    node = concrete_node("tool", compiler=GCC, variants={"nls": ("false",)})
    builder, executor = setup(Tool, tmp_path, node)
    (tmp_path / "src" / "configure").write_text("#!/bin/sh\n")
    run_all(builder)
    prefix, source = tmp_path / "prefix", tmp_path / "src"
    assert commands(executor) == [
        f"# {source}/configure exists; autoreconf is not needed",
        f"{source}/configure --prefix={prefix} --disable-nls",
        "make -j8",
        "make -j1 install",
    ]


def test_autotools_runs_autoreconf_without_configure(tmp_path: Path) -> None:
    node = concrete_node("tool", compiler=GCC, variants={"nls": ("true",)})
    builder, executor = setup(Tool, tmp_path, node)
    builder.run_phase("autoreconf")
    builder.run_phase("configure")
    assert commands(executor)[0] == "autoreconf --install --verbose --force"
    assert commands(executor)[1].endswith("--enable-nls")


def test_builtin_xz_configure_args(tmp_path: Path) -> None:
    xz = import_recipe_class(BUILTIN_REPO / "packages" / "xz" / "package.py", "builtin", "xz")
    node = concrete_node(
        "xz", compiler=GCC, version="5.4.1", variants={"libs": ("shared",), "pic": ("true",)}
    )
    builder, executor = setup(xz, tmp_path, node)
    builder.run_phase("configure")
    assert commands(executor)[0].endswith(
        f"--prefix={tmp_path / 'prefix'} --enable-shared --disable-static --disable-doc --with-pic"
    )


class Lib(CMakePackage):
    version("1.0", sha256=SHA)
    variant("shared", default=True)
    variant("gpu", default=False, when="@2:")
    depends_on("ninja", type="build")

    def cmake_args(self) -> list[str]:
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("WITH_GPU", "gpu"),
        ]


def test_cmake_configure_build_install(tmp_path: Path) -> None:
    ninja = concrete_node("ninja", external=Path("/usr"))
    cmake = concrete_node("cmake", external=Path("/usr"))
    node = concrete_node(
        "lib",
        compiler=GCC,
        variants={"shared": ("true",), "build_type": ("RelWithDebInfo",)},
        deps=[(ninja, ("build",)), (cmake, ("build",))],
    )
    env = {"PATH": "/usr/bin", "RPM_SPEC_RPATH_DIRS": f"{tmp_path}/prefix/lib:/deps/z/lib"}
    builder, executor = setup(Lib, tmp_path, node, dag_of(ninja, cmake, node), env=env)
    run_all(builder)
    configure, build, install = commands(executor)
    prefix, out = tmp_path / "prefix", tmp_path / "build"
    assert configure == shlex.join(
        [
            "cmake", "-S", f"{tmp_path}/src", "-B", str(out), "-G", "Ninja",
            f"-DCMAKE_INSTALL_PREFIX:PATH={prefix}",
            "-DCMAKE_BUILD_TYPE:STRING=RelWithDebInfo",
            "-DCMAKE_INSTALL_RPATH_USE_LINK_PATH:BOOL=ON",
            f"-DCMAKE_INSTALL_RPATH:STRING={prefix}/lib;{prefix}/lib64;/deps/z/lib",
            "-DCMAKE_FIND_USE_PACKAGE_REGISTRY:BOOL=OFF",
            "-DBUILD_SHARED_LIBS:BOOL=ON",
        ]
    )  # fmt: skip
    assert build == f"cmake --build {out} --parallel 8"
    assert install == f"cmake --install {out}"


class Meson(MesonPackage):
    version("1.0", sha256=SHA)

    def meson_args(self) -> list[str]:
        return [self.define("tests", False)]


def test_meson_phases(tmp_path: Path) -> None:
    node = concrete_node("meson-lib", compiler=GCC, variants={"buildtype": ("debug",)})
    builder, executor = setup(Meson, tmp_path, node)
    run_all(builder)
    out, prefix = tmp_path / "build", tmp_path / "prefix"
    assert commands(executor) == [
        f"meson setup {out} {tmp_path}/src --prefix={prefix} --libdir=lib --buildtype=debug "
        "--wrap-mode=nodownload -Dtests=false",
        f"meson compile -C {out} -j 8",
        f"meson install -C {out} --no-rebuild",
    ]


class PyThing(PythonPackage):
    version("1.0", sha256=SHA)

    def install_options(self) -> list[str]:
        return ["--config-settings=x=y"]


def test_python_uses_the_dags_interpreter(tmp_path: Path) -> None:
    python_prefix = tmp_path / "python"
    (python_prefix / "bin").mkdir(parents=True)
    (python_prefix / "bin" / "python3").touch()
    python = concrete_node("python", compiler=GCC)
    node = concrete_node("py-thing", compiler=GCC, deps=[(python, ("build", "link", "run"))])
    builder, executor = setup(
        PyThing, tmp_path, node, dag_of(python, node), {python.hash: python_prefix}
    )
    run_all(builder)
    assert commands(executor) == [
        f"{python_prefix}/bin/python3 -m pip install --no-deps --no-build-isolation --no-index "
        f"--no-cache-dir --disable-pip-version-check --no-warn-script-location "
        f"--prefix={tmp_path / 'prefix'} --config-settings=x=y ."
    ]


class Custom(Package):
    version("1.0", sha256=SHA)

    def install(self, spec: Any, prefix: Path) -> None:
        self.seen = (spec.name, prefix)
        self.make("all", jobs=3)
        self.run(["./install.sh", prefix])


class NoInstall(Package):
    version("1.0", sha256=SHA)


class EditedMakefile(MakefilePackage):
    version("1.0", sha256=SHA)

    def edit(self, spec: Any, prefix: Path) -> None:
        self.run(["sed", "-i", "s/a/b/", "Makefile"])

    def build(self) -> None:  # a phase without (spec, prefix) works too
        self.make(jobs=1)


def test_recipe_phases_override_the_builders(tmp_path: Path) -> None:
    builder, executor = setup(Custom, tmp_path, concrete_node("custom", compiler=GCC))
    run_all(builder)
    assert isinstance(builder.package, Custom)
    assert builder.package.seen == ("custom", tmp_path / "prefix")
    assert commands(executor) == ["make -j3 all", f"./install.sh {tmp_path / 'prefix'}"]
    builder, executor = setup(EditedMakefile, tmp_path, concrete_node("ed", compiler=GCC))
    run_all(builder)
    assert commands(executor)[:2] == ["sed -i s/a/b/ Makefile", "make -j1"]
    assert commands(executor)[2].startswith("make -j1 install PREFIX=")


def test_generic_without_install_is_an_error(tmp_path: Path) -> None:
    builder, _ = setup(NoInstall, tmp_path, concrete_node("noinstall", compiler=GCC))
    with pytest.raises(PhaseError, match="without an install phase"):
        builder.run_phase("install")
    with pytest.raises(PhaseError, match="has no 'fly' phase"):
        builder.run_phase("fly")


def test_helpers_need_a_build(tmp_path: Path) -> None:
    node = concrete_node("custom", compiler=GCC)
    package = Custom(BuildNode(node, dag_of(node), {node.hash: tmp_path}))
    with pytest.raises(RuntimeError, match="only during a build"):
        package.run(["true"])


def test_executor_runs_filters_and_changes_directory(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    executor = PhaseExecutor(jobs=2, env={"PATH": "/usr/bin:/bin", "GREETING": "hi"})
    node = concrete_node("custom", compiler=GCC)
    package = Custom(BuildNode(node, dag_of(node), {node.hash: tmp_path}))
    package.bind_executor(executor)
    assert package.make_jobs == 2
    target = tmp_path / "file.txt"
    target.write_text("CC = gcc\nCXX = g++\n")
    assert package.filter_file(r"^CC = .*$", "CC = cc", target) == 1
    assert target.read_text() == "CC = cc\nCXX = g++\n"
    with package.working_dir(tmp_path / "sub", create=True) as where:
        assert Path.cwd() == where == tmp_path / "sub"
        package.run(["sh", "-c", 'echo "$GREETING $EXTRA" > out'], env={"EXTRA": "there"})
    assert Path.cwd() != tmp_path / "sub"
    assert (tmp_path / "sub" / "out").read_text() == "hi there\n"
    assert package.which("sh") is not None and package.which("no-such-tool") is None
    with pytest.raises(CommandFailedError, match="'sh -c 'exit 4'' exited with status 4"):
        package.run(["sh", "-c", "exit 4"])
    assert "==> sh -c" in capfd.readouterr().out


def test_build_node_answers_recipe_questions(tmp_path: Path) -> None:
    ncurses = concrete_node("ncurses", compiler=GCC, variants={"termlib": ("true",)})
    mpich = concrete_node("mpich", compiler=GCC, version="4.2")
    app = concrete_node(
        "app",
        compiler=GCC,
        target="x86_64_v3",
        variants={"libs": ("shared", "static"), "mpi": ("true",)},
        deps=[(ncurses, ("build", "link")), (mpich, ("build", "link"))],
        virtuals={"mpich": ("mpi",)},
    )
    dag = dag_of(ncurses, mpich, app)
    view = BuildNode(
        app,
        dag,
        {ncurses.hash: tmp_path / "nc", mpich.hash: tmp_path / "mp", app.hash: tmp_path / "app"},
    )
    assert view.satisfies("+mpi") and view.satisfies("libs=shared")
    assert view.satisfies("^ncurses+termlib") and not view.satisfies("^ncurses~termlib")
    assert view.satisfies("target=x86_64:") and not view.satisfies("@2:")
    assert not view.satisfies("other")
    assert view["mpi"].name == "mpich" and view["mpi"].prefix == tmp_path / "mp"
    assert view["mpi"].version == mpich.version
    assert view.prefix == tmp_path / "app"
    assert "ncurses" in view and "zlib" not in view
    with pytest.raises(KeyError, match="zlib"):
        view["zlib"]


def test_builtin_recipes_with_own_phases_load_and_have_them() -> None:
    for name in ("bzip2", "zlib", "cmake", "ninja", "zstd"):
        path = BUILTIN_REPO / "packages" / name / "package.py"
        recipe = import_recipe_class(path, "builtin", name)
        assert callable(getattr(recipe, "install", None)), name


def test_command_failure_text() -> None:
    error = CommandFailedError(["make", "install"], -9)
    assert str(error) == "'make install' killed by signal 9"


def test_debian_local_layout_moves_to_the_standard_one(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    dist = prefix / "local" / "lib" / "python3.11" / "dist-packages"
    (dist / "pkg").mkdir(parents=True)
    (dist / "pkg" / "__init__.py").write_text("")
    (prefix / "local" / "bin").mkdir()
    (prefix / "local" / "bin" / "tool").write_text("#!/usr/bin/python3\n")
    (prefix / "lib").mkdir()  # an existing directory is merged into, not replaced
    assert normalize_local_layout(prefix)
    assert (prefix / "lib" / "python3.11" / "site-packages" / "pkg" / "__init__.py").is_file()
    assert (prefix / "bin" / "tool").is_file()
    assert not (prefix / "local").exists()
    assert not normalize_local_layout(prefix)
