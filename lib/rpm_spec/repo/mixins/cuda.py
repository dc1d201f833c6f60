"""``CudaPackage``: ``+cuda``, ``cuda_arch=...``, a dependency on the CUDA toolkit, and the
toolkit's compatibility rules as conflicts.

The facts live in ``repo/data/cuda.json`` (schema beside it, sources in
``shared/facts/cuda.md``): which toolkit releases accept each ``cuda_arch`` and which
host compiler versions each release supports. :func:`arch_support_conflicts` and
:func:`host_compiler_conflicts` turn those rows into ``(spec, when, msg)`` triples that
the mixin's class body declares with ``conflicts``, so every CUDA recipe inherits them
and the solver can name the rule when a request breaks one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from rpm_spec.repo.directives import conflicts, depends_on, variant
from rpm_spec.repo.package import PackageBase
from rpm_spec.spec import Version

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

#: Host compilers the release table gives limits for, with the name users know them by.
HOST_COMPILERS = {"gcc": "GCC", "clang": "Clang"}

#: ``when=`` of a host compiler rule in a recipe using CUDA; ``{}`` is a CUDA version range.
DEPENDENT_CONDITION = "+cuda ^cuda@{}"

#: The oldest CUDA release the tables (and so the mixin) cover.
OLDEST_CUDA = "11.0"

#: Why ``+cuda`` without ``cuda_arch`` cannot be built, and how to say which GPUs.
NO_CUDA_ARCH = (
    "CUDA requires cuda_arch to be set: name the GPU architectures (cuda_arch=90), or set "
    "concretizer:cuda_arch in the configuration for machines without a GPU to detect"
)

#: A conflict declaration as data: ``conflicts(spec, when=when, msg=msg)``.
ConflictTriple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class CudaArch:
    """One row of the ``cuda_arch`` table: first toolkit accepting it, toolkit dropping it."""

    arch: str
    family: str
    first_cuda: str
    dropped_in: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompilerLimits:
    """The versions of one host compiler a CUDA release accepts (``oldest`` may be unknown)."""

    compiler: str
    newest: str
    oldest: str | None = None


@dataclass(frozen=True, slots=True)
class HostCompilerRow:
    """CUDA releases ``first`` to ``last`` and the host compiler versions they accept."""

    first: str
    last: str
    limits: tuple[CompilerLimits, ...]
    sources: tuple[str, ...]

    def limit(self, compiler: str) -> CompilerLimits | None:
        return next((item for item in self.limits if item.compiler == compiler), None)


@dataclass(frozen=True, slots=True)
class CompilerException:
    """One compiler (and target) that fails with a range of CUDA releases."""

    compiler: str
    cuda: str
    msg: str
    sources: tuple[str, ...]
    target: str | None = None


@cache
def _table() -> dict[str, Any]:
    text = resources.files("rpm_spec.repo").joinpath("data/cuda.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def cuda_arch_table() -> tuple[CudaArch, ...]:
    """The ``cuda_arch`` rows of ``data/cuda.json``, in the file's order (oldest first)."""
    return tuple(
        CudaArch(
            arch=row["arch"],
            family=row["family"],
            first_cuda=row["first_cuda"],
            dropped_in=row.get("dropped_in"),
            sources=tuple(row["sources"]),
        )
        for row in _table()["cuda_arch"]
    )


@cache
def host_compiler_table() -> tuple[HostCompilerRow, ...]:
    """The host-compiler rows of ``data/cuda.json``, oldest CUDA release first."""
    return tuple(
        HostCompilerRow(
            first=row["first"],
            last=row["last"],
            limits=tuple(
                CompilerLimits(name, row[name]["newest"], row[name].get("oldest"))
                for name in HOST_COMPILERS
                if name in row
            ),
            sources=tuple(row["sources"]),
        )
        for row in _table()["host_compilers"]
    )


@cache
def host_compiler_exceptions() -> tuple[CompilerException, ...]:
    """Single compiler/CUDA combinations known to fail, from ``data/cuda.json``."""
    return tuple(
        CompilerException(
            compiler=row["compiler"],
            cuda=row["cuda"],
            msg=row["msg"],
            sources=tuple(row["sources"]),
            target=row.get("target"),
        )
        for row in _table()["host_compiler_exceptions"]
    )


