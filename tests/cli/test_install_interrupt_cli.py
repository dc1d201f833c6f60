"""Ctrl-C and SIGTERM during ``rpm-spec install``: stop at once, register nothing.

Each installer runs as its own process in its own process group, as a shell runs it,
and the signal goes to that group (what Ctrl-C in a terminal does). The builds are
``tinynap`` and ``tinydoze`` (recipes of ``test_install_cli``'s site): they write part of
their prefix, then wait up to two minutes for a file, so a build is surely running
when the signal comes, and an installer that waited for it would be seen waiting.
"""

from __future__ import annotations

import json
import os
import signal
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_install_cli import _NAP_RECIPE, TARGET, Site, _is_gone, _make_site, _wait_for

if TYPE_CHECKING:
    import subprocess

#: An interrupted install exits in about a second; a generous bound for busy machines,
#: far below the two minutes a build that is waited for would take.
EXIT_TIMEOUT_S = 20


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = _make_site(tmp_path / "site")
    # tinydoze: tinynap again under another name, so that -j 2 runs two hanging builds.
    source = site.repo.sources["tinyenv"]  # type: ignore[attr-defined]
    doze = site.repo.root / "packages" / "tinydoze"  # type: ignore[attr-defined]
    doze.mkdir()
    recipe = (
        textwrap.dedent(_NAP_RECIPE)
        .format(url=source.url, sha256=source.sha256, control=site.root / "doze-control")
        .replace("class Tinynap", "class Tinydoze")
        .replace("tinynap", "tinydoze")
    )
    (doze / "package.py").write_text(recipe)
    (site.root / "doze-control").mkdir()
    return site


def _started(site: Site, *names: str) -> dict[str, int]:
    """Wait until each named build runs its waiting process; their pids."""
    pids: dict[str, int] = {}
    for name in names:
        control = site.control if name == "tinynap" else site.root / "doze-control"
        pid_file = control / "nap.pid"
        _wait_for(pid_file.exists, f"the {name} build to start")
        pids[name] = int(pid_file.read_text())
    return pids


def _interrupt(installer: subprocess.Popen[bytes], *signums: int) -> int:
    """Send the signals to the installer's process group; its exit status."""
    try:
        for signum in signums:
            os.killpg(installer.pid, signum)
        return installer.wait(timeout=EXIT_TIMEOUT_S)
    finally:
        if installer.poll() is None:
            os.killpg(installer.pid, signal.SIGKILL)
            installer.wait()


