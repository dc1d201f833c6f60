"""The platform layer: the host (platform, os, target, GPUs), targets and compilers.

Built on archspec's microarchitecture data, never a copy of it; archspec is
imported on first use so that loading this package stays cheap. Every detector
takes its inputs (a CPU name, an os-release path, a runner for external tools,
search directories) as arguments, so tests never read the real machine.

May import only ``rpm_spec.util``, ``rpm_spec.errors`` and ``rpm_spec.spec``.
"""

from rpm_spec.platform.compilers import DetectedCompiler, detect_compilers
from rpm_spec.platform.errors import (
    PlatformError,
    TargetRangeError,
    UnknownExternalError,
    UnknownTargetError,
    UnsupportedPlatformError,
    UnsupportedTargetError,
)
from rpm_spec.platform.externals import DetectedExternal, detect_externals
from rpm_spec.platform.flags import (
    compiler_supports_target,
    compiler_version_ranges,
    min_compiler_version,
    target_flags,
)
from rpm_spec.platform.gpu import GpuInfo, detect_amd, detect_gpus, detect_nvidia
from rpm_spec.platform.host import HostInfo, detect_host
from rpm_spec.platform.host_cache import cached_host
from rpm_spec.platform.runner import Runner, run_tool
from rpm_spec.platform.targets import (
    Target,
    ancestors,
    can_run_on,
    family,
    generic_target,
    get_target,
    is_known,
    known_targets,
    targets_in_range,
)

__all__ = [
    "DetectedCompiler",
    "DetectedExternal",
    "GpuInfo",
    "HostInfo",
    "PlatformError",
    "Runner",
    "Target",
    "TargetRangeError",
    "UnknownExternalError",
    "UnknownTargetError",
    "UnsupportedPlatformError",
    "UnsupportedTargetError",
    "ancestors",
    "cached_host",
    "can_run_on",
    "compiler_supports_target",
    "compiler_version_ranges",
    "detect_amd",
    "detect_compilers",
    "detect_externals",
    "detect_gpus",
    "detect_host",
    "detect_nvidia",
    "family",
    "generic_target",
    "get_target",
    "is_known",
    "known_targets",
    "min_compiler_version",
    "run_tool",
    "target_flags",
    "targets_in_range",
]
