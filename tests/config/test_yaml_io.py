"""YAML reading with line marks, error positions, and comment-keeping writes."""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING

import pytest

from rpm_spec.config.errors import ConfigError, ConfigSyntaxError
from rpm_spec.config.yaml_io import (
    MAX_ALIAS_NODES,
    MAX_FLOW_DEPTH,
    MAX_TEXT_CHARS,
    dump,
    load_file,
    parse_text,
    parse_value,
    update_document,
)

if TYPE_CHECKING:
    from pathlib import Path

TEXT = """\
# preferences
packages:
  all:   # every package
    target: [zen3, zen2]
    providers::
      mpi:
        - mpich
  hdf5:
    version: ['1.14']
"""


def test_lines_are_recorded_per_key_path_without_override_markers() -> None:
    loaded = parse_text(TEXT, "packages.yaml")
    assert loaded.lines[("packages",)] == 2
    assert loaded.lines[("packages", "all")] == 3
    assert loaded.lines[("packages", "all", "target", 1)] == 4
    assert loaded.lines[("packages", "all", "providers")] == 5
    assert loaded.lines[("packages", "all", "providers", "mpi", 0)] == 7
    assert loaded.line_of(("packages", "hdf5", "version", 0, "deeper")) == 9
    assert loaded.data["packages"]["all"]["providers::"] == {"mpi": ["mpich"]}


def test_data_is_plain_python() -> None:
    loaded = parse_text("a: 1.5\nb: 2\nc: true\nd: 2024-01-02\ne: null\nf: text\n", "x")
    assert loaded.data == {"a": 1.5, "b": 2, "c": True, "d": "2024-01-02", "e": None, "f": "text"}
    assert [type(value) for value in loaded.data.values()] == [
        float,
        int,
        bool,
        str,
        type(None),
        str,
    ]
    assert type(loaded.data) is dict


def test_invalid_yaml_names_the_file_and_line() -> None:
    with pytest.raises(ConfigSyntaxError) as caught:
        parse_text("config:\n  build_jobs: [4\n  checksum: true\n", "/etc/x/config.yaml")
    error = caught.value
    assert error.line == 3
    assert str(error).startswith("/etc/x/config.yaml:3: invalid YAML: ")
    assert "started on line 2" in str(error)


def test_duplicate_keys_are_a_syntax_error() -> None:
    with pytest.raises(ConfigSyntaxError, match=r"^f:3: invalid YAML: found duplicate key"):
        parse_text("m:\n  a: 1\n  a: 2\n", "f")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!int x\n",  # ValueError
        "a: !!float x\n",
        "? [[a]]\n: 1\n",  # TypeError: a list as a mapping key
        "a: &a\n  <<: *a\n",  # AttributeError: merged into itself
        "!!omap a: 1\n",  # AttributeError: a tag ruamel cannot put on a key
        "a: !!omap [b: 1, b: 2]\n",  # AssertionError
    ],
)
def test_values_ruamel_cannot_build_are_a_syntax_error(text: str) -> None:
    # Found by tests/cli/test_fuzz_cli.py: ruamel raised these as plain exceptions.
    with pytest.raises(ConfigSyntaxError, match=r"^f: invalid YAML: cannot build a value \("):
        parse_text(text, "f")


@pytest.mark.parametrize("text", ["!!int x", "!!float x", "{? [[a]] : 1}"])
def test_command_line_values_ruamel_cannot_build_are_a_syntax_error(text: str) -> None:
    with pytest.raises(ConfigSyntaxError, match=r"^-c x: invalid YAML: cannot build a value"):
        parse_value(text, "-c x")


def test_valid_yaml_that_ruamel_warns_about_is_read_quietly() -> None:
    # ruamel's warnings would reach the user as a Python file, line and source.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_text("a: &x 1\nb: &x 2\nc: *x\n", "f").data == {"a": 1, "b": 2, "c": 2}
        assert parse_text("%YAML 1.1\n---\na: 1e3\n", "f").data == {"a": 1000.0}
        assert parse_value("[&x 1, &x 2, *x]") == [1, 2, 2]


def test_missing_file_is_none_and_unreadable_text_is_an_error(tmp_path: Path) -> None:
    assert load_file(tmp_path / "nothing.yaml") is None
    binary = tmp_path / "bad.yaml"
    binary.write_bytes(b"a: \xff\xfe\n")
    with pytest.raises(ConfigSyntaxError, match="not UTF-8"):
        load_file(binary)


def test_values_of_the_command_line() -> None:
    assert parse_value("[zen3]") == ["zen3"]
    assert parse_value("8") == 8
    assert parse_value("/opt/store") == "/opt/store"
    assert parse_value("{fetch: a, push: b}") == {"fetch": "a", "push": "b"}


