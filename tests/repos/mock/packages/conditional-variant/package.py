# Feature: a variant that exists only from version 2 on (variant(..., when="@2:")).
from rpm_spec.repo.api import *


class ConditionalVariant(Package):
    """Fake library whose +gpu option appeared in release 2.0."""

    homepage = "https://example.com/conditional-variant"
    url = "https://example.com/conditional-variant-2.1.tar.gz"

    version("2.1", sha256="4fe835dffab568ee90cd542f6e0cf58e8d98a634994f80f9dd35bf2068f4b9bd")
    version("2.0", sha256="1e946a477fb9b5f5aa443a47588c945cbdce98e275ef566b81d4406220d4f40b")
    version("1.1", sha256="f3e32749f6d5278b59222d6c3847fcd79506143cf0037ff16d77ca914cc931f9")
    version("1.0", sha256="cfb8e5b806f9e770887666396fd1f12a6e481fa0e462815d818ae71cbcebf549")

    variant("gpu", default=False, description="Offload kernels to a GPU", when="@2:")
