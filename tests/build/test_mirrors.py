"""Mirrors: the config section (order, add, remove), URLs, and the real shared mirror."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpm_spec.build.fetch import Fetcher
from rpm_spec.build.mirrors import (
    Mirror,
    MirrorConfigError,
    add_mirror,
    local_path,
    mirror_path,
    mirrors_from_config,
    normalize_mirror_url,
    remove_mirror,
)
from rpm_spec.build.sources import release_url
from rpm_spec.config import Configuration, DirectoryScope
from rpm_spec.repo import RepoPath
from rpm_spec.util.paths import BUILTIN_REPO, DEFAULTS_CONFIG, PREFIX

SHARED_MIRROR = PREFIX.parent / "shared" / "mirror"


def configuration(tmp_path: Path) -> Configuration:
    """Shipped defaults, then a ``site`` and a ``user`` directory scope in tmp_path."""
    return Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope("site", tmp_path / "site"),
            DirectoryScope("user", tmp_path / "user"),
        ],
        user_dir=tmp_path / "user",
    )


def test_no_mirrors_by_default(tmp_path: Path) -> None:
    assert mirrors_from_config(configuration(tmp_path)) == ()


def test_higher_scopes_first_then_file_order(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mirrors.yaml").write_text(
        "mirrors:\n  site-a: https://a.example/m\n"
        "  shared: {fetch: file:///srv/m, push: file:///srv/push}\n"
    )
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "mirrors.yaml").write_text(
        "mirrors:\n  mine: /home/me/m\n  bins: {fetch: https://b.example, source: false}\n"
    )
    mirrors = mirrors_from_config(configuration(tmp_path))
    assert [(m.name, m.scope) for m in mirrors] == [
        ("mine", "user"),
        ("bins", "user"),
        ("site-a", "site"),
        ("shared", "site"),
    ]
    shared = mirrors[3]
    assert (shared.fetch_url, shared.push_url, shared.source) == (
        "file:///srv/m",
        "file:///srv/push",
        True,
    )
    assert mirrors[1].source is False
    assert [m.name for m in Fetcher(mirrors, tmp_path / "c").mirrors] == [
        "mine",
        "site-a",
        "shared",
    ]
    assert shared.to_json()["push"] == "file:///srv/push"


def test_add_is_idempotent_and_refuses_a_different_url(tmp_path: Path) -> None:
    config = configuration(tmp_path)
    assert add_mirror(config, "local", "file:///srv/mirror", "user") is True
    assert add_mirror(config, "local", "file:///srv/mirror", "user") is False
    with pytest.raises(MirrorConfigError, match="already exists in the user scope"):
        add_mirror(config, "local", "file:///elsewhere", "user")
    with pytest.raises(MirrorConfigError, match="invalid mirror name"):
        add_mirror(config, "bad name", "file:///srv", "user")
    assert "local: file:///srv/mirror" in (tmp_path / "user" / "mirrors.yaml").read_text()
    # A fresh configuration reads what was written.
    assert [m.fetch_url for m in mirrors_from_config(configuration(tmp_path))] == [
        "file:///srv/mirror"
    ]


def test_remove_finds_the_scope(tmp_path: Path) -> None:
    config = configuration(tmp_path)
    add_mirror(config, "a", "https://a.example", "site")
    add_mirror(config, "b", "https://b.example", "user")
    assert remove_mirror(config, "a") == "site"
    assert [m.name for m in mirrors_from_config(config)] == ["b"]
    with pytest.raises(MirrorConfigError, match="no mirror 'b' in the site scope"):
        remove_mirror(config, "b", "site")
    with pytest.raises(MirrorConfigError) as caught:
        remove_mirror(config, "bb")
    assert caught.value.hint == "did you mean b?"
    assert remove_mirror(config, "b", "user") == "user"
    assert mirrors_from_config(config) == ()


def test_urls_and_paths(tmp_path: Path) -> None:
    assert local_path("file:///srv/my%20mirror") == Path("/srv/my mirror")
    assert local_path("/srv/m") == Path("/srv/m")
    assert local_path("https://example.com/m") is None
    assert normalize_mirror_url("relative/dir", tmp_path) == str(tmp_path / "relative" / "dir")
    assert normalize_mirror_url("file:///x/../y", tmp_path) == "file:///x/../y"
    with pytest.raises(MirrorConfigError, match="neither a directory"):
        normalize_mirror_url("ftp://old.example/m", tmp_path)
    assert Mirror("m", "https://h/m/").url_for("xz/xz-1.tar.gz") == "https://h/m/xz/xz-1.tar.gz"
    assert mirror_path("xz", "xz-5.4.1", "tar.xz") == "xz/xz-5.4.1.tar.xz"


@pytest.mark.skipif(not SHARED_MIRROR.is_dir(), reason="needs ../shared/mirror")
@pytest.mark.parametrize(
    ("name", "version", "file"),
    [
        # The recipe's URL says .tar.bz2 for xz; the mirror holds upstream's .tar.xz.
        ("xz", "5.4.1", "xz-5.4.1.tar.xz"),
        # A GitHub tag archive (v1.9.4.tar.gz upstream), mirrored under the package name.
        ("lz4", "1.9.4", "lz4-1.9.4.tar.gz"),
        ("python", "3.11.2", "python-3.11.2.tgz"),
    ],
)
def test_the_shared_mirror_serves_builtin_recipes(
    tmp_path: Path, name: str, version: str, file: str
) -> None:
    repos = RepoPath.from_paths([BUILTIN_REPO], cache_dir=tmp_path / "index")
    decl = next(d for d in repos.get(name).versions if d.version == version)
    url = release_url(repos, name, version)
    fetcher = Fetcher([Mirror("local", SHARED_MIRROR.as_uri())], tmp_path / "cache")
    path = fetcher.fetch(name, version, url, decl.sha256)
    assert path == tmp_path / "cache" / name / file


def test_the_site_policy_limits_the_mirrors_a_fetcher_uses(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mirrors.yaml").write_text(
        "mirrors:\n  site: https://a.example/m\n  public: https://b.example/m\n"
    )
    config = configuration(tmp_path)
    assert [m.name for m in Fetcher.from_config(config, source_cache=tmp_path).mirrors] == [
        "site",
        "public",
    ]
    (tmp_path / "site" / "policy.yaml").write_text("policy:\n  caches:\n    allow: [site]\n")
    config = configuration(tmp_path)
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "policy.yaml").write_text("policy:\n  caches: {allow: [public]}\n")
    fetcher = Fetcher.from_config(config, source_cache=tmp_path)
    assert [m.name for m in fetcher.mirrors] == ["site"]  # the user's policy is ignored
