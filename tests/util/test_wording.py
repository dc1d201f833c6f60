"""Counted nouns in messages."""

from __future__ import annotations

import pytest

from rpm_spec.util.wording import plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "package", "0 packages"),
        (1, "package", "1 package"),
        (2, "package", "2 packages"),
        (1, "dependency", "1 dependency"),
        (3, "dependency", "3 dependencies"),
        (2, "key", "2 keys"),
        (2, "prefix", "2 prefixes"),
        (2, "match", "2 matches"),
        (2, "file", "2 files"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_an_irregular_plural_is_given() -> None:
    assert plural(2, "child", "children") == "2 children"
    assert plural(1, "child", "children") == "1 child"
