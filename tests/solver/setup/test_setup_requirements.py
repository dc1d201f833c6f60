"""conflicts, requires, and packages.yaml require/prefer/conflict: conditions and sentences."""

from __future__ import annotations

import pytest
from setup_fakes import encoder, named, recipe

from rpm_spec.repo.metadata import ConflictDecl, RequiresDecl, VariantDecl
from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.inputs import PackagePreferences, RuleEntry
from rpm_spec.solver.setup.requirements import (
    config_conflicts,
    config_preferences,
    config_requirements,
    recipe_conflicts,
    recipe_requirements,
    virtual_requirements,
)

RECIPE = recipe(
    "demo",
    conflicts=[ConflictDecl("%intel", when="@2:", msg="no intel", line=4)],
    requires=[RequiresDecl(("%gcc", "%clang"), line=5)],
    variants=[VariantDecl("shared", ("True",), ("True", "False"), boolean=True)],
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


def test_a_package_own_require_replaces_the_one_of_all() -> None:
    enc = encoder()
    everyone = PackagePreferences(require=(RuleEntry(("%gcc",), origin="packages.yaml:3"),))
    own = PackagePreferences(
        require=(RuleEntry(("@1.0",), message="pinned", origin="packages.yaml:7"),)
    )
    sentences = config_requirements(enc.facts, enc, RECIPE, own, everyone)
    assert list(sentences.values()) == ["packages:demo:require (packages.yaml:7): pinned"]


def test_require_of_all_names_its_own_section() -> None:
    enc = encoder()
    everyone = PackagePreferences(require=(RuleEntry(("%gcc",), origin="packages.yaml:3"),))
    sentences = config_requirements(enc.facts, enc, RECIPE, PackagePreferences(), everyone)
    assert list(sentences.values()) == ["packages:all:require (applied to demo) (packages.yaml:3)"]


def test_require_of_all_skips_what_names_an_undefined_variant() -> None:
    enc = encoder()
    everyone = PackagePreferences(
        require=(
            RuleEntry(("+shared",), origin="a:1"),  # kept: demo defines shared
            RuleEntry(("+cuda",), origin="a:2"),  # dropped: no cuda variant
            RuleEntry(("+shared +cuda",), origin="a:3"),  # one string: both or nothing
            RuleEntry(("+cuda", "+shared"), "any_of", origin="a:4"),  # member by member
        )
    )
    sentences = config_requirements(enc.facts, enc, RECIPE, PackagePreferences(), everyone)
    assert [s.rsplit("(", 1)[1] for s in sentences.values()] == ["a:1)", "a:4)"]
    groups = named(enc.facts, "requirement_group")
    last = groups[-1][0]
    assert len([m for m in named(enc.facts, "requirement_member") if m[0] == last]) == 1


def test_members_are_indexed_in_order() -> None:
    enc = encoder()
    recipe_requirements(enc.facts, enc, RECIPE)
    assert [m[2] for m in named(enc.facts, "requirement_member")] == [0, 1]


def test_a_compiler_member_has_an_uncompiled_twin_for_externals() -> None:
    enc = encoder()
    everyone = PackagePreferences(require=(RuleEntry(("%gcc",), origin="a:1"),))
    config_requirements(enc.facts, enc, RECIPE, PackagePreferences(), everyone)
    ((member, _index),) = [m[1:] for m in named(enc.facts, "requirement_member")]
    ((of, package, twin),) = named(enc.facts, "requirement_member_uncompiled")
    assert (of, package) == (member, "demo")
    required = [args[1:] for args in named(enc.facts, "condition_req") if args[0] == twin]
    assert required == [("node", "demo")]


def test_a_virtual_requirement_names_providers() -> None:
    enc = encoder()
    own = PackagePreferences(require=(RuleEntry(("mpich %gcc",), origin="packages.yaml:2"),))
    sentences = virtual_requirements(enc.facts, enc, "mpi", own)
    ((group, virtual, policy),) = named(enc.facts, "requirement_group")
    assert (virtual, policy) == ("mpi", "one_of")
    ((_, member, _),) = named(enc.facts, "requirement_member")
    required = [args[1:] for args in named(enc.facts, "condition_req") if args[0] == member]
    assert ("provider", "mpi", "mpich") in required
    assert ("node_compiler", "mpich", "gcc") in required
    assert sentences[group] == "packages:mpi:require (packages.yaml:2)"


def test_a_virtual_requirement_without_a_provider_name_is_an_error() -> None:
    enc = encoder()
    own = PackagePreferences(require=(RuleEntry(("@3:",), origin="packages.yaml:2"),))
    with pytest.raises(SolverInputError, match="must name its provider"):
        virtual_requirements(enc.facts, enc, "mpi", own)


def test_config_prefer_is_one_soft_group_per_spec() -> None:
    enc = encoder()
    own = PackagePreferences(prefer=(RuleEntry(("+shared", "@2:"), when="%gcc"),))
    config_preferences(enc.facts, enc, RECIPE, own, PackagePreferences())
    assert len(named(enc.facts, "preference")) == 2
    assert len(named(enc.facts, "preference_when")) == 2
    assert named(enc.facts, "requirement_group") == []


def test_config_conflict_names_its_spec_and_message() -> None:
    enc = encoder()
    own = PackagePreferences(
        conflict=(RuleEntry(("+mpi",), message="no MPI here", origin="packages.yaml:9"),)
    )
    sentences = config_conflicts(enc.facts, enc, RECIPE, own, PackagePreferences())
    assert list(sentences.values()) == [
        "packages:demo:conflict '+mpi' (packages.yaml:9): no MPI here"
    ]


def test_a_package_own_prefer_and_conflict_replace_those_of_all() -> None:
    enc = encoder()
    everyone = PackagePreferences(
        prefer=(RuleEntry(("%clang",)),), conflict=(RuleEntry(("%intel",), origin="a:1"),)
    )
    own = PackagePreferences(prefer=(RuleEntry(("@1.0",)),), conflict=(RuleEntry(("+shared",)),))
    config_preferences(enc.facts, enc, RECIPE, own, everyone)
    sentences = config_conflicts(enc.facts, enc, RECIPE, own, everyone)
    assert len(named(enc.facts, "preference")) == 1
    assert [s.split(" (")[0] for s in sentences.values()] == ["packages:demo:conflict '+shared'"]


def test_a_virtual_requirement_when_must_name_a_package() -> None:
    enc = encoder()
    own = PackagePreferences(
        require=(RuleEntry(("mpich",), when="+foo", origin="packages.yaml:4"),)
    )
    with pytest.raises(SolverInputError, match="must name a package"):
        virtual_requirements(enc.facts, enc, "mpi", own)


def test_a_virtual_requirement_when_naming_a_package_requires_it() -> None:
    enc = encoder()
    own = PackagePreferences(require=(RuleEntry(("mpich",), when="hdf5+mpi", origin="a:1"),))
    virtual_requirements(enc.facts, enc, "mpi", own)
    ((_, when),) = named(enc.facts, "requirement_when")
    required = [args[1:] for args in named(enc.facts, "condition_req") if args[0] == when]
    assert ("virtual_node", "mpi") in required
    assert ("node", "hdf5") in required
    assert ("variant_value", "hdf5", "mpi", "true") in required
