"""YAML reading with line marks, error positions, and comment-keeping writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.config.errors import ConfigSyntaxError
from rpm_spec.config.yaml_io import (
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
