"""Target constraints as sets of archspec microarchitectures, and their spelling."""

from __future__ import annotations

import pytest

from rpm_spec.spec.target_range import (
    target_intersection,
    target_intersects,
    target_satisfies,
    target_syntax_error,
)


@pytest.mark.parametrize(
    "text", ["zen3", "zen2:", ":zen4", "x86_64_v3:zen4", "zen2,zen3", ":", "armv8.1a"]
)
def test_valid_spellings(text: str) -> None:
    assert target_syntax_error(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [("zen3::", "not a target name"), ("a:b:c", "not a target name"), ("zen2,", "empty item")],
)
def test_invalid_spellings(text: str, reason: str) -> None:
    error = target_syntax_error(text)
    assert error is not None and reason in error


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        ("zen3", "zen3", True),
        ("zen3", "x86_64:", True),
        ("zen3", "zen2:", True),
        ("zen2", "zen3:", False),
        ("zen3", ":zen4", True),
        ("zen4", ":zen3", False),
        ("zen3:zen4", "zen2:", True),
        ("zen2:", "zen3:", False),
        ("zen3,zen4", "zen2:", True),
        ("neoverse_v2", "aarch64:", True),
        ("neoverse_v2", "x86_64:", False),
        ("zen3", ":", True),
        ("mystery", "mystery", True),
        ("mystery", "x86_64:", False),
        ("zen3", "mystery", False),
    ],
)
def test_satisfies(mine: str, theirs: str, expected: bool) -> None:
    assert target_satisfies(mine, theirs) is expected


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        ("zen2:", ":zen4", "zen2,zen3,zen4"),
        ("x86_64:", "zen3", "zen3"),
        ("zen3", "x86_64:", "zen3"),
        ("zen3", "skylake", None),
        ("zen2:zen3", "skylake:", None),
        ("zen4:zen2", "x86_64:", None),
        ("mystery", "mystery", "mystery"),
        ("mystery", "zen3", None),
    ],
)
def test_intersection(mine: str, theirs: str, expected: str | None) -> None:
    assert target_intersection(mine, theirs) == expected
    assert target_intersects(mine, theirs) is (expected is not None)
