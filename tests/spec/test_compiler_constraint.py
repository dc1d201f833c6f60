"""Compiler constraints: ``%name@versions``."""

from __future__ import annotations

import pytest

from rpm_spec.spec import CompilerConstraint, VersionConstraint, parse_version_constraint


def c(name: str, versions: str = ":") -> CompilerConstraint:
    return CompilerConstraint(name, parse_version_constraint(versions))


def test_str() -> None:
    assert str(c("gcc")) == "%gcc"
    assert str(c("gcc", "12:")) == "%gcc@12:"
    assert CompilerConstraint("gcc").versions.is_any


def test_validation() -> None:
    with pytest.raises(ValueError, match="not a compiler name"):
        CompilerConstraint("g cc")
    with pytest.raises(ValueError, match="at least one acceptable version"):
        CompilerConstraint("gcc", VersionConstraint(()))


def test_algebra() -> None:
    assert c("gcc", "12.3").satisfies(c("gcc", "12:"))
    assert not c("gcc").satisfies(c("gcc", "12:"))
    assert not c("gcc", "12").satisfies(c("clang", "12"))
    assert c("gcc", "11:").intersects(c("gcc", ":13"))
    assert not c("gcc", "11").intersects(c("gcc", "12:"))
    assert c("gcc", "11:").combined(c("gcc", ":13")) == c("gcc", "11:13")
    assert c("gcc").combined(c("clang")) is None
