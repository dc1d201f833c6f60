import shutil
from pathlib import Path

from rpm_spec.repo.api import *

# cuDNN redistributable archives, one build per CUDA major version and per architecture:
# (cuDNN version, CUDA major, sha256 of the x86_64 archive, sha256 of the aarch64 (sbsa) one).
_ARCHIVES = (
    (
        "9.17.0.29",
        "13",
        "455f15075493c82a1a8850aae6120f3fa6f7e457cbef56c1cb2e0a618b5b509e",
        "19be6d8f2b63a459e6758185c1e8feeddecdb4b56717dc4e4bbcfe30a0619b7d",
    ),
    (
        "9.17.0.29",
        "12",
        "595de8d82e979beee74b079ca1249c6292f643f6543ee7f2df8499d51da159f0",
        "8b6a90133a06e0b25bcdcd806a86f23a94b99837e2b8b46e3c8eddfdc1ff06cb",
    ),
    (
        "9.15.1.9",
        "13",
        "cb3434657f66dd548ee71b5646a7451b3a4be197caecbebae8c18f8ffba22666",
        "4e8bcd859105d4b9749a16c88cfbe177611e60ae88cd0d0ed04412ccb9822897",
    ),
    (
        "9.15.1.9",
        "12",
        "4bd08d37ef761af423714adfd1d8107bdd2581a55136f8d70d15560f7330b194",
        "7301d4c76d016350b86747907e45228354fe6939e317ead501420e3db04b9e6b",
    ),
    (
        "9.13.0.50",
        "13",
        "02f47d9456773c80d97ed245efd9eb22bb985dcfdb74559213536035291e7a01",
        "78931057322ab87b72b0a988462568412edfed5bdef1eaf717961351b53cb3d0",
    ),
    (
        "9.13.0.50",
        "12",
        "28c5c59316464434eb7bafe75fc36285160c28d559a50056ded13394955d1f7d",
        "28f3f86aa102870c5d6804bca1bb1a0dcc1df69d0235c0a4120ae0aa6d14ffc7",
    ),
    (
        "9.10.2.21",
        "12",
        "d0defcbc4c6dad711ff4cb66d254036a300c9071b07c7b64199aacab534313c1",
        "4d57dceba3be27a68b078ce8630525bf40ab7f1b546eb45d0b363c3eeb55f8fa",
    ),
    (
        "9.10.2.21",
        "11",
        "ab05bc70a120425b8b811544a6bc6458ca1f3cc54a8ccc51a1113749ecab1442",
        "6461e6037a3b8ab5a9c17f527877d493f7cde9eb855fadf686140c7e3fb41aaf",
    ),
    (
        "9.8.0.87",
        "12",
        "321b9b33bb1287404d93d5672d352f16feabc4b220ac6ae0b86e4b27f257dcf4",
        "22f62f474f0cbb35bef540adb1d841da63c9cd3df76b3c4e43010f436b2cd85c",
    ),
    (
        "9.8.0.87",
        "11",
        "cf4dfaef8311d987d640a322f668cd5240ac3e5302abe9617dd991b5b2532758",
        "8ff117715fb3323032d1b489880117556ad8b5e57a9060143f0cb72384db7710",
    ),
    (
        "9.7.1.26",
        "12",
        "109a5e5c6bcdf4396e6f63f3f862ed2dcf16ee93ee034dc704a1b11bdf00c0b1",
        "92824550a95eb275b06c90998410e12ce05140e0508f0905644c654c9ed7a764",
    ),
    (
        "9.7.1.26",
        "11",
        "73aadf2d1b721a34bd7b90908d02906257f2addbd246cf8db58e21d68d855ea2",
        "25ca58ff295401a8f7edbceb2657ab483c4ee4a80f9a92f8d0cbe5f15aae1cde",
    ),
    (
        "9.5.1.17",
        "12",
        "35dd20b9c68324ae1288ac36f66ab1f318d2bfecfafb703a82617aa283272be4",
        "340c49b32c133b0321c5c5b00d14fb64887dcac83ee8fd24195d9191061f1ad7",
    ),
    (
        "9.5.1.17",
        "11",
        "b1f5050cd2bfd7fa9d3d0dd00d417cc2124692d8421295e12f841be6c8e3a426",
        "ad68d12ee351b5f3478078fc8188eefb8712721c3e501c9345ec5ffb0b85fae8",
    ),
    (
        "9.2.0.82",
        "12",
        "1362b4d437e37e92c9814c3b4065db5106c2e03268e22275a5869e968cee7aa8",
        "2b017070bbd361aa2d8f7ef84620c2e66062b9424a477b08cba925316c85aed1",
    ),
    (
        "9.2.0.82",
        "11",
        "99dcb3fa2bf7eed7f35b0f8e58e7d1f04d9a52e01e382efc1de16fed230d3b26",
        "62973737acc11c20f0640e63248a8d988b53b6aad219cf17eaff63a05970853d",
    ),
    (
        "8.9.7.29",
        "12",
        "475333625c7e42a7af3ca0b2f7506a106e30c93b1aa0081cd9c13efb6e21e3bb",
        "e98b7c80010785e5d5ca01ee4ce9b5b0c8c73587ea6f8648be34d3f8d1d47bd1",
    ),
    (
        "8.9.7.29",
        "11",
        "a3e2509028cecda0117ce5a0f42106346e82e86d390f4bb9475afc976c77402e",
        "91c37cfb458f541419e98510f13aaf5975c0232c613e18b776385490074eea17",
    ),
)

_BASE = "https://developer.download.nvidia.com/compute/cudnn/redist/cudnn"


class Cudnn(Package):
    """NVIDIA cuDNN: GPU-accelerated primitives for deep neural networks (convolution,
    attention, normalization, pooling) used by PyTorch and other frameworks.

    NVIDIA ships cuDNN as prebuilt redistributable archives, one build per CUDA major
    version. Each build is a version of its own here, named after NVIDIA's archives:
    ``9.10.2.21-12`` is cuDNN 9.10.2.21 built for CUDA 12, and it requires ``cuda@12``.
    A dependent asking for ``cudnn@9.10`` therefore gets the build matching the CUDA it
    uses. The archive differs per architecture, so it comes from a per-target resource
    (x86_64 or aarch64/SBSA) with its own checksum.
    """

    homepage = "https://developer.nvidia.com/cudnn"

    license("LicenseRef-NVIDIA-cuDNN-SLA")

    for _cudnn, _cuda, _x86_64, _sbsa in _ARCHIVES:
        _version = f"{_cudnn}-{_cuda}"
        version(_version)
        depends_on(f"cuda@{_cuda}", when=f"@{_version}")
        for _arch, _sum, _target in (("x86_64", _x86_64, "x86_64:"), ("sbsa", _sbsa, "aarch64:")):
            resource(
                name="archive",
                url=f"{_BASE}/linux-{_arch}/cudnn-linux-{_arch}-{_cudnn}_cuda{_cuda}-archive.tar.xz",
                sha256=_sum,
                when=f"@{_version} target={_target}",
            )
    del _cudnn, _cuda, _x86_64, _sbsa, _version, _arch, _sum, _target

    requires(
        "target=x86_64:",
        "target=aarch64:",
        policy="one_of",
        msg="NVIDIA ships these cuDNN archives for x86_64 and aarch64 (SBSA) only",
    )

    sanity_check_is_file = ["include/cudnn.h", "lib/libcudnn.so"]

    def install(self, spec, prefix):
        # The archive holds include/, lib/ and the license; it is used as it is.
        shutil.copytree(Path("archive"), prefix, symlinks=True, dirs_exist_ok=True)
