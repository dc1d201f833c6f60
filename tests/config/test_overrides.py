"""``-c PATH:VALUE``: where the path ends and the value begins."""

from __future__ import annotations

from typing import Any

import pytest

from rpm_spec.config.errors import ConfigOverrideError
from rpm_spec.config.overrides import command_line_scope, parse_override
from rpm_spec.config.schema import Schemas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("packages:all:target:[zen3]", {"packages": {"all": {"target": ["zen3"]}}}),
        ("config:build_jobs:8", {"config": {"build_jobs": 8}}),
        (
            "config:install_tree:root:/opt/store",
            {"config": {"install_tree": {"root": "/opt/store"}}},
        ),
        ("mirrors:local:file:///srv/mirror", {"mirrors": {"local": "file:///srv/mirror"}}),
        (
            "mirrors:site:fetch:https://example.org/m",
            {"mirrors": {"site": {"fetch": "https://example.org/m"}}},
        ),
        (
            "mirrors:site:{fetch: 'https://a', push: 's3://b'}",
            {"mirrors": {"site": {"fetch": "https://a", "push": "s3://b"}}},
        ),
        (
            "packages:all:providers:mpi:[mpich, openmpi]",
            {"packages": {"all": {"providers": {"mpi": ["mpich", "openmpi"]}}}},
        ),
        ("packages:hdf5:require:%gcc", {"packages": {"hdf5": {"require": "%gcc"}}}),
        ("packages:hdf5:require:@1.14: +mpi", {"packages": {"hdf5": {"require": "@1.14: +mpi"}}}),
        (
            "packages:py-torch:variants:+cuda cuda_arch=90",
            {"packages": {"py-torch": {"variants": "+cuda cuda_arch=90"}}},
        ),
        (
            "config:install_tree:projections:all:'{name}-{version}'",
            {"config": {"install_tree": {"projections": {"all": "{name}-{version}"}}}},
        ),
        ("concretizer:reuse:dependencies", {"concretizer": {"reuse": "dependencies"}}),
        (
            "modules:default:arch_folder:false",
            {"modules": {"default": {"arch_folder": False}}},
        ),
        (
            "repos:[/srv/repo, $rpm_spec/repos/builtin]",
            {"repos": ["/srv/repo", "$rpm_spec/repos/builtin"]},
        ),
        ("packages:all:target::[zen3]", {"packages": {"all": {"target::": ["zen3"]}}}),
        ("packages::all:target:[zen3]", {"packages::": {"all": {"target": ["zen3"]}}}),
        ("config:install_tree:root:", {"config": {"install_tree": {"root": None}}}),
    ],
)
def test_paths_and_values(text: str, expected: dict[str, Any]) -> None:
    assert parse_override(text, Schemas()).as_data() == expected


def test_override_fields() -> None:
    override = parse_override("packages:all:target::[zen3]", Schemas())
    assert override.section == "packages"
    assert override.keys == ("packages", "all", "target")
    assert override.replace == (False, False, True)
    assert override.value == ["zen3"]


def test_an_unknown_section_is_a_usage_error_with_a_suggestion() -> None:
    with pytest.raises(ConfigOverrideError) as caught:
        parse_override("pakages:all:target:[zen3]", Schemas())
    error = caught.value
    assert error.exit_code == 2
    assert str(error).startswith("-c pakages:all:target:[zen3]: 'pakages' is not a configuration")
    assert error.hint == "did you mean packages?"


def test_text_without_a_path() -> None:
    with pytest.raises(ConfigOverrideError, match=r"expected SECTION:KEY\.\.\.:VALUE"):
        parse_override("packages", Schemas())


def test_a_broken_flow_collection_is_reported_not_taken_as_a_string() -> None:
    with pytest.raises(ConfigOverrideError, match="is not valid YAML") as caught:
        parse_override("config:install_tree:projections:all:{name}-{version}", Schemas())
    assert caught.value.hint is not None and "quote" in caught.value.hint
    with pytest.raises(ConfigOverrideError, match="is not valid YAML"):
        parse_override("packages:all:target:[zen3", Schemas())


def test_command_line_scope_later_options_win_and_lists_merge() -> None:
    scope = command_line_scope(
        [
            "config:build_jobs:4",
            "packages:all:target:[zen2]",
            "config:build_jobs:8",
            "packages:all:target:[zen3]",
        ],
        Schemas(),
    )
    config = scope.section("config")
    packages = scope.section("packages")
    assert config is not None and config.value == {"build_jobs": 8}
    assert packages is not None and packages.value == {"all": {"target": ["zen3", "zen2"]}}
    assert scope.section("mirrors") is None
    assert packages.locate(("packages", "all", "target")) == (
        "command line (-c packages:all:target:[zen3])",
        None,
    )
    assert config.locate(("config", "build_jobs")) == (
        "command line (-c config:build_jobs:8)",
        None,
    )
