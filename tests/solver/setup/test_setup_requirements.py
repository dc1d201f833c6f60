"""conflicts, requires, and packages.yaml require/prefer/conflict: conditions and sentences."""

from __future__ import annotations

from setup_fakes import encoder, named, recipe

from rpm_spec.repo.metadata import ConflictDecl, RequiresDecl
from rpm_spec.solver.inputs import PackagePolicy, RuleEntry
from rpm_spec.solver.setup.requirements import (
    config_conflicts,
    config_preferences,
    config_requirements,
    recipe_conflicts,
    recipe_requirements,
)

RECIPE = recipe(
    "demo",
    conflicts=[ConflictDecl("%intel", when="@2:", msg="no intel", line=4)],
    requires=[RequiresDecl(("%gcc", "%clang"), line=5)],
)


def test_a_recipe_conflict_holds_when_its_spec_and_when_hold() -> None:
    enc = encoder()
    sentences = recipe_conflicts(enc.facts, enc, RECIPE)
    ((cid, same),) = named(enc.facts, "conflict")
    assert cid == same
    required = [args[1:] for args in named(enc.facts, "condition_req") if args[0] == cid]
    assert ("node_compiler", "demo", "intel") in required
    assert ("version_satisfies", "demo", "2:") in required
    assert sentences == {
        cid: "demo: conflicts('%intel' when '@2:') (fake/demo/package.py:4): no intel"
    }


def test_a_recipe_requirement_is_a_group_of_alternatives() -> None:
    enc = encoder()
    sentences = recipe_requirements(enc.facts, enc, RECIPE)
    ((group, package, policy),) = named(enc.facts, "requirement_group")
    assert (package, policy) == ("demo", "one_of")
    assert len([a for a in named(enc.facts, "requirement_member") if a[0] == group]) == 2
    assert sentences[group] == (
        "demo: requires('%gcc', '%clang', policy='one_of') (fake/demo/package.py:5)"
    )


def test_config_require_of_all_comes_before_the_package_own() -> None:
    enc = encoder()
    everyone = PackagePolicy(require=(RuleEntry(("%gcc",), origin="packages.yaml:3"),))
    own = PackagePolicy(
        require=(RuleEntry(("@1.0",), message="pinned", origin="packages.yaml:7"),)
    )
    sentences = config_requirements(enc.facts, enc, "demo", own, everyone)
    assert list(sentences.values()) == [
        "packages:demo:require (packages.yaml:3)",
        "packages:demo:require (packages.yaml:7): pinned",
    ]


def test_config_prefer_is_one_soft_group_per_spec() -> None:
    enc = encoder()
    own = PackagePolicy(prefer=(RuleEntry(("+shared", "@2:"), when="%gcc"),))
    config_preferences(enc.facts, enc, "demo", own, PackagePolicy())
    assert len(named(enc.facts, "preference")) == 2
    assert len(named(enc.facts, "preference_when")) == 2
    assert named(enc.facts, "requirement_group") == []


def test_config_conflict_names_its_spec_and_message() -> None:
    enc = encoder()
    own = PackagePolicy(
        conflict=(RuleEntry(("+mpi",), message="no MPI here", origin="packages.yaml:9"),)
    )
    sentences = config_conflicts(enc.facts, enc, "demo", own, PackagePolicy())
    assert list(sentences.values()) == [
        "packages:demo:conflict '+mpi' (packages.yaml:9): no MPI here"
    ]
