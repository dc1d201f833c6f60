"""``ROCmPackage``: ``+rocm``, ``amdgpu_target=...`` and a dependency on HIP.

The known GPU targets are read from ``repo/data/rocm.json`` (schema beside it).
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
    from collections.abc import Sequence


@dataclass(frozen=True, slots=True)
class AmdGpuTarget:
    """One row of the ``amdgpu_target`` table."""

    target: str
    products: str
    sources: tuple[str, ...]


@cache
def amdgpu_target_table() -> tuple[AmdGpuTarget, ...]:
    """The rows of ``data/rocm.json``, in the file's order."""
    text = resources.files("rpm_spec.repo").joinpath("data/rocm.json").read_text("utf-8")
    return tuple(
        AmdGpuTarget(target=row["target"], products=row["products"], sources=tuple(row["sources"]))
        for row in json.loads(text)["amdgpu_target"]
    )


def amdgpu_target_values() -> tuple[str, ...]:
    """Every known ``amdgpu_target`` value."""
    return tuple(row.target for row in amdgpu_target_table())


class ROCmPackage(PackageBase):
    """Adds ``+rocm`` and ``amdgpu_target``: ``class Foo(CMakePackage, ROCmPackage)``."""

    variant("rocm", default=False, description="Build with ROCm (HIP)")
    variant(
        "amdgpu_target",
        default="none",
        values=("none", *amdgpu_target_values()),
        multi=True,
        description="AMD GPU targets (gfxXXX) to compile device code for",
        when="+rocm",
    )
    depends_on("hip", when="+rocm")
    conflicts("amdgpu_target=none", when="+rocm", msg="ROCm requires amdgpu_target to be set")

    def amdgpu_targets(self) -> tuple[str, ...]:
        """The ``amdgpu_target`` values of the spec being built (without ``none``)."""
        values = self.variant_values("amdgpu_target") or ()
        return tuple(value for value in values if value != "none")

    @staticmethod
    def hip_flags(targets: Sequence[str]) -> list[str]:
        """hipcc/clang ``--offload-arch`` flags for each target."""
        return [f"--offload-arch={target}" for target in targets]
