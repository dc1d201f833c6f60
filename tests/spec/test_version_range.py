"""VersionRange: inclusive bounds, prefix semantics on the upper bound, emptiness."""

from __future__ import annotations

import pytest

from rpm_spec.spec.errors import InvalidVersionError
from rpm_spec.spec.version import Version
from rpm_spec.spec.version_range import VersionRange


def _range(lo: str | None, hi: str | None) -> VersionRange:
    return VersionRange(None if lo is None else Version(lo), None if hi is None else Version(hi))


@pytest.mark.parametrize(
    ("lo", "hi", "inside", "outside"),
    [
        (
            "1.2",
            "1.4",
            ["1.2", "1.2.0", "1.3.9", "1.4", "1.4.7", "1.4rc1", "1.4.develop"],
            ["1.1.9", "1.2rc1", "1.5", "1.5rc1", "2", "develop"],
        ),
        ("1.2", "1.2", ["1.2", "1.2.1", "1.2.99.1", "1-2-3", "1.2a"], ["1.3", "1.20", "1.2rc1"]),
        ("1.2", None, ["1.2", "99", "develop", "main"], ["1.1", "1.2rc1"]),
        (None, "1.4", ["0.1", "1.4.9", "1.0rc1"], ["1.5", "develop"]),
        (None, None, ["0", "1.2", "develop"], []),
        ("1.4.5", "1.4", ["1.4.5", "1.4.9"], ["1.4", "1.4.4", "1.5"]),
        ("1.0rc1", "1.0", ["1.0rc1", "1.0rc2", "1.0", "1.0.3"], ["1.0alpha", "0.9", "1.1"]),
    ],
)
def test_contains(lo: str | None, hi: str | None, inside: list[str], outside: list[str]) -> None:
    version_range = _range(lo, hi)
    for text in inside:
        assert version_range.contains(Version(text)), text
    for text in outside:
        assert not version_range.contains(Version(text)), text


@pytest.mark.parametrize(
    ("lo", "hi", "text"),
    [
        ("1.2", "1.4", "1.2:1.4"),
        ("1.2", "1.2", "1.2"),
        ("1.2", "1-2", "1.2"),
        ("1.2", None, "1.2:"),
        (None, "1.4", ":1.4"),
        (None, None, ":"),
    ],
)
def test_str(lo: str | None, hi: str | None, text: str) -> None:
    assert str(_range(lo, hi)) == text


@pytest.mark.parametrize(("lo", "hi"), [("1.5", "1.4"), ("2", "1.9.9"), ("1.3", "1.2rc1")])
def test_empty_range_is_rejected(lo: str, hi: str) -> None:
    with pytest.raises(InvalidVersionError) as raised:
        _range(lo, hi)
    assert raised.value.text == f"{lo}:{hi}"
    assert str(raised.value) == (
        f"invalid version '{lo}:{hi}': the range is empty: "
        f"{lo} is newer than {hi} and every {hi}.x"
    )


def test_equality_and_hash_follow_the_bounds() -> None:
    assert _range("1.2", "1.4") == _range("1-2", "1_4")
    assert hash(_range("1.2", "1.4")) == hash(_range("1-2", "1_4"))
    assert _range("1.2", "1.4") != _range("1.2", "1.5")
    assert _range("1.2", None) != _range(None, "1.2")
    assert VersionRange.prefix(Version("1.2")) == _range("1.2", "1.2")
