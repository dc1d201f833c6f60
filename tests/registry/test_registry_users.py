"""Issue 13's acceptance with real users (numeric uids under root; skipped otherwise).

A (uid 20002, the registry's admin) creates namespace ``chem`` for group 20010; B (uid
20003, in the group) publishes ``chem/md`` twice; C (uid 20004, not in it) pulls it but
may not publish; B rolls back; the history shows it all; v1's lock cannot be edited and
``registry verify`` catches an edit made anyway. Then the permission matrix: six actions
by three users, one table.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import second_user

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rpm_spec.environment.environment import Environment

_WHY_NOT = second_user.why_not_available()
pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")

CHEM = second_user.SHARED_GID
A, B, C = second_user.UID, second_user.OTHER_UID, second_user.THIRD_UID
#: uid → (primary gid, extra groups): A and B are in chem, C is not.
GROUPS: dict[int, tuple[int, tuple[int, ...]]] = {A: (A, (CHEM,)), B: (B, (CHEM,)), C: (C, ())}


class World:
    """The shared directory: rpm-spec for the uids, a site config scope, the registry."""

    def __init__(self, directory: Path, runtime: second_user.SecondUser) -> None:
        self.directory = directory
        self.runtime = runtime
        self.config = directory / "site"
        self.registry = directory / "registry"

    def home(self, uid: int) -> Path:
        return self.directory / f"home-{uid}"

    def run(self, uid: int, *args: str) -> Any:
        gid, extra = GROUPS[uid]
        return self.runtime.run(
            "-C",
            str(self.config),
            *args,
            home=self.home(uid),
            uid=uid,
            gid=gid,
            extra_groups=extra,
        )


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    """Each user with a home and a signing key the site trusts; the registry's root
    belongs to A (made by root, as an admin would)."""
    from rpm_spec.binary.keys import create_key, trusted_dir

    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-registry-"))
    try:
        directory.chmod(0o755)
        made = World(directory, second_user.prepare(directory / "runtime"))
        trusted = trusted_dir(made.config)
        trusted.mkdir(parents=True)
        (made.config / "config.yaml").write_text(
            f"config:\n  registry:\n    root: {made.registry}\n"
        )
        for uid in (A, B, C):
            user_dir = made.home(uid) / ".rpm-spec"
            key = create_key(user_dir, f"user-{uid}")
            (trusted / f"user-{uid}.json").write_text(json.dumps(key.to_json()))
            _chown_tree(made.home(uid), uid, GROUPS[uid][0])
        second_user.make_world_readable(made.config)
        made.registry.mkdir()
        os.chown(made.registry, A, A)
        yield made
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    for path in [root, *root.rglob("*")]:
        os.chown(path, uid, gid, follow_symlinks=False)


def _environment(world: World, name: str, solved: Callable[..., Environment]) -> Path:
    """A solved (not built) environment, copied where every user can read it."""
    env = solved(name, ["zlib"] if name != "two" else ["zlib", "libelf"])
    target = world.directory / "envs" / name
    target.mkdir(parents=True)
    for file in (env.manifest.path, env.lock_path):
        shutil.copy(file, target / file.name)
    second_user.make_world_readable(world.directory / "envs")
    return target


def _ok(done: Any) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return str(done.stdout)


def test_publish_pull_rollback_history_and_verify(
    world: World, solved: Callable[..., Environment]
) -> None:
    one, two = _environment(world, "one", solved), _environment(world, "two", solved)
    _ok(world.run(A, "registry", "create", "chem", "--group", str(CHEM)))
    namespace = world.registry / "chem"
    assert namespace.stat().st_gid == CHEM and namespace.stat().st_mode & 0o7777 == 0o3775
    assert "Published chem/md@1" in _ok(world.run(B, "env", "publish", "chem/md", "-e", str(one)))
    assert "Published chem/md@2" in _ok(world.run(B, "env", "publish", "chem/md", "-e", str(two)))
    md = namespace / "md"
    assert os.readlink(md / "current") == "versions/2"

    pulled = world.home(C) / "pulled"
    _ok(world.run(C, "env", "pull", "chem/md@1", "-d", str(pulled)))
    assert (pulled / "rpm-spec.lock").read_bytes() == (one / "rpm-spec.lock").read_bytes()
    refused = world.run(C, "env", "publish", "chem/md", "-e", str(one))
    assert refused.returncode == 1
    assert "needs role editor" in refused.stderr and f"group {CHEM}" in refused.stderr
    assert sorted(p.name for p in (md / "versions").iterdir()) == ["1", "2"]

    _ok(world.run(B, "env", "rollback", "chem/md", "--to", "1"))
    assert os.readlink(md / "current") == "versions/1"
    lines = _ok(world.run(C, "env", "history", "chem/md")).splitlines()
    assert [line.split()[2:4] for line in lines] == [
        ["publish", "@1"],
        ["publish", "@2"],
        ["rollback", "@1"],
    ]
    assert all(line.endswith(f"by uid {B}") for line in lines), lines  # no passwd entry

    # v1's lock: the CLI refuses to change it, and so do its file modes...
    refused = world.run(B, "-e", "chem/md@1", "add", "libelf")
    assert refused.returncode == 1 and "published versions are immutable" in refused.stderr
    lock = md / "versions" / "1" / "rpm-spec.lock"
    with pytest.raises(PermissionError):
        _as_user(B, lambda: lock.open("a"))
    # ... and an edit made anyway (root can) is caught by its signature.
    assert "intact" in _ok(world.run(C, "registry", "verify"))
    lock.chmod(0o644)
    lock.write_text(lock.read_text().replace('"zlib"', '"zlib" '))
    failed = world.run(C, "registry", "verify")
    assert failed.returncode == 1
    assert "chem/md@1: rpm-spec.lock was changed after it was published" in failed.stdout


def _as_user(uid: int, action: Callable[[], object]) -> None:
    """Run ``action`` in a forked child as ``uid``; re-raise a PermissionError there here."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.setgroups(list(GROUPS[uid][1]))
            os.setgid(GROUPS[uid][0])
            os.setuid(uid)
            action()
        except PermissionError:
            code = 13
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 13:
        raise PermissionError(f"uid {uid} was refused")
    assert code == 0, f"the child as uid {uid} failed ({code})"


