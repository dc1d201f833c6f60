from pathlib import Path

from rpm_spec.repo.api import *

# (version, bundled driver, sha256 of the x86_64 runfile, sha256 of the aarch64 (sbsa) runfile):
# NVIDIA's "local installer" runfiles, one per architecture.
_RUNFILES = (
    (
        "13.1.1",
        "590.48.01",
        "24ff323723722781436804b392a48f691cb40de9808095d3e2192d0db6dfb8e4",
        "8adcd5d4b3e1e70f7420959b97514c0c97ec729da248d54902174c4d229bfd2c",
    ),
    (
        "13.0.2",
        "580.95.05",
        "81a5d0d0870ba2022efb0a531dcc60adbdc2bbff7b3ef19d6fd6d8105406c775",
        "93ab4c77ae2bc0f1f600ef48ccd3ff25a3203a6a6161a84511a33cbf5b5621fc",
    ),
    (
        "13.0.0",
        "580.65.06",
        "c64969f35ad99bf3f9e8acb8e3d22355150c6ca07acc16a853778600a9b65ba6",
        "d956c956d0aef7270f26e6d8a9dbb2aeb3bd0d2214195c0e0e230a4cd37ff3d2",
    ),
    (
        "12.9.1",
        "575.57.08",
        "0f6d806ddd87230d2adbe8a6006a9d20144fdbda9de2d6acc677daa5d036417a",
        "64f47ab791a76b6889702425e0755385f5fa216c5a9f061875c7deed5f08cdb6",
    ),
    (
        "12.8.1",
        "570.124.06",
        "228f6bcaf5b7618d032939f431914fc92d0e5ed39ebe37098a24502f26a19797",
        "353cbab1b57282a1001071796efd95c1e40ec27a3375e854d12637eaa1c6107c",
    ),
    (
        "12.8.0",
        "570.86.10",
        "610867dcd6d94c4e36c4924f1d01b9db28ec08164e8af6c764f21b84200695f8",
        "5bc211f00c4f544da6e3fc3a549b3eb0a7e038439f5f3de71caa688f2f6b132c",
    ),
    (
        "12.6.3",
        "560.35.05",
        "81d60e48044796d7883aa8a049afe6501b843f2c45639b3703b2378de30d55d3",
        "213ea63a6357020978a8b0a79a8c9d12a2a5941afa1cdc69d5a3f933fa8bed04",
    ),
    (
        "12.5.1",
        "555.42.06",
        "b5e0a779e089c86610051141c4cf498beef431858ec63398107391727ecbdb04",
        "353e8abc52ca80adf05002b775c7b3a2d2feefcf1c25ae13f8757f9a11efba3e",
    ),
    (
        "12.4.1",
        "550.54.15",
        "367d2299b3a4588ab487a6d27276ca5d9ead6e394904f18bccb9e12433b9c4fb",
        "b0fbc77effa225498974625b6b08b3f6eff4a37e379f5b60f1d3827b215ad19b",
    ),
    (
        "12.3.2",
        "545.23.08",
        "24b2afc9f770d8cf43d6fa7adc2ebfd47c4084db01bdda1ce3ce0a4d493ba65b",
        "761b84e292b94c4d330f445d36326dfff90a418e909fb0baf3d6f03e24106d08",
    ),
    (
        "12.2.2",
        "535.104.05",
        "2b39aae3e7618d9f59a3c8fa1f1bc61f29c0b0e0df75fb05076badb352952ef2",
        "4113a15e6b27a02638c72edeb5f89de4c9ea312febba12fc4cefff2edc882268",
    ),
    (
        "12.1.1",
        "530.30.02",
        "d74022d41d80105319dfa21beea39b77a5b9919539c0487a05caaf2446d6a70e",
        "45ea4cd860f0a26d3db8ce032530f2ee0b55abdd587545213d395a73623b4278",
    ),
    (
        "12.0.1",
        "525.85.12",
        "1b205a06272f1463f477276fdab903f3f666917c068e520738001e69c7a1875b",
        "835270a8db419b9dbaefc1bab8fe5caf6f2caf381975c4b0d35cc0718c26074a",
    ),
    (
        "11.8.0",
        "520.61.05",
        "9223c4af3aebe4a7bbed9abd9b163b03a1b34b855fbc2b4a0d1b706ac09a5a16",
        "e6e9a8d31163c9776b5e313fd7590877c5684e1ecddee741154f95704d4ed27c",
    ),
)

_BASE = "https://developer.download.nvidia.com/compute/cuda"


class Cuda(Package):
    """NVIDIA CUDA Toolkit: the nvcc compiler driver, the CUDA runtime and driver API
    headers, and the GPU math and communication libraries (cuBLAS, cuFFT, cuSPARSE,
    cuSOLVER, cuRAND, NPP, NVRTC, CUPTI) that CUDA applications build against.

    Installed from NVIDIA's runfile installer (toolkit only, no kernel driver: the
    driver belongs to the node's system image). The installer differs per architecture,
    so each version has no archive of its own: one per-target resource carries the
    x86_64 or the aarch64 (SBSA) runfile with its checksum. A toolkit already present
    (``/usr/local/cuda``) is found by ``rpm-spec external find cuda`` and is usually
    the better choice on a cluster.

    The host compiler rules of each release are stated here too, so that
    ``^cuda@11.8 %gcc@14`` fails the same way a dependent's ``%gcc@14`` would.
    """

    homepage = "https://developer.nvidia.com/cuda-toolkit"

    license("LicenseRef-NVIDIA-CUDA-EULA")

    for _version, _driver, _x86_64, _sbsa in _RUNFILES:
        version(_version)
        resource(
            name="runfile",
            url=f"{_BASE}/{_version}/local_installers/cuda_{_version}_{_driver}_linux.run",
            sha256=_x86_64,
            when=f"@{_version} target=x86_64:",
        )
        resource(
            name="runfile",
            url=f"{_BASE}/{_version}/local_installers/cuda_{_version}_{_driver}_linux_sbsa.run",
            sha256=_sbsa,
            when=f"@{_version} target=aarch64:",
        )
    del _version, _driver, _x86_64, _sbsa

    # The runfile's own installer program loads libxml2 at run time.
    depends_on("libxml2", type="build")

    requires(
        "target=x86_64:",
        "target=aarch64:",
        policy="one_of",
        msg="NVIDIA ships these CUDA installers for x86_64 and aarch64 (SBSA) only",
    )

    for _spec, _when, _msg in CudaPackage.toolkit_compiler_conflicts():
        conflicts(_spec, when=_when, msg=_msg)
    del _spec, _when, _msg

    sanity_check_is_file = ["bin/nvcc", "include/cuda.h", "include/cuda_runtime.h"]
    sanity_check_is_dir = ["lib64"]

    def install(self, spec, prefix):
        runfile = next(Path("runfile").glob("cuda_*.run"))
        scratch = Path("installer-tmp").resolve()
        scratch.mkdir(exist_ok=True)
        libxml2 = spec["libxml2"].prefix
        self.run(
            [
                "sh",
                runfile,
                "--silent",
                "--toolkit",
                f"--installpath={prefix}",
                f"--tmpdir={scratch}",
                "--no-man-page",
                # The installer's own compiler check would refuse hosts whose system
                # gcc is newer than the toolkit; dependents are checked by the solver.
                "--override",
            ],
            env={"LD_LIBRARY_PATH": f"{libxml2 / 'lib'}:{libxml2 / 'lib64'}"},
        )
