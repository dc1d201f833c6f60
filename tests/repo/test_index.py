"""The metadata index: a warm index imports nothing; every change on disk is noticed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from repo_helpers import recipe, write_repo

from rpm_spec.repo.index import index_path
from rpm_spec.repo.loader import MODULE_ROOT, load_metadata
from rpm_spec.repo.repository import Repository

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata

SHA = "e" * 64


def simple(class_name: str, extra: str = "") -> str:
    return recipe(class_name, f'version("1.0", sha256="{SHA}")\n{extra}')


class CountingLoader:
    """Loads recipes like the real repository does, and remembers which it imported."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.imported: list[str] = []

    def __call__(self, path: Path, name: str) -> RecipeMetadata:
        self.imported.append(name)
        return load_metadata(path, self.namespace, name)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    recipes = {"alpha": simple("Alpha"), "beta": simple("Beta", 'depends_on("alpha")')}
    return write_repo(tmp_path / "repo", "idx", recipes)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def open_repo(root: Path, cache: Path) -> tuple[Repository, CountingLoader]:
    loader = CountingLoader("idx")
    repo = Repository(root, cache_dir=cache, loader=loader)
    repo.names()
    return repo, loader


def bump_mtime(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def drop_recipe_modules() -> None:
    for name in [name for name in sys.modules if name.startswith(f"{MODULE_ROOT}.idx.")]:
        del sys.modules[name]


def test_cold_index_imports_every_recipe_once(root: Path, cache: Path) -> None:
    repo, loader = open_repo(root, cache)
    assert sorted(loader.imported) == ["alpha", "beta"]
    assert index_path(cache, "idx", root).is_file()
    assert repo.get("beta").dependency_names() == {"alpha"}


def test_warm_index_imports_nothing(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    drop_recipe_modules()
    repo, loader = open_repo(root, cache)
    assert loader.imported == []
    assert repo.names() == ["alpha", "beta"]
    assert repo.get("alpha").versions[0].version == "1.0"
    assert not [name for name in sys.modules if name.startswith(f"{MODULE_ROOT}.idx.")]


def test_warm_index_is_not_rewritten(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    index = index_path(cache, "idx", root)
    before = index.stat().st_mtime_ns
    time.sleep(0.01)
    open_repo(root, cache)
    assert index.stat().st_mtime_ns == before


def test_an_index_directory_others_may_write_to_is_not_trusted(root: Path, cache: Path) -> None:
    """Planted metadata would stand in for the recipe without it ever being imported."""
    open_repo(root, cache)
    index = index_path(cache, "idx", root)
    data = json.loads(index.read_text())
    alpha = json.loads(data["recipes"]["alpha"]["metadata"])
    alpha["homepage"] = "https://planted.example"
    data["recipes"]["alpha"]["metadata"] = json.dumps(alpha)
    index.write_text(json.dumps(data))
    index.parent.chmod(0o777)
    drop_recipe_modules()
    repo, loader = open_repo(root, cache)
    assert sorted(loader.imported) == ["alpha", "beta"]
    assert repo.get("alpha").homepage != "https://planted.example"
    assert json.loads(index.read_text()) == data  # not written either


def test_an_edited_recipe_is_reimported(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    path = root / "packages" / "alpha" / "package.py"
    path.write_text(simple("Alpha", 'version("2.0", sha256="' + SHA + '")'))
    bump_mtime(path)
    repo, loader = open_repo(root, cache)
    assert loader.imported == ["alpha"]
    assert [v.version for v in repo.get("alpha").versions] == ["1.0", "2.0"]
    _, again = open_repo(root, cache)
    assert again.imported == []


def test_an_edit_in_the_same_mtime_tick_and_size_is_reimported(root: Path, cache: Path) -> None:
    path = root / "packages" / "alpha" / "package.py"
    open_repo(root, cache)
    info = path.stat()
    path.write_text(path.read_text().replace('"1.0"', '"1.1"'))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # a coarse clock: same stamp
    assert path.stat().st_size == info.st_size
    repo, loader = open_repo(root, cache)
    assert loader.imported == ["alpha"]
    assert [v.version for v in repo.get("alpha").versions] == ["1.1"]


def test_an_old_unchanged_recipe_is_trusted_by_its_stamp(root: Path, cache: Path) -> None:
    for path in (root / "packages").glob("*/package.py"):
        os.utime(path, ns=(0, 1_000_000_000))
    open_repo(root, cache)
    path = root / "packages" / "alpha" / "package.py"
    path.write_text(path.read_text().replace('"1.0"', '"1.1"'))
    os.utime(path, ns=(0, 1_000_000_000))  # same stamp on an old file: not looked at again
    _, loader = open_repo(root, cache)
    assert loader.imported == []


def test_a_touched_but_unchanged_recipe_is_not_reimported(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    bump_mtime(root / "packages" / "alpha" / "package.py")
    _, loader = open_repo(root, cache)
    assert loader.imported == []
    index = index_path(cache, "idx", root)
    before = index.stat().st_mtime_ns
    _, loader = open_repo(root, cache)  # the new stamps were saved
    assert loader.imported == []
    assert index.stat().st_mtime_ns == before


def test_an_edited_patch_is_noticed(tmp_path: Path, cache: Path) -> None:
    root = write_repo(tmp_path / "p", "idx", {"gamma": simple("Gamma", 'patch("fix.patch")')})
    patch = root / "packages" / "gamma" / "fix.patch"
    patch.write_text("one\n")
    repo, _ = open_repo(root, cache)
    first = repo.get("gamma").recipe_hash
    patch.write_text("two, longer\n")
    repo, loader = open_repo(root, cache)
    assert loader.imported == ["gamma"]
    assert repo.get("gamma").recipe_hash != first


def test_added_and_removed_recipes_are_noticed(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    write_repo(root, "idx", {"delta": simple("Delta")})
    (root / "packages" / "alpha" / "package.py").unlink()
    (root / "packages" / "alpha").rmdir()
    repo, loader = open_repo(root, cache)
    assert loader.imported == ["delta"]
    assert repo.names() == ["beta", "delta"]
    stored = json.loads(index_path(cache, "idx", root).read_text())
    assert sorted(stored["recipes"]) == ["beta", "delta"]


def test_a_broken_recipe_is_reported_and_retried(root: Path, cache: Path) -> None:
    path = root / "packages" / "alpha" / "package.py"
    path.write_text(simple("Alpha", "oops("))
    repo, loader = open_repo(root, cache)
    assert repo.names() == ["alpha", "beta"]
    assert "syntax error" in str(repo.errors()["alpha"])
    assert repo.get("beta").name == "beta"
    _, loader = open_repo(root, cache)
    assert loader.imported == ["alpha"]  # failures are not cached
    path.write_text(simple("Alpha"))
    bump_mtime(path)
    repo, loader = open_repo(root, cache)
    assert loader.imported == ["alpha"]
    assert repo.errors() == {}


def test_a_corrupt_or_foreign_index_is_rebuilt(root: Path, cache: Path) -> None:
    open_repo(root, cache)
    index = index_path(cache, "idx", root)
    index.write_text("{not json")
    _, loader = open_repo(root, cache)
    assert sorted(loader.imported) == ["alpha", "beta"]
    data = json.loads(index.read_text())
    data["code"] = "older-code"
    index.write_text(json.dumps(data))
    _, loader = open_repo(root, cache)
    assert sorted(loader.imported) == ["alpha", "beta"]


def test_without_a_cache_dir_nothing_is_written(root: Path, tmp_path: Path) -> None:
    loader = CountingLoader("idx")
    repo = Repository(root, cache_dir=None, loader=loader)
    assert repo.names() == ["alpha", "beta"]
    assert not (tmp_path / "cache").exists()


def test_concurrent_writers_leave_a_valid_index(root: Path, cache: Path) -> None:
    failures: list[BaseException] = []

    def load() -> None:
        try:
            for _ in range(5):
                Repository(root, cache_dir=cache, namespace="idx").names()
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [p.name for p in index_path(cache, "idx", root).parent.iterdir()] == [
        index_path(cache, "idx", root).name
    ]
    _, loader = open_repo(root, cache)
    assert loader.imported == []


def test_listing_150_recipes_from_a_warm_index_is_fast(tmp_path: Path, cache: Path) -> None:
    recipes = {
        f"pkg-{i:03d}": simple(f"Pkg{i:03d}", f'depends_on("pkg-{(i + 1) % 150:03d}")')
        for i in range(150)
    }
    root = write_repo(tmp_path / "big", "idx", recipes)
    open_repo(root, cache)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        loader = CountingLoader("idx")
        repo = Repository(root, cache_dir=cache, loader=loader, namespace="idx")
        assert len(repo.names()) == 150
        timings.append(time.perf_counter() - start)
        assert loader.imported == []
    # A few ms on a quiet machine; the bound leaves room for a loaded CI runner.
    assert sorted(timings)[2] < 0.05


def test_a_warm_load_needs_neither_the_dsl_nor_the_spec_parser(root: Path, cache: Path) -> None:
    """Listing from a warm index must stay cheap: no recipe, no directives, no parser."""
    open_repo(root, cache)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from rpm_spec.repo import RepoPath\n"
        f"repos = RepoPath.from_paths([Path({str(root)!r})], cache_dir=Path({str(cache)!r}))\n"
        "print(len(repos.all_names()), repos.virtuals(), repos.get('beta').name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('rpm_spec.spec', "
        "'rpm_spec.repo.directives', 'rpm_spec.repo.package', 'rpm_spec_repos'))))\n"
    )
    lib = Path(__file__).resolve().parents[2] / "lib"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(lib)},
    )
    assert done.stdout.splitlines() == ["2 [] beta", "[]"]
