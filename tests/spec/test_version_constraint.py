"""VersionConstraint: parsing, canonical text, and the set algebra (tables and properties)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpm_spec.spec.errors import InvalidVersionError
from rpm_spec.spec.version import Version, VersionKey
from rpm_spec.spec.version_constraint import (
    VersionConstraint,
    VersionItem,
    parse_version_constraint,
)
from rpm_spec.spec.version_range import VersionRange

parse = parse_version_constraint


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1.2", "1.2"),
        ("=1.2", "=1.2"),
        ("= 1.2", "=1.2"),
        ("1.2:1.4", "1.2:1.4"),
        (" 1.2 : 1.4 ", "1.2:1.4"),
        ("1.2:", "1.2:"),
        (":1.4", ":1.4"),
        (":", ":"),
        ("1.2:1.4,2.0,=3.1", "1.2:1.4,2.0,=3.1"),
        ("1.2:1.4, 2.0", "1.2:1.4,2.0"),
        ("2.0,1.2:1.4", "1.2:1.4,2.0"),
        ("1.2:1.4,1.3:1.6", "1.2:1.6"),
        ("1.2:1.4,1.4.5:1.6", "1.2:1.6"),
        ("1.2:1.4,1.5:1.6", "1.2:1.4,1.5:1.6"),
        ("1.2,1.2.3", "1.2"),
        ("=1.2,1.2", "1.2"),
        ("=1.2,=1.2", "=1.2"),
        ("=1.2.0,1.2", "1.2"),
        ("=1.4.5,1.2:1.4", "1.2:1.4"),
        ("1.2,1.3", "1.2,1.3"),
        (":1.4,1.2:", ":"),
        ("1.4.5:1.4", "1.4.5:1.4"),
        ("1.2:1.2", "1.2"),
        ("develop,1.2:", "1.2:"),
    ],
)
def test_parse_and_canonical_text(text: str, canonical: str) -> None:
    constraint = parse(text)
    assert str(constraint) == canonical
    assert parse(canonical) == constraint


@pytest.mark.parametrize(
    ("text", "piece", "reason"),
    [
        ("", "", "a version constraint cannot be empty"),
        ("  ", "  ", "a version constraint cannot be empty"),
        ("1.2,", "1.2,", "the list has an empty item (a stray ',')"),
        (",1.2", ",1.2", "the list has an empty item (a stray ',')"),
        ("1.2::1.4", "1.2::1.4", "a range has a single ':'"),
        ("=1.2:1.4", "=1.2:1.4", "'=' marks one exact version and cannot start a range"),
        ("=", "", "a version cannot be empty"),
        ("1.2,a b", "a b", "' ' is not allowed; use letters, digits and . - _ +"),
        ("1.2@3", "1.2@3", "'@' is not allowed; use letters, digits and . - _ +"),
        ("1.2:.4", ".4", "a version must start and end with a letter or digit"),
        (
            "1.2:1.4,1.5:1.4",
            "1.5:1.4",
            "the range is empty: 1.5 is newer than 1.4 and every 1.4.x",
        ),
    ],
)
def test_parse_errors_name_the_piece(text: str, piece: str, reason: str) -> None:
    with pytest.raises(InvalidVersionError) as raised:
        parse(text)
    error = raised.value
    assert (error.text, error.reason) == (piece, reason)
    where = "" if piece == text else f" in '{text}'"
    assert str(error) == f"invalid version '{piece}'{where}: {reason}"


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("1.2", ["1.2", "1.2.1", "1.2a"], ["1.2rc1", "1.3", "1.20"]),
        ("=1.2", ["1.2", "1-2"], ["1.2.0", "1.2.1", "1.2rc1"]),
        ("1.2:1.4,=2.0", ["1.3", "1.4.7", "2.0"], ["1.5", "2.0.1", "1.1"]),
        (":", ["0", "develop"], []),
        ("1.2:,=1.0", ["1.0", "1.2", "develop"], ["1.0.1", "1.1"]),
    ],
)
def test_contains(text: str, inside: list[str], outside: list[str]) -> None:
    constraint = parse(text)
    for version in inside:
        assert constraint.contains(Version(version)), version
    for version in outside:
        assert not constraint.contains(Version(version)), version


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        ("1.2.3", "1.2", True),
        ("1.2", "1.2.3", False),
        ("1.2:1.3", "1:", True),
        ("=1.2", "1.2", True),
        ("1.2", "=1.2", False),
        ("=1.2", "=1.2", True),
        ("=1.2", "=1.2.0", False),
        ("1.2:1.4", "1.2:1.4.5", False),
        ("1.4.5:1.4", "1.4", True),
        ("1.2,1.4", "1.2:1.4", True),
        ("1.2:1.4", "1.2,1.3,1.4", False),  # 1.3rc1 is in the range, in none of the three
        (":", "1.2", False),
        ("1.2", ":", True),
        ("develop", "1.2:", True),
        ("1.2:", "develop", False),
        ("=1.2", ":1.1", False),
        ("1.0rc2", "1.0rc1:1.0", True),
    ],
)
def test_satisfies(mine: str, theirs: str, expected: bool) -> None:
    assert parse(mine).satisfies(parse(theirs)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("1.2", "1.3", False),
        ("1.2:1.4", "1.4.5:", True),
        ("=1.2", "1.2.1", False),
        ("1.2", "=1.2", True),
        (":1.0", "1.0.5:", True),
        (":1.0", "1.1:", False),
        ("1.0rc1:1.0rc9", "=1.0", False),
        ("1.2,2.0", "1.5:1.9", False),
        ("1.2,2.0", "1.9:2", True),
        (":", "=7", True),
    ],
)
def test_intersects(a: str, b: str, expected: bool) -> None:
    assert parse(a).intersects(parse(b)) is expected
    assert parse(b).intersects(parse(a)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("1.2:1.4", "1.4.5:", "1.4.5:1.4"),
        ("1.2", "1.2.3", "1.2.3"),
        ("=1.2", "1.2:", "=1.2"),
        ("1.2", "1.3", None),
        ("=1.2", "=1.2.0", None),
        (":", "1.2,=3", "1.2,=3"),
        ("1.2:1.8", "1.0:1.3,1.5,1.7:2", "1.2:1.3,1.5,1.7:1.8"),
        ("1.2:", "1.2", "1.2"),
        (":1.4", ":1.3.2", ":1.3.2"),
        ("1:2", "1.5:3", "1.5:2"),
    ],
)
def test_intersection(a: str, b: str, expected: str | None) -> None:
    result = parse(a).intersection(parse(b))
    assert result == parse(b).intersection(parse(a))
    if expected is None:
        assert result.is_empty
        assert str(result) == "<no version>"
    else:
        assert result == parse(expected)
        assert str(result) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("1.2:1.4", "1.3:1.6", "1.2:1.6"),
        ("1.2", "1.3", "1.2,1.3"),
        ("=1.2", "1.2", "1.2"),
        (":1.4", "1.2:", ":"),
        ("1.2", "1.2.3", "1.2"),
        ("=1.2", "=1.3", "=1.2,=1.3"),
        ("1.2:1.4", "1.4.1:1.5", "1.2:1.5"),
    ],
)
def test_union(a: str, b: str, expected: str) -> None:
    assert str(parse(a).union(parse(b))) == expected
    assert str(parse(b).union(parse(a))) == expected


def test_any_empty_and_concrete() -> None:
    everything = VersionConstraint.any()
    assert everything.is_any
    assert str(everything) == ":"
    assert parse(":") == everything
    assert not parse(":1").is_any
    assert not parse("1:").is_any

    empty = VersionConstraint()
    assert empty.is_empty
    assert not empty.is_any
    assert empty.concrete is None
    assert empty.satisfies(parse("=1"))
    assert not empty.intersects(everything)
    assert not empty.contains(Version("1"))

    assert parse("=1.2").concrete == Version("1.2")
    assert VersionConstraint.exactly(Version("1.2")) == parse("=1.2")
    assert parse("1.2").concrete is None
    assert parse("=1.2,=1.3").concrete is None


@pytest.mark.parametrize(
    ("text", "lowest", "highest"),
    [
        ("1.2:1.4,2:3", "1.2", "3"),
        ("=1.0,2:", "1.0", None),
        (":1.4", None, "1.4"),
        ("1.2", "1.2", "1.2"),
    ],
)
def test_lowest_and_highest(text: str, lowest: str | None, highest: str | None) -> None:
    constraint = parse(text)
    assert constraint.lowest() == (None if lowest is None else Version(lowest))
    assert constraint.highest() == (None if highest is None else Version(highest))


def test_constructor_normalizes() -> None:
    items = (Version("2.0"), VersionRange(Version("1.0"), Version("1.4")), Version("1.3"))
    constraint = VersionConstraint(items)
    assert constraint.items == (VersionRange(Version("1.0"), Version("1.4")), Version("2.0"))
    assert hash(constraint) == hash(parse("1.0:1.4,=2.0"))
    assert VersionConstraint().lowest() is None
    assert VersionConstraint().highest() is None


# --- properties --------------------------------------------------------------------

# A small alphabet, so that generated bounds overlap, share prefixes and tie often.
SEGMENTS = st.one_of(
    st.integers(min_value=0, max_value=3).map(str), st.sampled_from(["rc", "a", "develop"])
)
VERSIONS = st.builds(
    lambda parts: ".".join(parts), st.lists(SEGMENTS, min_size=1, max_size=3)
).map(Version)


@st.composite
def _items(draw: st.DrawFn) -> VersionItem:
    kind = draw(st.sampled_from(["exact", "prefix", "range"]))
    if kind == "exact":
        return draw(VERSIONS)
    if kind == "prefix":
        return VersionRange.prefix(draw(VERSIONS))
    lo, hi = draw(st.none() | VERSIONS), draw(st.none() | VERSIONS)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return VersionRange(lo, hi)


ITEM_LISTS = st.lists(_items(), min_size=0, max_size=3)


def _in_item(item: VersionItem, v: Version) -> bool:
    """Membership straight from the definition, as the oracle for the key arithmetic."""
    if isinstance(item, Version):
        return v == item
    above_lo = item.lo is None or item.lo <= v
    below_hi = item.hi is None or v <= item.hi or item.hi.is_prefix_of(v)
    return above_lo and below_hi


def _key_bounds(item: VersionItem) -> tuple[VersionKey, VersionKey]:
    return (item.key, item.key) if isinstance(item, Version) else (item.lo_key, item.hi_key)


def _probes(extra: list[Version], *item_lists: tuple[VersionItem, ...]) -> list[Version]:
    """Versions around every bound: the bound, just below, and inside its prefix."""
    probes = list(extra)
    for items in item_lists:
        for item in items:
            bounds = [item] if isinstance(item, Version) else [item.lo, item.hi]
            for bound in bounds:
                if bound is not None:
                    text = str(bound)
                    probes += [Version(f"{text}{tail}") for tail in ("", ".0", ".rc", ".a", ".9")]
    return probes


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@PROPERTY_SETTINGS
@given(ITEM_LISTS, st.lists(VERSIONS, max_size=6))
def test_contains_follows_the_definition(items: list[VersionItem], extra: list[Version]) -> None:
    constraint = VersionConstraint(tuple(items))
    for v in _probes(extra, tuple(items)):
        assert constraint.contains(v) == any(_in_item(item, v) for item in items)


@PROPERTY_SETTINGS
@given(ITEM_LISTS)
def test_normal_form(items: list[VersionItem]) -> None:
    constraint = VersionConstraint(tuple(items))
    assert VersionConstraint(constraint.items) == constraint
    assert VersionConstraint(tuple(reversed(items))) == constraint
    # Sorted and pairwise disjoint: each item ends before the next one starts.
    for before, after in zip(constraint.items, constraint.items[1:], strict=False):
        assert _key_bounds(before)[1] < _key_bounds(after)[0]
    if not constraint.is_empty:
        assert parse(str(constraint)) == constraint


@PROPERTY_SETTINGS
@given(ITEM_LISTS, ITEM_LISTS, st.lists(VERSIONS, max_size=6))
def test_algebra(
    first: list[VersionItem], second: list[VersionItem], extra: list[Version]
) -> None:
    a, b = VersionConstraint(tuple(first)), VersionConstraint(tuple(second))
    meet, join = a.intersection(b), a.union(b)

    assert meet == b.intersection(a)
    assert join == b.union(a)
    assert meet.satisfies(a)
    assert meet.satisfies(b)
    assert a.satisfies(join)
    assert b.satisfies(join)
    assert a.intersects(b) == (not meet.is_empty) == b.intersects(a)
    assert a.satisfies(b) == (meet == a) == (join == b)
    if a.satisfies(b) and not a.is_empty:
        assert a.intersects(b)

    for v in _probes(extra, a.items, b.items):
        assert meet.contains(v) == (a.contains(v) and b.contains(v))
        assert join.contains(v) == (a.contains(v) or b.contains(v))
        if a.satisfies(b) and a.contains(v):
            assert b.contains(v)
        exact = VersionConstraint.exactly(v)
        assert a.contains(v) == exact.satisfies(a) == a.intersects(exact)
        assert (a.intersection(exact) == exact) == a.contains(v)
