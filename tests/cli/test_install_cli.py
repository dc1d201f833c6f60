"""``rpm-spec install`` end to end: real processes, real builds of tiny C projects.

Every command runs as its own process, the way a user runs it, with a private user
directory and a ``-C`` scope that points the repositories, store, stage and source
cache at ``tmp_path``. The tiny projects (``tests/build/tiny_projects.py``, loaded by
path so that these tests also run alone) are built with the machine's gcc through the
compiler wrappers, for the ``x86_64_v2`` target whatever the CPU (never the host's
own). ``tinynap`` is a recipe written here whose build waits for a file to appear: it
holds a build open for the kill -9 and concurrency tests without fixed sleeps.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.platform.flags import target_flags
from rpm_spec.store.database import Database

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

LIB = Path(__file__).resolve().parents[2] / "lib"
#: What bin/rpm-spec runs, with this interpreter; -u so that progress lines reach the
#: output files at once (the concurrency test reads them while the install runs).
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
TARGET = "x86_64_v2"

pytestmark = [
    pytest.mark.skipif(
        platform.machine().lower() not in ("x86_64", "amd64"), reason="builds for x86_64_v2"
    ),
    pytest.mark.skipif(
        shutil.which("gcc") is None or shutil.which("readelf") is None,
        reason="needs gcc and readelf",
    ),
]


def _tiny_projects() -> ModuleType:
    if "tiny_projects" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "build" / "tiny_projects.py"
        spec = importlib.util.spec_from_file_location("tiny_projects", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["tiny_projects"] = module
        spec.loader.exec_module(module)
    return sys.modules["tiny_projects"]


_NAP_RECIPE = '''\
    import pathlib
    import time

    from rpm_spec.repo.api import *


    class Tinynap(Package):
        """Writes part of its prefix, then waits until the file 'go' exists."""

        url = "{url}"
        version("1.0", sha256="{sha256}")
        sanity_check_is_file = ["bin/tinynap"]

        def install(self, spec, prefix):
            control = pathlib.Path("{control}")
            bin_dir = pathlib.Path(prefix) / "bin"
            bin_dir.mkdir(parents=True)
            (pathlib.Path(prefix) / "partial").write_text("written before the wait")
            # A separate process that waits, so a test can see it die with the build.
            self.run(
                [
                    "sh",
                    "-c",
                    'echo $$ > "$0/nap.pid.tmp" && mv "$0/nap.pid.tmp" "$0/nap.pid" && n=0; '
                    'while [ ! -e "$0/go" ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n+1)); done',
                    str(control),
                ]
            )
            (bin_dir / "tinynap").write_text("#!/bin/sh\\necho nap\\n")
    '''


_LIAR_RECIPE = '''\
    from rpm_spec.repo.api import *


    class Tinyliar(MakefilePackage):
        """Builds tinylib but promises a file it never installs."""

        url = "{url}"
        version("1.0", sha256="{sha256}")
        sanity_check_is_file = ["lib/libtiny.so", "bin/never-installed"]
    '''


@dataclass
class Site:
    """A private rpm-spec setup: user dir, config scope, store, and the tiny repo."""

    root: Path
    repo: object  # tiny_projects.TinyRepo

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def control(self) -> Path:
        return self.root / "nap-control"

    def env(self) -> dict[str, str]:
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("RPM_SPEC_", "PYTHON"))
        }
        env["RPM_SPEC_USER_DIR"] = str(self.root / "user")
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-u", "-c", BOOT, str(LIB), "-C", str(self.config_dir), *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *args: str, output: Path) -> subprocess.Popen[bytes]:
        """Start a command in its own process group, stdout and stderr into ``output``."""
        with output.open("wb") as stream:
            return subprocess.Popen(
                self.command(*args),
                env=self.env(),
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def prefix(self, name: str) -> Path:
        """The registered prefix of the one installed ``name``."""
        done = self.run("location", name)
        assert done.returncode == 0, done.stderr
        return Path(done.stdout.strip())

    def records(self) -> dict[str, Path]:
        """Installed package name → prefix, read straight from the database."""
        return {r.spec.name: Path(r.prefix) for r in Database(self.store).records()}

    def planned_prefix(self, name: str) -> Path:
        done = self.run("install", "--dry-run", name)
        assert done.returncode == 0, done.stderr
        line = next(line for line in done.stdout.splitlines() if f" {name}@" in line)
        return Path(line.split("-> ")[1].strip())


def _make_site(root: Path) -> Site:
    tiny = _tiny_projects()
    repo = tiny.make_tiny_repo(root / "tiny")
    source = repo.sources["tinyenv"]  # a tarball with nothing to build
    nap = repo.root / "packages" / "tinynap"
    nap.mkdir()
    (nap / "package.py").write_text(
        textwrap.dedent(_NAP_RECIPE).format(
            url=source.url, sha256=source.sha256, control=root / "nap-control"
        )
    )
    (root / "nap-control").mkdir(parents=True)
    lib = repo.sources["tinylib"]
    (repo.root / "packages" / "tinyliar").mkdir()
    (repo.root / "packages" / "tinyliar" / "package.py").write_text(
        textwrap.dedent(_LIAR_RECIPE).format(url=lib.url, sha256=lib.sha256)
    )
    config = root / "config"
    config.mkdir()
    (config / "repos.yaml").write_text(f"repos:\n  - {repo.root}\n")
    (config / "config.yaml").write_text(
        textwrap.dedent(
            f"""\
            config:
              install_tree:
                root: {root / "store"}
              build_stage: [{root / "stage"}]
              source_cache: {root / "cache"}
              build_jobs: 2
            """
        )
    )
    (config / "packages.yaml").write_text(f"packages:\n  all:\n    target: [{TARGET}]\n")
    (config / "compilers.yaml").write_text(
        textwrap.dedent(
            f"""\
            compilers:
              - compiler:
                  spec: gcc@{_gcc_version()}
                  paths:
                    {{cc: {shutil.which("gcc")}, cxx: {shutil.which("g++")}, f77: null, fc: null}}
            """
        )
    )
    return Site(root, repo)


def _gcc_version() -> str:
    return subprocess.run(
        ["gcc", "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return _make_site(tmp_path / "site")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    """A site where ``install tinyapp tinyconf`` ran once; its output."""
    site = _make_site(tmp_path_factory.mktemp("installed"))
    done = site.run("install", "tinyapp", "tinyconf")
    assert done.returncode == 0, done.stdout + done.stderr
    yield site, done.stdout


def _runpath(binary: Path) -> list[str]:
    dynamic = subprocess.run(
        ["readelf", "-d", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    paths: list[str] = []
    for line in dynamic.splitlines():
        if "(RUNPATH)" in line or "(RPATH)" in line:
            paths += line.split("[", 1)[1].rstrip("]").split(":")
    return paths


def test_install_builds_the_dag_with_rpaths_target_flags_and_no_ld_library_path(
    installed: tuple[Site, str],
) -> None:
    site, output = installed
    assert "built tinylib@1.0" in output
    assert "built tinyapp@1.0" in output
    assert "3 packages: 3 built" in output
    lib, app, conf = site.prefix("tinylib"), site.prefix("tinyapp"), site.prefix("tinyconf")
    assert site.records() == {"tinylib": lib, "tinyapp": app, "tinyconf": conf}
    for prefix, name in ((app, "tinyapp"), (conf, "tinyconf")):
        assert str(lib / "lib") in _runpath(prefix / "bin" / name)
        ran = subprocess.run(
            [str(prefix / "bin" / name)],
            env={"LD_LIBRARY_PATH": "", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert ran.stdout == "tiny answer 42\n"
        log = (prefix / ".rpm-spec" / "build.log").read_text()
        flags = target_flags(TARGET, "gcc", _gcc_version())
        assert "-march=x86-64-v2" in flags
        assert f"gcc {flags}" in log  # the wrapper's rewritten compile lines
    assert (app / ".rpm-spec" / "install-complete").is_file()


def test_compiler_flags_get_their_own_prefix_and_reach_the_compiler(site: Site) -> None:
    """``cflags==-g`` builds tinyapp and (propagated) tinylib with -g, in prefixes of
    their own: a plain tinylib installed afterwards is another install."""
    done = site.run("install", "tinyapp", "cflags==-g")
    assert done.returncode == 0, done.stdout + done.stderr
    done = site.run("install", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    records = Database(site.store).records()
    assert sorted(record.spec.name for record in records) == ["tinyapp", "tinylib", "tinylib"]
    libs = {
        record.spec.compiler_flags.get("cflags", ()): Path(record.prefix)
        for record in records
        if record.spec.name == "tinylib"
    }
    assert set(libs) == {("-g",), ()}
    flagged, plain = libs[("-g",)], libs[()]
    assert flagged != plain
    for prefix in (flagged, site.records()["tinyapp"]):
        log = (prefix / ".rpm-spec" / "build.log").read_text()
        assert re.search(r"\[cc\] \S+ -march=x86-64-v2 \S+ -g -O2 ", log), log
    assert "-g" not in (plain / ".rpm-spec" / "build.log").read_text().split()


def test_a_second_install_has_nothing_to_do(installed: tuple[Site, str]) -> None:
    site, _ = installed
    before = {
        name: (p / ".rpm-spec" / "build.log").stat().st_mtime for name, p in site.records().items()
    }
    done = site.run("install", "tinyapp", "tinyconf")
    assert done.returncode == 0, done.stderr
    assert "Nothing to do: all 2 requested packages are already installed" in done.stdout
    after = {
        name: (p / ".rpm-spec" / "build.log").stat().st_mtime for name, p in site.records().items()
    }
    assert after == before


def test_dry_run_prints_the_plan_and_builds_nothing(installed: tuple[Site, str]) -> None:
    site, _ = installed
    before = site.records()
    done = site.run("install", "--dry-run", "tinyapp", "tinyconf+debug")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("[installed]") and "tinylib@1.0" in line for line in lines)
    assert any(line.startswith("[installed]") and "tinyapp@1.0" in line for line in lines)
    assert any(line.startswith("[build]") and "tinyconf@1.0" in line for line in lines)
    plan_line = "==> Plan: 0 from cache, 1 to build, "
    assert plan_line + "0 from upstream, 2 installed, 0 external" in done.stdout
    assert site.records() == before
    assert len(list(site.store.rglob("tinyconf-*"))) == 1


def test_uninstall_refuses_while_a_dependent_is_installed(installed: tuple[Site, str]) -> None:
    site, _ = installed
    done = site.run("uninstall", "-y", "tinylib")
    assert done.returncode != 0
    assert "tinyapp@1.0" in done.stderr and "tinyconf@1.0" in done.stderr
    assert "--dependents" in done.stderr
    assert "tinylib" in site.records()
    assert (site.prefix("tinylib") / "lib" / "libtiny.so").exists()


def test_a_failed_build_shows_the_log_and_registers_nothing(site: Site) -> None:
    prefix = site.planned_prefix("tinyfail")
    done = site.run("install", "tinyfail")
    assert done.returncode == 1
    assert "FAILED tinyfail@1.0" in done.stdout
    assert "tinyfail: simulated install failure" in done.stderr  # a last line of the log
    log = Path(done.stderr.split("full log: ")[1].split()[0])
    assert log.is_file()
    assert "simulated install failure" in log.read_text()
    assert site.records() == {}
    assert not prefix.exists()


def test_a_missing_promised_file_keeps_the_log_and_registers_nothing(site: Site) -> None:
    prefix = site.planned_prefix("tinyliar")
    done = site.run("install", "tinyliar")
    assert done.returncode == 1
    assert "without the files its recipe promises: bin/never-installed" in done.stderr
    log = Path(done.stderr.split("full log: ")[1].split()[0])
    assert "libtiny.so" in log.read_text()  # the build's own log, kept with its stage
    assert site.records() == {}
    assert not prefix.exists()


def _wait_for(condition: object, what: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_kill_9_mid_build_leaves_nothing_registered_and_the_next_install_is_clean(
    site: Site,
) -> None:
    pid_file = site.control / "nap.pid"
    installer = site.start("install", "tinyapp", "tinynap", output=site.root / "killed.out")
    try:
        _wait_for(pid_file.exists, "the tinynap build to start")
    finally:
        os.killpg(installer.pid, signal.SIGKILL)
        installer.wait()
    # The build runs in a process group of its own; it must die with the installer.
    _wait_for(lambda: _is_gone(int(pid_file.read_text())), "the build to stop", 30)
    records = site.records()  # the index still parses
    assert "tinynap" not in records
    assert set(records) <= {"tinylib", "tinyapp"}
    stale = site.planned_prefix("tinynap")
    assert (stale / "partial").exists()  # left unregistered by the killed build
    (stale / "stale-marker").write_text("from the killed build")

    (site.control / "go").write_text("")
    pid_file.unlink()
    done = site.run("install", "tinyapp", "tinynap")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "built tinynap@1.0" in done.stdout
    assert site.prefix("tinynap") == stale
    assert not (stale / "stale-marker").exists()
    assert (stale / "bin" / "tinynap").is_file()
    assert (stale / ".rpm-spec" / "install-complete").is_file()


def test_a_corrupted_mirror_tarball_fails_with_both_sums_and_registers_nothing(
    site: Site,
) -> None:
    good = site.repo.sources["tinylib"]  # type: ignore[attr-defined]
    mirror = site.root / "mirror"
    (mirror / "tinylib").mkdir(parents=True)
    data = bytearray(good.archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupted = mirror / "tinylib" / good.archive.name
    corrupted.write_bytes(bytes(data))
    actual = hashlib.sha256(data).hexdigest()
    good.archive.unlink()  # upstream is gone too: only the mirror serves the file
    (site.config_dir / "mirrors.yaml").write_text(f"mirrors:\n  broken: {mirror.as_uri()}\n")

    done = site.run("install", "tinyapp")
    assert done.returncode == 1
    assert "sha256 mismatch" in done.stderr
    assert good.archive.name in done.stderr
    assert good.sha256 in done.stderr and actual in done.stderr
    assert "nothing was installed" in done.stderr
    assert site.records() == {}
    assert not list(site.store.rglob("tinylib-*"))
    assert not list((site.root / "cache").rglob("tinylib-*"))


def test_two_installers_on_overlapping_dags_build_each_package_once(site: Site) -> None:
    outputs = [site.root / "first.out", site.root / "second.out"]
    installers = [
        site.start("install", "tinynap", "tinyapp", output=outputs[0]),
        site.start("install", "tinynap", "tinyconf", output=outputs[1]),
    ]
    try:
        # One installer holds tinynap's lock and builds it; the other must be seen
        # waiting for that lock before the build may finish.
        _wait_for((site.control / "nap.pid").exists, "one installer to build tinynap")
        _wait_for(
            lambda: any("waiting for another installer" in p.read_text() for p in outputs),
            "the other installer to wait for the lock",
        )
        (site.control / "go").write_text("")
        for installer in installers:
            assert installer.wait(timeout=300) == 0, [p.read_text() for p in outputs]
    finally:
        for installer in installers:
            if installer.poll() is None:
                os.killpg(installer.pid, signal.SIGKILL)
    text = "".join(p.read_text() for p in outputs)
    for name in ("tinynap", "tinylib"):
        assert text.count(f"built {name}@1.0") == 1, text
    assert text.count("built tinyapp@1.0") == 1 and text.count("built tinyconf@1.0") == 1
    assert set(site.records()) == {"tinynap", "tinylib", "tinyapp", "tinyconf"}
    index = json.loads((site.store / ".rpm-spec-db" / "index.json").read_text())
    assert len(index["installs"]) == 4
