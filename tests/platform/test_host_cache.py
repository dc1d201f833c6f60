"""Host detection remembered per boot: reused while nothing it depends on changed."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from rpm_spec.platform import GpuInfo, HostInfo, cached_host
from rpm_spec.platform.host_cache import MAX_ENTRY_AGE_S, host_from_json, host_to_json

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

H100_NODE = HostInfo("linux", "rhel9", "sapphirerapids", gpus=(GpuInfo("nvidia", "90"),))
BOOT = "0b4c1f3e-8f2a-4d8e-9a57-1c2d3e4f5a6b"


class Detector:
    """Counts detections and returns the host it is told to."""

    def __init__(self, host: HostInfo) -> None:
        self.host = host
        self.calls = 0

    def __call__(self) -> HostInfo:
        self.calls += 1
        return self.host


class Machine:
    """The files and PATH a cached_host call looks at, all under tmp_path."""

    def __init__(self, tmp_path: Path) -> None:
        self.cache = tmp_path / "cache"
        self.boot_id = tmp_path / "boot_id"
        self.boot_id.write_text(BOOT + "\n")
        self.os_release = tmp_path / "os-release"
        self.os_release.write_text('ID="rhel"\nVERSION_ID="9.4"\n')
        self.tools: dict[str, str] = {"nvidia-smi": "/usr/bin/nvidia-smi"}

    def which(self, name: str) -> str | None:
        return self.tools.get(name)

    def host(self, detect: Detector) -> HostInfo:
        return cached_host(
            self.cache,
            detect=detect,
            boot_id_path=self.boot_id,
            os_release_path=self.os_release,
            which=self.which,
        )


def test_detected_once_per_boot(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    detect = Detector(H100_NODE)
    assert machine.host(detect) == H100_NODE
    assert machine.host(Detector(HostInfo("linux", "rhel9", "zen3"))) == H100_NODE
    assert detect.calls == 1
    assert (machine.cache / "host" / f"{BOOT}.json").is_file()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.boot_id.write_text("9f9f9f9f-0000-4000-8000-000000000000\n"),
        lambda m: m.os_release.write_text('ID="rocky"\nVERSION_ID="9.4"\n'),
        lambda m: m.tools.pop("nvidia-smi"),
        lambda m: m.tools.update({"rocminfo": "/opt/rocm/bin/rocminfo"}),
    ],
    ids=["reboot", "os-release", "nvidia-smi gone", "rocminfo added"],
)
def test_detected_again_when_something_it_depends_on_changed(
    tmp_path: Path, change: Callable[[Machine], object]
) -> None:
    machine = Machine(tmp_path)
    machine.host(Detector(H100_NODE))
    change(machine)
    detect = Detector(HostInfo("linux", "rhel9", "zen3"))
    assert machine.host(detect) == HostInfo("linux", "rhel9", "zen3")
    assert detect.calls == 1


@pytest.mark.parametrize("boot_id", ["", "../../etc/passwd"])
def test_without_a_usable_boot_id_nothing_is_cached(tmp_path: Path, boot_id: str) -> None:
    machine = Machine(tmp_path)
    machine.boot_id.write_text(boot_id)
    detect = Detector(H100_NODE)
    machine.host(detect)
    machine.host(detect)
    assert detect.calls == 2
    assert not (machine.cache / "host").exists()


def test_a_damaged_entry_is_detected_over(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.host(Detector(H100_NODE))
    entry = machine.cache / "host" / f"{BOOT}.json"
    data = json.loads(entry.read_text())
    for damaged in ("{", json.dumps({**data, "host": {"platform": "linux"}}), "[]"):
        entry.write_text(damaged)
        detect = Detector(H100_NODE)
        assert machine.host(detect) == H100_NODE
        assert detect.calls == 1


def test_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.cache = tmp_path / "a-file"
    machine.cache.write_text("")
    assert machine.host(Detector(H100_NODE)) == H100_NODE


def test_a_cache_directory_others_may_write_to_is_not_trusted(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.host(Detector(H100_NODE))
    entry = machine.cache / "host" / f"{BOOT}.json"
    planted = json.loads(entry.read_text())
    planted["host"]["target"] = "zen4"  # what another user would have us build for
    entry.write_text(json.dumps(planted))
    (machine.cache / "host").chmod(0o777)
    detect = Detector(H100_NODE)
    assert machine.host(detect) == H100_NODE
    assert machine.host(detect) == H100_NODE
    assert detect.calls == 2  # never read, never written
    assert json.loads(entry.read_text())["host"]["target"] == "zen4"


def test_a_new_cache_directory_is_private(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.host(Detector(H100_NODE))
    assert (machine.cache / "host").stat().st_mode & 0o777 == 0o700


def test_entries_of_long_past_boots_are_removed(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    old = machine.cache / "host" / "11111111-2222-4333-8444-555555555555.json"
    old.parent.mkdir(parents=True)
    old.write_text("{}")
    past = old.stat().st_mtime - MAX_ENTRY_AGE_S - 60
    os.utime(old, (past, past))
    machine.host(Detector(H100_NODE))
    assert not old.exists()
    assert (machine.cache / "host" / f"{BOOT}.json").exists()


def test_host_json_round_trip() -> None:
    amd = HostInfo("linux", "sles15", "zen3", gpus=(GpuInfo("amd", "gfx90a"),))
    for host in (H100_NODE, amd, HostInfo("darwin", "sonoma", "m2")):
        assert host_from_json(json.loads(json.dumps(host_to_json(host)))) == host
    with pytest.raises(ValueError, match="invalid GPU"):
        host_from_json({**host_to_json(H100_NODE), "gpus": [["intel", "pvc"]]})
