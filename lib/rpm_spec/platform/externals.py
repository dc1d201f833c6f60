"""Detecting installed tools and libraries to use as externals (``packages.yaml``).

Every package is a row of ``external_probes.json``: executables to look for,
arguments that print a version, a regex with a ``version`` group (and optionally
a ``prefix`` group), an optional file that proves a prefix is the real one
(``include/cuda.h``) and extra directories to search (``usr/local/cuda-*/bin``).
Adding a package is adding a row.

The prefix is the directory above the executable's directory (``/usr`` for
``/usr/bin/cmake``). When a marker is given and missing there, the executable's
symlinks are resolved and the prefix taken from the real file; a wrapper such as
``/usr/local/bin/nvcc`` loses to ``/usr/local/cuda/bin/nvcc``, whose prefix has
the marker. Each (package, version) is reported once: the first hit in search
order whose prefix has its marker, else the first hit.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rpm_spec.platform.errors import UnknownExternalError
from rpm_spec.platform.executables import Found, find_executables
from rpm_spec.platform.runner import Runner, run_tool
from rpm_spec.util.suggest import did_you_mean

_MAX_PROBES_AT_ONCE = 8
_SPEC_HEAD = re.compile(r"^\s*([A-Za-z0-9_.-]+)@=?([A-Za-z0-9_.-]+)")


@dataclass(frozen=True, slots=True)
class ProbeCommand:
    """One way of asking a package its version: executables, arguments, output regex."""

    executables: tuple[str, ...]
    args: tuple[str, ...]
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ExternalProbe:
    """How to detect one package (one row of external_probes.json)."""

    name: str
    commands: tuple[ProbeCommand, ...]
    prefix_marker: str | None = None
    system_dirs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DetectedExternal:
    """An installed package: ``name@version`` in ``prefix``.

    ``extra`` holds what detection learned besides (``executable``: the file that
    answered); it is informational and not written to packages.yaml.
    """

    name: str
    version: str
    prefix: Path
    extra: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    def to_config(self, *, buildable: bool | None = None) -> dict[str, Any]:
        """The packages.yaml entry; ``buildable`` is written only when given."""
        entry: dict[str, Any] = {"externals": [{"spec": self.spec, "prefix": str(self.prefix)}]}
        if buildable is not None:
            entry["buildable"] = buildable
        return {self.name: entry}


def _load_probe(name: str, entry: Mapping[str, Any]) -> ExternalProbe:
    commands = []
    for command in entry["commands"]:
        pattern = command.get("regex", entry.get("regex"))
        if pattern is None:
            raise ValueError(f"external_probes.json: {name} has a command without a regex")
        commands.append(
            ProbeCommand(
                executables=tuple(command["executables"]),
                args=tuple(command["args"]),
                regex=re.compile(pattern, re.MULTILINE),
            )
        )
    return ExternalProbe(
        name=name,
        commands=tuple(commands),
        prefix_marker=entry.get("prefix_marker"),
        system_dirs=tuple(entry.get("system_dirs", ())),
    )


@functools.cache
def external_probes() -> Mapping[str, ExternalProbe]:
    """Every shipped probe by package name (read once; the file does not change)."""
    from importlib import resources  # lazy: startup

    text = resources.files("rpm_spec.platform").joinpath("external_probes.json").read_text()
    packages = json.loads(text)["packages"]
    return {name: _load_probe(name, entry) for name, entry in sorted(packages.items())}


def select_probes(names: Sequence[str] | None) -> list[ExternalProbe]:
    """The probes for ``names`` (all when None); UnknownExternalError for an unknown name."""
    probes = external_probes()
    if names is None:
        return list(probes.values())
    selected = []
    for name in dict.fromkeys(names):
        if name not in probes:
            raise UnknownExternalError(name, hint=did_you_mean(name, probes))
        selected.append(probes[name])
    return selected


@dataclass(frozen=True, slots=True)
class _Hit:
    probe: ExternalProbe
    command: ProbeCommand
    found: Found


def _hits(probe: ExternalProbe, dirs: Sequence[Path]) -> list[_Hit]:
    hits = [
        _Hit(probe, command, found)
        for command in probe.commands
        for found in find_executables(dirs, command.executables)
    ]
    hits.sort(key=lambda hit: hit.found.dir_index)  # stable: command order within a dir
    return hits


def _system_dirs(probe: ExternalProbe, system_root: Path | None) -> list[Path]:
    if system_root is None:
        return []
    return [path for pattern in probe.system_dirs for path in sorted(system_root.glob(pattern))]


def _prefix(hit: _Hit, match: re.Match[str]) -> tuple[Path, bool]:
    """The prefix of a hit and whether it has the probe's marker."""
    if match.groupdict().get("prefix"):
        return Path(match.group("prefix")), True
    prefix = hit.found.path.parent.parent
    marker = hit.probe.prefix_marker
    if marker is None or (prefix / marker).exists():
        return prefix, True
    real = hit.found.path.resolve().parent.parent
    if (real / marker).exists():
        return real, True
    return prefix, False


