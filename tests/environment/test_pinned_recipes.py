"""The lock pins recipes: what it stores, what status reports, what install builds from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.errors import LockfileError, RecipeChangedError
from rpm_spec.environment.pinned_recipes import CACHE_DIR, locked_recipes, recipe_drift
from rpm_spec.platform import HostInfo
from rpm_spec.repo.files import hash_files
from rpm_spec.session import Session

RECIPE = '''\
from rpm_spec.repo.api import *


class Flagged(Package):
    """Builds with CFLAGS it spells out."""

    url = "https://example.invalid/flagged-1.0.tar.gz"
    version("1.0", sha256="{sha}")
    patch("fix.patch")

    cflags = "-O2"
'''
BINARY = bytes(range(256))


def _repo(root: Path) -> Path:
    (root / "packages" / "flagged").mkdir(parents=True)
    (root / "repo.yaml").write_text("repo:\n  namespace: pinned\n")
    package = root / "packages" / "flagged"
    (package / "package.py").write_text(RECIPE.format(sha="a" * 64))
    (package / "fix.patch").write_text("--- a/x\n+++ b/x\n")
    (package / "logo.bin").write_bytes(BINARY)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))
    # The metadata index trusts (mtime, size): -O2 -> -O1 keeps the size, so make sure
    # the edit cannot share the mtime of the version it replaces.
    stamp = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Path, Path]:
    """An environment holding ``flagged``, solved and locked; (environment, repository)."""
    repo = _repo(tmp_path / "repo")
    create_environment(tmp_path, directory=tmp_path / "env").add(["flagged"])
    session = _session(tmp_path, repo)
    assert session.environment is not None
    concretize_environment(session.environment, session, session.host)
    session.environment.write_lock()
    return tmp_path / "env", repo


def _session(tmp_path: Path, repo: Path) -> Session:
    # A new session each time: a session keeps the recipes it has read.
    return Session.for_tests(tmp_path, repos=[repo], environment=tmp_path / "env")


def _node(env: Environment):  # type: ignore[no-untyped-def]
    (section,) = env.lock.platforms.values()
    node = section.dag.by_name("flagged")
    assert node is not None
    return node


def test_the_lock_stores_every_file_of_the_recipe(locked: tuple[Path, Path]) -> None:
    env_dir, repo = locked
    entry = Environment(env_dir).lock.recipes["pinned.flagged"]
    package = repo / "packages" / "flagged"
    assert entry["hash"] == hash_files(package, ("package.py", "fix.patch"))
    assert entry["files"]["package.py"] == (package / "package.py").read_text()
    assert entry["files"]["fix.patch"] == (package / "fix.patch").read_text()
    assert "base64" in entry["files"]["logo.bin"]  # not UTF-8: kept all the same


def test_an_unchanged_recipe_is_built_from_the_repository(
    locked: tuple[Path, Path], tmp_path: Path
) -> None:
    env_dir, repo = locked
    session = _session(tmp_path, repo)
    env = Environment(env_dir)
    assert recipe_drift(env.lock, session.repos) == []
    repos, taken = locked_recipes(env.lock, [_node(env)], session.repos, session.cache_dir)
    assert repos is session.repos and taken == []
    assert not (session.cache_dir / CACHE_DIR).exists()


def test_a_changed_recipe_is_reported_and_built_from_the_lock(
    locked: tuple[Path, Path], tmp_path: Path
) -> None:
    env_dir, repo = locked
    recipe = repo / "packages" / "flagged" / "package.py"
    _edit(recipe, '"-O2"', '"-O1"')
    session = _session(tmp_path, repo)
    env = Environment(env_dir)
    node = _node(env)
    (drift,) = recipe_drift(env.lock, session.repos)
    assert str(drift) == f"flagged: recipe changed since the lock ({recipe})"
    assert drift.locked_hash == node.content.recipe_hash != drift.current_hash
    assert session.repos.get("flagged").recipe_hash != node.content.recipe_hash

    repos, taken = locked_recipes(env.lock, [node], session.repos, session.cache_dir)
    assert taken == [drift]
    meta = repos.get("flagged")
    assert meta.recipe_hash == node.content.recipe_hash
    assert repos.get_class("flagged").cflags == "-O2"  # type: ignore[attr-defined]
    assert repos.get_class("pinned.flagged").cflags == "-O2"  # type: ignore[attr-defined]
    copy = Path(meta.path).parent
    assert copy.is_relative_to(session.cache_dir / CACHE_DIR)
    assert (copy / "logo.bin").read_bytes() == BINARY
    assert not (env_dir / ".rpm-spec-env").exists()  # the environment is not written to
    # Again (another installer, a depfile's next target): the same copy, verified.
    again, _ = locked_recipes(env.lock, [node], _session(tmp_path, repo).repos, session.cache_dir)
    assert Path(again.get("flagged").path) == Path(meta.path)


def test_a_spoiled_copy_in_the_cache_is_written_again(
    locked: tuple[Path, Path], tmp_path: Path
) -> None:
    env_dir, repo = locked
    _edit(repo / "packages" / "flagged" / "package.py", '"-O2"', '"-O1"')
    session = _session(tmp_path, repo)
    env = Environment(env_dir)
    first, _ = locked_recipes(env.lock, [_node(env)], session.repos, session.cache_dir)
    _edit(Path(first.get("flagged").path), '"-O2"', '"-O3"')
    again, _ = locked_recipes(env.lock, [_node(env)], session.repos, session.cache_dir)
    assert again.get_class("flagged").cflags == "-O2"  # type: ignore[attr-defined]


def test_without_a_copy_in_the_lock_install_refuses_naming_the_recipe(
    locked: tuple[Path, Path], tmp_path: Path
) -> None:
    env_dir, repo = locked
    lock_path = env_dir / "rpm-spec.lock"
    data = json.loads(lock_path.read_text())
    data["recipes"] = {}
    lock_path.write_text(json.dumps(data))
    recipe = repo / "packages" / "flagged" / "package.py"
    _edit(recipe, '"-O2"', '"-O1"')
    session = _session(tmp_path, repo)
    env = Environment(env_dir)
    node = _node(env)
    with pytest.raises(RecipeChangedError) as caught:
        locked_recipes(env.lock, [node], session.repos, session.cache_dir)
    message = str(caught.value)
    assert message.startswith(f"flagged: the lock was solved with another recipe than {recipe}")
    assert f"locked {node.content.recipe_hash[:12]}" in message
    assert f"now {session.repos.get('flagged').recipe_hash[:12]}" in message
    assert caught.value.hint is not None and "concretize --force" in caught.value.hint


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"package.py": RECIPE.format(sha="b" * 64), "fix.patch": ""}, "has hash"),
        ({"../../escape.py": "x = 1\n"}, "names a bad path '../../escape.py'"),
        ({"package.py": 7}, "is malformed"),
        ({"package.py": "import no_such_module_here\n"}, "does not load"),
    ],
)
def test_a_damaged_copy_in_the_lock_is_refused(
    locked: tuple[Path, Path], tmp_path: Path, files: dict[str, object], message: str
) -> None:
    env_dir, repo = locked
    lock_path = env_dir / "rpm-spec.lock"
    data = json.loads(lock_path.read_text())
    data["recipes"]["pinned.flagged"]["files"] = files
    lock_path.write_text(json.dumps(data))
    _edit(repo / "packages" / "flagged" / "package.py", '"-O2"', '"-O1"')
    session = _session(tmp_path, repo)
    env = Environment(env_dir)
    with pytest.raises(LockfileError, match=message):
        locked_recipes(env.lock, [_node(env)], session.repos, session.cache_dir)
    assert not (tmp_path / "escape.py").exists()


def test_a_removed_or_broken_recipe_is_reported(locked: tuple[Path, Path], tmp_path: Path) -> None:
    env_dir, repo = locked
    recipe = repo / "packages" / "flagged" / "package.py"
    _edit(recipe, "from rpm_spec", "import no_such_module_here\nfrom rpm_spec")
    env = Environment(env_dir)
    (broken,) = recipe_drift(env.lock, _session(tmp_path, repo).repos)
    assert str(broken) == f"flagged: recipe fails to load since the lock ({recipe})"
    recipe.unlink()
    (gone,) = recipe_drift(env.lock, _session(tmp_path, repo).repos)
    assert str(gone) == f"flagged: recipe gone from the repositories since the lock ({recipe})"
    # ... and install still builds it from the lock.
    session = _session(tmp_path, repo)
    repos, _ = locked_recipes(env.lock, [_node(env)], session.repos, session.cache_dir)
    assert repos.get_class("flagged").cflags == "-O2"  # type: ignore[attr-defined]


def test_each_section_keeps_the_recipe_it_was_solved_with(
    locked: tuple[Path, Path], tmp_path: Path
) -> None:
    env_dir, repo = locked
    _edit(repo / "packages" / "flagged" / "package.py", '"-O2"', '"-O1"')
    session = _session(tmp_path, repo)
    assert session.environment is not None
    arm = HostInfo(platform="linux", os="debian12", target="neoverse_v2")
    concretize_environment(session.environment, session, arm, explicit_target=True)
    session.environment.write_lock()
    env = Environment(env_dir)
    zen3 = env.lock.platforms["linux-debian12-zen3"].dag.by_name("flagged")
    neoverse = env.lock.platforms["linux-debian12-neoverse_v2"].dag.by_name("flagged")
    assert zen3 is not None and neoverse is not None
    old, new = zen3.content.recipe_hash, neoverse.content.recipe_hash
    assert old != new
    assert env.lock.recipes["pinned.flagged"]["hash"] == new
    assert env.lock.recipes[f"pinned.flagged/{old}"]["hash"] == old
    # The zen3 section still builds with -O2; status says its recipe changed.
    session = _session(tmp_path, repo)
    repos, _ = locked_recipes(env.lock, [zen3], session.repos, session.cache_dir)
    assert repos.get_class("flagged").cflags == "-O2"  # type: ignore[attr-defined]
    assert [d.name for d in recipe_drift(env.lock, session.repos)] == ["flagged"]
    # Solved again for zen3, nothing uses the old recipe: its copy goes.
    assert session.environment is not None
    concretize_environment(session.environment, session, session.host, force=True)
    assert sorted(session.environment.lock.recipes) == ["pinned.flagged"]
