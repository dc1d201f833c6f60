# Feature: the toolkit CudaPackage depends on, with its host compiler rules; also an external.
from rpm_spec.repo.api import *


class Cuda(Package):
    """Fake NVIDIA CUDA toolkit."""

    homepage = "https://example.com/cuda"
    url = "https://example.com/cuda-12.8.tar.gz"

    version("13.0", sha256="dfe2a91e56c62eb02c389861f7a7794ca67810d78989f05601479bc2ab86fac8")
    version("12.8", sha256="f850c0e40d762f2a5d1929a42a097702e7e896eda61ae2e5bc5351d12242e2a6")
    version("12.4", sha256="f5a84a00225ef81b9bcb02193590912f62b8e1fe924057f180aec4c2db866cc1")
    version("11.8", sha256="4ad2c44bb86b9b5875fece62b21273135c9c12d448fd80af63360ae4e47bf383")

    for _spec, _when, _msg in CudaPackage.toolkit_compiler_conflicts():
        conflicts(_spec, when=_when, msg=_msg)
    del _spec, _when, _msg
