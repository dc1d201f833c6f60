"""GPU detection over recorded nvidia-smi and rocminfo outputs."""

from __future__ import annotations

import pytest
from platform_fakes import TableRunner, recorded

from rpm_spec.platform import GpuInfo, detect_amd, detect_gpus, detect_nvidia
from rpm_spec.platform.gpu import NVIDIA_SMI_QUERY, ROCMINFO, parse_nvidia_smi, parse_rocminfo


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("h100-sxm-8gpu.txt", ("90",)),
        ("a100-v100-mixed.txt", ("80", "70")),
        ("rtx5090-rtx3090.txt", ("120", "86")),
        ("not-supported.txt", ()),
        ("driver-failed.txt", ()),
        ("old-driver.txt", ()),
    ],
)
def test_parse_nvidia_smi(record: str, expected: tuple[str, ...]) -> None:
    assert parse_nvidia_smi(recorded(f"nvidia-smi/{record}")) == expected


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("mi250x-node.txt", ("gfx90a",)),
        ("mi300x-node.txt", ("gfx942",)),
        ("cpu-only.txt", ()),
        ("rock-not-loaded.txt", ()),
    ],
)
def test_parse_rocminfo(record: str, expected: tuple[str, ...]) -> None:
    assert parse_rocminfo(recorded(f"rocminfo/{record}")) == expected


def test_detect_nvidia_asks_nvidia_smi_for_compute_capabilities() -> None:
    runner = TableRunner({"nvidia-smi": recorded("nvidia-smi/h100-sxm-8gpu.txt")})
    assert detect_nvidia(runner) == ("90",)
    assert runner.calls == [NVIDIA_SMI_QUERY]


def test_detect_amd_runs_rocminfo() -> None:
    runner = TableRunner({"rocminfo": recorded("rocminfo/mi250x-node.txt")})
    assert detect_amd(runner) == ("gfx90a",)
    assert runner.calls == [ROCMINFO]


def test_no_tools_no_gpus() -> None:
    assert detect_gpus(TableRunner({})) == ()


def test_empty_output_means_no_gpus() -> None:
    assert detect_gpus(TableRunner({"nvidia-smi": "", "rocminfo": "\n"})) == ()


def test_detect_gpus_of_both_vendors() -> None:
    runner = TableRunner(
        {
            "nvidia-smi": recorded("nvidia-smi/a100-v100-mixed.txt"),
            "rocminfo": recorded("rocminfo/mi300x-node.txt"),
        }
    )
    assert detect_gpus(runner) == (
        GpuInfo("nvidia", "80"),
        GpuInfo("nvidia", "70"),
        GpuInfo("amd", "gfx942"),
    )


def test_gpu_info_names_its_variant() -> None:
    assert str(GpuInfo("nvidia", "90")) == "cuda_arch=90"
    assert str(GpuInfo("amd", "gfx90a")) == "amdgpu_target=gfx90a"


@pytest.mark.parametrize("arch", ["", "9.0", "gfx 90a"])
def test_gpu_info_rejects_malformed_architectures(arch: str) -> None:
    with pytest.raises(ValueError, match="invalid GPU architecture"):
        GpuInfo("nvidia", arch)
