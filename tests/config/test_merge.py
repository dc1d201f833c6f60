"""Properties of the scope merge: the rules in merge.py's docstring, checked by hypothesis."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rpm_spec.config.merge import (
    is_override,
    key_name,
    merge,
    merge_all,
    merge_raw,
    same,
    strip_overrides,
    unique,
)

#: Few names, so that scopes often set the same key.
_names = st.sampled_from(["a", "b", "c"])
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["x", "y", "zen3"])
)


def _data(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.recursive(
        _scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3), st.dictionaries(keys, children, max_size=3)
        ),
        max_leaves=8,
    )


plain = _data(_names)
#: Keys may carry the ``::`` override marker.
marked = _data(st.one_of(_names, _names.map(lambda name: name + "::")))
mappings = st.dictionaries(_names, plain, max_size=4)
marked_mappings = st.dictionaries(
    st.one_of(_names, _names.map(lambda name: name + "::")), marked, max_size=4
)


def _has_duplicates(data: Any) -> bool:
    if isinstance(data, dict):
        return any(_has_duplicates(value) for value in data.values())
    if isinstance(data, list):
        return len(unique(data)) != len(data) or any(_has_duplicates(item) for item in data)
    return False


def _kinds_agree(first: Any, second: Any) -> bool:
    """Whether no key path holds a mapping/list on one side and another kind on the other."""
    if isinstance(first, dict) and isinstance(second, dict):
        return all(_kinds_agree(first[k], second[k]) for k in first.keys() & second.keys())
    if isinstance(first, list) or isinstance(second, list):
        return isinstance(first, list) and isinstance(second, list)
    return not isinstance(first, dict) and not isinstance(second, dict)


@given(mappings)
def test_merging_a_scope_with_itself_changes_nothing(data: dict[str, Any]) -> None:
    if not _has_duplicates(data):
        assert same(merge(data, data), data)


@given(mappings)
def test_an_empty_scope_is_neutral(data: dict[str, Any]) -> None:
    if not _has_duplicates(data):
        assert same(merge(data, {}), data)
        assert same(merge({}, data), data)


@settings(max_examples=500)
@given(marked_mappings, marked_mappings, marked_mappings)
@example({"a": {}}, {"a": 1}, {"a": {"b": 1}})  # a change of kind hides the scope below
@example({"a": [1]}, {"a::": [2]}, {"a": [3]})  # so does an override in the middle
def test_folding_is_associative(high: Any, middle: Any, low: Any) -> None:
    right = merge_raw(high, merge_raw(middle, low))
    left = merge_raw(merge_raw(high, middle), low)
    assert same(strip_overrides(left), strip_overrides(right))


@given(mappings, mappings, mappings)
def test_plain_merge_is_associative_when_kinds_agree(high: Any, middle: Any, low: Any) -> None:
    if _kinds_agree(high, middle) and _kinds_agree(middle, low) and _kinds_agree(high, low):
        assert same(merge(high, merge(middle, low)), merge(merge(high, middle), low))


@given(marked_mappings, marked_mappings, marked_mappings)
def test_merge_all_folds_from_the_lowest_scope(low: Any, middle: Any, high: Any) -> None:
    assert same(merge_all([low, middle, high]), merge(high, merge_raw(middle, low)))


@given(mappings, mappings)
def test_the_result_has_every_key_of_both_sides(high: Any, low: Any) -> None:
    assert set(merge(high, low)) == set(high) | set(low)


@given(marked_mappings, marked_mappings)
def test_the_result_never_contains_override_markers(high: Any, low: Any) -> None:
    def markers(data: Any) -> bool:
        if isinstance(data, dict):
            return any(is_override(k) or markers(v) for k, v in data.items())
        if isinstance(data, list):
            return any(markers(item) for item in data)
        return False

    assert not markers(merge(high, low))


@given(st.sampled_from(["a", "b"]), plain, plain)
def test_an_override_key_replaces_the_lower_value(name: str, high: Any, low: Any) -> None:
    merged = merge({name + "::": high}, {name: low})
    assert same(merged[name], strip_overrides(high))


@given(st.sampled_from(["a", "b"]), plain, plain, plain)
def test_an_override_in_the_middle_hides_the_scopes_below(
    name: str, high: Any, middle: Any, low: Any
) -> None:
    below_hidden = merge_all([{name: low}, {name + "::": middle}, {name: high}])
    without_low = merge_all([{name: middle}, {name: high}])
    assert same(below_hidden, without_low)


@given(_names, st.lists(_scalars, max_size=4), st.lists(_scalars, max_size=4))
def test_lists_concatenate_higher_first_without_repeats(
    name: str, high: list[Any], low: list[Any]
) -> None:
    merged = merge({name: high}, {name: low})[name]
    assert same(merged, unique(high + low))
    assert same(merged[: len(unique(high))], unique(high))


@given(_names, _scalars, st.one_of(st.lists(_scalars, max_size=2), st.just({"k": 1})))
def test_when_kinds_differ_the_higher_scope_wins(name: str, high: Any, low: Any) -> None:
    assert same(merge({name: high}, {name: low})[name], high)
    assert same(merge({name: low}, {name: high})[name], low)


def test_nested_mappings_merge_key_by_key() -> None:
    low = {"all": {"providers": {"mpi": ["openmpi"]}, "target": ["x86_64"]}}
    high = {"all": {"providers": {"mpi": ["mpich"], "blas": ["openblas"]}}}
    assert merge(high, low) == {
        "all": {
            "providers": {"mpi": ["mpich", "openmpi"], "blas": ["openblas"]},
            "target": ["x86_64"],
        }
    }


def test_lower_key_order_is_kept_and_new_keys_come_after() -> None:
    merged = merge({"c": 1, "a": 2}, {"a": 0, "b": 0})
    assert list(merged) == ["a", "b", "c"]


def test_one_true_and_one_point_zero_are_different_list_items() -> None:
    assert merge([1], [True, 1.0, 1]) == [1, True, 1.0]


def test_both_plain_and_override_key_in_one_mapping_mean_the_override() -> None:
    assert strip_overrides({"a": 1, "a::": 2}) == {"a": 2}
    assert merge({"a": [1], "a::": [2]}, {"a": [3]}) == {"a": [2]}


def test_key_helpers() -> None:
    assert is_override("all::") and not is_override("::") and not is_override("all")
    assert key_name("all::") == "all" and key_name("all") == "all"


def test_merge_all_of_nothing_is_none() -> None:
    assert merge_all([]) is None
