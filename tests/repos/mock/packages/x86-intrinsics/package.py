# Feature: a conflict with a target family (conflicts("target=aarch64:")), for retargeting tests.
from rpm_spec.repo.api import *


class X86Intrinsics(Package):
    """Fake library written with x86 SSE/AVX intrinsics only."""

    homepage = "https://example.com/x86-intrinsics"
    url = "https://example.com/x86-intrinsics-1.0.tar.gz"

    version("1.0", sha256="fb4f764a230b6f5773b28586d95dd6d2370f1936656b67211889d1e922558dd7")

    conflicts("target=aarch64:", msg="x86-only intrinsics")