def cuda_arch_values() -> tuple[str, ...]:
    """Every known ``cuda_arch`` value."""
    return tuple(row.arch for row in cuda_arch_table())


def _release_before(version: str) -> str:
    """The newest version range bound strictly below ``version``: 11.8 → 11.7, 12.0 → 11."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    if not parts:
        raise ValueError(f"no release before {version}")
    parts[-1] -= 1
    return ".".join(str(part) for part in parts)


def _release_after(version: str) -> str:
    """The lowest version range bound strictly above all of ``version``: 13 → 14, 11.1 → 11.2."""
    parts = [int(part) for part in version.split(".")]
    parts[-1] += 1
    return ".".join(str(part) for part in parts)


def arch_support_conflicts(
    rows: Iterable[CudaArch], oldest_cuda: str | None = None
) -> list[ConflictTriple]:
    """``(spec, when, msg)`` for each toolkit range that cannot compile for a row's arch.

    With ``oldest_cuda``, "needs CUDA X or newer" rules that the floor already implies
    (X at or below it) are left out: fewer conditions for the solver to ground.
    ``cuda_arch`` exists only with ``+cuda``, so the conditions need not say it.
    """
    found = []
    for row in rows:
        spec = f"cuda_arch={row.arch}"
        name = f"cuda_arch={row.arch} ({row.family})"
        if oldest_cuda is None or Version(row.first_cuda) > Version(oldest_cuda):
            found.append(
                (
                    spec,
                    f"^cuda@:{_release_before(row.first_cuda)}",
                    f"{name} needs CUDA {row.first_cuda} or newer",
                )
            )
        if row.dropped_in:
            found.append(
                (
                    spec,
                    f"^cuda@{row.dropped_in}:",
                    f"{name} was removed in CUDA {row.dropped_in}: "
                    f"use CUDA {_release_before(row.dropped_in)} or older",
                )
            )
    return found


def _groups(
    rows: Sequence[HostCompilerRow], value: Callable[[HostCompilerRow], str | None]
) -> list[tuple[str, str, str]]:
    """``(first, last, value)`` for each run of consecutive rows with the same value."""
    groups: list[tuple[str, str, str]] = []
    extend = False
    for row in rows:
        current = value(row)
        if current is not None and extend and groups[-1][2] == current:
            groups[-1] = (groups[-1][0], row.last, current)
        elif current is not None:
            groups.append((row.first, row.last, current))
        extend = current is not None
    return groups


def host_compiler_conflicts(
    rows: Sequence[HostCompilerRow],
    exceptions: Iterable[CompilerException] = (),
    *,
    condition: str = DEPENDENT_CONDITION,
) -> list[ConflictTriple]:
    """``(spec, when, msg)`` for host compiler versions outside what a CUDA range accepts.

    ``condition`` formats a CUDA version range into the ``when=``: on a dependent by
    default, ``"@{}"`` on the toolkit itself. Consecutive releases with the same limit
    share one conflict, so a request breaking the rule meets exactly one, naming the
    release range and the limit.
    """
    found = []
    for compiler, label in HOST_COMPILERS.items():

        def newest(row: HostCompilerRow, compiler: str = compiler) -> str | None:
            limit = row.limit(compiler)
            return limit.newest if limit else None

        def oldest(row: HostCompilerRow, compiler: str = compiler) -> str | None:
            limit = row.limit(compiler)
            return limit.oldest if limit else None

        for first, last, top in _groups(rows, newest):
            releases = _releases(first, last)
            found.append(
                (
                    f"%{compiler}@{_release_after(top)}:",
                    condition.format(_range(first, last)),
                    f"nvcc of CUDA {releases} rejects {label} {_release_after(top)} and newer as "
                    f"host compiler (its host_config.h accepts up to {label} {top})",
                )
            )
        for first, last, bottom in _groups(rows, oldest):
            found.append(
                (
                    f"%{compiler}@:{_release_before(bottom)}",
                    condition.format(_range(first, last)),
                    f"NVIDIA supports {label} {bottom} and newer as host compiler of CUDA "
                    f"{_releases(first, last)}",
                )
            )
    for item in exceptions:
        spec = f"%{item.compiler}" + (f" target={item.target}" if item.target else "")
        found.append((spec, condition.format(item.cuda), item.msg))
    return found


def _range(first: str, last: str) -> str:
    return first if first == last else f"{first}:{last}"


def _releases(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"


def compute_capability(arch: str) -> str:
    """``cuda_arch`` → compute capability as NVIDIA writes it: 90 → 9.0, 100f → 10.0f."""
    digits = arch.rstrip("af")
    return f"{digits[:-1]}.{digits[-1]}{arch[len(digits) :]}"


class CudaPackage(PackageBase):
    """Adds ``+cuda`` and ``cuda_arch`` to a recipe: ``class Foo(CMakePackage, CudaPackage)``.

    Also inherited: the conflicts that keep ``cuda_arch`` within what the chosen toolkit
    compiles for, and the recipe's compiler within the host compilers that toolkit accepts.
    """

    variant("cuda", default=False, description="Build with CUDA")
    variant(
        "cuda_arch",
        default="none",
        values=("none", *cuda_arch_values()),
        multi=True,
        # Sticky: the solver never invents a GPU architecture; the values come from the
        # request, a dependent, the host's GPUs or concretizer:cuda_arch.
        sticky=True,
        description="CUDA architectures (sm_XX) to compile device code for",
        when="+cuda",
    )
    depends_on("cuda", when="+cuda")
    conflicts("cuda_arch=none", when="+cuda", msg=NO_CUDA_ARCH)
    conflicts(
        f"^cuda@:{_release_before(OLDEST_CUDA)}",
        when="+cuda",
        msg=f"CUDA {OLDEST_CUDA} or newer is required (older toolkits are not supported)",
    )

    for _spec, _when, _msg in (
        *arch_support_conflicts(cuda_arch_table(), OLDEST_CUDA),
        *host_compiler_conflicts(host_compiler_table(), host_compiler_exceptions()),
    ):
        conflicts(_spec, when=_when, msg=_msg)
    del _spec, _when, _msg

    @staticmethod
    def cuda_arch_dependencies(dependency: str) -> list[tuple[str, str]]:
        """``(spec, when)`` pairs that give a CUDA dependency the same ``cuda_arch`` values.

        ``for spec, when in CudaPackage.cuda_arch_dependencies("nccl"): depends_on(spec,
        when=when)`` in a recipe body: ``cuda_arch`` is sticky, so a dependency built for
        the GPU must be told the architectures explicitly.
        """
        return [
            (f"{dependency} +cuda cuda_arch={arch}", f"+cuda cuda_arch={arch}")
            for arch in cuda_arch_values()
        ]

    @staticmethod
    def toolkit_compiler_conflicts() -> list[ConflictTriple]:
        """The host compiler rules stated on the toolkit itself (``when="@12.4:12.6"``).

        For the ``cuda`` recipe: the compiler of a toolkit node is the host compiler nvcc
        will run with, so ``^cuda@11.8 %gcc@14`` breaks the same rule a dependent would.
        """
        return host_compiler_conflicts(
            host_compiler_table(), host_compiler_exceptions(), condition="@{}"
        )

    def cuda_archs(self) -> tuple[str, ...]:
        """The ``cuda_arch`` values of the spec being built (without ``none``)."""
        return tuple(value for value in self.variant_values("cuda_arch") or () if value != "none")

    @staticmethod
    def cuda_flags(archs: Sequence[str]) -> list[str]:
        """nvcc ``-gencode`` flags producing device code for each arch."""
        return [f"-gencode=arch=compute_{arch},code=sm_{arch}" for arch in archs]

    @staticmethod
    def compute_capabilities(archs: Sequence[str]) -> list[str]:
        """The archs as compute capabilities (for ``TORCH_CUDA_ARCH_LIST`` and the like)."""
        return [compute_capability(arch) for arch in archs]
