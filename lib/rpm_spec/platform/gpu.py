"""GPU detection from the vendors' own tools: nvidia-smi and rocminfo.

The values come out in the spellings recipes use: ``cuda_arch`` (``90`` for a
compute capability 9.0 H100) and ``amdgpu_target`` (``gfx90a`` for an MI250X).
No tool, no GPU, or output we cannot read: no GPUs, never an error, because most
build hosts have none. Tests feed recorded outputs through the ``run`` argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rpm_spec.platform.runner import Runner, run_tool

NVIDIA_SMI_QUERY = ("nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader")
ROCMINFO = ("rocminfo",)

_COMPUTE_CAP = re.compile(r"^\s*(\d+)\.(\d+)\s*$")
# rocminfo lists each agent's "Name:"; GPU agents are named by their ISA (gfx90a, gfx942).
_GFX_NAME = re.compile(r"^\s*Name:\s+(gfx[0-9a-f]{3,4})\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class GpuInfo:
    """One kind of GPU in the host: its vendor and the architecture value recipes take."""

    vendor: Literal["nvidia", "amd"]
    arch: str

    def __post_init__(self) -> None:
        if not self.arch or not self.arch.replace("_", "").isalnum():
            raise ValueError(f"invalid GPU architecture {self.arch!r}")

    @property
    def variant(self) -> str:
        """The recipe variant this value belongs to."""
        return "cuda_arch" if self.vendor == "nvidia" else "amdgpu_target"

    def __str__(self) -> str:
        return f"{self.variant}={self.arch}"


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def parse_nvidia_smi(output: str) -> tuple[str, ...]:
    """``cuda_arch`` values from ``nvidia-smi --query-gpu=compute_cap`` output, deduplicated.

    One line per GPU: ``9.0`` → ``90``, ``8.6`` → ``86``, ``12.0`` → ``120``.
    Lines that are not a capability (``[N/A]``, error text) are skipped.
    """
    found = []
    for line in output.splitlines():
        match = _COMPUTE_CAP.match(line)
        if match:
            found.append(match.group(1) + match.group(2))
    return _unique(found)


def parse_rocminfo(output: str) -> tuple[str, ...]:
    """``amdgpu_target`` values (``gfx90a``) from ``rocminfo`` output, deduplicated."""
    return _unique(_GFX_NAME.findall(output))


def detect_nvidia(run: Runner = run_tool) -> tuple[str, ...]:
    """The host's NVIDIA ``cuda_arch`` values; empty without nvidia-smi or GPUs."""
    output = run(NVIDIA_SMI_QUERY)
    return parse_nvidia_smi(output) if output else ()


def detect_amd(run: Runner = run_tool) -> tuple[str, ...]:
    """The host's AMD ``amdgpu_target`` values; empty without rocminfo or GPUs."""
    output = run(ROCMINFO)
    return parse_rocminfo(output) if output else ()


def detect_gpus(run: Runner = run_tool) -> tuple[GpuInfo, ...]:
    """Every kind of GPU in the host, NVIDIA first, each architecture once."""
    nvidia = tuple(GpuInfo("nvidia", arch) for arch in detect_nvidia(run))
    amd = tuple(GpuInfo("amd", arch) for arch in detect_amd(run))
    return nvidia + amd
