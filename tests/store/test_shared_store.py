"""Many users, one store: two uids of the store's group install the same spec into it at
the same time (real processes, real builds of tiny C projects, umask 077).

Each package is built once; the other installer waits on the prefix lock and reuses it;
the database stays valid; the store's index, lock files and directories belong to the
group with modes that let the other member use them. Needs root (to run children as
uids 20002 and 20003), skipped with the reason otherwise.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import shutil
import stat
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import second_user
from rpm_spec.store.database import Database

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

_NO_SECOND_USER = second_user.why_not_available()
MEMBERS = (second_user.UID, second_user.OTHER_UID)
GROUP = second_user.SHARED_GID

pytestmark = [
    pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or ""),
    pytest.mark.skipif(
        platform.machine().lower() not in ("x86_64", "amd64"), reason="builds for x86_64_v2"
    ),
    pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc"),
]


def _install_cli() -> ModuleType:
    """tests/cli/test_install_cli.py (its site fixtures), loaded by path."""
    if "test_install_cli" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "cli" / "test_install_cli.py"
        spec = importlib.util.spec_from_file_location("test_install_cli", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["test_install_cli"] = module
        spec.loader.exec_module(module)
    return sys.modules["test_install_cli"]


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[second_user.SecondUser, Path]]:
    """A world-readable directory (tmp_path is 0700) with rpm-spec copied for the uids."""
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-shared-store-"))
    try:
        directory.chmod(0o755)
        yield second_user.prepare(directory / "runtime"), directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def shared_site(directory: Path, name: str) -> tuple[object, dict[int, Path]]:
    """A site whose store is shared by group 20010 (made by the admin, empty), and a
    home per member; stages and source caches are each user's own."""
    site = _install_cli()._make_site(directory / name)
    (site.config_dir / "config.yaml").write_text(
        textwrap.dedent(
            f"""\
            config:
              install_tree:
                root: {site.store}
              build_stage: [$user_cache_path/stage]
              source_cache: $user_cache_path/sources
              build_jobs: 1
            """
        )
    )
    with (site.config_dir / "packages.yaml").open("a") as stream:
        stream.write(f"    permissions: {{read: world, write: group, group: '{GROUP}'}}\n")
    second_user.make_world_readable(site.root)
    site.store.mkdir()
    os.chown(site.store, 0, GROUP)
    site.store.chmod(0o2775)
    homes = {}
    for uid in MEMBERS:
        home = directory / f"{name}-home-{uid}"
        home.mkdir()
        os.chown(home, uid, uid)
        homes[uid] = home
    return site, homes


def test_two_members_install_one_spec_at_once_and_it_is_built_once(
    shared: tuple[second_user.SecondUser, Path],
) -> None:
    runtime, directory = shared
    site, homes = shared_site(directory, "concurrent")

    def install(uid: int) -> tuple[int, str]:
        done = runtime.run(
            "-C",
            str(site.config_dir),
            "install",
            "tinyapp",
            home=homes[uid],
            uid=uid,
            gid=uid,
            extra_groups=(GROUP,),
            umask=0o077,
        )
        return done.returncode, done.stdout + done.stderr

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(install, MEMBERS))
    for code, output in results:
        assert code == 0, output
    outputs = "\n".join(output for _, output in results)
    assert outputs.count("built tinylib@1.0") == 1, outputs
    assert outputs.count("built tinyapp@1.0") == 1, outputs

    index = site.store / ".rpm-spec-db" / "index.json"
    json.loads(index.read_text())
    records = Database(site.store).records()
    assert sorted(r.spec.name for r in records) == ["tinyapp", "tinylib"]
    assert _group_and_mode(index) == (GROUP, 0o664)
    locks = site.store / ".rpm-spec-db" / "locks"
    assert _group_and_mode(locks) == (GROUP, 0o2775)
    lock_files = list(locks.iterdir())
    assert len(lock_files) >= 2
    assert {_group_and_mode(path) for path in lock_files} == {(GROUP, 0o664)}
    for record in records:
        for path in [record.prefix, *record.prefix.rglob("*")]:
            assert path.lstat().st_gid == GROUP, path
        assert _group_and_mode(record.prefix) == (GROUP, 0o2775)
        level = record.prefix.parent
        while level != site.store:  # projection levels: other members add prefixes there
            assert _group_and_mode(level) == (GROUP, 0o2775), level
            level = level.parent

    # The member who did not build tinyapp can still use and remove what the other made.
    builder_of_app = next(
        uid
        for uid, (_, output) in zip(MEMBERS, results, strict=True)
        if "built tinyapp@1.0" in output
    )
    other = next(uid for uid in MEMBERS if uid != builder_of_app)
    again = runtime.run(
        "-C", str(site.config_dir), "install", "tinyapp",
        home=homes[other], uid=other, gid=other, extra_groups=(GROUP,),
    )  # fmt: skip
    assert again.returncode == 0 and "Nothing to do" in again.stdout, again.stderr
    app_prefix = next(r.prefix for r in records if r.spec.name == "tinyapp")
    removed = runtime.run(
        "-C", str(site.config_dir), "uninstall", "-y", "tinyapp",
        home=homes[other], uid=other, gid=other, extra_groups=(GROUP,),
    )  # fmt: skip
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not app_prefix.exists()
    assert [r.spec.name for r in Database(site.store).records()] == ["tinylib"]


def _group_and_mode(path: Path) -> tuple[int, int]:
    info = path.lstat()
    return info.st_gid, stat.S_IMODE(info.st_mode)
