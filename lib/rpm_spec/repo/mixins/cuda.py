"""``CudaPackage``: ``+cuda``, ``cuda_arch=...`` and a dependency on the CUDA toolkit.

The known ``cuda_arch`` values and the toolkit releases that accept each one
live in ``repo/data/cuda.json`` (schema beside it). :func:`arch_support_conflicts`
turns those rows into conflict declarations; wiring them, and the host-compiler
limits per CUDA release, into the mixin is the job of the CUDA compatibility work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from rpm_spec.repo.directives import conflicts, depends_on, variant
from rpm_spec.repo.package import PackageBase

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class CudaArch:
    """One row of the ``cuda_arch`` table: first toolkit accepting it, toolkit dropping it."""

    arch: str
    family: str
    first_cuda: str
    dropped_in: str | None
    sources: tuple[str, ...]


@cache
def cuda_arch_table() -> tuple[CudaArch, ...]:
    """The rows of ``data/cuda.json``, in the file's order (oldest architecture first)."""
    text = resources.files("rpm_spec.repo").joinpath("data/cuda.json").read_text("utf-8")
    return tuple(
        CudaArch(
            arch=row["arch"],
            family=row["family"],
            first_cuda=row["first_cuda"],
            dropped_in=row.get("dropped_in"),
            sources=tuple(row["sources"]),
        )
        for row in json.loads(text)["cuda_arch"]
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


def arch_support_conflicts(rows: Iterable[CudaArch]) -> list[tuple[str, str, str]]:
    """``(spec, when, msg)`` for each toolkit range that cannot compile for a row's arch.

    Pass each triple to ``conflicts`` in a class body.
    """
    found = []
    for row in rows:
        spec = f"cuda_arch={row.arch}"
        found.append(
            (
                spec,
                f"+cuda ^cuda@:{_release_before(row.first_cuda)}",
                f"sm_{row.arch} needs CUDA {row.first_cuda} or newer",
            )
        )
        if row.dropped_in:
            found.append(
                (
                    spec,
                    f"+cuda ^cuda@{row.dropped_in}:",
                    f"CUDA {row.dropped_in} and newer cannot compile for sm_{row.arch}",
                )
            )
    return found


def compute_capability(arch: str) -> str:
    """``cuda_arch`` → compute capability as NVIDIA writes it: 90 → 9.0, 100f → 10.0f."""
    digits = arch.rstrip("af")
    return f"{digits[:-1]}.{digits[-1]}{arch[len(digits) :]}"


class CudaPackage(PackageBase):
    """Adds ``+cuda`` and ``cuda_arch`` to a recipe: ``class Foo(CMakePackage, CudaPackage)``."""

    variant("cuda", default=False, description="Build with CUDA")
    variant(
        "cuda_arch",
        default="none",
        values=("none", *cuda_arch_values()),
        multi=True,
        description="CUDA architectures (sm_XX) to compile device code for",
        when="+cuda",
    )
    depends_on("cuda", when="+cuda")
    conflicts("cuda_arch=none", when="+cuda", msg="CUDA requires cuda_arch to be set")

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
