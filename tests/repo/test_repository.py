"""Repository and RepoPath: namespaces, precedence, virtuals, the dependency closure."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from repo_helpers import MakeRepo, recipe, write_repo

from rpm_spec.config import Configuration
from rpm_spec.repo import RecipeError, RepoError, RepoPath, Repository, UnknownPackageError
from rpm_spec.repo.package import PackageBase

if TYPE_CHECKING:
    from pathlib import Path

SHA = "f" * 64


def simple(class_name: str, extra: str = "", doc: str = "") -> str:
    return recipe(class_name, f'version("1.0", sha256="{SHA}")\n{extra}', doc=doc)


RECIPES = {
    "app": simple("App", 'depends_on("mpi", when="+mpi")\nvariant("mpi", default=False)'),
    "mpich": simple("Mpich", 'provides("mpi@:4")'),
    "openmpi": simple("Openmpi", 'provides("mpi")\ndepends_on("hwloc", type="link")'),
    "hwloc": simple("Hwloc"),
    "tool": simple(
        "Tool", 'depends_on("not-in-any-repo", when="+x")\nvariant("x", default=False)'
    ),
    "lonely": simple("Lonely"),
}


@pytest.fixture
def repos(make_repo: MakeRepo, tmp_path: Path) -> RepoPath:
    return RepoPath.from_paths([make_repo("main", RECIPES)], cache_dir=tmp_path / "cache")


def test_names_virtuals_and_providers(repos: RepoPath) -> None:
    assert repos.all_names() == sorted(RECIPES)
    assert repos.virtuals() == ["mpi"]
    assert repos.is_virtual("mpi") and not repos.is_virtual("mpich")
    assert repos.providers_for("mpi") == ["mpich", "openmpi"]
    assert repos.providers_for("blas") == []
    assert repos.exists("app") and not repos.exists("mpi")


def test_get_by_plain_or_qualified_name(repos: RepoPath) -> None:
    assert repos.get("app").fullname == "main.app"
    assert repos.get("main.app") == repos.get("app")


def test_unknown_names_suggest_close_ones(repos: RepoPath) -> None:
    with pytest.raises(UnknownPackageError) as caught:
        repos.get("hwlok")
    assert str(caught.value) == "unknown package 'hwlok'"
    assert caught.value.hint == "did you mean hwloc?"
    with pytest.raises(UnknownPackageError, match=r"'other\.app'") as qualified:
        repos.get("other.app")
    assert qualified.value.hint is not None and "known: main" in qualified.value.hint
    with pytest.raises(UnknownPackageError) as virtual:
        repos.get("mpi")
    assert virtual.value.hint == "'mpi' is a virtual package; it is provided by mpich, openmpi"


def test_possible_dependencies_follow_conditions_and_virtuals(repos: RepoPath) -> None:
    assert repos.possible_dependencies(["app"]) == {"app", "mpich", "openmpi", "hwloc"}
    assert repos.possible_dependencies(["mpi"]) == {"mpich", "openmpi", "hwloc"}
    assert repos.possible_dependencies(["lonely"]) == {"lonely"}
    # An unknown dependency of a recipe is left to the solver; an unknown request is an error.
    assert repos.possible_dependencies(["tool"]) == {"tool"}
    with pytest.raises(UnknownPackageError):
        repos.possible_dependencies(["nothing"])


def test_get_class_imports_the_recipe(repos: RepoPath) -> None:
    cls = repos.get_class("openmpi")
    assert issubclass(cls, PackageBase)
    assert cls.__name__ == "Openmpi"
    assert repos.get_class("main.openmpi") is cls


def test_first_repository_wins(make_repo: MakeRepo, tmp_path: Path) -> None:
    high = make_repo("high", {"hwloc": simple("Hwloc", doc="Overlay hwloc.")})
    low = make_repo("low", {"hwloc": simple("Hwloc"), "zlib": simple("Zlib")})
    repos = RepoPath.from_paths([high, low], cache_dir=tmp_path / "cache")
    assert repos.all_names() == ["hwloc", "zlib"]
    assert repos.get("hwloc").namespace == "high"
    assert repos.get("hwloc").description == "Overlay hwloc."
    assert repos.get("low.hwloc").namespace == "low"
    assert repos.get("zlib").namespace == "low"


def test_duplicate_namespaces_are_an_error(tmp_path: Path) -> None:
    first = write_repo(tmp_path / "a", "same", {})
    second = write_repo(tmp_path / "b", "same", {})
    with pytest.raises(RepoError, match="namespace 'same' is used by more than one"):
        RepoPath.from_paths([first, second], cache_dir=None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "has no repo.yaml"),
        ("repo: [1, 2]\n", "expected 'repo:' with a 'namespace:' key"),
        ("repo:\n  namespace: Bad-Name\n", "repo.yaml:2: namespace must be"),
        ("repo: {namespace: x\n", "repo.yaml"),
    ],
)
def test_bad_repo_yaml(tmp_path: Path, content: str | None, message: str) -> None:
    root = tmp_path / "r"
    root.mkdir()
    if content is not None:
        (root / "repo.yaml").write_text(content)
    with pytest.raises(RepoError, match=message):
        Repository(root)


def test_missing_repository_directory(tmp_path: Path) -> None:
    with pytest.raises(RepoError, match="does not exist"):
        Repository(tmp_path / "nowhere")


def test_broken_recipes_are_listed_but_fail_on_get(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo("brk", {"ok": simple("Ok"), "bad": simple("Bad", "raise ValueError('no')")})
    repos = RepoPath.from_paths([root], cache_dir=tmp_path / "cache")
    assert repos.all_names() == ["bad", "ok"]
    assert list(repos.errors()) == ["bad"]
    assert [m.name for m in repos.all_metadata()] == ["ok"]
    with pytest.raises(RecipeError, match=r"package\.py:8: ValueError: no"):
        repos.get("bad")


def test_from_config_expands_placeholders(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo("cfg", {"lonely": simple("Lonely")})
    config = Configuration.for_tests({"repos": ["$tempdir/../" + str(root), str(root) + "/../x"]})
    with pytest.raises(RepoError):  # the second entry does not exist
        RepoPath.from_config(config, cache_dir=None)
    config = Configuration.for_tests({"repos::": [str(root)]})
    repos = RepoPath.from_config(config, cache_dir=None)
    assert [repo.namespace for repo in repos.repos] == ["cfg"]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("from rpm_spec.repo.api import *\n\nclass Zlib(Package:\n    pass\n", "syntax error"),
        ("import no_such_module_anywhere\n", "ModuleNotFoundError"),
    ],
)
def test_a_broken_override_is_an_error_never_the_shadowed_recipe(
    make_repo: MakeRepo, tmp_path: Path, broken: str, message: str
) -> None:
    user = make_repo("user", {})
    (user / "packages" / "zlib").mkdir(parents=True)
    (user / "packages" / "zlib" / "package.py").write_text(broken)
    builtin = make_repo(
        "base",
        {
            "zlib": simple("Zlib", 'provides("zlib-api")'),
            "zlib-ng": simple("ZlibNg", 'provides("zlib-api")'),
            "png": simple("Png", 'depends_on("zlib-api")'),
            "tar": simple("Tar", 'depends_on("zlib")'),
        },
    )
    repos = RepoPath.from_paths([user, builtin], cache_dir=tmp_path / "cache")
    where = str(user / "packages" / "zlib" / "package.py")
    with pytest.raises(RecipeError, match=message) as direct:
        repos.get("zlib")
    assert str(direct.value).startswith(where)
    assert direct.value.hint is not None and "overrides base.zlib" in direct.value.hint
    # Still a provider of what the recipe it shadows provides: reaching it is an error,
    # not a silent switch to zlib-ng.
    assert repos.providers_for("zlib-api") == ["zlib", "zlib-ng"]
    for request in ("png", "tar"):
        with pytest.raises(RecipeError, match=message) as caught:
            repos.possible_dependencies([request])
        assert str(caught.value).startswith(where)
