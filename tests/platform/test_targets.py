"""The archspec view: families, ancestry, compatibility, generic targets, ranges."""

from __future__ import annotations

import pickle

import pytest

from rpm_spec.platform import (
    TargetRangeError,
    UnknownTargetError,
    ancestors,
    can_run_on,
    family,
    generic_target,
    get_target,
    is_known,
    known_targets,
    targets_in_range,
)


def test_known_targets_by_family() -> None:
    families = known_targets()
    for name in ("x86_64", "aarch64", "ppc64le", "riscv64"):
        assert name in families
        assert families[name][0] == name  # the family root is its most generic target
    assert "zen3" in families["x86_64"]
    assert "neoverse_v2" in families["aarch64"]
    assert "zen3" not in families["aarch64"]


def test_known_targets_list_ancestors_first() -> None:
    for names in known_targets().values():
        position = {name: index for index, name in enumerate(names)}
        for name in names:
            assert all(position[a] < position[name] for a in ancestors(name))


def test_known_targets_is_a_fresh_copy() -> None:
    known_targets()["x86_64"].clear()
    assert "zen3" in known_targets()["x86_64"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zen3", "x86_64"),
        ("skylake", "x86_64"),
        ("neoverse_v2", "aarch64"),
        ("power9le", "ppc64le"),
    ],
)
def test_family(name: str, expected: str) -> None:
    assert family(name) == expected


def test_is_known() -> None:
    assert is_known("zen3")
    assert not is_known("zen33")
    assert not is_known("")


def test_ancestors_nearest_first() -> None:
    found = ancestors("zen3")
    assert found[0] == "zen2"
    assert found[-1] == "x86_64"
    assert {"zen", "x86_64_v3", "x86_64_v2"} <= set(found)
    assert "zen3" not in found
    depths = [get_target(name).depth for name in found]
    assert depths == sorted(depths, reverse=True)


def test_target_value() -> None:
    target = get_target("zen3")
    assert (target.name, target.family, target.generic) == ("zen3", "x86_64", "x86_64_v3")
    assert not target.is_generic
    assert get_target("x86_64_v3").is_generic
    assert target == get_target("zen3")
    assert hash(target) == hash(get_target("zen3"))


@pytest.mark.parametrize(
    ("binary", "host", "runs"),
    [
        ("zen3", "zen4", True),
        ("zen3", "zen3", True),
        ("zen3", "skylake", False),
        ("zen4", "zen3", False),
        ("x86_64_v3", "zen3", True),
        ("haswell", "icelake", True),
        ("icelake", "haswell", False),
        ("x86_64", "neoverse_v2", False),
        ("aarch64", "neoverse_v2", True),
    ],
)
def test_can_run_on(binary: str, host: str, runs: bool) -> None:
    assert can_run_on(binary, host) is runs


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zen3", "x86_64_v3"),
        ("skylake", "x86_64_v3"),
        ("zen4", "x86_64_v4"),
        ("x86_64_v2", "x86_64_v2"),
        ("power9le", "ppc64le"),
    ],
)
def test_generic_target(name: str, expected: str) -> None:
    assert generic_target(name) == expected
    assert can_run_on(generic_target(name), name)


def test_range_between_two_targets() -> None:
    assert targets_in_range("x86_64_v3:zen4") == [
        "x86_64_v3",
        "x86_64_v4",
        "zen",
        "zen2",
        "zen3",
        "zen4",
    ]


def test_open_upper_range_is_the_target_and_its_descendants() -> None:
    chosen = targets_in_range("zen2:")
    assert chosen[0] == "zen2"
    assert {"zen3", "zen4"} <= set(chosen)
    assert not {"zen", "skylake", "x86_64_v3"} & set(chosen)


def test_open_lower_range_is_the_target_and_its_ancestors() -> None:
    assert set(targets_in_range(":zen4")) == {"zen4", *ancestors("zen4")}
    assert targets_in_range(":zen4")[-1] == "zen4"


def test_family_range_is_the_whole_family() -> None:
    assert targets_in_range("x86_64:") == known_targets()["x86_64"]


@pytest.mark.parametrize("text", ["zen4:zen2", "x86_64:neoverse_v2", "skylake:zen3"])
def test_empty_ranges(text: str) -> None:
    assert targets_in_range(text) == []


def test_bare_name_selects_itself() -> None:
    assert targets_in_range("zen3") == ["zen3"]
    assert targets_in_range(" zen3:zen3 ") == ["zen3"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("zen2:zen3:zen4", "more than one"), (":", "no bound"), ("zen33:", "unknown target 'zen33'")],
)
def test_malformed_ranges(text: str, reason: str) -> None:
    with pytest.raises(TargetRangeError) as caught:
        targets_in_range(text)
    assert reason in str(caught.value)
    assert caught.value.exit_code == 2


def test_range_with_a_typo_suggests_a_name() -> None:
    with pytest.raises(TargetRangeError) as caught:
        targets_in_range(":zen33")
    assert caught.value.hint is not None
    assert "zen3" in caught.value.hint


def test_unknown_target_suggests_close_names() -> None:
    with pytest.raises(UnknownTargetError) as caught:
        family("skylak")
    error = caught.value
    assert str(error) == "unknown target 'skylak'"
    assert error.hint is not None
    assert "skylake" in error.hint
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.hint, copy.name) == (str(error), error.hint, "skylak")


@pytest.mark.parametrize("call", [ancestors, generic_target, lambda n: can_run_on(n, "zen3")])
def test_every_lookup_rejects_unknown_names(call: object) -> None:
    with pytest.raises(UnknownTargetError):
        call("nosuchcpu")  # type: ignore[operator]
