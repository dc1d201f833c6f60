"""Compiler x target: which versions can optimize for a target, and with which flags."""

from __future__ import annotations

import warnings

import pytest

from rpm_spec.platform import (
    UnknownTargetError,
    UnsupportedTargetError,
    compiler_supports_target,
    compiler_version_ranges,
    min_compiler_version,
    target_flags,
)


@pytest.mark.parametrize(
    ("target", "compiler", "version", "flags"),
    [
        ("zen3", "gcc", "12.2.0", "-march=znver3 -mtune=znver3"),
        ("zen3", "clang", "17.0.6", "-march=znver3 -mtune=znver3"),
        ("x86_64_v3", "gcc", "12.2.0", "-march=x86-64-v3 -mtune=generic"),
        ("neoverse_v2", "gcc", "13.2.0", "-mcpu=neoverse-v2"),
        ("zen3", "nvhpc", "24.5", "-tp zen3"),
    ],
)
def test_target_flags(target: str, compiler: str, version: str, flags: str) -> None:
    assert target_flags(target, compiler, version) == flags


def test_old_gcc_gets_explicit_extensions_for_x86_64_v3() -> None:
    flags = target_flags("x86_64_v3", "gcc", "9.4.0")
    assert flags.startswith("-march=x86-64 ")
    assert "-mavx2" in flags


def test_version_suffixes_are_ignored() -> None:
    assert target_flags("zen3", "gcc", "12.2.0-custom") == "-march=znver3 -mtune=znver3"


def test_branch_versions_count_as_newest() -> None:
    assert compiler_supports_target("zen3", "gcc", "develop")


def test_compiler_without_data_gets_no_flags() -> None:
    assert target_flags("zen3", "xlc", "16.1") == ""
    assert compiler_supports_target("zen3", "xlc", "16.1")
    assert compiler_version_ranges("zen3", "xlc") is None


@pytest.mark.parametrize(
    ("version", "supported"),
    [("8.5.0", False), ("9.4.0", False), ("10.2.0", False), ("10.3.0", True), ("12", True)],
)
def test_gcc_on_zen3(version: str, supported: bool) -> None:
    assert compiler_supports_target("zen3", "gcc", version) is supported


def test_unsupported_version_names_the_versions_that_work() -> None:
    with pytest.raises(UnsupportedTargetError) as caught:
        target_flags("zen3", "gcc", "8.5.0")
    error = caught.value
    assert str(error) == "gcc@8.5.0 cannot optimize for target 'zen3'"
    assert error.hint is not None
    assert "10.3:" in error.hint
    assert error.supported == ("10.3:",)


def test_no_version_can() -> None:
    # archspec lists nvhpc for the x86_64 family but gives the generic root no entry.
    assert compiler_version_ranges("x86_64", "nvhpc") == ()
    assert min_compiler_version("x86_64", "nvhpc") is None
    with pytest.raises(UnsupportedTargetError) as caught:
        target_flags("x86_64", "nvhpc", "24.5")
    assert caught.value.hint is not None
    assert "no nvhpc version" in caught.value.hint


@pytest.mark.parametrize(
    ("target", "compiler", "expected"),
    [
        ("zen3", "gcc", "10.3"),
        ("zen3", "clang", "12.0"),
        ("x86_64_v3", "gcc", "4.8"),
        ("x86_64", "clang", "0"),
        ("zen3", "xlc", "0"),
    ],
)
def test_min_compiler_version(target: str, compiler: str, expected: str) -> None:
    assert min_compiler_version(target, compiler) == expected


def test_archspec_warnings_do_not_leak() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert target_flags("zen2", "intel", "2021.10.0")
    assert caught == []


def test_unknown_target() -> None:
    with pytest.raises(UnknownTargetError):
        target_flags("zen33", "gcc", "12.2.0")
    with pytest.raises(UnknownTargetError):
        compiler_supports_target("zen33", "gcc", "12.2.0")
