"""``install`` and ``find`` facing a broken store: deleted prefixes, read-only trees.

Real processes and real builds of the tiny projects (the site of
``test_install_cli``). A store another user owns, or one on a read-only mount,
is refused before anything is fetched, with the path in the message.
"""

from __future__ import annotations

import os
import platform
import shutil
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


def test_a_deleted_prefix_is_marked_and_built_again(tmp_path: Path) -> None:
    site = _make_site(tmp_path / "site")
    done = site.run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    lib, app = site.prefix("tinylib"), site.prefix("tinyapp")
    app_log = (app / ".rpm-spec" / "build.log").stat().st_mtime_ns
    shutil.rmtree(lib)

    found = site.run("find")
    assert found.returncode == 0, found.stderr
    assert "tinylib@1.0 [missing]" in found.stdout.splitlines()
    assert "tinyapp@1.0" in found.stdout.splitlines()
    assert f"is missing: {lib} does not exist" in found.stderr

    planned = site.run("install", "--dry-run", "tinyapp")
    assert f"does not exist)  -> {lib}" in planned.stdout
    assert "1 to build, 0 from upstream, 1 installed" in planned.stdout

    again = site.run("install", "tinyapp")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "is registered, but" in again.stderr and "building it again" in again.stderr
    assert "built tinylib@1.0" in again.stdout
    assert "tinyapp@1.0" in again.stdout and "built tinyapp" not in again.stdout
    assert (lib / "lib" / "libtiny.so").is_file()
    assert site.records() == {"tinylib": lib, "tinyapp": app}
    assert (app / ".rpm-spec" / "build.log").stat().st_mtime_ns == app_log  # untouched
    assert "[missing]" not in site.run("find").stdout
    ran = subprocess.run([str(app / "bin" / "tinyapp")], capture_output=True, text=True)
    assert ran.stdout == "tiny answer 42\n"


# -- a store this user cannot write ----------------------------------------------------

_NO_SECOND_USER = second_user.why_not_available()


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[second_user.SecondUser, Path]]:
    """A world-readable directory (tmp_path is 0700) with rpm-spec copied for uid 20002."""
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-second-user-"))
    try:
        directory.chmod(0o755)
        yield second_user.prepare(directory / "runtime"), directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _shared_site(directory: Path, name: str) -> tuple[Site, Path]:
    """A site owned by root, readable by all; a home owned by the second user."""
    site = _make_site(directory / name)
    site.store.mkdir()
    (site.store / ".rpm-spec-db").mkdir()
    second_user.make_world_readable(site.root)
    home = directory / f"{name}-home"
    home.mkdir()
    os.chown(home, second_user.UID, second_user.GID)
    return site, home


def _nothing_fetched(site: Site) -> bool:
    return not (site.root / "cache").exists() and not (site.root / "stage").exists()


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_store_owned_by_another_user_is_refused_before_fetching(
    shared: tuple[second_user.SecondUser, Path],
) -> None:
    runtime, directory = shared
    site, home = _shared_site(directory, "root-owned")
    done = runtime.run("-C", str(site.config_dir), "install", "tinyapp", home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"Error: cannot install into the store {site.store}: {site.store} is not writable "
        "by you (owned by root (uid 0), mode drwxr-xr-x)"
    ) in done.stderr
    assert "config:install_tree:root" in done.stderr
    assert "fetching" not in done.stdout + done.stderr
    assert _nothing_fetched(site)


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_database_owned_by_another_user_is_refused_before_fetching(
    shared: tuple[second_user.SecondUser, Path],
) -> None:
    runtime, directory = shared
    site, home = _shared_site(directory, "db-owned")
    os.chown(site.store, second_user.UID, second_user.GID)  # the tree is ours, the db is not
    done = runtime.run("-C", str(site.config_dir), "install", "tinyapp", home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    database = site.store / ".rpm-spec-db"
    assert f"{database} is not writable by you (owned by root (uid 0)" in done.stderr
    assert _nothing_fetched(site)
    assert list(site.store.iterdir()) == [database]


def _can_mount_read_only() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind / / 2>/dev/null || mount -t tmpfs x /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _can_mount_read_only(), reason="needs 'unshare -rm' (user and mount namespaces)"
)
def test_a_store_on_a_read_only_mount_is_refused_before_fetching(tmp_path: Path) -> None:
    site = _make_site(tmp_path / "site")
    (site.store / ".rpm-spec-db").mkdir(parents=True)
    mount = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'
    done = subprocess.run(
        [
            "unshare",
            "-rm",
            "sh",
            "-c",
            mount,
            "sh",
            str(site.store),
            *site.command("install", "tinyapp"),
        ],
        env=site.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"cannot install into the store {site.store}: {site.store} is on a read-only file system"
    ) in done.stderr
    assert _nothing_fetched(site)
