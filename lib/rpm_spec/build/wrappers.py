"""The compiler wrappers: where they are, the variables they read, what they cost.

``share/rpm-spec/wrappers/cc`` is one POSIX sh script; its other names (``c++``,
``f77``, ``fc``, ``gcc``, ...) are symlinks beside it, and its header documents the
environment contract that :func:`wrapper_variables` fills in. A compiler without
Fortran gets the ``c-only`` directory on PATH instead, so that configure scripts
probing for ``gfortran`` or ``f77`` find nothing rather than a wrapper that fails.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.build.errors import CompilerPathError
from rpm_spec.util.paths import SHARE

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.config import Configuration
    from rpm_spec.spec.concrete import CompilerRef

#: The wrapper script and all its names.
WRAPPERS_DIR = SHARE / "wrappers"
#: The same script under C and C++ names only.
C_ONLY_DIR = WRAPPERS_DIR / "c-only"
#: The variable carrying each kind of compiler flags (the kinds of the spec grammar).
FLAG_VARIABLES = {
    "cppflags": "RPM_SPEC_CPPFLAGS",
    "cflags": "RPM_SPEC_CFLAGS",
    "cxxflags": "RPM_SPEC_CXXFLAGS",
    "fflags": "RPM_SPEC_FFLAGS",
    "ldflags": "RPM_SPEC_LDFLAGS",
    "ldlibs": "RPM_SPEC_LDLIBS",
}
#: The variable naming each language's real compiler, by wrapper name.
LANGUAGE_VARIABLES = {
    "cc": "RPM_SPEC_CC",
    "c++": "RPM_SPEC_CXX",
    "f77": "RPM_SPEC_F77",
    "fc": "RPM_SPEC_FC",
}


@dataclass(frozen=True)
class CompilerPaths:
    """The real compilers behind the wrappers (None where a language is missing)."""

    name: str
    version: str
    cc: Path | None = None
    cxx: Path | None = None
    f77: Path | None = None
    fc: Path | None = None

    @property
    def has_fortran(self) -> bool:
        return self.f77 is not None or self.fc is not None

    @classmethod
    def from_config(cls, config: Configuration, compiler: CompilerRef) -> CompilerPaths:
        """The ``paths`` of ``compiler`` in the ``compilers`` section."""
        return cls.from_entries(config.get("compilers") or (), compiler)

    @classmethod
    def from_entries(
        cls, entries: Iterable[Mapping[str, Any]], compiler: CompilerRef
    ) -> CompilerPaths:
        """Like :meth:`from_config`, from the section's list of entries; bare names in
        ``paths`` are looked up on PATH (the wrappers need absolute paths)."""
        wanted = f"{compiler.name}@{compiler.version}"
        for item in entries:
            data = item.get("compiler", item)
            if str(data.get("spec", "")).replace("@=", "@") != wanted:
                continue
            paths = data.get("paths") or {}
            found = {
                lang: _absolute(paths.get(lang), wanted) for lang in ("cc", "cxx", "f77", "fc")
            }
            return cls(name=compiler.name, version=compiler.version, **found)
        raise CompilerPathError(
            f"compiler {wanted} is not configured, so there is nothing to build with",
            hint="run 'rpm-spec compiler find' or add it to compilers.yaml",
        )

    def wrapper_dir(self) -> Path:
        """The wrapper directory to put first on PATH for this compiler."""
        return WRAPPERS_DIR if self.has_fortran else C_ONLY_DIR


def _absolute(value: object, compiler: str) -> Path | None:
    if value is None or value == "":
        return None
    path = Path(str(value)).expanduser()
    if path.is_absolute():
        return path
    text = str(value)
    found = shutil.which(text)
    if found is None:
        raise CompilerPathError(
            f"compiler {compiler}: '{text}' is not an absolute path and is not on PATH",
            hint="give absolute paths under 'paths:' in compilers.yaml",
        )
    return Path(found)


def wrapper_variables(
    compiler: CompilerPaths,
    *,
    target_flags: str,
    include_dirs: Sequence[Path] = (),
    link_dirs: Sequence[Path] = (),
    rpath_dirs: Sequence[Path] = (),
    log_path: Path | None = None,
    flags: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, str]:
    """The ``RPM_SPEC_*`` variables of the wrapper contract, plus CC/CXX/F77/FC.

    ``flags`` are the node's compiler flags by kind (``{"cflags": ("-O3",)}``); every
    flag variable is set, empty for a kind without flags, so that none leaks in from
    the caller's environment.
    """
    directory = compiler.wrapper_dir()
    variables = {
        "RPM_SPEC_TARGET_FLAGS": target_flags,
        "RPM_SPEC_INCLUDE_DIRS": _join(include_dirs),
        "RPM_SPEC_LINK_DIRS": _join(link_dirs),
        "RPM_SPEC_RPATH_DIRS": _join(rpath_dirs),
    }
    for kind, variable in FLAG_VARIABLES.items():
        variables[variable] = " ".join((flags or {}).get(kind, ()))
    for wrapper, real, public in (
        ("cc", compiler.cc, "CC"),
        ("c++", compiler.cxx, "CXX"),
        ("f77", compiler.f77, "F77"),
        ("fc", compiler.fc, "FC"),
    ):
        if real is not None:
            variables[LANGUAGE_VARIABLES[wrapper]] = str(real)
            variables[public] = str(directory / wrapper)
    if log_path is not None:
        variables["RPM_SPEC_WRAPPER_LOG"] = str(log_path)
    return variables


def _join(dirs: Sequence[Path]) -> str:
    for path in dirs:
        if ":" in str(path):
            raise CompilerPathError(f"directory {path} has a ':' and cannot go in a search path")
    return ":".join(str(path) for path in dict.fromkeys(dirs))


@dataclass(frozen=True)
class WrapperTiming:
    """Medians (seconds) of one compile run directly and through the wrapper."""

    compiler: Path
    shell: str
    runs: int
    direct_s: float
    wrapped_s: float
    #: The wrapper's own cost without compiler noise: the wrapper exec'ing ``true``
    #: minus ``true`` alone.
    wrapper_only_s: float

    @property
    def overhead_s(self) -> float:
        return self.wrapped_s - self.direct_s


def measure_overhead(
    compiler: Path, *, runs: int = 20, shell: str | None = None, dirs: int = 10
) -> WrapperTiming:
    """Time ``cc -c tiny.c`` through the wrapper against the bare compiler.

    Both compile the same file with the same flags (the target flags are left empty
    so the compiler does the same work); the wrapper also adds ``dirs`` include
    directories, as a build with several dependencies would. ``shell`` runs the
    script under another sh (``bash``) instead of its ``#!/bin/sh``. The commands
    run interleaved, so that a slow spell of the machine hits them alike.
    """
    script = WRAPPERS_DIR / "cc"
    true = Path(shutil.which("true") or "/bin/true")
    with tempfile.TemporaryDirectory(prefix="rpm-spec-bench-") as tmp:
        work = Path(tmp)
        (work / "tiny.c").write_text("int tiny(int x) { return x + 1; }\n")
        includes = [work / f"include{i}" for i in range(dirs)]
        for path in includes:
            path.mkdir()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "RPM_SPEC_CC": str(compiler),
            "RPM_SPEC_TARGET_FLAGS": "",
            "RPM_SPEC_INCLUDE_DIRS": _join(includes),
        }
        wrapper = [shell, str(script)] if shell else [str(script)]
        arguments = ["-c", "tiny.c", "-o", "tiny.o"]
        commands = (
            ([str(compiler), *arguments], env),
            ([*wrapper, *arguments], env),
            ([str(true), *arguments], env),
            ([*wrapper, *arguments], {**env, "RPM_SPEC_CC": str(true)}),
        )
        times: list[list[float]] = [[] for _ in commands]
        for round_ in range(runs + 1):
            for index, (args, variables) in enumerate(commands):
                elapsed = _time_run(args, work, variables)
                if round_:  # the first round only warms caches
                    times[index].append(elapsed)
    direct, wrapped, bare_true, wrapped_true = (statistics.median(t) for t in times)
    return WrapperTiming(
        compiler=compiler,
        shell=shell or os.path.realpath("/bin/sh"),
        runs=runs,
        direct_s=direct,
        wrapped_s=wrapped,
        wrapper_only_s=wrapped_true - bare_true,
    )


def _time_run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise CompilerPathError(
            f"'{' '.join(args)}' failed with status {done.returncode}: {done.stderr.strip()}"
        )
    return elapsed
