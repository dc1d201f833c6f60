"""Candidate targets ranked in Python; the facts that let the logic program choose."""

from __future__ import annotations

import pytest
from setup_fakes import named, problem

from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.inputs import PackagePreferences, Preferences
from rpm_spec.solver.setup.targets import declare_targets, rank_targets


def test_the_host_target_first_then_its_ancestors() -> None:
    candidates = rank_targets(problem("zlib"))
    assert candidates.ranked[0] == "zen3"
    assert "x86_64_v3" in candidates.ranked
    assert candidates.family == "x86_64"
    assert candidates.oses == {"debian12": 0}
    assert candidates.platforms == ("linux",)


def test_a_requested_target_comes_before_the_preference() -> None:
    preferences = Preferences({"all": PackagePreferences(targets=("x86_64_v2",))})
    assert rank_targets(problem("zlib", preferences=preferences)).ranked[0] == "x86_64_v2"
    assert rank_targets(problem("zlib target=zen2", preferences=preferences)).ranked[0] == "zen2"


def test_a_range_names_the_newest_the_host_runs() -> None:
    assert rank_targets(problem("zlib target=zen:")).ranked[0] == "zen3"


def test_an_unknown_target_is_an_input_error() -> None:
    with pytest.raises(SolverInputError, match="selects no known target"):
        rank_targets(problem("zlib target=zen3:zen"))


def test_facts_give_weights_ancestry_and_satisfaction() -> None:
    facts = FactBuilder()
    candidates = rank_targets(problem("zlib"))
    declare_targets(facts, candidates, ["x86_64_v3:"])
    assert ("zen3", 0) in named(facts, "target_weight")
    assert ("x86_64_v3",) in named(facts, "target_generic")
    assert ("x86_64_v3", "zen3") in named(facts, "target_runs_on")
    assert ("zen3", "x86_64_v3") not in named(facts, "target_runs_on")
    assert ("x86_64_v3:", "zen3") in named(facts, "target_satisfies")
    assert named(facts, "os") == [("debian12", 0)]
    assert named(facts, "platform") == [("linux",)]
