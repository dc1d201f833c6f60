# Feature: the HIP runtime the ROCmPackage mixin depends on.
from rpm_spec.repo.api import *


class Hip(Package):
    """Fake AMD HIP runtime and compiler."""

    homepage = "https://example.com/hip"
    url = "https://example.com/hip-6.2.tar.gz"

    version("6.2", sha256="2bc5b6420b2ba368be94b711244d2af7cd5f925214f2f05cc563f5cfaedbff52")
    version("6.0", sha256="a69245e10542762e29d773b84c3e2e8e1ef359e30fefb44208243f52620b3e4f")
    version("5.7", sha256="1596990e94af261e9a9d667cd71a9281cfc92a4c4ac353feeacc872fdf579390")
