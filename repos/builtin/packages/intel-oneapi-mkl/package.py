from pathlib import Path

from rpm_spec.repo.api import *

_IRC = "https://registrationcenter-download.intel.com/akdlm/IRC_NAS"


class IntelOneapiMkl(Package):
    """Intel oneAPI Math Kernel Library (oneMKL): Intel's optimized BLAS,
    LAPACK, ScaLAPACK, sparse solvers, FFTs (with FFTW3 interfaces) and vector
    math for x86_64 CPUs (and Intel GPUs through SYCL).

    Binary only: the offline installer is unpacked into the prefix. Most
    clusters already have it, so registering the site's copy as an external
    (``rpm-spec external find intel-oneapi-mkl``, or a ``packages.yaml`` entry
    with its prefix) is the usual way to use it."""

    homepage = "https://www.intel.com/content/www/us/en/developer/tools/oneapi/onemkl.html"

    license("ISSL")

    version(
        "2025.3.0",
        sha256="6d0152abbfb85c51abb47bbf8d21711cb43c409a0e673d67970dbe6cf20c1970",
        url=f"{_IRC}/2ad98b49-1fb2-4294-ab3d-6889b434ebd3/intel-onemkl-2025.3.0.462_offline.sh",
    )
    version(
        "2025.2.0",
        sha256="7bfdde1379a9cd3c2784af4352931a0527a5c483c9da71e851a3f06e055af7c7",
        url=f"{_IRC}/47c7d946-fca1-441a-b0df-b094e3f045ea/intel-onemkl-2025.2.0.629_offline.sh",
    )
    version(
        "2025.1.0",
        sha256="80a4b1338b48b3fbee55a8dc784f92e5e88d618f1b99d80f5f207a00c86a6638",
        url=f"{_IRC}/dc93af13-2b3f-40c3-a41b-2bc05a707a80/intel-onemkl-2025.1.0.803_offline.sh",
    )
    version(
        "2025.0.1",
        sha256="bd86677aa17499c89ca7a3c3c83b73f0644147e4f1d2a218b45a7349cf582f4a",
        url=f"{_IRC}/246ea40e-5aa7-42a4-81fa-0c029dc8650f/intel-onemkl-2025.0.1.16_offline.sh",
    )
    version(
        "2024.2.2",
        sha256="6b64ab95567bee53d6cf7e78f9f7b15695902fb9da0d20c29e638ad001b6b348",
        url=f"{_IRC}/89a381f6-f85d-4dda-ae62-30d51470f53c/l_onemkl_p_2024.2.2.17_offline.sh",
    )
    version(
        "2024.1.0",
        sha256="b121bc70d3493ef1fbd05f077b1cd27ac4eb2fd1099f44e9f4b8a1366995fb92",
        url=f"{_IRC}/2f3a5785-1c41-4f65-a2f9-ddf9e0db3ea0/l_onemkl_p_2024.1.0.695_offline.sh",
    )
    version(
        "2023.2.0",
        sha256="4a0d93da85a94d92e0ad35dc0fc3b3ab7f040bd55ad374c4d5ec81a57a2b872b",
        url=f"{_IRC}/adb8a02c-4ee7-4882-97d6-a524150da358/l_onemkl_p_2023.2.0.49497_offline.sh",
    )

    variant("shared", default=True, description="Link dependents to the shared libraries")
    variant("ilp64", default=False, description="64-bit integer interface (libmkl_*_ilp64)")
    variant(
        "threads",
        default="none",
        values=("none", "openmp"),
        description="Threading layer dependents link (sequential or OpenMP)",
    )
    variant("cluster", default=False, description="ScaLAPACK, BLACS and cluster FFT over MPI")

    provides("blas", "lapack")
    provides("fftw-api@3")
    provides("scalapack", when="+cluster")

    depends_on("mpi", when="+cluster")

    conflicts(
        "target=aarch64:",
        msg="oneMKL ships x86_64 binaries only; use openblas (or armpl) on aarch64",
    )
    conflicts("target=ppc64le:", msg="oneMKL ships x86_64 binaries only")

    sanity_check_is_dir = ["mkl/latest/include", "mkl/latest/lib"]

    def install(self, spec, prefix):
        installers = sorted(Path.cwd().glob("*_offline.sh"))
        if not installers:
            raise RecipeError(f"no oneAPI offline installer in {Path.cwd()}", path=__file__)
        self.run(
            [
                "sh",
                installers[0],
                "-a",
                "--silent",
                "--eula",
                "accept",
                "--install-dir",
                prefix,
            ]
        )
