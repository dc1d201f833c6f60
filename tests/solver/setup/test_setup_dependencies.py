"""depends_on: conditions, types, test-only dependencies, names no repository has."""

from __future__ import annotations

from setup_fakes import encoder, named, recipe

from rpm_spec.repo.metadata import DependencyDecl
from rpm_spec.solver.setup.dependencies import declare_dependencies

RECIPE = recipe(
    "app",
    depends=[
        DependencyDecl("zlib@1.2:", types=("build", "link"), when="+compression", line=7),
        DependencyDecl("checker", types=("test",)),
        DependencyDecl("ghost", line=9),
    ],
)


def test_a_dependency_is_a_condition_with_types_and_an_imposition() -> None:
    enc = encoder()
    missing = declare_dependencies(enc.facts, enc, RECIPE, unknown={"ghost"}, tests=False)
    ((cid, package, dep),) = named(enc.facts, "dependency_condition")
    assert (package, dep) == ("app", "zlib")
    assert named(enc.facts, "dependency_type") == [(cid, "build"), (cid, "link")]
    assert (cid, "version_satisfies", "zlib", "1.2:") in named(enc.facts, "imposed")
    assert str(enc.origins[cid]) == (
        "app: depends_on('zlib@1.2:', when='+compression') (fake/app/package.py:7)"
    )
    assert list(missing.values()) == [
        "app: depends_on('ghost') (fake/app/package.py:9): no repository has a recipe for ghost"
    ]
    assert named(enc.facts, "missing_dependency") == [(next(iter(missing)), "app")]


def test_test_only_dependencies_need_tests() -> None:
    enc = encoder()
    declare_dependencies(enc.facts, enc, RECIPE, unknown=set(), tests=True)
    deps = [args[2] for args in named(enc.facts, "dependency_condition")]
    assert deps == ["zlib", "checker", "ghost"]
