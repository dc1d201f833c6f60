"""Upstreams end to end: a user reuses an admin's store read-only, builds only what is
missing, and leaves nothing there but a root entry in the drop-box.

Real processes and real builds of the tiny projects (the sites of ``test_install_cli``).
Site A (the admin) installs tinylib; user C names A's store in ``upstreams`` and installs
tinyapp, which links tinylib: only tinyapp is built, and its RUNPATH points into A's
store. As a second uid (root only), A's store is read-only to C.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_install_cli import Site, _make_site, _runpath
from test_prefix_health_cli import _can_mount_read_only

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

_NO_SECOND_USER = second_user.why_not_available()
snapshot = second_user.tree_snapshot


def downstream(admin: Site, root: Path, *, upstream_roots: Path | None = None) -> Site:
    """User C: A's repository and compiler, a store of its own, A's store as upstream."""
    config = root / "config"
    config.mkdir(parents=True)
    for name in ("repos.yaml", "packages.yaml", "compilers.yaml"):
        shutil.copy(admin.config_dir / name, config / name)
    (config / "config.yaml").write_text(
        textwrap.dedent(
            f"""\
            config:
              install_tree:
                root: {root / "store"}
              build_stage: [{root / "stage"}]
              source_cache: {root / "cache"}
              build_jobs: 2
            """
        )
    )
    extra = "" if upstream_roots is None else f"\n    roots: {upstream_roots}"
    (config / "upstreams.yaml").write_text(
        f"upstreams:\n  site:\n    install_tree: {admin.store}{extra}\n"
    )
    return Site(root, admin.repo)


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = _make_site(tmp_path_factory.mktemp("upstream") / "a")
    done = site.run("install", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_only_the_dependent_is_built_and_links_into_the_upstream(
    admin: Site, tmp_path: Path
) -> None:
    before = snapshot(admin.store)
    lib = admin.prefix("tinylib")
    user = downstream(admin, tmp_path / "c")

    planned = user.run("install", "--dry-run", "tinyapp")
    assert planned.returncode == 0, planned.stderr
    assert "[^] site tinylib@1.0" in planned.stdout
    assert f"  {lib}" in planned.stdout
    plan_line = "==> Plan: 0 from cache, 1 to build, "
    assert plan_line + "1 from upstream, 0 installed, 0 external" in planned.stdout
    status = user.run("spec", "-I", "tinyapp")
    assert "[^]" in status.stdout and " - " in status.stdout, status.stdout

    done = user.run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "built tinyapp@1.0" in done.stdout
    assert "built tinylib" not in done.stdout
    assert "2 packages: 1 built, 1 in an upstream" in done.stdout
    app = user.prefix("tinyapp")
    assert app.is_relative_to(user.store)
    assert str(lib / "lib") in _runpath(app / "bin" / "tinyapp")
    ran = subprocess.run(
        [str(app / "bin" / "tinyapp")], env={"PATH": "/usr/bin:/bin"}, capture_output=True
    )
    assert ran.stdout == b"tiny answer 42\n"
    assert user.prefix("tinylib") == lib  # location finds the upstream's prefix

    found = user.run("find", "-p")
    lines = {line.split()[0]: line.split()[1:] for line in found.stdout.splitlines()[2:]}
    assert lines["tinylib@1.0"] == ["site", str(lib)], found.stdout
    assert lines["tinyapp@1.0"] == ["local", str(app)], found.stdout
    loaded = user.run("load", "--sh", "tinylib")
    assert loaded.returncode == 0, loaded.stderr
    assert str(lib) in loaded.stdout

    refused = user.run("uninstall", "-y", "tinylib")
    assert refused.returncode != 0
    assert "Error: will not uninstall tinylib@1.0 /" in refused.stderr
    assert f"installed in upstream 'site' ({admin.store})" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert user.run("gc", "-y").returncode == 0
    assert snapshot(admin.store) == before  # no drop-box: nothing at all was written there
    assert "no drop-box" not in done.stderr
    assert "does not exist (the store's owner creates it)" in done.stderr


def test_a_bad_upstreams_file_names_file_and_line(admin: Site, tmp_path: Path) -> None:
    user = downstream(admin, tmp_path / "c")
    (user.config_dir / "upstreams.yaml").write_text("upstreams:\n  site:\n    root: /x\n")
    done = user.run("find")
    assert done.returncode != 0
    assert f"{user.config_dir / 'upstreams.yaml'}:" in done.stderr
    assert "install_tree" in done.stderr
    assert "Traceback" not in done.stderr


# -- user C is another uid, A's store is read-only -------------------------------------


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[second_user.SecondUser, Path]]:
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-upstreams-"))  # tmp_path is 0700
    try:
        directory.chmod(0o755)
        yield second_user.prepare(directory / "runtime"), directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _make_read_only(root: Path, *, keep: Path) -> None:
    """``chmod -R a-w`` below ``root``, except the drop-box ``keep`` (sticky, 1777)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink() or path == keep:
            continue
        path.chmod(path.stat().st_mode & ~0o222)


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_second_user_reads_a_read_only_upstream_and_only_leaves_a_root(
    shared: tuple[second_user.SecondUser, Path],
) -> None:
    runtime, directory = shared
    admin = _make_site(directory / "a")
    done = admin.run("install", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    box = admin.store / ".rpm-spec" / "roots"
    box.mkdir(parents=True)
    second_user.make_world_readable(admin.root)
    box.chmod(0o1777)
    _make_read_only(admin.store, keep=box)
    lib = admin.prefix("tinylib")
    home = directory / "c"
    home.mkdir()
    user = downstream(admin, home)
    second_user.make_world_readable(home)
    for path in [home, *home.rglob("*")]:
        os.chown(path, second_user.UID, second_user.GID)
    before = snapshot(admin.store)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return runtime.run("-C", str(user.config_dir), *args, home=home)

    assert "[^]" in run("spec", "-I", "tinyapp").stdout
    installed = run("install", "tinyapp")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "built tinyapp@1.0" in installed.stdout and "built tinylib" not in installed.stdout
    app = Path(run("location", "tinyapp").stdout.strip())
    assert str(lib / "lib") in _runpath(app / "bin" / "tinyapp")
    assert run("location", "tinylib").stdout.strip() == str(lib)
    assert "site" in run("find").stdout
    refused = run("uninstall", "-y", "tinylib")
    assert refused.returncode != 0 and "upstream 'site'" in refused.stderr

    after = snapshot(admin.store)
    box_key = str(box.relative_to(admin.store))
    changed = {k for k in before.keys() & after.keys() if before[k] != after[k]}
    assert changed <= {box_key}  # only the drop-box's own size/mtime may change
    assert before.keys() - after.keys() == set()
    [entry] = after.keys() - before.keys()
    assert Path(entry).parent == Path(box_key)
    assert after[entry][2] == second_user.UID  # the entry is the user's, made by the user
    entry_path = admin.store / entry
    assert f'"path": "{user.store}"' in entry_path.read_text()

    # Another user can neither delete nor replace it (sticky drop-box).
    other = second_user.UID + 1
    attack = subprocess.run(
        [
            str(runtime.python),
            "-I",
            "-S",
            "-c",
            "import os, sys; os.unlink(sys.argv[1])",
            str(entry_path),
        ],
        user=other,
        group=other,
        extra_groups=[],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    assert "PermissionError" in attack.stderr
    assert entry_path.exists()

    # The admin's uninstall refuses what C uses, naming C; once C's store is gone, gc
    # --prune-stale drops the root and the uninstall goes through.
    for path in [admin.store, *admin.store.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)
    blocked = admin.run("uninstall", "-y", "tinylib")
    assert blocked.returncode != 0
    assert f"needed by uid {second_user.UID} (store {user.store})" in blocked.stderr
    shutil.rmtree(user.store)
    pruned = admin.run("gc", "--prune-stale", "-y")
    assert f"Dropped the stale root of uid {second_user.UID}" in pruned.stdout, pruned.stderr
    assert admin.run("uninstall", "-y", "tinylib").returncode == 0


def test_an_environment_registers_its_root_and_the_admin_keeps_what_it_needs(
    tmp_path: Path,
) -> None:
    admin = _make_site(tmp_path / "a")
    done = admin.run("install", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    box = admin.store / ".rpm-spec" / "roots"
    box.mkdir(parents=True, mode=0o1777)
    box.chmod(0o1777)
    user = downstream(admin, tmp_path / "c")
    env = tmp_path / "env"
    env.mkdir()
    (env / "rpm-spec.yaml").write_text("rpm-spec:\n  specs: [tinyapp]\n")
    for args in (("concretize",), ("install",)):
        done = user.run("-e", str(env), *args)
        assert done.returncode == 0, done.stdout + done.stderr
    assert "built tinyapp@1.0" in done.stdout and "built tinylib" not in done.stdout
    [entry] = box.iterdir()
    text = entry.read_text()
    assert '"kind": "environment"' in text and f'"path": "{env}"' in text
    assert f'"witness": "{env / "rpm-spec.yaml"}"' in text

    blocked = admin.run("uninstall", "-y", "tinylib")
    assert blocked.returncode != 0
    assert f"needed by uid {os.geteuid()} (environment {env})" in blocked.stderr
    assert "Dropped" not in admin.run("gc", "--prune-stale", "-y").stdout  # still alive
    shutil.rmtree(env)
    pruned = admin.run("gc", "--prune-stale", "-y")
    assert f"Dropped the stale root of uid {os.geteuid()} (environment {env})" in pruned.stdout
    assert list(box.iterdir()) == []
    assert admin.run("uninstall", "-y", "tinylib").returncode == 0


_READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"'


@pytest.mark.skipif(
    not _can_mount_read_only(), reason="needs 'unshare -rm' (user and mount namespaces)"
)
def test_an_upstream_on_a_read_only_mount(admin: Site, tmp_path: Path) -> None:
    before = snapshot(admin.store)
    user = downstream(admin, tmp_path / "c")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["unshare", "-rm", "sh", "-c", _READ_ONLY, "sh", str(admin.store)]
        return subprocess.run(
            [*command, *user.command(*args)],
            env=user.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    done = run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "built tinyapp@1.0" in done.stdout and "built tinylib" not in done.stdout
    assert "site" in run("find").stdout
    refused = run("uninstall", "-y", "tinylib")
    assert refused.returncode != 0 and "upstream 'site'" in refused.stderr
    assert snapshot(admin.store) == before