def _identify(hit: _Hit, run: Runner) -> tuple[str, Path, bool] | None:
    output = run([str(hit.found.path), *hit.command.args])
    match = hit.command.regex.search(output) if output else None
    if match is None:
        return None
    prefix, has_marker = _prefix(hit, match)
    return match.group("version"), prefix, has_marker


def detect_externals(
    names: Sequence[str] | None,
    search_dirs: Sequence[Path],
    run: Runner = run_tool,
    *,
    system_root: Path | None = Path("/"),
) -> list[DetectedExternal]:
    """The installed packages among ``names`` (all known when None), by name then version.

    Searches ``search_dirs`` in order, then each probe's extra directories under
    ``system_root`` (None: not at all, as tests and ``--path`` do). ``run`` runs
    the version commands; executables whose output does not match are ignored.
    """
    hits = [
        hit
        for probe in select_probes(names)
        for hit in _hits(probe, [*search_dirs, *_system_dirs(probe, system_root)])
    ]
    from concurrent.futures import ThreadPoolExecutor  # lazy: startup

    with ThreadPoolExecutor(max_workers=_MAX_PROBES_AT_ONCE) as pool:
        answers = list(pool.map(lambda hit: _identify(hit, run), hits))

    best: dict[tuple[str, str], tuple[bool, DetectedExternal]] = {}
    for hit, answer in zip(hits, answers, strict=True):
        if answer is None:
            continue
        version, prefix, has_marker = answer
        key = (hit.probe.name, version)
        if key in best and (best[key][0] or not has_marker):
            continue
        extra = {"executable": str(hit.found.path)}
        best[key] = (has_marker, DetectedExternal(hit.probe.name, version, prefix, extra))
    found = [external for _, external in best.values()]
    found.sort(key=lambda e: tuple(int(p) for p in re.findall(r"\d+", e.version)), reverse=True)
    found.sort(key=lambda e: e.name)
    return found


def _configured_specs(packages: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(name, version) of every external already in a packages section."""
    known: set[tuple[str, str]] = set()
    for name, entry in packages.items():
        if not isinstance(entry, Mapping):
            continue
        for external in entry.get("externals") or ():
            spec = external.get("spec", "") if isinstance(external, Mapping) else ""
            head = _SPEC_HEAD.match(str(spec))
            if head and head.group(1) == name:
                known.add((name, head.group(2)))
    return known


def new_externals(
    configured: Mapping[str, Any], found: Iterable[DetectedExternal]
) -> list[DetectedExternal]:
    """The ``found`` externals whose ``name@version`` no configured external has yet."""
    known = _configured_specs(configured)
    return [external for external in found if (external.name, external.version) not in known]


def add_externals(
    packages: Mapping[str, Any],
    added: Iterable[DetectedExternal],
    *,
    buildable: bool | None = None,
) -> dict[str, Any]:
    """A copy of one scope's ``packages`` data with ``added`` appended to each package's list.

    Other keys of a package entry (``require``, ``variants``) are kept; ``buildable``
    is set only when given, for the packages that gained an external.
    """
    data: dict[str, Any] = copy.deepcopy(dict(packages))
    for external in added:
        entry = data.get(external.name)
        if not isinstance(entry, dict):
            entry = data[external.name] = {}
        new = external.to_config(buildable=buildable)[external.name]
        entry["externals"] = [*(entry.get("externals") or ()), *new["externals"]]
        if buildable is not None:
            entry["buildable"] = buildable
    return data
