"""Variant values: normalization, printing, and the must-include-these-values algebra."""

from __future__ import annotations

import pickle

import pytest

from rpm_spec.spec.errors import InvalidVariantError
from rpm_spec.spec.variant import VariantValue


def v(name: str, *values: str, propagate: bool = False, exact: bool = False) -> VariantValue:
    return VariantValue(name, values, propagate, exact)


def test_values_are_sorted_and_deduplicated() -> None:
    assert v("x", "b", "a", "b").values == ("a", "b")


def test_booleans_are_true_and_false() -> None:
    assert VariantValue.boolean("mpi", True) == v("mpi", "true")
    assert VariantValue.boolean("mpi", False) == v("mpi", "FALSE")
    assert v("mpi", "True").is_bool
    assert not v("x", "false", "true").is_bool
    assert not v("x", "yes").is_bool


@pytest.mark.parametrize(
    ("variant", "text"),
    [
        (VariantValue.boolean("mpi", True), "+mpi"),
        (VariantValue.boolean("mpi", False), "~mpi"),
        (VariantValue.boolean("mpi", True, propagate=True), "++mpi"),
        (VariantValue.boolean("mpi", False, propagate=True), "~~mpi"),
        (v("cuda_arch", "90", "80"), "cuda_arch=80,90"),
        (v("api", "v18", propagate=True), "api==v18"),
        (v("x", "a b"), 'x="a b"'),
        (v("x", 'say "hi"'), "x='say \"hi\"'"),
        (v("x", "false", "true"), "x=false,true"),
    ],
)
def test_str(variant: VariantValue, text: str) -> None:
    assert str(variant) == text


def test_from_text_splits_at_commas() -> None:
    assert VariantValue.from_text("x", "b,a") == v("x", "a", "b")


@pytest.mark.parametrize(
    ("name", "values", "reason"),
    [
        ("-x", ("a",), "a name is"),
        ("x.y", ("a",), "a name is"),
        ("x", (), "at least one value"),
        ("x", ("",), "cannot be empty"),
        ("x", ("a,b",), "holds ','"),
        ("x", ("a'", 'b"'), "both kinds of quote"),
        ("x", ("a\nb",), "cannot span lines"),
    ],
)
def test_invalid_variants(name: str, values: tuple[str, ...], reason: str) -> None:
    with pytest.raises(InvalidVariantError, match=reason) as caught:
        VariantValue(name, values)
    assert caught.value.exit_code == 2


def test_errors_pickle() -> None:
    error = InvalidVariantError("x", "a value cannot be empty")
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.name, copy.reason) == (str(error), "x", error.reason)


class TestAlgebra:
    def test_multi_valued_satisfies_means_includes(self) -> None:
        assert v("x", "a", "b").satisfies(v("x", "a"))
        assert not v("x", "a").satisfies(v("x", "a", "b"))
        assert v("x", "a").satisfies(v("x", "a"))

    def test_booleans_must_be_equal(self) -> None:
        on, off = VariantValue.boolean("x", True), VariantValue.boolean("x", False)
        assert on.satisfies(on)
        assert not on.satisfies(off)
        assert not on.intersects(off)
        assert on.combined(off) is None
        assert not v("x", "false", "true").satisfies(on)

    def test_multi_valued_sets_always_intersect_and_accumulate(self) -> None:
        assert v("x", "a").intersects(v("x", "b"))
        assert v("x", "a", "b").combined(v("x", "c")) == v("x", "a", "b", "c")

    def test_boolean_and_other_values_do_not_mix(self) -> None:
        assert v("x", "a").combined(VariantValue.boolean("x", True)) is None

    def test_propagation_is_part_of_the_request(self) -> None:
        plain, spread = v("x", "a"), v("x", "a", propagate=True)
        assert spread.satisfies(plain)
        assert not plain.satisfies(spread)
        assert plain.combined(spread) == spread

    def test_exact_sets_mean_these_values_and_no_others(self) -> None:
        exact, plain = v("x", "a", exact=True), v("x", "a")
        assert exact.satisfies(plain)
        assert not plain.satisfies(exact)
        assert not v("x", "a", "b").satisfies(exact)
        assert not exact.intersects(v("x", "b"))
        assert not v("x", "b").intersects(exact)
        assert v("x", "a", "b", exact=True).intersects(v("x", "b"))
        assert plain.combined(exact) == exact
        assert exact.combined(v("x", "b")) is None
        assert str(v("x", "a", "b", exact=True)) == "x:=a,b"

    def test_an_exact_boolean_is_a_boolean(self) -> None:
        assert VariantValue("x", ("true",), exact=True) == VariantValue.boolean("x", True)

    def test_an_exact_set_does_not_propagate(self) -> None:
        with pytest.raises(InvalidVariantError, match="does not propagate"):
            v("x", "a", propagate=True, exact=True)
        assert v("x", "a", propagate=True).combined(v("x", "a", exact=True)) is None

    def test_different_names_never_relate(self) -> None:
        assert not v("x", "a").satisfies(v("y", "a"))
        assert not v("x", "a").intersects(v("y", "a"))
