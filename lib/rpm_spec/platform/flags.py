"""Which compiler versions can optimize for a target, and with which flags.

Straight from archspec's per-target ``compilers`` table (gcc@10.3 is the first gcc
that knows ``-march=znver3``). Compiler names follow archspec: ``gcc``, ``clang``,
``aocc``, ``apple-clang``, ``oneapi``, ``intel``, ``nvhpc``.

archspec distinguishes three cases, and so do we:

* the family has no data for the compiler (say ``xlc`` on x86_64): any version
  works and there are no flags (``compiler_version_ranges`` is None);
* it has data for the family but not for this target, or no range matches: the
  compiler cannot optimize for it (:class:`UnsupportedTargetError`);
* a range matches: its flags, e.g. ``-march=znver3 -mtune=znver3``.
"""

from __future__ import annotations

import functools
import re
import warnings

from rpm_spec.platform.errors import UnsupportedTargetError
from rpm_spec.platform.targets import microarchitecture

_NUMERIC = re.compile(r"\d+(?:\.\d+)*")

#: Stand-in for non-numeric versions (``develop``, ``main``): those are the newest.
_NEWEST = "99999"


def _numeric(version: str) -> str:
    """The dotted-digits part archspec understands: ``12.2.0-custom`` → ``12.2.0``."""
    found = _NUMERIC.match(version.strip())
    return found.group(0) if found else _NEWEST


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in _numeric(version).split("."))


def compiler_version_ranges(target: str, compiler: str) -> tuple[str, ...] | None:
    """archspec's version ranges (``"10.3:"``) of ``compiler`` for ``target``.

    None when archspec has no data on the compiler for the target's family (every
    version is fine, without flags); ``()`` when no version can optimize for it.
    """
    arch = microarchitecture(target)
    if compiler not in arch.family.compilers:
        return None
    entries = arch.compilers.get(compiler, [])
    return tuple(str(entry["versions"]) for entry in entries)


def min_compiler_version(target: str, compiler: str) -> str | None:
    """The oldest ``compiler`` version that can optimize for ``target``.

    ``"10.3"`` for gcc on zen3; ``"0"`` when every version can (no lower bound, or
    no data for this compiler); None when no version can.
    """
    ranges = compiler_version_ranges(target, compiler)
    if ranges is None:
        return "0"
    if not ranges:
        return None
    lows = [entry.partition(":")[0] or "0" for entry in ranges]
    return min(lows, key=_as_tuple)


@functools.cache
def _flags_or_none(target: str, compiler: str, version: str) -> str | None:
    """archspec's flags, or None when the compiler version cannot optimize for target."""
    import archspec.cpu  # lazy: startup

    arch = microarchitecture(target)
    try:
        with warnings.catch_warnings():
            # archspec warns about Intel compilers on AMD CPUs on every call; not ours to print.
            warnings.simplefilter("ignore")
            return str(arch.optimization_flags(compiler, _numeric(version)))
    except archspec.cpu.UnsupportedMicroarchitecture:
        return None


def target_flags(target: str, compiler: str, version: str) -> str:
    """The optimization flags for ``target`` with ``compiler@version`` ("" without data).

    Raises UnsupportedTargetError when that compiler version cannot emit them.
    """
    flags = _flags_or_none(target, compiler, version)
    if flags is None:
        ranges = compiler_version_ranges(target, compiler) or ()
        raise UnsupportedTargetError(target, compiler, version, ranges)
    return flags


def compiler_supports_target(target: str, compiler: str, version: str) -> bool:
    """Whether ``compiler@version`` can optimize for ``target`` (gcc@8 on zen3: no)."""
    return _flags_or_none(target, compiler, version) is not None
