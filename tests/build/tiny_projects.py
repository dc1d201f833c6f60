"""Tiny C/C++ projects as release tarballs, and a repository of recipes that build them.

Shared by the build-layer and installer tests (fixtures in ``tests/build/conftest.py``).
Each project is a few files written here, packed as ``<name>-<version>.tar.gz`` with a
single top-level directory, so recipes point at real ``file://`` URLs with real sha256
sums. The repository (namespace ``tiny``) holds:

* ``tinylib``: a shared C library (``libtiny.so`` + ``tiny.h`` + ``tiny.pc``), hand-written
  Makefile installing under ``$(PREFIX)``;
* ``tinyapp``: a C program using tinylib, Makefile without any -I/-L of its own (the
  wrappers provide them);
* ``tinyconf``: the same through a hand-written, autoconf-style ``configure``;
* ``tinycmake``: a C++ program finding tinylib with CMake's find_library/find_path;
* ``tinyfail``: installs part of itself, then fails;
* ``tinyenv``: records its build environment (``env``) and has tinylib as a build-only
  dependency;
* ``tinypy``: a pure-Python distribution installed with pip (setuptools backend);
* ``cmake`` and ``python``: recipes that tests mark external (``/usr``).
"""

from __future__ import annotations

import hashlib
import io
import tarfile
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

NAMESPACE = "tiny"
VERSION = "1.0"

_TINYLIB = {
    "tiny.h": """\
        #ifndef TINY_H
        #define TINY_H
        #ifdef __cplusplus
        extern "C" {
        #endif
        int tiny_answer(void);
        #ifdef __cplusplus
        }
        #endif
        #endif
        """,
    "tiny.c": """\
        #include "tiny.h"
        int tiny_answer(void) { return 42; }
        """,
    "tiny.pc.in": """\
        prefix=@PREFIX@
        Name: tiny
        Description: the tiny test library
        Version: 1.0
        Libs: -L${prefix}/lib -ltiny
        Cflags: -I${prefix}/include
        """,
    "Makefile": """\
        PREFIX ?= /usr/local
        all: libtiny.so.1
        libtiny.so.1: tiny.c tiny.h
        \t$(CC) -O2 -fPIC -shared -Wl,-soname,libtiny.so.1 -o $@ tiny.c
        install: libtiny.so.1
        \tmkdir -p $(PREFIX)/lib/pkgconfig $(PREFIX)/include
        \tcp libtiny.so.1 $(PREFIX)/lib/
        \tln -sf libtiny.so.1 $(PREFIX)/lib/libtiny.so
        \tcp tiny.h $(PREFIX)/include/
        \tsed 's|@PREFIX@|$(PREFIX)|' tiny.pc.in > $(PREFIX)/lib/pkgconfig/tiny.pc
        """,
}

_MAIN_C = """\
    #include <stdio.h>
    #include <tiny.h>
    int main(void) { printf("tiny answer %d\\n", tiny_answer()); return 0; }
    """

_TINYAPP = {
    "main.c": _MAIN_C,
    "Makefile": """\
        PREFIX ?= /usr/local
        all: tinyapp
        tinyapp: main.c
        \t$(CC) -O2 -o $@ main.c -ltiny
        install: tinyapp
        \tmkdir -p $(PREFIX)/bin
        \tcp tinyapp $(PREFIX)/bin/
        """,
}

_TINYCONF = {
    "main.c": _MAIN_C,
    "Makefile.in": """\
        prefix = @prefix@
        CC = @CC@
        CFLAGS = @CFLAGS@
        all: tinyconf
        tinyconf: main.c
        \t$(CC) $(CFLAGS) -o $@ main.c -ltiny
        install: tinyconf
        \tmkdir -p $(prefix)/bin
        \tcp tinyconf $(prefix)/bin/
        """,
    "configure": """\
        #!/bin/sh
        # Hand-written, autoconf-style: --prefix=DIR, --enable-FEATURE, VAR=value.
        prefix=/usr/local
        cflags="-O2"
        for arg in "$@"; do
            case $arg in
                --prefix=*) prefix=${arg#--prefix=} ;;
                --enable-debug) cflags="$cflags -g" ;;
                --disable-debug) ;;
                *) echo "configure: unknown option $arg" >&2; exit 1 ;;
            esac
        done
        echo "checking for a C compiler... ${CC:-cc}"
        sed -e "s|@prefix@|$prefix|" -e "s|@CC@|${CC:-cc}|" -e "s|@CFLAGS@|$cflags|" \\
            Makefile.in > Makefile
        echo "configure: wrote Makefile for prefix $prefix"
        """,
}

_TINYCMAKE = {
    "main.cpp": """\
        #include <iostream>
        #include <tiny.h>
        int main() { std::cout << "tiny answer " << tiny_answer() << std::endl; return 0; }
        """,
    "CMakeLists.txt": """\
        cmake_minimum_required(VERSION 3.13)
        project(tinycmake CXX)
        find_path(TINY_INCLUDE_DIR tiny.h REQUIRED)
        find_library(TINY_LIBRARY tiny REQUIRED)
        add_executable(tinycmake main.cpp)
        target_include_directories(tinycmake PRIVATE ${TINY_INCLUDE_DIR})
        target_link_libraries(tinycmake PRIVATE ${TINY_LIBRARY})
        install(TARGETS tinycmake RUNTIME DESTINATION bin)
        """,
}

