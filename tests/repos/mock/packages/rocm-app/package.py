# Feature: the ROCmPackage mixin (+rocm, amdgpu_target, depends on hip).
from rpm_spec.repo.api import *


class RocmApp(Package, ROCmPackage):
    """Fake GPU application with optional HIP kernels."""

    homepage = "https://example.com/rocm-app"
    url = "https://example.com/rocm-app-1.0.tar.gz"

    version("1.0", sha256="26efb0b8ae3d1d3aafd250188cfc9e5a7eff5770372f4cd59de7c66f5a798fcc")