def _kept(output: str, name: str) -> tuple[Path, Path]:
    """The stage and build log the interrupted install printed for ``name``."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if f"{name}@1.0" in line and "stopped" in line)
    stage = Path(lines[start + 1].split("stage kept: ")[1])
    log = Path(lines[start + 2].split("build log: ")[1])
    return stage, log


def _assert_nothing_left(site: Site, *names: str, pids: dict[str, int]) -> None:
    for name in names:
        # The build's whole process group was killed before the installer exited.
        _wait_for(lambda pid=pids[name]: _is_gone(pid), f"the {name} build to be gone", 5)
        assert not site.planned_prefix(name).exists(), f"{name}'s partial prefix is left"
    assert site.records() == {}
    found = site.run("find")
    assert found.returncode == 0, found.stderr
    assert not any(name in found.stdout for name in names), found.stdout


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_signal_stops_the_build_at_once_and_keeps_its_stage(
    site: Site, signum: int, status: int
) -> None:
    output = site.root / "install.out"
    installer = site.start("install", "tinynap", output=output)
    pids = _started(site, "tinynap")
    assert _interrupt(installer, signum) == status, output.read_text()
    text = output.read_text()
    assert f"interrupted by {signal.Signals(signum).name}" in text, text
    assert "FAILED" not in text and "Traceback" not in text and "built tinynap" not in text
    stage, log = _kept(text, "tinynap")
    assert stage.is_dir() and (stage / "src").is_dir()
    assert log.parent == stage and "phase: install" in log.read_text()
    _assert_nothing_left(site, "tinynap", pids=pids)


def test_two_builds_in_flight_are_both_stopped(site: Site) -> None:
    output = site.root / "install.out"
    installer = site.start("install", "-j", "2", "tinynap", "tinydoze", output=output)
    pids = _started(site, "tinynap", "tinydoze")
    assert _interrupt(installer, signal.SIGINT) == 130, output.read_text()
    text = output.read_text()
    assert "stopped 2 installs in flight" in text, text
    for name in ("tinynap", "tinydoze"):
        stage, log = _kept(text, name)
        assert stage.is_dir() and log.is_file()
    _assert_nothing_left(site, "tinynap", "tinydoze", pids=pids)


def test_a_second_ctrl_c_does_not_cut_the_cleanup_short(site: Site) -> None:
    output = site.root / "install.out"
    installer = site.start("install", "tinynap", output=output)
    pids = _started(site, "tinynap")
    status = _interrupt(installer, signal.SIGINT, signal.SIGINT, signal.SIGTERM)
    assert status == 130, output.read_text()
    _kept(output.read_text(), "tinynap")
    _assert_nothing_left(site, "tinynap", pids=pids)


def test_interrupting_an_environment_install(site: Site) -> None:
    env_dir = site.root / "env"
    env_dir.mkdir()
    (env_dir / "rpm-spec.yaml").write_text(json.dumps({"rpm-spec": {"specs": ["tinynap"]}}))
    done = site.run("-e", str(env_dir), "concretize", "--target", TARGET)
    assert done.returncode == 0, done.stdout + done.stderr
    output = site.root / "install.out"
    installer = site.start("-e", str(env_dir), "install", output=output)
    pids = _started(site, "tinynap")
    assert _interrupt(installer, signal.SIGINT) == 130, output.read_text()
    _kept(output.read_text(), "tinynap")
    _assert_nothing_left(site, "tinynap", pids=pids)


def test_an_installer_waiting_for_another_one_stops_at_once(site: Site) -> None:
    """The waiting installer's worker blocks on a lock where no signal reaches it."""
    first_out, second_out = site.root / "first.out", site.root / "second.out"
    first = site.start("install", "tinynap", output=first_out)
    try:
        _started(site, "tinynap")
        second = site.start("install", "tinynap", output=second_out)
        _wait_for(lambda: "waiting for another installer" in second_out.read_text(), "a wait")
        assert _interrupt(second, signal.SIGINT) == 130, second_out.read_text()
        assert "interrupted by SIGINT" in second_out.read_text()
        assert first.poll() is None  # the build of the first installer goes on
        (site.control / "go").write_text("")
        assert first.wait(timeout=300) == 0, first_out.read_text()
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert (site.prefix("tinynap") / "bin" / "tinynap").is_file()


def test_kill_9_during_an_overwrite_keeps_the_old_install(site: Site) -> None:
    (site.control / "go").write_text("")
    done = site.run("install", "tinynap")
    assert done.returncode == 0, done.stdout + done.stderr
    prefix = site.prefix("tinynap")
    (prefix / "bin" / "old-build").write_text("the install before --overwrite")
    (site.control / "go").unlink()
    (site.control / "nap.pid").unlink()
    installer = site.start("install", "--overwrite", "tinynap", output=site.root / "killed.out")
    try:
        _started(site, "tinynap")
    finally:
        os.killpg(installer.pid, signal.SIGKILL)
        installer.wait()
    # The overwrite had set the registered install aside and was building a new one.
    assert site.records() == {"tinynap": prefix}
    (site.control / "go").write_text("")
    done = site.run("install", "tinynap")
    assert done.returncode == 0, done.stdout + done.stderr
    assert site.records() == {"tinynap": prefix}
    assert (prefix / "bin" / "old-build").is_file()  # the old install is back, whole
    assert (prefix / "bin" / "tinynap").is_file()
    assert (prefix / ".rpm-spec" / "install-complete").is_file()
    assert not list(prefix.parent.glob(prefix.name + ".*"))
