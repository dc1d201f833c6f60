"""Version: validation, segments, the total order, and the text helpers recipes use."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpm_spec.errors import RpmSpecError
from rpm_spec.spec.errors import InvalidVersionError, SpecError
from rpm_spec.spec.version import Version

# Each list is strictly increasing; every pair in it is checked.
ORDERED = [
    ["0.9", "1", "1.0rc1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2", "1.10", "2", "develop"],
    ["1.2.dev1", "1.2alpha", "1.2alpha2", "1.2beta", "1.2pre1", "1.2rc1", "1.2rc2", "1.2"],
    ["1.2", "1.2a", "1.2b", "1.2.0"],
    ["1.1.1", "1.1.1a", "1.1.1w", "1.1.2"],
    ["1.2.alpha", "1.2", "1.2.x", "1.2.0", "1.2.1"],
    ["999999", "stable", "trunk", "head", "master", "main", "develop"],
    ["1.2", "1.2.1", "1.2.develop", "1.3"],
    ["2.0rc1", "2.0", "2.0.0.1", "2.0.1rc1", "2.0.1"],
]

EQUAL = [
    ("1.2.3", "1-2-3"),
    ("1.2.3", "1_2+3"),
    ("1.2rc3", "1.2.rc.3"),
    ("1.0RC1", "1.0rc1"),
    ("1.07", "1.7"),
    ("Develop", "develop"),
]


@pytest.mark.parametrize("chain", ORDERED, ids=lambda chain: " < ".join(chain))
def test_order_tables(chain: list[str]) -> None:
    versions = [Version(text) for text in chain]
    for i, older in enumerate(versions):
        for newer in versions[i + 1 :]:
            assert older < newer
            assert newer > older
            assert older <= newer
            assert newer >= older
            assert older != newer
    assert sorted(reversed(versions)) == versions


@pytest.mark.parametrize(("left", "right"), EQUAL)
def test_equal_despite_spelling(left: str, right: str) -> None:
    a, b = Version(left), Version(right)
    assert a == b
    assert hash(a) == hash(b)
    assert str(a) == left
    assert str(b) == right
    assert not a < b
    assert not a > b


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("1.14.5", (1, 14, 5)),
        ("1.2rc3", (1, 2, "rc", 3)),
        ("2.0-beta_1", (2, 0, "beta", 1)),
        ("develop", ("develop",)),
        ("1.1.1w", (1, 1, 1, "w")),
        ("3.0+cuda12", (3, 0, "cuda", 12)),
    ],
)
def test_segments(text: str, segments: tuple[int | str, ...]) -> None:
    assert Version(text).segments == segments


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "a version cannot be empty"),
        ("1.2 ", "' ' is not allowed; use letters, digits and . - _ +"),
        ("1.2:1.4", "':' is not allowed; use letters, digits and . - _ +"),
        ("1.2@", "'@' is not allowed; use letters, digits and . - _ +"),
        ("=1.2", "'=' is not allowed; use letters, digits and . - _ +"),
        (".1.2", "a version must start and end with a letter or digit"),
        ("1.2-", "a version must start and end with a letter or digit"),
        ("é", "'é' is not allowed; use letters, digits and . - _ +"),
    ],
)
def test_invalid_versions(text: str, reason: str) -> None:
    with pytest.raises(InvalidVersionError) as raised:
        Version(text)
    assert raised.value.text == text
    assert raised.value.reason == reason
    assert str(raised.value) == f"invalid version '{text}': {reason}"
    assert isinstance(raised.value, SpecError)
    assert isinstance(raised.value, RpmSpecError)
    assert raised.value.exit_code == 2


def test_error_pickles() -> None:
    error = InvalidVersionError("1.2@", "bad", context="foo@1.2@")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) == "invalid version '1.2@' in 'foo@1.2@': bad"
    assert copy.text == "1.2@"
    assert copy.context == "foo@1.2@"


@pytest.mark.parametrize(
    ("prefix", "version", "expected"),
    [
        ("1.2", "1.2", True),
        ("1.2", "1.2.7", True),
        ("1.2", "1.2rc1", True),
        ("1.2", "1-2-7", True),
        ("1.2", "1.20", False),
        ("1.2", "1.3", False),
        ("1.2.7", "1.2", False),
        ("1", "10", False),
        ("develop", "develop.1", True),
    ],
)
def test_is_prefix_of(prefix: str, version: str, expected: bool) -> None:
    assert Version(prefix).is_prefix_of(Version(version)) is expected


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("1.14.5", 1, "1"),
        ("1.14.5", 2, "1.14"),
        ("1.14.5", 3, "1.14.5"),
        ("1.14.5", 9, "1.14.5"),
        ("1.2rc3", 3, "1.2rc"),
        ("2_0-1", 2, "2_0"),
    ],
)
def test_up_to(text: str, count: int, expected: str) -> None:
    assert str(Version(text).up_to(count)) == expected


def test_up_to_needs_a_positive_count() -> None:
    with pytest.raises(ValueError, match="positive"):
        Version("1.2").up_to(0)


def test_separator_variants() -> None:
    version = Version("1_82-0+1rc2")
    assert str(version.dotted) == "1.82.0.1rc2"
    assert str(version.underscored) == "1_82_0_1rc2"
    assert str(version.dashed) == "1-82-0-1rc2"
    assert str(version.joined) == "18201rc2"


def test_repr_str_and_value_behaviour() -> None:
    version = Version("1.14.5")
    assert repr(version) == "Version('1.14.5')"
    assert str(version) == "1.14.5"
    assert pickle.loads(pickle.dumps(version)) == version
    assert pickle.loads(pickle.dumps(version)).segments == (1, 14, 5)
    assert len({Version("1.2"), Version("1-2"), Version("1.3")}) == 2
    assert version != "1.14.5"
    with pytest.raises(TypeError):
        assert version < "1.15"  # type: ignore[operator]
    with pytest.raises(AttributeError):
        version.text = "2"  # type: ignore[misc]


SEGMENTS = st.one_of(
    st.integers(min_value=0, max_value=12).map(str),
    st.sampled_from(["rc", "dev", "alpha", "a", "x", "develop", "main", "stable", "RC"]),
)
VERSIONS = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts[:-1], seps, strict=False)) + parts[-1],
    st.lists(SEGMENTS, min_size=1, max_size=5),
    st.lists(st.sampled_from([".", "-", "_", "+"]), min_size=4, max_size=4),
).map(Version)


@settings(max_examples=200, deadline=None)
@given(VERSIONS, VERSIONS, VERSIONS)
def test_order_is_total_and_consistent(a: Version, b: Version, c: Version) -> None:
    assert sum([a < b, a == b, a > b]) == 1
    assert (a <= b) == (a < b or a == b)
    if a <= b and b <= c:
        assert a <= c
    if a == b:
        assert hash(a) == hash(b)
        assert a.is_prefix_of(b)
    assert a == Version(str(a))


@settings(max_examples=200, deadline=None)
@given(VERSIONS, VERSIONS)
def test_prefix_ceiling_matches_definition(hi: Version, v: Version) -> None:
    assert (v <= hi or hi.is_prefix_of(v)) == (v.key < hi.ceiling_key)
