"""The registry as a library: publish, current, rollback, history, immutability, verify,
prune, several platforms per version, and roles resolved from glob keys."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rpm_spec.environment.environment import Environment
from rpm_spec.errors import RpmSpecError
from rpm_spec.platform import HostInfo
from rpm_spec.registry import history, versions
from rpm_spec.registry.access import AccessFile, Identity
from rpm_spec.registry.errors import (
    AccessDeniedError,
    ImmutableVersionError,
    RegistryError,
    TamperedError,
)
from rpm_spec.registry.layout import Ref, parse_ref
from rpm_spec.registry.published import PublishedEnvironment
from rpm_spec.registry.registry import Registry

ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
ARM = HostInfo(platform="linux", os="debian12", target="neoverse_v2")
#: The ``solved`` fixture of conftest.py.
SolvedEnvironment = Callable[..., Environment]

MD = Ref("chem", "md")


def _publish(registry: Registry, env_dir: Path, view: Path | None = None) -> int:
    paths = registry.paths(MD, must_exist=False)
    published = versions.publish(
        paths,
        registry.signer,
        manifest=(env_dir / "rpm-spec.yaml").read_bytes(),
        lock=(env_dir / "rpm-spec.lock").read_bytes(),
        sections={"linux-debian12-zen3": "solved"},
        view=view,
    )
    return published.version


def test_publish_twice_rollback_and_history(registry: Registry, solved: SolvedEnvironment) -> None:
    first = solved("one", ["zlib"])
    second = solved("two", ["zlib", "libelf"])
    assert _publish(registry, first.path) == 1
    assert _publish(registry, second.path) == 2
    paths = registry.paths(MD)
    assert paths.current_version() == 2
    registry.rollback(MD, 1)
    assert paths.current_version() == 1
    assert os.readlink(paths.current) == "versions/1"
    actions = [(e.action, e.version) for e in history.read(paths.dir)]
    assert actions == [("publish", 1), ("publish", 2), ("rollback", 1)]
    entries = history.read(paths.dir)
    assert entries[0].lock_sha256 == versions.sha256(first.lock_path.read_bytes())
    assert entries[0].uid == os.geteuid()
    assert history.verify(paths.dir, registry.signer) == []
    assert registry.verify() == []
    # A version is what was published, byte for byte, and read-only.
    v1 = paths.version_dir(1)
    assert (v1 / "rpm-spec.lock").read_bytes() == first.lock_path.read_bytes()
    assert (v1 / "rpm-spec.lock").stat().st_mode & 0o222 == 0
    with pytest.raises(RegistryError, match="has no version 7"):
        registry.rollback(MD, 7)


def test_published_versions_are_immutable_and_verify_finds_edits(
    registry: Registry, solved: SolvedEnvironment
) -> None:
    env = solved("one", ["zlib"])
    _publish(registry, env.path)
    paths, version = registry.version_dir(parse_ref("chem/md@1"))
    published = PublishedEnvironment(paths, version, pinned=True)
    with pytest.raises(ImmutableVersionError, match="immutable"):
        published.write_lock()
    with pytest.raises(ImmutableVersionError):
        published.add(["libelf"])
    # Someone with the rights to the files edits the lock anyway: verify says so.
    lock = paths.version_dir(1) / "rpm-spec.lock"
    paths.version_dir(1).chmod(0o755)
    lock.chmod(0o644)
    lock.write_text(lock.read_text().replace("zlib", "zlib "))
    problems = registry.verify()
    assert len(problems) == 1 and "chem/md@1: rpm-spec.lock was changed" in problems[0]
    with pytest.raises(TamperedError, match=r"rpm-spec\.lock was changed"):
        registry.version_dir(parse_ref("chem/md@1"))


def test_an_edited_history_line_breaks_verification(
    registry: Registry, solved: SolvedEnvironment
) -> None:
    env = solved("one", ["zlib"])
    _publish(registry, env.path)
    _publish(registry, env.path)
    path = registry.paths(MD).dir / history.HISTORY_NAME
    lines = path.read_text().splitlines()
    path.write_text(lines[1] + "\n")  # the first publish dropped
    problems = registry.verify()
    assert any("chain is broken" in p for p in problems), problems
    path.write_text("\n".join([lines[0].replace('"publish"', '"rollback"'), lines[1]]) + "\n")
    assert any("tampered" in p for p in registry.verify())


def test_a_version_holds_every_platform_section(
    tmp_path: Path, registry: Registry, solved: SolvedEnvironment
) -> None:
    env = solved("multi", ["zlib"], hosts=(ZEN3, ARM))
    paths = registry.paths(MD, must_exist=False)
    versions.publish(
        paths,
        registry.signer,
        manifest=env.manifest.path.read_bytes(),
        lock=env.lock_path.read_bytes(),
        sections={"linux-debian12-zen3": "built", "linux-debian12-neoverse_v2": "solved"},
        view=None,
    )
    (listing,) = registry.listing("chem")
    assert listing.versions[1] == {
        "linux-debian12-zen3": "built",
        "linux-debian12-neoverse_v2": "solved",
    }
    published = PublishedEnvironment(paths, 1, pinned=False)
    assert set(published.lock.platforms) == {"linux-debian12-zen3", "linux-debian12-neoverse_v2"}


def test_prune_archives_old_versions_and_keeps_current(
    tmp_path: Path, registry: Registry, solved: SolvedEnvironment
) -> None:
    env = solved("one", ["zlib"])
    paths = registry.paths(MD, must_exist=False)
    for number in (1, 2, 3):
        view = tmp_path / f"view{number}"
        (view / "bin").mkdir(parents=True)
        (view / "bin" / "x").write_text(f"{number}\n")
        versions.publish(
            paths,
            registry.signer,
            manifest=env.manifest.path.read_bytes(),
            lock=env.lock_path.read_bytes(),
            sections={"linux-debian12-zen3": "built"},
            view=view,
        )
    registry.rollback(MD, 1)
    assert registry.prune(MD, keep_built=1) == [2]
    assert versions.archived(paths) == {2}
    assert not paths.view_dir(2).exists()
    assert (paths.view_dir(3) / "view" / "bin" / "x").read_text() == "3\n"
    assert (paths.current / "view" / "bin" / "x").read_text() == "1\n"
    assert (paths.version_dir(2) / "rpm-spec.lock").is_file()  # lock and manifest stay
    assert registry.verify() == []
    with pytest.raises(RegistryError, match="archived"):
        registry.rollback(MD, 2)
    assert [e.action for e in history.read(paths.dir)][-1] == "archive"
    assert PublishedEnvironment(paths, 2, pinned=True).is_archived


def test_roles_most_specific_key_wins_and_refusals_name_role_and_group(tmp_path: Path) -> None:
    from rpm_spec.registry.access import write_rules

    write_rules(
        tmp_path / "access.yaml",
        {
            "*": {"admin": "user 1"},
            "*/*": {"viewer": "all"},
            "chem/*": {"editor": "group 500"},
            "chem/secret": {"viewer": "group 500"},
        },
    )
    access = AccessFile(tmp_path)
    member, outsider = Identity(7, frozenset({500})), Identity(8, frozenset({9}))
    admin = Identity(1, frozenset({1}))
    assert access.has_role("chem/md", "viewer", outsider)
    assert not access.has_role("chem/secret", "viewer", outsider)
    assert access.has_role("chem/secret", "viewer", member)
    assert access.has_role("chem/md", "viewer", member)  # editors view too
    assert access.has_role("bio/x", "editor", admin)  # admins edit everywhere
    with pytest.raises(AccessDeniedError) as refused:
        access.require("env publish", "chem/md", "editor", outsider)
    assert "role editor" in str(refused.value) and "group 500" in str(refused.value)
    with pytest.raises(AccessDeniedError, match=r"role admin.*user 1"):
        access.require("registry delete", "chem/md", "admin", member)


def test_bad_names_and_refs_are_clear_errors(registry: Registry) -> None:
    with pytest.raises(RegistryError, match="invalid namespace"):
        registry.create_namespace("../etc", "0")
    with pytest.raises(RegistryError, match="not an environment of a registry"):
        parse_ref("no-slash")
    with pytest.raises(RegistryError, match="no namespace 'bio'"):
        registry.paths(Ref("bio", "x"))
    with pytest.raises(RegistryError, match="nothing published"):
        registry.version_dir(Ref("chem", "none"))


def test_a_stale_lock_or_a_missing_key_publishes_nothing(
    tmp_path: Path, registry: Registry, solved: SolvedEnvironment
) -> None:
    from rpm_spec.binary.signing import Keyring
    from rpm_spec.registry.publishing import publish_environment
    from rpm_spec.session import Session

    store = Session.for_tests(tmp_path / "s").store
    env = solved("one", ["zlib"])
    env.add(["libelf"])  # the manifest moved on; the lock did not
    with pytest.raises(RegistryError, match=r"sections linux-debian12-zen3 were solved for other"):
        publish_environment(registry, MD, env, store)
    keyless = Registry(registry.root, Keyring(tmp_path / "nobody"), registry.who)
    fresh = solved("two", ["zlib"])
    with pytest.raises(RpmSpecError, match="no signing key"):
        publish_environment(keyless, MD, fresh, store)
    assert not (registry.root / "chem" / "md").exists()


def test_a_built_version_keeps_its_prefixes_until_it_is_archived(
    tmp_path: Path, registry: Registry, solved: SolvedEnvironment
) -> None:
    """Publishing a built environment copies its view and leaves a root in the store's
    drop-box (witness: the version's view); archiving it makes that root stale, so gc
    may then reclaim what no other root needs."""
    from rpm_spec.environment.views import regenerate_view
    from rpm_spec.registry.publishing import publish_environment
    from rpm_spec.session import Session

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    from store_fakes import install_dag

    env = solved("built", ["zlib"])
    store = Session.for_tests(tmp_path / "store-session").store
    box = store.root / ".rpm-spec" / "roots"
    box.mkdir(parents=True)
    box.chmod(0o1777)
    section = env.lock.platforms["linux-debian12-zen3"]
    install_dag(store, section.dag)
    regenerate_view(env, store, ZEN3)
    first = publish_environment(registry, MD, env, store)
    assert first.sections == {"linux-debian12-zen3": "built"}
    paths = registry.paths(MD)
    assert (paths.current / "view" / "bin" / "zlib").is_file()
    assert set(section.dag.nodes) <= set(store.drop_box.needs())
    publish_environment(registry, MD, env, store)
    registry.rollback(MD, 2)
    assert registry.prune(MD, keep_built=0) == [1]
    stale = store.drop_box.prune_stale()
    assert [entry.path for entry in stale] == [str(paths.version_dir(1))]
    assert set(section.dag.nodes) <= set(store.drop_box.needs())  # v2 still needs them


def test_a_planted_symlink_is_refused_not_followed(
    tmp_path: Path, registry: Registry, solved: SolvedEnvironment
) -> None:
    env = solved("one", ["zlib"])
    _publish(registry, env.path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (registry.paths(MD).views / "2").symlink_to(elsewhere)
    with pytest.raises(RegistryError, match="a symlink or a file is in its place"):
        _publish(registry, env.path)
    assert list(elsewhere.iterdir()) == []
    assert registry.paths(MD).numbers() == [1]
