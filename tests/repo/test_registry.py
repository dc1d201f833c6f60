"""Creating repositories and adding/removing them in a config scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.config import Configuration
from rpm_spec.repo import RepoError, RepoPath
from rpm_spec.repo.registry import (
    add_repository,
    create_repository,
    registered,
    remove_repository,
)
from rpm_spec.repo.repository import read_namespace

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def config(tmp_path: Path) -> Configuration:
    return Configuration.standard(user_dir=tmp_path / "user")


def test_create_makes_an_empty_loadable_repository(tmp_path: Path) -> None:
    marker = create_repository(tmp_path / "mine", "mine")
    assert marker == tmp_path / "mine" / "repo.yaml"
    assert (tmp_path / "mine" / "packages").is_dir()
    assert read_namespace(tmp_path / "mine") == "mine"
    with pytest.raises(RepoError, match="already a repository"):
        create_repository(tmp_path / "mine", "mine")
    with pytest.raises(RepoError, match="invalid namespace 'My-Repo'"):
        create_repository(tmp_path / "other", "My-Repo")


def test_add_puts_the_repository_first(config: Configuration, tmp_path: Path) -> None:
    create_repository(tmp_path / "one", "one")
    create_repository(tmp_path / "two", "two")
    add_repository(config, tmp_path / "one", "user")
    added = add_repository(config, tmp_path / "two", "user")
    assert added.namespace == "two"
    assert [r.namespace for r in registered(config, "user")] == ["two", "one"]
    written = (tmp_path / "user" / "repos.yaml").read_text()
    assert str(tmp_path / "two") in written
    repos = RepoPath.from_config(config, cache_dir=None)
    assert [r.namespace for r in repos.repos][:2] == ["two", "one"]


def test_add_refuses_duplicates_and_non_repositories(
    config: Configuration, tmp_path: Path
) -> None:
    create_repository(tmp_path / "one", "one")
    add_repository(config, tmp_path / "one", "user")
    with pytest.raises(RepoError, match="already in the user scope"):
        add_repository(config, tmp_path / "one", "user")
    create_repository(tmp_path / "clash", "one")
    with pytest.raises(RepoError, match=r"namespace 'one' .* already used"):
        add_repository(config, tmp_path / "clash", "user")
    (tmp_path / "plain").mkdir()
    with pytest.raises(RepoError, match=r"has no repo\.yaml"):
        add_repository(config, tmp_path / "plain", "user")


def test_remove_by_namespace_or_path(config: Configuration, tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        create_repository(tmp_path / name, name)
        add_repository(config, tmp_path / name, "user")
    removed = remove_repository(config, "two", "user")
    assert [r.namespace for r in removed] == ["two"]
    remove_repository(config, str(tmp_path / "one"), "user")
    assert [r.namespace for r in registered(config, "user")] == ["three"]
    with pytest.raises(RepoError, match="no repository 'two' in the user scope"):
        remove_repository(config, "two", "user")
