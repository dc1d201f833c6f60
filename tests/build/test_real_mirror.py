"""Slow, opt-in (``-m slow``): ``rpm-spec install`` of real upstream tarballs.

The quick packages of ``../shared/mirror`` (xz, bzip2, lz4, m4, libffi) are built
through the CLI in a process of their own, with the builtin recipes, from a
``file://`` mirror and nothing else (their upstream URLs are never reached), for the
``x86_64_v2`` target, into a private store. Each program must then run with an empty
LD_LIBRARY_PATH, find its libraries through its RUNPATH, and the logs must show the
target flags. Skipped when the mirror folder is missing.

Every package of the mirror's INDEX.md was built on the development machine (2 shared
cores under a load of 3 to 11, gcc 12.2.0, Debian 12, host target zen2) with
``rpm-spec install -j 1 SPEC`` into one store, in this order, against a user scope
that pins each mirror package to its mirror version (``packages: NAME: require:
"@V"``), takes ``zlib-api`` from ``zlib`` and declares the system's perl, openssl,
pkgconf, gmake, zlib, sqlite, expat and util-linux-uuid (all in /usr) as externals,
since the mirror lacks them. The time is the whole command (waits for a loaded machine
included); dependencies built earlier were reused. Each program was run once with an
empty LD_LIBRARY_PATH:

=================  ========  =====================================================
SPEC               time      result (check run)
=================  ========  =====================================================
xz@5.4.1           170s      ok (xz --version)
bzip2@1.0.8        26s       ok (bzip2 -c | bzip2 -d round trip, libbz2.so linked)
lz4@1.9.4          103s      ok (lz4 --version)
m4@1.4.19          291s      ok (m4 --version)
libffi@3.4.4       49s       ok (libffi.so.8)
diffutils@3.8      106s      ok (diff --version)
autoconf@2.71      6s        ok (autoconf --version; autom4te uses the built m4)
automake@1.16.5    7s        ok (aclocal/autoconf/automake/configure/make of a
                             hello project)
ncurses@6.4        386s      ok (tput -T xterm cols)
readline@8.2       19s       ok (built as python's dependency; libreadline.so.8
                             links libtinfow from ncurses)
gdbm@1.23          13s       ok (built as python's dependency; gdbmtool --version)
libevent@2.1.12    86s       ok (libevent_openssl against the system openssl)
fftw@3.3.10 ~mpi   1511s     ok (fftwf-wisdom -n; float and double; no MPI in the
                             mirror)
python@3.11.2      204s      ok (import ssl, zlib, bz2, lzma, ctypes, readline,
                             sqlite3, dbm.gnu, _uuid, pyexpat; pip 22.3.1)
ninja@1.11.1       49s       ok (ninja --version; bootstrapped with the built python)
cmake@3.25.1       914s      ok (cmake --version; ccmake, ctest, cpack)
googletest@1.12.1  19s       ok (a CMake project with find_package(GTest) built by
                             the built cmake, its test passes)
=================  ========  =====================================================

No recipe needed a change. automake, readline and gdbm first stopped with an internal
solver error (reusing an installed spec whose dependency is an external), fixed in
the solver's translation of installed specs.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rpm_spec.store.database import Database

ROOT = Path(__file__).resolve().parents[2]
MIRROR = ROOT.parent / "shared" / "mirror"
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
#: name, version, a library it installs, and a command that runs its program.
PACKAGES = [
    ("xz", "5.4.1", "lib/liblzma.so", ["xz", "--version"]),
    ("bzip2", "1.0.8", "lib/libbz2.so", ["bzip2", "--help"]),
    ("lz4", "1.9.4", "lib/liblz4.so", ["lz4", "--version"]),
    ("m4", "1.4.19", None, ["m4", "--version"]),
    ("libffi", "3.4.4", "lib/libffi.so", None),
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not MIRROR.is_dir(), reason=f"no source mirror at {MIRROR}"),
    pytest.mark.skipif(
        platform.machine().lower() not in ("x86_64", "amd64"), reason="builds for x86_64_v2"
    ),
    pytest.mark.skipif(
        shutil.which("gcc") is None or shutil.which("readelf") is None,
        reason="needs gcc, g++ and readelf",
    ),
]


def _rpm_spec(root: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
    env["RPM_SPEC_USER_DIR"] = str(root / "user")
    command = [sys.executable, "-c", BOOT, str(ROOT / "lib"), "-C", str(root / "config")]
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _configure(root: Path) -> None:
    config = root / "config"
    config.mkdir(parents=True)
    (config / "mirrors.yaml").write_text(f"mirrors:\n  shared: {MIRROR.as_uri()}\n")
    (config / "packages.yaml").write_text("packages:\n  all:\n    target: [x86_64_v2]\n")
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


def _runpath(binary: Path) -> str:
    dynamic = subprocess.run(
        ["readelf", "-d", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(line for line in dynamic.splitlines() if "RUNPATH" in line or "RPATH" in line)


def test_quick_mirror_packages_install_from_the_mirror(tmp_path: Path) -> None:
    _configure(tmp_path)
    specs = [f"{name}@{version}" for name, version, _, _ in PACKAGES]
    done = _rpm_spec(tmp_path, "install", "-j", "1", *specs, timeout=3600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(PACKAGES)} packages: {len(PACKAGES)} built" in done.stdout
    for name, version, _, _ in PACKAGES:
        assert f"fetching {name}@{version} from mirror 'shared'" in done.stdout
    records = {r.spec.name: r for r in Database(tmp_path / "store").records()}
    assert set(records) == {name for name, *_ in PACKAGES}
    for name, version, library, command in PACKAGES:
        record = records[name]
        prefix = Path(record.prefix)
        assert str(record.spec.version) == version
        log = (prefix / ".rpm-spec" / "build.log").read_text(errors="replace")
        assert "-march=x86-64-v2" in log, name
        if library is not None:
            assert (prefix / library).exists(), library
        if command is not None:
            program = prefix / "bin" / command[0]
            ran = subprocess.run(
                [str(program), *command[1:]],
                env={"LD_LIBRARY_PATH": "", "PATH": "/usr/bin:/bin"},
                capture_output=True,
                text=True,
                check=False,
            )
            assert ran.returncode == 0, ran.stdout + ran.stderr
            if library is not None:  # linked against its own shared library
                assert str(prefix / "lib") in _runpath(program), name
    # Nothing left to do, and it says so.
    again = _rpm_spec(tmp_path, "install", *specs, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "Nothing to do" in again.stdout
