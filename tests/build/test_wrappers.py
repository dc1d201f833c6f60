"""The compiler wrapper script, through its test hook (no compiler runs) and for real."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from rpm_spec.build.errors import CompilerPathError
from rpm_spec.build.wrappers import (
    C_ONLY_DIR,
    WRAPPERS_DIR,
    CompilerPaths,
    measure_overhead,
    wrapper_variables,
)
from rpm_spec.spec.concrete import CompilerRef

SHELLS = [sh for sh in ("dash", "bash") if shutil.which(sh)]
CONTRACT = {
    "RPM_SPEC_CC": "/opt/gcc/bin/gcc",
    "RPM_SPEC_CXX": "/opt/gcc/bin/g++",
    "RPM_SPEC_FC": "/opt/gcc/bin/gfortran",
    "RPM_SPEC_TARGET_FLAGS": "-march=x86-64-v3 -mtune=generic",
    "RPM_SPEC_INCLUDE_DIRS": "/dep one/include:/dep2/include",
    "RPM_SPEC_LINK_DIRS": "/dep one/lib:/dep2/lib64",
    "RPM_SPEC_RPATH_DIRS": "/own/lib:/dep one/lib",
}


def wrap(
    name: str,
    *args: str,
    shell: str = SHELLS[0],
    env: dict[str, str] | None = None,
    check: bool = True,
) -> list[str]:
    """The command the wrapper called as ``name`` would run (under ``shell``), as words."""
    variables = {"PATH": "/usr/bin:/bin", **CONTRACT, "RPM_SPEC_WRAPPER_TEST": "1", **(env or {})}
    done = subprocess.run(
        [shell, str(WRAPPERS_DIR / name), *args],
        env=variables,
        capture_output=True,
        text=True,
        check=check,
    )
    return shlex.split(done.stdout)


def test_every_name_is_a_link_to_the_one_script() -> None:
    script = WRAPPERS_DIR / "cc"
    assert script.is_file() and os.access(script, os.X_OK)
    assert script.read_text().startswith("#!/bin/sh\n")
    for name in ("c++", "f77", "fc", "gcc", "g++", "gfortran", "clang", "clang++"):
        assert (WRAPPERS_DIR / name).resolve() == script.resolve(), name
    for name in ("cc", "c++", "gcc", "g++", "clang", "clang++"):
        assert (C_ONLY_DIR / name).resolve() == script.resolve(), name
    assert not (C_ONLY_DIR / "gfortran").exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_compile_gets_target_flags_first_and_includes_after_the_callers(shell: str) -> None:
    words = wrap("cc", "-c", "-I.", "-O2", "x y.c", "-o", "x.o", shell=shell)
    assert words == [
        "/opt/gcc/bin/gcc",
        "-march=x86-64-v3",
        "-mtune=generic",
        "-c",
        "-I.",
        "-O2",
        "x y.c",
        "-o",
        "x.o",
        "-I/dep one/include",
        "-I/dep2/include",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_link_gets_search_dirs_and_rpaths_as_runpath(shell: str) -> None:
    words = wrap("c++", "main.o", "-L../lib", "-ltiny", "-o", "app", shell=shell)
    assert words[0] == "/opt/gcc/bin/g++"
    assert words[1:3] == ["-march=x86-64-v3", "-mtune=generic"]
    assert words[3:8] == ["main.o", "-L../lib", "-ltiny", "-o", "app"]
    assert words[8:] == [
        "-I/dep one/include",
        "-I/dep2/include",
        "-L/dep one/lib",
        "-L/dep2/lib64",
        "-Wl,-rpath,/own/lib",
        "-Wl,-rpath,/dep one/lib",
        "-Wl,--enable-new-dtags",
    ]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("flag", ["-c", "-E", "-S", "-M", "-fsyntax-only"])
def test_no_link_flags_without_a_link(shell: str, flag: str) -> None:
    words = wrap("gcc", flag, "x.c", shell=shell)
    assert "-march=x86-64-v3" in words and "-I/dep2/include" in words
    assert not [w for w in words if w.startswith(("-L", "-Wl,"))]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["-version"],
        ["-v"],
        ["-dumpversion"],
        ["-dumpfullversion"],
        ["-dumpmachine"],
        ["-print-prog-name=ld"],
        ["-print-search-dirs"],
        ["-O2", "-print-libgcc-file-name"],
        [],
    ],
)
def test_queries_pass_through_untouched(shell: str, args: list[str]) -> None:
    assert wrap("cc", *args, shell=shell) == ["/opt/gcc/bin/gcc", *args]


def test_verbose_compile_is_not_a_query() -> None:
    assert "-march=x86-64-v3" in wrap("cc", "-v", "-c", "x.c")


def test_relocatable_link_gets_no_rpath() -> None:
    words = wrap("cc", "-r", "a.o", "b.o", "-o", "ab.o")
    assert "-L/dep2/lib64" in words
    assert not [w for w in words if w.startswith("-Wl,")]
    assert not [w for w in wrap("cc", "-r", "-c", "a.c") if w.startswith(("-L", "-Wl,"))]


@pytest.mark.parametrize("name,real", [("f77", ""), ("fc", "/opt/gcc/bin/gfortran")])
def test_mode_follows_the_name(name: str, real: str) -> None:
    env = {"RPM_SPEC_F77": real} if name == "f77" else {}
    if not real:
        done = subprocess.run(
            [str(WRAPPERS_DIR / name), "-c", "x.f"],
            env={**CONTRACT, "RPM_SPEC_WRAPPER_TEST": "1", **env},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 127
        assert "RPM_SPEC_F77 is not set" in done.stderr and "Fortran 77" in done.stderr
        return
    assert wrap(name, "-c", "x.f90")[0] == real


def test_empty_lists_and_flags_add_nothing() -> None:
    env = {
        "RPM_SPEC_TARGET_FLAGS": "",
        "RPM_SPEC_INCLUDE_DIRS": "",
        "RPM_SPEC_LINK_DIRS": "",
        "RPM_SPEC_RPATH_DIRS": "",
    }
    assert wrap("cc", "x.c", "-o", "x", env=env) == ["/opt/gcc/bin/gcc", "x.c", "-o", "x"]


def test_quoting_survives_odd_arguments() -> None:
    odd = ['-DNAME="it\'s"', "a b", "", "*.c", "$HOME", "-Wl,-rpath,$ORIGIN/../lib"]
    words = wrap("cc", "-c", *odd)
    assert words[4:10] == odd


def test_relative_real_compiler_is_refused() -> None:
    done = subprocess.run(
        [str(WRAPPERS_DIR / "cc"), "-c", "x.c"],
        env={**CONTRACT, "RPM_SPEC_CC": "gcc"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 127 and "absolute path" in done.stderr


def test_log_records_the_real_command(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text("before\n")
    # Not in test mode, the wrapper execs the compiler, which does not exist here.
    env = {"RPM_SPEC_WRAPPER_LOG": str(log), "RPM_SPEC_WRAPPER_TEST": ""}
    wrap("cc", "-c", "x.c", env=env, check=False)
    lines = log.read_text().splitlines()
    assert lines[0] == "before"
    assert lines[1].startswith("[cc] /opt/gcc/bin/gcc -march=x86-64-v3 -mtune=generic -c x.c")


def test_real_compile_through_the_wrapper(tmp_path: Path) -> None:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("needs gcc")
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "answer.h").write_text("#define ANSWER 42\n")
    (tmp_path / "m.c").write_text("#include <answer.h>\nint main(void){return ANSWER-42;}\n")
    env = {
        "PATH": "/usr/bin:/bin",
        "RPM_SPEC_CC": gcc,
        "RPM_SPEC_TARGET_FLAGS": "",
        "RPM_SPEC_INCLUDE_DIRS": str(tmp_path / "inc"),
    }
    subprocess.run([str(WRAPPERS_DIR / "cc"), "m.c", "-o", "m"], cwd=tmp_path, env=env, check=True)
    subprocess.run([str(tmp_path / "m")], check=True)


def test_wrapper_variables_name_wrappers_and_real_compilers(tmp_path: Path) -> None:
    compiler = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"), cxx=Path("/usr/bin/g++"))
    variables = wrapper_variables(
        compiler,
        target_flags="-march=x86-64",
        include_dirs=[Path("/d/include")],
        link_dirs=[Path("/d/lib"), Path("/d/lib")],
        rpath_dirs=[Path("/p/lib"), Path("/d/lib")],
        log_path=tmp_path / "log",
    )
    assert variables["CC"] == str(C_ONLY_DIR / "cc")
    assert variables["CXX"] == str(C_ONLY_DIR / "c++")
    assert "FC" not in variables and "RPM_SPEC_FC" not in variables
    assert variables["RPM_SPEC_CC"] == "/usr/bin/gcc"
    assert variables["RPM_SPEC_LINK_DIRS"] == "/d/lib"
    assert variables["RPM_SPEC_RPATH_DIRS"] == "/p/lib:/d/lib"
    assert variables["RPM_SPEC_WRAPPER_LOG"] == str(tmp_path / "log")
    fortran = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"), fc=Path("/usr/bin/gfortran"))
    assert wrapper_variables(fortran, target_flags="")["FC"] == str(WRAPPERS_DIR / "fc")


def test_colon_in_a_directory_is_refused() -> None:
    compiler = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"))
    with pytest.raises(CompilerPathError, match="':'"):
        wrapper_variables(compiler, target_flags="", include_dirs=[Path("/a:b/include")])


def test_compiler_paths_from_entries() -> None:
    entries = [
        {"compiler": {"spec": "clang@17.0.6", "paths": {"cc": "/usr/bin/clang"}}},
        {
            "compiler": {
                "spec": "gcc@12.2.0",
                "paths": {"cc": "/usr/bin/gcc", "cxx": "sh", "f77": None, "fc": ""},
            }
        },
    ]
    paths = CompilerPaths.from_entries(entries, CompilerRef("gcc", "12.2.0"))
    assert paths.cc == Path("/usr/bin/gcc")
    assert paths.cxx is not None and paths.cxx.is_absolute()  # looked up on PATH
    assert paths.f77 is None and paths.fc is None and not paths.has_fortran
    with pytest.raises(CompilerPathError, match=r"gcc@13\.1\.0 is not configured"):
        CompilerPaths.from_entries(entries, CompilerRef("gcc", "13.1.0"))


def test_overhead_is_a_few_milliseconds() -> None:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("needs gcc")
    timing = measure_overhead(Path(gcc), runs=5)
    assert timing.direct_s > 0 and timing.wrapped_s > 0
    # The wrapper's own work is one sh start and some built-ins (a generous bound: the
    # machine running the tests may be busy).
    assert timing.wrapper_only_s < 0.05


def test_bench_wrapper_command_prints_both_medians() -> None:
    from click.testing import CliRunner

    from rpm_spec.cli.bench import bench

    if shutil.which("gcc") is None:
        pytest.skip("needs gcc")
    result = CliRunner().invoke(bench, ["wrapper", "-n", "2", "--json", "--shell", SHELLS[0]])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["runs"] == 2 and row["direct_ms"] > 0 and row["wrapped_ms"] > 0
    assert row["overhead_ms"] == pytest.approx(row["wrapped_ms"] - row["direct_ms"])
    text = CliRunner().invoke(bench, ["wrapper", "-n", "1"]).output
    assert "bare compiler" in text and "through wrapper" in text and "difference" in text


FLAGS = {
    "RPM_SPEC_CPPFLAGS": "-DPP=1",
    "RPM_SPEC_CFLAGS": "-O3 -g",
    "RPM_SPEC_CXXFLAGS": "-O1",
    "RPM_SPEC_FFLAGS": "-ffree-form",
    "RPM_SPEC_LDFLAGS": "-Wl,--as-needed",
    "RPM_SPEC_LDLIBS": "-lm",
}
_TARGET = ["-march=x86-64-v3", "-mtune=generic"]


@pytest.mark.parametrize("shell", SHELLS)
def test_compiler_flags_go_where_spack_puts_them(shell: str) -> None:
    def words(name: str, *args: str) -> list[str]:
        return wrap(name, *args, shell=shell, env=FLAGS)

    compiled = words("cc", "-c", "x.c", "-o", "x.o")
    assert compiled[:6] == ["/opt/gcc/bin/gcc", *_TARGET, "-DPP=1", "-O3", "-g"]
    assert compiled[6:10] == ["-c", "x.c", "-o", "x.o"]
    assert "-Wl,--as-needed" not in compiled and "-lm" not in compiled
    cxx = words("c++", "-c", "x.cpp")
    assert cxx[1:6] == [*_TARGET, "-DPP=1", "-O1", "-c"]
    assert "-O3" not in cxx
    fortran = words("fc", "-c", "x.f90")
    assert fortran[1:6] == [*_TARGET, "-ffree-form", "-DPP=1", "-c"]
    linked = words("cc", "x.o", "-o", "x")
    assert linked[1:7] == [*_TARGET, "-DPP=1", "-O3", "-g", "-Wl,--as-needed"]
    assert linked[7:10] == ["x.o", "-o", "x"]
    assert linked[-1] == "-lm"
    assert words("cc", "-E", "x.c")[1:5] == [*_TARGET, "-DPP=1", "-E"]
    assert "-O3" not in words("cc", "-E", "x.c")
    assert words("cc", "--version") == ["/opt/gcc/bin/gcc", "--version"]


def test_wrapper_variables_carry_the_flags_and_blank_the_others() -> None:
    compiler = CompilerPaths("gcc", "12.2.0", cc=Path("/usr/bin/gcc"))
    variables = wrapper_variables(
        compiler, target_flags="", flags={"cflags": ("-O3", "-g"), "ldlibs": ("-lm",)}
    )
    assert variables["RPM_SPEC_CFLAGS"] == "-O3 -g"
    assert variables["RPM_SPEC_LDLIBS"] == "-lm"
    assert variables["RPM_SPEC_CXXFLAGS"] == variables["RPM_SPEC_LDFLAGS"] == ""