def test_update_document_keeps_comments_on_unchanged_parts(tmp_path: Path) -> None:
    loaded = parse_text(TEXT, "packages.yaml")
    new = {
        "packages": {
            "all": {"target": ["zen4"], "providers::": {"mpi": ["mpich"]}},
            "zlib": {"buildable": False},
        }
    }
    text = dump(update_document(loaded.document, new))
    assert "# preferences" in text
    assert "# every package" in text
    assert "hdf5" not in text
    assert parse_text(text, "again").data == new


def test_dump_is_block_style_and_does_not_fold_long_strings() -> None:
    long = "x" * 200
    assert dump({"a": {"b": [1, 2]}, "c": long}) == f"a:\n  b:\n    - 1\n    - 2\nc: {long}\n"


def test_override_keys_are_read_and_written_in_their_yaml_form() -> None:
    loaded = parse_text("packages::\n  all::\n    target: [x]\n", "f")
    assert loaded.data == {"packages::": {"all::": {"target": ["x"]}}}
    assert loaded.lines[("packages", "all")] == 2
    text = dump(loaded.data)
    assert text == "packages::\n  all::\n    target:\n      - x\n"
    assert parse_text(text, "again").data == loaded.data


# -- input that would hang or exhaust memory is refused before it is walked ---------------


def _alias_bomb(levels: int, width: int = 9) -> str:
    """Each level lists the previous one ``width`` times: ``width ** levels`` values."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_naming_the_file() -> None:
    with pytest.raises(ConfigSyntaxError) as caught:
        parse_text(_alias_bomb(6), "/site/packages.yaml")  # 531441 values once expanded
    assert str(caught.value).startswith(
        f"/site/packages.yaml: aliases (*name) expand to more than {MAX_ALIAS_NODES} extra values"
    )
    assert caught.value.hint is not None


def test_a_billion_laughs_is_refused_as_fast_as_a_small_file() -> None:
    with pytest.raises(ConfigSyntaxError, match="aliases"):
        parse_text(_alias_bomb(9), "packages.yaml")  # 387 million values once expanded


def test_aliases_that_share_a_little_are_expanded() -> None:
    loaded = parse_text(
        "packages:\n  a: &spec {require: ['+mpi']}\n  b: *spec\n  c: {<<: *spec}\n", "f"
    )
    assert loaded.data["packages"]["b"] == {"require": ["+mpi"]}
    assert loaded.data["packages"]["c"] == {"require": ["+mpi"]}


def test_long_strings_repeated_through_aliases_count_by_their_length() -> None:
    text = f"s: &s '{'x' * 1_000_000}'\nt: [{', '.join(['*s'] * 20)}]\n"
    with pytest.raises(ConfigSyntaxError, match="aliases"):
        parse_text(text, "f")


def test_a_command_line_value_that_contains_itself_is_refused() -> None:
    with pytest.raises(ConfigSyntaxError, match=r"^-c x: an alias .* refers to a value that"):
        parse_value("&a [1, *a]", "-c x")
    with pytest.raises(ConfigSyntaxError, match="aliases"):
        parse_value("{" + _alias_bomb(7).replace("\n", ", ").rstrip(", ") + "}", "-c y")


def test_deep_nesting_is_a_syntax_error() -> None:
    with pytest.raises(ConfigSyntaxError, match=r"^f: values are nested too deeply"):
        parse_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "f")


def test_flow_nesting_past_the_limit_is_refused_before_parsing() -> None:
    deep = "a: " + "[" * (MAX_FLOW_DEPTH + 1) + "]" * (MAX_FLOW_DEPTH + 1) + "\n"
    with pytest.raises(ConfigSyntaxError, match=r"^f: values are nested too deeply"):
        parse_text(deep, "f")
    at_limit = "a: " + "[" * MAX_FLOW_DEPTH + "]" * MAX_FLOW_DEPTH + "\n"
    assert parse_text(at_limit, "f").data["a"] is not None


def test_many_shallow_flow_collections_are_fine() -> None:
    text = "a: [" + ", ".join(f"[{n}, {{b: {n}}}]" for n in range(500)) + "]\n"
    assert len(parse_text(text, "f").data["a"]) == 500


def test_text_beyond_the_limit_is_not_parsed(tmp_path: Path) -> None:
    with pytest.raises(ConfigSyntaxError, match=r"^f: longer than 4 MiB"):
        parse_text("#" + "x" * MAX_TEXT_CHARS + "\n", "f")
    big = tmp_path / "packages.yaml"
    big.write_text("#" + "x" * MAX_TEXT_CHARS + "\n")
    with pytest.raises(ConfigSyntaxError, match=f"^{big}: longer than 4 MiB"):
        load_file(big)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=f"^{tmp_path}: is a directory"):
        load_file(tmp_path)
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="is not a regular file"):
        load_file(fifo)  # opened without blocking: no writer needed to get the error
