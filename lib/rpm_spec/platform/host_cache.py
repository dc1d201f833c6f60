"""Host detection remembered for the rest of a boot.

Every command that concretizes needs the host, and detecting it runs nvidia-smi
and rocminfo (on a GPU node without the persistence daemon nvidia-smi alone takes
up to a second or two) and reads the CPU through archspec. None of that changes
while the machine is up, so the result is kept in the user's cache, one small
JSON file per boot (``/proc/sys/kernel/random/boot_id``), so nodes sharing one
home directory do not overwrite each other's entry.

An entry is in the ``host`` area of the start-up cache
(:mod:`~rpm_spec.util.startup_cache`) and follows its one rule: it is used only if
rpm-spec's code is unchanged and its key still matches: the boot id, this Python
platform, the os-release text (a container shares the boot id of its host, not
its os), where nvidia-smi and rocminfo are found on PATH (``module load`` may
change that), and the archspec package in use (an upgrade may name CPUs
differently). Without a boot id (macOS) or with an unusable cache directory
(one not private to the user, whose entries another user could have planted:
see :func:`~rpm_spec.util.fs.private_directory`), the host is simply detected
each time.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.platform.gpu import NVIDIA_SMI_QUERY, ROCMINFO, GpuInfo
from rpm_spec.platform.host import OS_RELEASE, HostInfo, detect_host
from rpm_spec.util.startup_cache import CacheArea, input_key

if TYPE_CHECKING:
    from collections.abc import Callable

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
#: Entries of boots older than this are removed when a new one is written.
MAX_ENTRY_AGE_S = 30 * 24 * 3600


def cached_host(
    cache_dir: Path,
    *,
    detect: Callable[[], HostInfo] = detect_host,
    boot_id_path: Path = BOOT_ID,
    os_release_path: Path = OS_RELEASE,
    which: Callable[[str], str | None] | None = None,
) -> HostInfo:
    """This machine's HostInfo: from ``cache_dir/host/`` when detected earlier this boot."""
    boot_id = _read(boot_id_path).strip()
    if not boot_id or not boot_id.replace("-", "").isalnum():
        return detect()
    key = host_key(boot_id, os_release_path=os_release_path, which=which)
    area = CacheArea(cache_dir / "host")
    if not area.usable:
        return detect()
    found = _load(area, f"{boot_id}.json", key)
    if found is not None:
        return found
    host = detect()
    _store(area, f"{boot_id}.json", key, host)
    return host


def host_key(
    boot_id: str,
    *,
    os_release_path: Path = OS_RELEASE,
    which: Callable[[str], str | None] | None = None,
) -> str:
    """What an entry must match: everything detection depends on that can change in a boot."""
    if which is None:
        import shutil  # lazy: startup

        which = shutil.which
    parts = [
        boot_id,
        sys.platform,
        _read(os_release_path),
        str(which(NVIDIA_SMI_QUERY[0])),
        str(which(ROCMINFO[0])),
        _archspec_stamp(),
    ]
    return input_key(*parts)


def host_to_json(host: HostInfo) -> dict[str, Any]:
    """A HostInfo as plain data (what an entry stores)."""
    return {
        "platform": host.platform,
        "os": host.os,
        "target": host.target,
        "gpus": [[gpu.vendor, gpu.arch] for gpu in host.gpus],
    }


def host_from_json(data: Any) -> HostInfo:
    """The HostInfo of :func:`host_to_json`'s data; ValueError/TypeError if it is not one."""
    gpus = []
    for vendor, arch in data["gpus"]:
        if vendor not in ("nvidia", "amd") or not isinstance(arch, str):
            raise ValueError(f"invalid GPU {vendor!r} {arch!r}")
        gpus.append(GpuInfo(vendor, arch))
    platform, os_name, target = data["platform"], data["os"], data["target"]
    if not (isinstance(platform, str) and isinstance(os_name, str) and isinstance(target, str)):
        raise TypeError("host fields must be strings")
    return HostInfo(platform=platform, os=os_name, target=target, gpus=tuple(gpus))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _archspec_stamp() -> str:
    """Where archspec is installed and when it changed, without importing it."""
    from importlib.util import find_spec  # lazy: startup

    spec = find_spec("archspec")
    if spec is None or spec.origin is None:
        return "no archspec"
    try:
        stat = Path(spec.origin).stat()
    except OSError:
        return spec.origin
    return f"{spec.origin}:{stat.st_mtime_ns}:{stat.st_size}"


def _load(area: CacheArea, name: str, key: str) -> HostInfo | None:
    payload = area.read(name, key)
    if payload is None:
        return None
    try:
        return host_from_json(payload["host"])
    except (ValueError, TypeError, KeyError):
        return None


def _store(area: CacheArea, name: str, key: str, host: HostInfo) -> None:
    """Write the entry atomically and drop those of long-past boots; failures are ignored."""
    area.write(name, key, {"host": host_to_json(host)})
    if not area.path(name).exists():
        return
    cutoff = time.time() - MAX_ENTRY_AGE_S
    with contextlib.suppress(OSError):
        for old in area.directory.glob("*.json"):
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()
