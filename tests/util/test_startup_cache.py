"""The start-up cache's one rule: an entry is used only if made by this code from these inputs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rpm_spec.util.startup_cache import ENTRY_FORMAT, CacheArea, code_stamp, input_key

if TYPE_CHECKING:
    from pathlib import Path


def test_an_entry_is_read_back_with_its_key(tmp_path: Path) -> None:
    area = CacheArea(tmp_path / "area")
    area.write("one.json", input_key("a", "b"), {"value": [1, 2]})
    assert area.read("one.json", input_key("a", "b")) == {"value": [1, 2]}
    assert (tmp_path / "area").stat().st_mode & 0o777 == 0o700


def test_other_inputs_are_a_miss(tmp_path: Path) -> None:
    area = CacheArea(tmp_path)
    area.write("one.json", input_key("a", "b"), {"value": 1})
    assert area.read("one.json", input_key("a", "c")) is None
    assert area.read("one.json", input_key("ab")) is None  # inputs are kept apart


def test_other_code_or_format_is_a_miss(tmp_path: Path) -> None:
    area = CacheArea(tmp_path)
    key = input_key("a")
    area.write("one.json", key, {"value": 1})
    document = json.loads((tmp_path / "one.json").read_text())
    assert document["code"] == code_stamp()
    for changed in ({"code": "0" * 16}, {"format": ENTRY_FORMAT + 1}):
        (tmp_path / "one.json").write_text(json.dumps({**document, **changed}))
        assert area.read("one.json", key) is None


def test_damaged_or_missing_entries_are_a_miss(tmp_path: Path) -> None:
    area = CacheArea(tmp_path)
    assert area.read("none.json", "k") is None
    for garbage in ("", "{", "[]", '{"format": 1}'):
        (tmp_path / "bad.json").write_text(garbage)
        assert area.read("bad.json", "k") is None


def test_a_directory_others_may_write_is_neither_read_nor_written(tmp_path: Path) -> None:
    CacheArea(tmp_path / "shared").write("one.json", "k", {"value": 1})
    (tmp_path / "shared").chmod(0o777)
    area = CacheArea(tmp_path / "shared")
    assert area.read("one.json", "k") is None
    area.write("two.json", "k", {"value": 2})
    assert not (tmp_path / "shared" / "two.json").exists()


def test_an_unwritable_area_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    area = CacheArea(blocker / "area")
    area.write("one.json", "k", {"value": 1})
    assert area.read("one.json", "k") is None
