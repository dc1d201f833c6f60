"""Host detection with every probe replaced: os-release files, CPU names, GPU outputs."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest
from platform_fakes import DATA, TableRunner, recorded

from rpm_spec.platform import (
    GpuInfo,
    HostInfo,
    UnknownTargetError,
    UnsupportedPlatformError,
    detect_host,
)
from rpm_spec.platform.host import (
    detect_os,
    detect_platform,
    macos_name,
    os_name_from_release,
    parse_os_release,
)

if TYPE_CHECKING:
    from pathlib import Path

OS_RELEASES = sorted((DATA / "os-release").iterdir())
NO_GPUS = TableRunner({})


@pytest.mark.parametrize("path", OS_RELEASES, ids=lambda p: p.name)
def test_os_from_recorded_os_release(path: Path) -> None:
    # Each file is named after the os name we expect for it.
    assert detect_os("linux", os_release_path=path) == path.name


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"ID": "ubuntu", "VERSION_ID": "24.04"}, "ubuntu24.04"),
        ({"ID": "debian"}, "debian"),
        ({"ID": "opensuse-tumbleweed", "VERSION_ID": "20240611"}, "opensusetumbleweed"),
        ({"ID": "fedora", "VERSION_ID": "40"}, "fedora40"),
        ({"ID": "Weird Distro!", "VERSION_ID": "1.2"}, "weirddistro1"),
        ({}, "linux"),
    ],
)
def test_os_name_rules(values: dict[str, str], expected: str) -> None:
    assert os_name_from_release(values) == expected


def test_parse_os_release_handles_quotes_comments_and_blank_lines() -> None:
    text = "# comment\n\nID=\"rocky\"\nVERSION_ID='9.4'\nNAME=Rocky Linux\nBROKEN\n"
    assert parse_os_release(text) == {"ID": "rocky", "VERSION_ID": "9.4", "NAME": "Rocky Linux"}


def test_missing_os_release(tmp_path: Path) -> None:
    assert detect_os("linux", os_release_path=tmp_path / "absent") == "linux"


@pytest.mark.parametrize(
    ("release", "expected"),
    [("14.4.1", "sonoma"), ("15.0", "sequoia"), ("11.7", "bigsur"), ("10.15.7", "macos10.15")],
)
def test_macos_names(release: str, expected: str) -> None:
    assert macos_name(release) == expected
    assert detect_os("darwin", macos_release=release) == expected


def test_macos_without_codename() -> None:
    assert macos_name("99.1") == "macos99"


@pytest.mark.parametrize(("value", "expected"), [("linux", "linux"), ("darwin", "darwin")])
def test_platform(value: str, expected: str) -> None:
    assert detect_platform(value) == expected


def test_unsupported_platform() -> None:
    with pytest.raises(UnsupportedPlatformError, match="unsupported platform 'win32'"):
        detect_platform("win32")


def test_detect_host_from_injected_probes() -> None:
    host = detect_host(
        cpu="zen3",
        sys_platform="linux",
        os_release_path=DATA / "os-release" / "debian12",
        run=NO_GPUS,
    )
    assert host == HostInfo(platform="linux", os="debian12", target="zen3")
    assert host.arch == str(host) == "linux-debian12-zen3"
    assert NO_GPUS.calls  # the GPU tools were asked, through the injected runner


def test_detect_host_with_gpus() -> None:
    runner = TableRunner({"nvidia-smi": recorded("nvidia-smi/h100-sxm-8gpu.txt")})
    host = detect_host(
        cpu="sapphirerapids",
        sys_platform="linux",
        os_release_path=DATA / "os-release" / "rhel9",
        run=runner,
    )
    assert host.arch == "linux-rhel9-sapphirerapids"
    assert host.gpus == (GpuInfo("nvidia", "90"),)
    assert host.cuda_archs == ("90",)
    assert host.amdgpu_targets == ()


def test_detect_host_with_given_gpus_runs_nothing() -> None:
    runner = TableRunner({})
    gpus = (GpuInfo("amd", "gfx90a"),)
    host = detect_host(
        cpu="zen3", sys_platform="darwin", macos_release="14.5", gpus=gpus, run=runner
    )
    assert host.arch == "darwin-sonoma-zen3"
    assert host.amdgpu_targets == ("gfx90a",)
    assert runner.calls == []


def test_detect_host_rejects_unknown_cpu() -> None:
    with pytest.raises(UnknownTargetError):
        detect_host(cpu="zen33", gpus=())


def test_host_info_is_a_frozen_value() -> None:
    host = HostInfo(platform="linux", os="debian12", target="zen3")
    assert host.gpus == ()
    assert host == HostInfo("linux", "debian12", "zen3", ())
    assert len({host, HostInfo("linux", "debian12", "zen3")}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        host.target = "zen4"  # type: ignore[misc]


@pytest.mark.parametrize(
    "fields",
    [("linux", "debian-12", "zen3"), ("", "debian12", "zen3"), ("linux", "rhel9", "Zen3")],
)
def test_host_info_rejects_parts_that_break_the_triple(fields: tuple[str, str, str]) -> None:
    with pytest.raises(ValueError, match="invalid host"):
        HostInfo(*fields)
