"""Compiler detection: find gcc, clang, oneAPI and NVHPC in directories, group into compilers.

What to look for is data (``compiler_probes.json``): per family the executable
names of each role, the arguments that print a version, and regexes that name the
compiler and capture its version (``clang`` may turn out to be ``aocc`` or
``apple-clang``). Every executable is asked separately; executables reporting the
same (compiler, version) become one :class:`DetectedCompiler`, the earliest
directory winning each role, and within a directory ``gcc`` before ``gcc-12``.

Nothing here writes configuration: :func:`new_compilers` and
:func:`compiler_entries` prepare ``compilers.yaml`` data for the CLI to write.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.platform.executables import Found, find_executables
from rpm_spec.platform.runner import Runner, run_tool
from rpm_spec.platform.targets import family

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.platform.host import HostInfo

ROLES = ("cc", "cxx", "fc")
_MAX_PROBES_AT_ONCE = 8


@dataclass(frozen=True, slots=True)
class Identity:
    """A regex that, when it matches a version output, names the compiler."""

    compiler: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CompilerProbe:
    """How to recognize one family of compilers (one entry of compiler_probes.json)."""

    family: str
    executables: Mapping[str, tuple[str, ...]]
    versioned_names: bool
    args: tuple[str, ...]
    identities: tuple[Identity, ...]

    def identify(self, output: str) -> tuple[str, str] | None:
        """(compiler, version) from a version output, or None when it is not ours."""
        for identity in self.identities:
            match = identity.regex.search(output)
            if match:
                return identity.compiler, match.group("version")
        return None


@functools.cache
def compiler_probes() -> tuple[CompilerProbe, ...]:
    """The shipped compiler probes (read once; the file does not change at runtime)."""
    from importlib import resources  # lazy: startup

    text = resources.files("rpm_spec.platform").joinpath("compiler_probes.json").read_text()
    return tuple(
        CompilerProbe(
            family=entry["family"],
            executables={role: tuple(names) for role, names in entry["executables"].items()},
            versioned_names=entry["versioned_names"],
            args=tuple(entry["args"]),
            identities=tuple(
                Identity(item["compiler"], re.compile(item["regex"], re.MULTILINE))
                for item in entry["identities"]
            ),
        )
        for entry in json.loads(text)["probes"]
    )


@dataclass(frozen=True, slots=True)
class DetectedCompiler:
    """A compiler found on this machine: name and version plus its executables.

    ``f77`` is the same executable as ``fc``: every compiler we detect compiles
    both fixed- and free-form Fortran with one driver.
    """

    name: str
    version: str
    cc: Path | None = None
    cxx: Path | None = None
    f77: Path | None = None
    fc: Path | None = None

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    def paths(self) -> dict[str, str | None]:
        """The ``paths`` mapping of compilers.yaml (None for a missing language)."""
        roles = {"cc": self.cc, "cxx": self.cxx, "f77": self.f77, "fc": self.fc}
        return {role: None if path is None else str(path) for role, path in roles.items()}

    def to_config(self, host: HostInfo) -> dict[str, Any]:
        """The compilers.yaml entry for this compiler on ``host``."""
        return {
            "compiler": {
                "spec": self.spec,
                "paths": self.paths(),
                "operating_system": host.os,
                "target": family(host.target),
            }
        }


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _candidates(dirs: Sequence[Path]) -> list[tuple[CompilerProbe, str, Found]]:
    found: list[tuple[CompilerProbe, str, Found]] = []
    for probe in compiler_probes():
        for role, names in probe.executables.items():
            for hit in find_executables(dirs, names, versioned=probe.versioned_names):
                found.append((probe, role, hit))
    return found


def detect_compilers(
    search_dirs: Sequence[Path], run: Runner = run_tool
) -> list[DetectedCompiler]:
    """The compilers in ``search_dirs``, by name, newest version first.

    ``run`` executes each candidate's version command (tests pass fake scripts or
    recorded outputs); candidates whose output no identity matches are ignored.
    """
    candidates = _candidates(search_dirs)

    def probe_one(item: tuple[CompilerProbe, str, Found]) -> tuple[str, str] | None:
        probe, _, hit = item
        output = run([str(hit.path), *probe.args])
        return probe.identify(output) if output else None

    from concurrent.futures import ThreadPoolExecutor  # lazy: startup

    with ThreadPoolExecutor(max_workers=_MAX_PROBES_AT_ONCE) as pool:
        identities = list(pool.map(probe_one, candidates))

    chosen: dict[tuple[str, str], dict[str, Found]] = {}
    for (_, role, hit), identity in zip(candidates, identities, strict=True):
        if identity is None:
            continue
        roles = chosen.setdefault(identity, {})
        if role not in roles or hit.sort_key < roles[role].sort_key:
            roles[role] = hit

    compilers = []
    for (name, version), roles in chosen.items():
        fc = roles["fc"].path if "fc" in roles else None
        cc = roles["cc"].path if "cc" in roles else None
        cxx = roles["cxx"].path if "cxx" in roles else None
        compilers.append(DetectedCompiler(name, version, cc=cc, cxx=cxx, f77=fc, fc=fc))
    compilers.sort(key=lambda c: _version_key(c.version), reverse=True)
    compilers.sort(key=lambda c: c.name)
    return compilers


def _configured_key(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    body = entry.get("compiler")
    if not isinstance(body, Mapping):
        return None
    return str(body.get("spec", "")), str(body.get("operating_system", ""))


def new_compilers(
    configured: Iterable[Mapping[str, Any]], found: Iterable[DetectedCompiler], host: HostInfo
) -> list[DetectedCompiler]:
    """The ``found`` compilers not yet configured for ``host.os`` (same spec and os)."""
    known = {key for entry in configured if (key := _configured_key(entry)) is not None}
    return [compiler for compiler in found if (compiler.spec, host.os) not in known]


def compiler_entries(
    existing: Iterable[Mapping[str, Any]], added: Iterable[DetectedCompiler], host: HostInfo
) -> list[Any]:
    """A scope's ``compilers`` list with entries for ``added`` appended after ``existing``."""
    return [*existing, *(compiler.to_config(host) for compiler in added)]
