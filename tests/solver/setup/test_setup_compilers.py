"""Compiler ranking, per-package orders, assumed compilers, precomputed satisfaction."""

from __future__ import annotations

from dataclasses import replace

from setup_fakes import HOST, named, problem

from rpm_spec.platform import HostInfo
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.inputs import CompilerEntry, PackagePreferences, Preferences
from rpm_spec.solver.setup.compilers import declare_compilers
from rpm_spec.solver.setup.targets import rank_targets

GCC12 = CompilerEntry("gcc", "12.2.0", "debian12", "x86_64")
GCC13 = CompilerEntry("gcc", "13.1.0", "debian12", "x86_64")
CLANG = CompilerEntry("clang", "17.0.0", "debian12", "x86_64")
ZEN3 = rank_targets(problem("zlib"))


def test_ranked_by_name_then_newest_and_packages_yaml_first() -> None:
    facts = FactBuilder()
    preferences = Preferences({"all": PackagePreferences(compilers=("gcc",))})
    found = declare_compilers(facts, (GCC12, CLANG, GCC13), preferences, ["zlib"], ZEN3, {})
    ranked = [
        found.by_id[cid] for cid, _ in sorted(named(facts, "compiler_weight"), key=lambda a: a[1])
    ]
    assert ranked == [GCC13, GCC12, CLANG]
    assert found.notes == []


def test_a_package_order_overrides_the_global_one_for_that_package() -> None:
    facts = FactBuilder()
    preferences = Preferences({"zlib": PackagePreferences(compilers=("clang",))})
    found = declare_compilers(facts, (GCC12, CLANG), preferences, ["zlib", "cmake"], ZEN3, {})
    weights = {found.by_id[cid].name: w for _, cid, w in named(facts, "package_compiler_weight")}
    assert weights["clang"] < weights["gcc"]
    assert {args[0] for args in named(facts, "package_compiler_weight")} == {"zlib"}


def test_another_family_assumes_the_host_compilers_and_says_so() -> None:
    facts = FactBuilder()
    grace = rank_targets(
        problem("zlib", host=HostInfo(platform="linux", os="debian12", target="neoverse_v2"))
    )
    found = declare_compilers(facts, (GCC12,), Preferences(), [], grace, {})
    (assumed,) = found.by_id.values()
    assert assumed.assumed and assumed.family == "aarch64"
    assert found.notes == [
        "no compiler is configured for aarch64; assuming gcc@12.2.0 exist there"
    ]


def test_an_assumed_compiler_keeps_its_flags() -> None:
    grace = rank_targets(
        problem("zlib", host=HostInfo(platform="linux", os="debian12", target="neoverse_v2"))
    )
    flagged = replace(GCC12, flags=(("cflags", "-O2 -g"),))
    (assumed,) = declare_compilers(
        FactBuilder(), (flagged,), Preferences(), [], grace, {}
    ).by_id.values()
    assert assumed.assumed and assumed.flags == (("cflags", "-O2 -g"),)


def test_satisfaction_and_target_support_are_precomputed() -> None:
    facts = FactBuilder()
    found = declare_compilers(facts, (GCC12,), Preferences(), [], ZEN3, {"gcc": {"12:", "13:"}})
    (cid,) = found.by_id
    assert named(facts, "compiler_satisfies") == [(cid, "gcc", "12:")]
    assert (cid, HOST.target) in named(facts, "compiler_supports_target")
