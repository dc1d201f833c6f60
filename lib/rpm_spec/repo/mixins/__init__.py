"""Mixins that add a GPU programming model (variants, dependencies, conflicts) to a recipe."""

from __future__ import annotations

from rpm_spec.repo.mixins.cuda import CudaPackage
from rpm_spec.repo.mixins.rocm import ROCmPackage

__all__ = ["CudaPackage", "ROCmPackage"]
