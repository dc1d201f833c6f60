"""Version preferences, declared versions, extra versions and precomputed satisfaction."""

from __future__ import annotations

from setup_fakes import named, recipe

from rpm_spec.repo.metadata import VersionDecl
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.setup.versions import (
    collect_extra,
    declare_versions,
    exact_versions,
    version_preferences,
    version_satisfaction,
)
from rpm_spec.spec import parse_spec

ZLIB = recipe(
    "zlib",
    [
        "1.2",
        "1.3",
        VersionDecl("1.1", preferred=True),
        VersionDecl("1.4", deprecated=True),
        VersionDecl("develop", branch="develop"),
    ],
)


def test_preferred_then_newest_then_branches_then_deprecated() -> None:
    order = [v for v, _, _ in version_preferences(ZLIB, ())]
    assert order == ["1.1", "1.3", "1.2", "develop", "1.4"]


def test_packages_yaml_versions_come_first() -> None:
    order = [v for v, _, _ in version_preferences(ZLIB, ("1.2",))]
    assert order[0] == "1.2"


def test_declared_versions_carry_weight_and_deprecation() -> None:
    facts = FactBuilder()
    declare_versions(facts, ZLIB, ())
    assert named(facts, "version_declared")[0] == ("zlib", "1.1", 0)
    assert named(facts, "version_deprecated") == [("zlib", "1.4")]


def test_exact_versions_of_a_spec() -> None:
    assert exact_versions(parse_spec("zlib@=1.2.13")) == ["1.2.13"]
    assert exact_versions(parse_spec("zlib@1.2:")) == []


def test_extra_versions_keep_the_order_packages_were_first_named() -> None:
    extra = collect_extra([("b", "1"), ("a", "2")], [("b", "3")])
    assert list(extra) == ["b", "a"]
    assert extra["b"] == {"1", "3"}


def test_extra_versions_come_last_and_satisfaction_covers_them() -> None:
    facts = FactBuilder()
    zlib = recipe("zlib", ["1.2", "1.3", "1.4"])
    version_satisfaction(facts, {"zlib": zlib}, {"zlib": {"1.5", "1.3"}}, {"zlib": {"1.3:"}})
    assert named(facts, "version_declared") == [("zlib", "1.5", 103)]
    satisfied = {args[2] for args in named(facts, "version_satisfies")}
    assert satisfied == {"1.3", "1.4", "1.5"}
