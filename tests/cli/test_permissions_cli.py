"""``install`` with packages:all:permissions and install_tree read_only_after_install,
end to end (real builds of the tiny C projects): same modes under umask 077 and 002,
read-only prefixes that uninstall and --overwrite still handle, bad combinations named
at their file:line, and a user outside the store's group refused before fetching."""

from __future__ import annotations

import os
import platform
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_install_cli import Site, _make_site

import second_user

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [
    pytest.mark.skipif(
        platform.machine().lower() not in ("x86_64", "amd64"), reason="builds for x86_64_v2"
    ),
    pytest.mark.skipif(
        shutil.which("gcc") is None or shutil.which("readelf") is None,
        reason="needs gcc and readelf",
    ),
]

ROOT = os.geteuid() == 0
#: Root may give files any group; anyone else, their own.
GROUP = second_user.SHARED_GID if ROOT else os.getegid()


def permissions_site(root: Path, permissions: str, *, read_only: bool = False) -> Site:
    site = _make_site(root)
    with (site.config_dir / "packages.yaml").open("a") as stream:
        stream.write(f"    permissions: {permissions}\n")
    if read_only:
        config = site.config_dir / "config.yaml"
        root_line = f"    root: {site.store}\n"
        config.write_text(
            config.read_text().replace(
                root_line, root_line + "    read_only_after_install: true\n"
            )
        )
    return site


def run_with_umask(site: Site, umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        site.command(*args),
        env=site.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        umask=umask,
    )


def modes(prefix: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in [prefix, *sorted(prefix.rglob("*"))]:
        if path.is_symlink():
            continue
        info = path.lstat()
        found[str(path.relative_to(prefix))] = (stat.S_IMODE(info.st_mode), info.st_gid)
    return found


def test_umask_077_and_002_install_the_same_modes(tmp_path: Path) -> None:
    wanted = f"{{read: group, write: group, group: '{GROUP}'}}"
    prefixes = []
    for umask in (0o077, 0o002):
        site = permissions_site(tmp_path / f"umask-{umask:o}", wanted)
        done = run_with_umask(site, umask, "install", "tinyapp")
        assert done.returncode == 0, done.stdout + done.stderr
        prefixes.append(site.prefix("tinyapp"))
    strict, loose = (modes(prefix) for prefix in prefixes)
    assert strict == loose
    assert strict["bin/tinyapp"] == (0o770, GROUP)
    assert strict["."] == (0o2770, GROUP)
    assert {gid for _, gid in strict.values()} == {GROUP}
    ran = subprocess.run([str(prefixes[0] / "bin" / "tinyapp")], capture_output=True, check=False)
    assert ran.returncode == 0


def test_read_only_prefixes_can_be_overwritten_and_uninstalled(tmp_path: Path) -> None:
    site = permissions_site(tmp_path / "site", "{read: world, write: user}", read_only=True)
    done = site.run("install", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    prefix = site.prefix("tinylib")
    assert all(mode & 0o222 == 0 for mode, _ in modes(prefix).values())
    assert modes(prefix)["lib"][0] == 0o555
    again = site.run("install", "--overwrite", "tinylib")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "built tinylib@1.0" in again.stdout
    assert not prefix.with_name(prefix.name + ".rpm-spec-old").exists()
    assert all(mode & 0o222 == 0 for mode, _ in modes(prefix).values())
    removed = site.run("uninstall", "-y", "tinylib")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not prefix.exists()


def test_writing_wider_than_reading_is_refused_at_its_line(tmp_path: Path) -> None:
    site = permissions_site(tmp_path / "site", "{read: group, write: world}")
    done = site.run("install", "tinylib")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"Error: {site.config_dir / 'packages.yaml'}:4: packages:all:permissions: "
        "write: world needs read: world or wider"
    ) in done.stderr
    assert "hint: set read: world" in done.stderr
    assert not (site.root / "cache").exists() and not site.store.exists()


_NO_SECOND_USER = second_user.why_not_available()


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[second_user.SecondUser, Path]]:
    """A world-readable directory (tmp_path is 0700) with rpm-spec copied for uid 20002."""
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-permissions-"))
    try:
        directory.chmod(0o755)
        yield second_user.prepare(directory / "runtime"), directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_user_outside_the_group_is_refused_before_fetching(
    shared: tuple[second_user.SecondUser, Path],
) -> None:
    runtime, directory = shared
    site = permissions_site(directory / "site", f"{{read: world, write: group, group: '{GROUP}'}}")
    second_user.make_world_readable(site.root)
    site.store.mkdir(mode=0o777)  # writable by anyone: only the group rule stops them
    site.store.chmod(0o777)
    home = directory / "home"
    home.mkdir()
    os.chown(home, second_user.UID, second_user.GID)
    done = runtime.run("-C", str(site.config_dir), "install", "tinyapp", home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"Error: store {site.store}: writing needs group {GROUP} (you are not a member)"
    ) in done.stderr
    assert f"hint: ask the store's admin to add you to the group {GROUP}" in done.stderr
    assert "fetching" not in done.stdout + done.stderr
    assert list(site.store.iterdir()) == []
