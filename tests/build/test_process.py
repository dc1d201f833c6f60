"""Real builds of the tiny projects in a child process: RPATHs, target flags, failures."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from build_helpers import TinyBuilds, concrete_node, dag_of

from rpm_spec.build.cancel import Cancellation
from rpm_spec.build.errors import BuildError
from rpm_spec.build.process import BuildRequest, log_tail, run_build, start_build
from rpm_spec.util.paths import BUILTIN_REPO

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteSpec

CMAKE = shutil.which("cmake")
READELF = shutil.which("readelf")


def runpath(binary: Path) -> list[str]:
    """The directories of a binary's DT_RUNPATH (or DT_RPATH)."""
    if READELF is None:
        pytest.skip("needs readelf")
    out = subprocess.run([READELF, "-d", str(binary)], capture_output=True, text=True).stdout
    found = re.search(r"\((?:RUNPATH|RPATH)\).*\[(.*)\]", out)
    assert found, out
    return found.group(1).split(":")


def run_clean(binary: Path) -> str:
    """Run ``binary`` with an empty LD_LIBRARY_PATH; its output."""
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""}
    return subprocess.run(
        [str(binary)], env=env, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def tinylib(tiny_builds: TinyBuilds) -> ConcreteSpec:
    node = tiny_builds.node("tinylib")
    tiny_builds.build(node, dag_of(node))
    return node


def test_makefile_program_links_a_dependency_through_the_wrappers(
    tiny_builds: TinyBuilds, tinylib: ConcreteSpec
) -> None:
    app = tiny_builds.node("tinyapp", (tinylib, ("build", "link")))
    request = tiny_builds.build(app, dag_of(tinylib, app))
    binary = request.prefix / "bin" / "tinyapp"
    assert run_clean(binary) == "tiny answer 42\n"
    lib_dir = str(tiny_builds.prefixes[tinylib.hash] / "lib")
    assert lib_dir in runpath(binary)
    assert str(request.prefix / "lib") in runpath(binary)
    log = request.log_path.read_text()
    assert f"-march={_march(tiny_builds.target)}" in log
    assert "==> rpm-spec phase: build" in log and "==> rpm-spec phase: install" in log
    # The library itself was linked through the wrappers too, with its own prefix as RUNPATH.
    lib = tiny_builds.prefixes[tinylib.hash] / "lib" / "libtiny.so.1"
    assert str(tiny_builds.prefixes[tinylib.hash] / "lib") in runpath(lib)


def _sections(binary: Path) -> str:
    if READELF is None:
        pytest.skip("needs readelf")
    return subprocess.run([READELF, "-S", str(binary)], capture_output=True, text=True).stdout


def test_the_nodes_compiler_flags_reach_the_compiler(
    tiny_builds: TinyBuilds, tinylib: ConcreteSpec
) -> None:
    flags = {"cppflags": ("-DTINY_FLAG_CHECK=1",), "cflags": ("-g",)}
    flagged = tiny_builds.node("tinylib", flags=flags)
    assert flagged.hash != tinylib.hash
    request = tiny_builds.build(flagged, dag_of(flagged))
    log = request.log_path.read_text()
    march = f"-march={_march(tiny_builds.target)}"
    assert re.search(rf"\[cc\] \S+ {march} .*-DTINY_FLAG_CHECK=1 -g -O2 .*tiny\.c", log), log
    built = request.prefix / "lib" / "libtiny.so.1"
    assert ".debug_info" in _sections(built)
    plain = tiny_builds.prefixes[tinylib.hash] / "lib" / "libtiny.so.1"
    assert ".debug_info" not in _sections(plain)


def test_configure_script_program(tiny_builds: TinyBuilds, tinylib: ConcreteSpec) -> None:
    app = tiny_builds.node(
        "tinyconf", (tinylib, ("build", "link")), variants={"debug": ("false",)}
    )
    request = tiny_builds.build(app, dag_of(tinylib, app))
    binary = request.prefix / "bin" / "tinyconf"
    assert run_clean(binary) == "tiny answer 42\n"
    assert str(tiny_builds.prefixes[tinylib.hash] / "lib") in runpath(binary)
    log = request.log_path.read_text()
    assert f"configure --prefix={request.prefix} --disable-debug" in log
    assert f"-march={_march(tiny_builds.target)}" in log


@pytest.mark.skipif(CMAKE is None, reason="needs cmake")
def test_cmake_program(tiny_builds: TinyBuilds, tinylib: ConcreteSpec) -> None:
    assert CMAKE is not None
    cmake = tiny_builds.node("cmake", version="3.25.1", external=Path(CMAKE).parent.parent)
    app = tiny_builds.node(
        "tinycmake",
        (tinylib, ("build", "link")),
        (cmake, ("build",)),
        variants={"build_type": ("Release",)},
    )
    request = tiny_builds.build(app, dag_of(tinylib, cmake, app))
    binary = request.prefix / "bin" / "tinycmake"
    assert run_clean(binary) == "tiny answer 42\n"
    lib_dir = str(tiny_builds.prefixes[tinylib.hash] / "lib")
    assert lib_dir in runpath(binary)
    log = request.log_path.read_text()
    assert f"-DCMAKE_INSTALL_RPATH:STRING={request.prefix}/lib;{request.prefix}/lib64;" in log
    assert "-DTINY_UNUSED_OPTION:BOOL=ON" in log
    assert re.search(rf"\[c\+\+\] \S+ -march={_march(tiny_builds.target)} .*main\.cpp", log)


def _system_python_with_setuptools() -> Path | None:
    python = shutil.which("python3", path="/usr/bin:/bin")
    if python is None:
        return None
    probe = subprocess.run([python, "-c", "import setuptools, pip"], capture_output=True)
    return Path(python) if probe.returncode == 0 else None


def test_python_package_installs_with_pip_of_the_dags_python(tiny_builds: TinyBuilds) -> None:
    python = _system_python_with_setuptools()
    if python is None:
        pytest.skip("needs a python3 with pip and setuptools")
    interpreter = tiny_builds.node("python", version="3.11.2", external=python.parent.parent)
    node = tiny_builds.node("tinypy", (interpreter, ("build", "link", "run")))
    request = tiny_builds.build(node, dag_of(interpreter, node))
    found = list(request.prefix.glob("lib/python3*/site-packages/tinypy/__init__.py"))
    assert len(found) == 1, sorted(request.prefix.rglob("*"))
    assert not (request.prefix / "local").exists()
    check = subprocess.run(
        [str(python), "-c", "import tinypy; print(tinypy.ANSWER)"],
        env={"PYTHONPATH": str(found[0].parent.parent)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout == "42\n"
    assert "pip install --no-deps --no-build-isolation --no-index" in request.log_path.read_text()


def test_failed_build_raises_with_the_log_tail_and_removes_the_prefix(
    tiny_builds: TinyBuilds,
) -> None:
    node = tiny_builds.node("tinyfail")
    request = tiny_builds.request(node, dag_of(node))
    with pytest.raises(BuildError) as caught:
        tiny_builds.build(node, dag_of(node))
    error = caught.value
    assert error.package == "tinyfail" and error.phase == "install"
    assert "exited with status 2" in (error.reason or "")
    assert any("simulated install failure" in line for line in error.tail)
    assert str(request.log_path) in str(error) and "simulated install failure" in str(error)
    assert not request.prefix.exists()
    assert pickle.loads(pickle.dumps(error)).tail == error.tail
    result = json.loads(request.result_file.read_text())
    assert result == {"ok": False, "phase": "install", "reason": error.reason}


def test_build_env_is_clean(
    tiny_builds: TinyBuilds, tinylib: ConcreteSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LD_LIBRARY_PATH", "CPATH", "PYTHONPATH", "CFLAGS"):
        monkeypatch.setenv(name, "/leaked")
    node = tiny_builds.node("tinyenv", (tinylib, ("build",)))
    request = tiny_builds.build(node, dag_of(tinylib, node))
    seen = dict(
        line.split("=", 1)
        for line in (request.prefix / "env.txt").read_text().splitlines()
        if "=" in line
    )
    for name in ("LD_LIBRARY_PATH", "CPATH", "PYTHONPATH", "CFLAGS"):
        assert name not in seen
    # A build-only dependency reaches PATH-like search paths, never the wrappers.
    lib_prefix = str(tiny_builds.prefixes[tinylib.hash])
    assert lib_prefix not in seen["RPM_SPEC_INCLUDE_DIRS"]
    assert lib_prefix not in seen["RPM_SPEC_RPATH_DIRS"]
    assert lib_prefix in seen["PKG_CONFIG_PATH"]
    assert seen["RPM_SPEC_MAKE_JOBS"] == "2"


def test_dirty_build_keeps_the_callers_variables(
    tiny_builds: TinyBuilds, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPATH", "/kept")
    node = tiny_builds.node("tinyenv")
    lib = tiny_builds.node("tinylib")
    tiny_builds.build(lib, dag_of(lib))
    node = tiny_builds.node("tinyenv", (lib, ("build",)))
    request = tiny_builds.build(node, dag_of(lib, node), dirty=True)
    assert "CPATH=/kept" in (request.prefix / "env.txt").read_text().splitlines()


def test_a_killed_build_leaves_no_prefix(tiny_builds: TinyBuilds, tinylib: ConcreteSpec) -> None:
    node = tiny_builds.node("tinyapp", (tinylib, ("build", "link")))
    request = tiny_builds.request(node, dag_of(tinylib, node))
    # Make the build hang in its build phase, then stop it from another thread.
    (request.source_path / "Makefile").write_text("all:\n\tsleep 60\ninstall:\n\ttrue\n")
    process = start_build(request)

    def kill_once_building() -> None:
        # Wait for make to run the hanging recipe (a busy machine may take seconds to
        # get there), so the kill lands in the build phase, then stop the build.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            log = request.log_path.read_text(errors="replace") if request.log_path.exists() else ""
            if "sleep 60" in log:
                break
            time.sleep(0.05)
        process.kill()

    waiter = threading.Thread(target=kill_once_building)
    waiter.start()
    started = time.monotonic()
    with pytest.raises(BuildError) as caught:
        process.wait()
    waiter.join()
    assert time.monotonic() - started < 60
    assert caught.value.phase == "build"
    assert "signal" in (caught.value.reason or "")
    assert not request.prefix.exists()
    # Nothing of the build is left running: its process group empties (killed processes
    # may linger a moment as zombies until init reaps them).
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("processes of the killed build are still running")


def test_build_dies_with_its_installer(tiny_builds: TinyBuilds, tmp_path: Path) -> None:
    """kill -9 of the installer takes its build down too (no orphan keeps writing)."""
    node = tiny_builds.node("tinyfail")
    request = tiny_builds.request(node, dag_of(node))
    (request.source_path / "Makefile").write_text("all:\n\tsleep 60\ninstall:\n\ttrue\n")
    saved = tmp_path / "request.json"
    request.write(saved)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path;"
        "from rpm_spec.build.process import BuildRequest, start_build;"
        "p = start_build(BuildRequest.read(Path(sys.argv[2])));"
        "print(p.pid, flush=True); p.wait()"
    )
    lib = Path(__file__).resolve().parents[2] / "lib"
    installer = subprocess.Popen(
        [sys.executable, "-c", script, str(lib), str(saved)], stdout=subprocess.PIPE, text=True
    )
    assert installer.stdout is not None
    group = int(installer.stdout.readline())
    deadline = time.monotonic() + 20
    while "sleep 60" not in request.log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    installer.kill()
    installer.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.killpg(group, 9)
        pytest.fail("the build outlived its installer")
    assert "build stopped by signal" in request.log_path.read_text()


def test_request_round_trips_through_json_and_pickle(tiny_builds: TinyBuilds) -> None:
    node = tiny_builds.node("tinylib")
    request = tiny_builds.request(node, dag_of(node))
    assert BuildRequest.from_dict(json.loads(json.dumps(request.to_dict()))) == request
    assert pickle.loads(pickle.dumps(request)) == request


def test_log_tail_reads_only_the_end(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("".join(f"line {i}\n" for i in range(10_000)))
    assert log_tail(log, 3) == ["line 9997", "line 9998", "line 9999"]
    assert log_tail(tmp_path / "missing") == []


def _march(target: str) -> str:
    return {"x86_64": "x86-64", "aarch64": "armv8-a"}[target]


MIRROR = Path(__file__).resolve().parents[3] / "shared" / "mirror"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,version,variants,check",
    [
        ("bzip2", "1.0.8", {"shared": ("true",), "pic": ("false",)}, ["bzip2", "--help"]),
        ("lz4", "1.9.4", {"libs": ("shared", "static")}, ["lz4", "--version"]),
        ("xz", "5.4.1", {"libs": ("shared", "static"), "pic": ("false",)}, ["xz", "--version"]),
    ],
)
def test_builtin_recipe_builds_from_the_mirror(
    tiny_builds: TinyBuilds,
    name: str,
    version: str,
    variants: dict[str, tuple[str, ...]],
    check: list[str],
) -> None:
    """Real upstream tarballs through the builtin recipes (build tools from /usr)."""
    archives = sorted((MIRROR / name).glob(f"{name}-{version}.*"))
    if not archives:
        pytest.skip(f"no {name}-{version} in {MIRROR}")
    tools = [concrete_node("diffutils", external=Path("/usr"))] if name == "bzip2" else []
    node = concrete_node(
        name,
        target=tiny_builds.target,
        compiler=tiny_builds.compiler,
        deps=[(tool, ("build",)) for tool in tools],
        version=version,
        variants=variants,
        namespace="builtin",
    )
    request = tiny_builds.request(
        node, dag_of(*tools, node), archive=archives[0], repo=(BUILTIN_REPO, "builtin")
    )
    run_build(request)
    program, *args = check
    done = subprocess.run(
        [str(request.prefix / "bin" / program), *args],
        env={"LD_LIBRARY_PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert version in done.stdout + done.stderr
    assert f"-march={_march(tiny_builds.target)}" in request.log_path.read_text()


def test_a_cancelled_build_has_its_process_group_killed(
    tiny_builds: TinyBuilds, tinylib: ConcreteSpec
) -> None:
    node = tiny_builds.node("tinyapp", (tinylib, ("build", "link")))
    request = tiny_builds.request(node, dag_of(tinylib, node))
    (request.source_path / "Makefile").write_text("all:\n\tsleep 60\ninstall:\n\ttrue\n")
    cancel = Cancellation()
    sleepers: list[int] = []

    def cancel_once_building() -> None:
        deadline = time.monotonic() + 60
        while not cancel.busy and time.monotonic() < deadline:
            time.sleep(0.05)
        while time.monotonic() < deadline:
            log = request.log_path.read_text(errors="replace") if request.log_path.exists() else ""
            if "sleep 60" in log:
                break
            time.sleep(0.05)
        sleepers.extend(int(pid) for pid in os.listdir("/proc") if pid.isdigit() and _ours(pid))
        cancel.cancel()

    def _ours(pid: str) -> bool:  # the recipe's sleep: it runs in this build's source tree
        try:
            return Path(f"/proc/{pid}/cwd").resolve() == request.source_path.resolve() and (
                Path(f"/proc/{pid}/comm").read_text().strip() == "sleep"
            )
        except OSError:
            return False

    waiter = threading.Thread(target=cancel_once_building)
    waiter.start()
    with pytest.raises(BuildError) as caught:
        run_build(request, cancel)
    waiter.join()
    assert "signal" in (caught.value.reason or "")
    assert not request.prefix.exists()
    assert "build stopped by signal 15" in request.log_path.read_text()
    assert sleepers, "the build's sleep was never seen"
    for pid in sleepers:  # make's recipe died with the build (a zombie at most)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                break
            if state in ("Z", "X"):
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"process {pid} of the cancelled build still runs")