#: action → what A (admin), B (editor) and C (viewer) get: True allowed, else the role.
MATRIX: dict[str, tuple[bool | str, bool | str, bool | str]] = {
    "pull": (True, True, True),
    "activate": (True, True, True),
    "publish": (True, True, "editor"),
    "rollback": (True, True, "editor"),
    "delete": (True, "admin", "admin"),
    "set policy": (True, "admin", "admin"),
}


def _command(action: str, world: World, uid: int, sources: dict[str, Path]) -> list[str]:
    home = world.home(uid)
    return {
        "pull": ["env", "pull", "chem/matrix@1", "-d", str(home / f"pulled-{uid}")],
        "activate": ["env", "activate", "--sh", "chem/matrix"],
        "publish": ["env", "publish", "chem/matrix", "-e", str(sources["one"])],
        "rollback": ["env", "rollback", "chem/matrix", "--to", "1"],
        "delete": ["registry", "delete", f"chem/gone-{uid}"],
        "set policy": ["registry", "policy", "chem", str(sources["policy"])],
    }[action]


def test_the_permission_matrix(world: World, solved: Callable[..., Environment]) -> None:
    one = _environment(world, "matrix-one", solved)
    policy = world.directory / "envs" / "policy.yaml"
    policy.write_text("policy:\n  deny: ['openssl@:1.1']\n")
    policy.chmod(0o644)
    if not (world.registry / "chem").exists():
        _ok(world.run(A, "registry", "create", "chem", "--group", str(CHEM)))
    _ok(world.run(B, "env", "publish", "chem/matrix", "-e", str(one)))
    for uid in (A, B, C):
        _ok(world.run(B, "env", "publish", f"chem/gone-{uid}", "-e", str(one)))
    for action, outcomes in MATRIX.items():
        for uid, outcome in zip((A, B, C), outcomes, strict=True):
            done = world.run(uid, *_command(action, world, uid, {"one": one, "policy": policy}))
            where = f"{action} as uid {uid}: {done.stdout}{done.stderr}"
            if outcome is True:
                assert done.returncode == 0, where
            else:
                assert done.returncode == 1, where
                assert f"needs role {outcome}" in done.stderr, where
                binding = f"group {CHEM}" if outcome == "editor" else f"user {A}"
                assert binding in done.stderr, where
    assert (world.registry / "chem" / "policy.yaml").read_text() == policy.read_text()
    assert not (world.registry / "chem" / f"gone-{A}").exists()
    assert (world.registry / "chem" / f"gone-{B}" / "current").is_symlink()
