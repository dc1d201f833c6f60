"""The machine we run on: platform, operating system, microarchitecture and GPUs.

:class:`HostInfo` is a plain frozen value, so tests and cross-concretization can
name any host (``HostInfo(platform="linux", os="rhel9", target="neoverse_v2")``).
:func:`detect_host` fills one in from the real machine, with every source
injectable: the CPU name, the os-release file, the macOS version, the GPU runner.

Operating system names follow what HPC users write in ``os=``: the os-release
``ID`` plus the major version (``debian12``, ``rhel9``, ``rocky9``, ``sles15``,
``centos7``), because minor releases of those distributions are binary
compatible; Ubuntu and Pop!_OS keep the full version (``ubuntu22.04``), because
their releases are named by year.month and 22.04 and 22.10 differ. Rolling
distributions have no version (``arch``). Other characters than ``[a-z0-9_.]`` are dropped
(``-`` separates the parts of ``linux-debian12-zen3``); openSUSE Leap is ``opensuse15``.
macOS releases are named by codename, as Apple does (``sonoma``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rpm_spec.platform.errors import UnsupportedPlatformError
from rpm_spec.platform.gpu import GpuInfo, detect_gpus
from rpm_spec.platform.runner import Runner, run_tool
from rpm_spec.platform.targets import get_target

OS_RELEASE = Path("/etc/os-release")

#: Distributions whose full VERSION_ID is the release name.
_FULL_VERSION_IDS = frozenset({"ubuntu", "pop"})
#: Rolling releases: VERSION_ID, when present, is a snapshot date, not a release.
_ROLLING_IDS = frozenset({"arch", "manjaro", "gentoo", "void", "opensuse-tumbleweed"})
#: IDs whose usual short name differs (``os=opensuse15`` rather than ``opensuseleap15``).
_ID_ALIASES = {"opensuse-leap": "opensuse"}
_MACOS_CODENAMES = {
    "11": "bigsur",
    "12": "monterey",
    "13": "ventura",
    "14": "sonoma",
    "15": "sequoia",
    "26": "tahoe",
}
_PLATFORMS = {"linux": "linux", "darwin": "darwin"}
_PART = re.compile(r"^[a-z0-9_.]+$")


@dataclass(frozen=True, slots=True)
class HostInfo:
    """platform-os-target of a machine, plus the kinds of GPUs it has."""

    platform: str
    os: str
    target: str
    gpus: tuple[GpuInfo, ...] = ()

    def __post_init__(self) -> None:
        for field, value in (
            ("platform", self.platform),
            ("os", self.os),
            ("target", self.target),
        ):
            if not _PART.match(value):
                raise ValueError(f"invalid host {field} {value!r}: use [a-z0-9_.] only")

    @property
    def arch(self) -> str:
        """``linux-debian12-zen3``: the triple specs and store paths use."""
        return f"{self.platform}-{self.os}-{self.target}"

    @property
    def cuda_archs(self) -> tuple[str, ...]:
        """``cuda_arch`` values of the NVIDIA GPUs present (``("90",)``)."""
        return tuple(gpu.arch for gpu in self.gpus if gpu.vendor == "nvidia")

    @property
    def amdgpu_targets(self) -> tuple[str, ...]:
        """``amdgpu_target`` values of the AMD GPUs present (``("gfx90a",)``)."""
        return tuple(gpu.arch for gpu in self.gpus if gpu.vendor == "amd")

    def __str__(self) -> str:
        return self.arch


def parse_os_release(text: str) -> dict[str, str]:
    """The KEY=value pairs of an os-release file, quotes removed."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if not sep or key.startswith("#"):
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def os_name_from_release(values: dict[str, str]) -> str:
    """``debian12``, ``ubuntu22.04``, ``rhel9``, ... from os-release values."""
    distro = values.get("ID", "").strip().lower() or "linux"
    distro = _ID_ALIASES.get(distro, distro)
    version = values.get("VERSION_ID", "").strip().lower()
    if distro in _ROLLING_IDS or not version:
        version = ""
    elif distro not in _FULL_VERSION_IDS:
        version = version.split(".")[0]
    name = re.sub(r"[^a-z0-9_.]", "", distro + version)
    return name or "linux"


def macos_name(release: str) -> str:
    """``sonoma`` for a 14.x release; ``macos16`` for a major we have no codename for."""
    parts = release.split(".")
    major = parts[0] if parts and parts[0] else "0"
    if major == "10" and len(parts) > 1:
        # Before Big Sur the second number was the release (10.15 Catalina).
        return f"macos10.{parts[1]}"
    return _MACOS_CODENAMES.get(major, f"macos{major}")


def detect_os(
    platform_name: str, *, os_release_path: Path = OS_RELEASE, macos_release: str | None = None
) -> str:
    """The operating system name of this machine (see the module docstring)."""
    if platform_name == "darwin":
        if macos_release is None:
            import platform  # lazy: startup

            macos_release = platform.mac_ver()[0]
        return macos_name(macos_release)
    try:
        text = os_release_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "linux"
    return os_name_from_release(parse_os_release(text))


def detect_platform(sys_platform: str = sys.platform) -> str:
    """``linux`` or ``darwin``; UnsupportedPlatformError for anything else."""
    for prefix, name in _PLATFORMS.items():
        if sys_platform.startswith(prefix):
            return name
    raise UnsupportedPlatformError(sys_platform)


def detect_target() -> str:
    """The microarchitecture archspec reads from this machine's CPU."""
    import archspec.cpu  # lazy: startup

    return str(archspec.cpu.host().name)


def detect_host(
    *,
    cpu: str | None = None,
    sys_platform: str = sys.platform,
    os_release_path: Path = OS_RELEASE,
    macos_release: str | None = None,
    gpus: tuple[GpuInfo, ...] | None = None,
    run: Runner = run_tool,
) -> HostInfo:
    """This machine as a HostInfo; every argument replaces one probe of the real machine.

    ``cpu`` names the microarchitecture instead of asking archspec; ``gpus``
    replaces GPU detection, which otherwise runs nvidia-smi and rocminfo through
    ``run`` (absent tools cost nothing and mean no GPUs).
    """
    platform_name = detect_platform(sys_platform)
    target = get_target(cpu).name if cpu is not None else detect_target()
    return HostInfo(
        platform=platform_name,
        os=detect_os(platform_name, os_release_path=os_release_path, macos_release=macos_release),
        target=target,
        gpus=detect_gpus(run) if gpus is None else gpus,
    )