_TINYFAIL = {
    "Makefile": """\
        all:
        \t@echo building tinyfail
        install:
        \tmkdir -p $(PREFIX)/bin
        \techo partial > $(PREFIX)/bin/partial
        \t@echo "tinyfail: simulated install failure" >&2
        \t@exit 3
        """,
}

_TINYENV = {"README": "nothing to build\n"}

_TINYPY = {
    "pyproject.toml": """\
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "tinypy"
        version = "1.0"
        """,
    "tinypy/__init__.py": "ANSWER = 42\n",
}

_RECIPES = {
    "tinylib": '''\
        class Tinylib(MakefilePackage):
            """A tiny shared C library."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
            sanity_check_is_file = ["lib/libtiny.so", "include/tiny.h"]
        ''',
    "tinyapp": '''\
        class Tinyapp(MakefilePackage):
            """A tiny C program linking tinylib through the wrappers alone."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
            depends_on("tinylib")
            sanity_check_is_file = ["bin/tinyapp"]
        ''',
    "tinyconf": '''\
        class Tinyconf(AutotoolsPackage):
            """A tiny C program with a hand-written configure script."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
            variant("debug", default=False, description="Compile with -g")
            depends_on("tinylib")
            sanity_check_is_file = ["bin/tinyconf"]

            def configure_args(self):
                return self.enable_or_disable("debug")
        ''',
    "tinycmake": '''\
        class Tinycmake(CMakePackage):
            """A tiny C++ program configured with CMake."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
            depends_on("tinylib")
            sanity_check_is_file = ["bin/tinycmake"]

            def cmake_args(self):
                return [self.define("TINY_UNUSED_OPTION", True)]
        ''',
    "tinyfail": '''\
        class Tinyfail(MakefilePackage):
            """A package whose install fails half way."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
        ''',
    "tinyenv": '''\
        class Tinyenv(Package):
            """Records the environment its install phase sees."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
            depends_on("tinylib", type="build")

            def install(self, spec, prefix):
                self.run(["sh", "-c", 'mkdir -p "$0" && env > "$0/env.txt"', str(prefix)])
        ''',
    "tinypy": '''\
        class Tinypy(PythonPackage):
            """A tiny pure-Python distribution (setuptools backend)."""

            url = "{url}"
            version("{version}", sha256="{sha256}")
        ''',
}

_CMAKE_RECIPE = '''\
    class Cmake(Package):
        """CMake, only ever used as an external here."""

        url = "https://github.com/Kitware/CMake/releases/download/v3.25.1/cmake-3.25.1.tar.gz"
        version(
            "3.25.1", sha256="1c511d09516af493694ed9baf13c55947a36389674d657a2d5e0ccedc6b291d8"
        )
    '''

_PYTHON_RECIPE = '''\
    class Python(Package):
        """The Python interpreter, only ever used as an external here."""

        url = "https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz"
        version(
            "3.11.2", sha256="2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849"
        )
    '''

_PROJECTS = {
    "tinylib": _TINYLIB,
    "tinyapp": _TINYAPP,
    "tinyconf": _TINYCONF,
    "tinycmake": _TINYCMAKE,
    "tinyfail": _TINYFAIL,
    "tinyenv": _TINYENV,
    "tinypy": _TINYPY,
}


@dataclass(frozen=True)
class TinySource:
    """One generated release tarball."""

    name: str
    version: str
    archive: Path
    sha256: str

    @property
    def url(self) -> str:
        return self.archive.as_uri()


@dataclass(frozen=True)
class TinyRepo:
    """The generated repository and the tarballs its recipes point at."""

    root: Path
    sources: dict[str, TinySource]

    namespace: str = NAMESPACE

    def recipe(self, name: str) -> Path:
        return self.root / "packages" / name / "package.py"


def make_tarball(name: str, version: str, files: dict[str, str], directory: Path) -> TinySource:
    """Pack ``files`` under ``<name>-<version>/`` into a .tar.gz in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"{name}-{version}.tar.gz"
    top = f"{name}-{version}"
    with tarfile.open(archive, "w:gz") as tar:
        for relative, text in sorted(files.items()):
            data = textwrap.dedent(text).encode()
            info = tarfile.TarInfo(f"{top}/{relative}")
            info.size = len(data)
            info.mode = 0o755 if relative == "configure" else 0o644
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    return TinySource(name, version, archive, digest)


def make_tiny_repo(directory: Path) -> TinyRepo:
    """Write the tarballs (``directory/tarballs``) and the repository (``directory/repo``)."""
    sources = {
        name: make_tarball(name, VERSION, files, directory / "tarballs")
        for name, files in _PROJECTS.items()
    }
    root = directory / "repo"
    (root / "packages").mkdir(parents=True)
    (root / "repo.yaml").write_text(f"repo:\n  namespace: {NAMESPACE}\n")
    header = "from rpm_spec.repo.api import *\n\n\n"
    for name, template in _RECIPES.items():
        source = sources[name]
        body = textwrap.dedent(template).format(
            url=source.url, version=source.version, sha256=source.sha256
        )
        (root / "packages" / name).mkdir()
        (root / "packages" / name / "package.py").write_text(header + body)
    for name, text in (("cmake", _CMAKE_RECIPE), ("python", _PYTHON_RECIPE)):
        (root / "packages" / name).mkdir()
        (root / "packages" / name / "package.py").write_text(header + textwrap.dedent(text))
    return TinyRepo(root=root, sources=sources)
