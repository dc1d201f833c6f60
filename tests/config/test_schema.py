"""Section schemas: the shipped defaults validate, and violations read well."""

from __future__ import annotations

from typing import Any

import pytest

from rpm_spec.config.errors import ConfigSchemaError, UnknownSectionError
from rpm_spec.config.schema import Schemas, format_key_path
from rpm_spec.config.scope import DirectoryScope
from rpm_spec.config.yaml_io import KeyPath, parse_text
from rpm_spec.util.paths import DEFAULTS_CONFIG

SECTIONS = [
    "compilers",
    "concretizer",
    "config",
    "mirrors",
    "modules",
    "packages",
    "policy",
    "repos",
    "upstreams",
]


def _problems(section: str, text: str) -> list[str]:
    """Validate ``text`` (a whole section file) and return the messages, one per problem."""
    loaded = parse_text(text, f"{section}.yaml")

    def locate(path: KeyPath) -> tuple[str, int | None]:
        line = loaded.line_of(path)
        return f"{section}.yaml:{line}", line

    value = loaded.data[section]
    with pytest.raises(ConfigSchemaError) as caught:
        Schemas().validate(section, value, locate)
    return [str(problem) for problem in caught.value.problems]


def test_every_section_has_a_schema_and_a_shipped_default() -> None:
    schemas = Schemas()
    assert list(schemas.sections) == SECTIONS
    assert sorted(path.stem for path in DEFAULTS_CONFIG.glob("*.yaml")) == SECTIONS


@pytest.mark.parametrize("section", SECTIONS)
def test_shipped_defaults_are_valid(section: str) -> None:
    from jsonschema import Draft202012Validator

    schemas = Schemas()
    Draft202012Validator.check_schema(schemas.schema(section))
    layer = DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False).section(section)
    assert layer is not None and layer.key == section
    schemas.validate(section, layer.value, layer.locate)


def test_a_wrong_type_names_line_key_path_and_expectation() -> None:
    assert _problems("packages", "packages:\n  all:\n    target: zen3\n") == [
        "packages.yaml:3: packages:all:target: expected a list, got 'zen3'"
    ]


def test_unknown_keys_are_listed_with_a_suggestion() -> None:
    (problem,) = _problems("config", "config:\n  build_job: 4\n")
    assert problem.startswith("config.yaml:2: config:build_job: unknown key 'build_job'")
    assert "(did you mean build_jobs" in problem


def test_every_problem_is_reported_in_line_order() -> None:
    text = "packages:\n  zlib:\n    buildable: 'no'\n  all:\n    target: zen3\n"
    assert _problems("packages", text) == [
        "packages.yaml:3: packages:zlib:buildable: expected true or false, got 'no'",
        "packages.yaml:5: packages:all:target: expected a list, got 'zen3'",
    ]


def test_alternatives_are_explained_by_the_branch_that_fits_the_value() -> None:
    assert _problems("concretizer", "concretizer:\n  unify: sometimes\n") == [
        "concretizer.yaml:2: concretizer:unify: expected true or false or 'when_possible', "
        "got 'sometimes'"
    ]
    assert _problems("packages", "packages:\n  all:\n    require: 3\n") == [
        "packages.yaml:3: packages:all:require: expected a string or a mapping or a list, got 3"
    ]
    text = "packages:\n  all:\n    require:\n    - when: '%gcc'\n"
    assert _problems("packages", text) == [
        "packages.yaml:4: packages:all:require[0]: "
        "needs one of the keys 'spec', 'one_of', 'any_of'"
    ]


def test_list_items_and_missing_keys() -> None:
    text = "compilers:\n- compiler:\n    spec: gcc@12\n    paths: {cc: /usr/bin/gcc}\n"
    assert _problems("compilers", text) == [
        "compilers.yaml:4: compilers[0]:compiler:paths: missing required key 'cxx', 'f77', 'fc'"
    ]


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("packages", {"all": {"require": "%gcc"}}),
        ("packages", {"all": {"require": [{"one_of": ["+cuda", "~cuda"]}, "@2:"]}}),
        ("packages", {"all": {"require": {"spec": "%gcc", "when": "+mpi"}}}),
        ("packages", {"all": {"variants": ["+mpi", "cuda_arch=90"], "version": ["1.10", 2]}}),
        (
            "packages",
            {
                "cuda": {
                    "buildable": False,
                    "externals": [{"spec": "cuda@12.4", "prefix": "/usr/local/cuda"}],
                }
            },
        ),
        (
            "mirrors",
            {"local": "file:///srv/mirror", "site": {"fetch": "https://x", "push": "s3://y"}},
        ),
        ("concretizer", {"reuse": "dependencies", "unify": "when_possible"}),
        ("config", {"build_stage": "$tempdir/stage", "build_jobs": 16}),
        (
            "compilers",
            [
                {
                    "compiler": {
                        "spec": "gcc@12.2.0",
                        "paths": {"cc": "/usr/bin/gcc", "cxx": None, "f77": None, "fc": None},
                        "target": "x86_64",
                    }
                }
            ],
        ),
        ("modules", {"default": {"enable": ["lmod"], "lmod": {"openmpi": {"autoload": "all"}}}}),
    ],
)
def test_reasonable_configurations_are_accepted(section: str, value: Any) -> None:
    Schemas().validate(section, value, lambda path: ("x", None))


def test_unknown_section() -> None:
    with pytest.raises(UnknownSectionError) as caught:
        Schemas().schema("pakages")
    assert caught.value.hint == "did you mean packages?"
    assert "valid sections: compilers, concretizer" in str(caught.value)


def test_empty_value_follows_the_schema_type() -> None:
    schemas = Schemas()
    assert schemas.empty("repos") == []
    assert schemas.empty("packages") == {}


def test_key_paths_show_list_indexes() -> None:
    assert format_key_path(("compilers", 0, "compiler", "paths")) == "compilers[0]:compiler:paths"
