"""``config:store:min_free``: sizes parse, and an install that would cross it is refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.config import Configuration
from rpm_spec.store.errors import StoreError
from rpm_spec.store.space import LowSpaceError, check_min_free, parse_size

if TYPE_CHECKING:
    from pathlib import Path


def _config(min_free: object) -> Configuration:
    return Configuration.for_tests({"config": {"store": {"min_free": min_free}}})


def test_sizes() -> None:
    assert parse_size(1234) == 1234
    assert parse_size("500M") == 500 * 1024**2
    assert parse_size("1.5G") == 3 * 1024**3 // 2
    with pytest.raises(StoreError, match="not a size"):
        parse_size("lots")


def test_min_free_is_checked_against_the_store_file_system(tmp_path: Path) -> None:
    store = tmp_path / "not-yet" / "store"  # its file system is its nearest existing parent
    check_min_free(Configuration.for_tests({}), store)  # unset: nothing to check
    check_min_free(_config("1K"), store)
    with pytest.raises(LowSpaceError, match=r"config:store:min_free keeps 1024\.0T free"):
        check_min_free(_config("1024T"), store)
    with pytest.raises(LowSpaceError, match="needs about"):
        check_min_free(_config(0), store, needed=2**62)


def test_a_bad_value_is_refused_by_the_schema() -> None:
    from rpm_spec.config.errors import ConfigError

    with pytest.raises(ConfigError):
        _config("ten gigs").get("config")
