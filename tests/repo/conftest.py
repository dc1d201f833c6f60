"""Fixtures for the repository layer: small recipe repositories written into tmp_path."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from repo_helpers import MakeRepo, write_repo

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """``make_repo(namespace, {name: package.py text})`` → the repository's root."""

    def make(namespace: str = "test", recipes: Mapping[str, str] | None = None) -> Path:
        return write_repo(tmp_path / "repos" / namespace, namespace, recipes or {})

    return make
