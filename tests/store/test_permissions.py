"""packages:*:permissions and install_tree setgid/read_only_after_install: what each
prefix gets on disk, whatever the umask; config errors naming file:line."""

from __future__ import annotations

import os
import stat
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.config import Configuration
from rpm_spec.config.errors import ConfigError
from rpm_spec.config.scope import DirectoryScope
from rpm_spec.store import Store
from rpm_spec.store.permissions import Permissions, StorePermissions
from rpm_spec.store.prefix_modes import apply_permissions, remove_tree
from rpm_spec.store.store import remove_prefix
from rpm_spec.util.paths import DEFAULTS_CONFIG

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: A group number nobody on the test machine needs to have (root may give any).
GROUP = 20010


def config_from(directory: Path, **files: str) -> Configuration:
    """Shipped defaults plus ``<section>.yaml`` files in ``directory`` (the scope site)."""
    directory.mkdir(exist_ok=True)
    for section, text in files.items():
        (directory / f"{section}.yaml").write_text(textwrap.dedent(text))
    return Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope("site", directory),
        ]
    )


def make_tree(prefix: Path, umask: int) -> None:
    """What a build leaves, created under ``umask``: files, an executable, a setuid
    executable, nested directories and a symlink."""
    old = os.umask(umask)
    try:
        (prefix / "bin").mkdir(parents=True)
        (prefix / "lib" / "pkgconfig").mkdir(parents=True)
        (prefix / ".rpm-spec").mkdir()
        (prefix / "bin" / "tool").write_text("#!/bin/sh\n")
        (prefix / "bin" / "tool").chmod(0o777 & ~umask)
        (prefix / "bin" / "suid").write_text("#!/bin/sh\n")
        (prefix / "bin" / "suid").chmod(0o4755)
        (prefix / "lib" / "libx.so").write_bytes(b"\x7fELF")
        (prefix / "lib" / "pkgconfig" / "x.pc").write_text("prefix=/x\n")
        (prefix / ".rpm-spec" / "install-complete").write_text("")
        (prefix / "lib" / "libx.so.1").symlink_to("libx.so")
    finally:
        os.umask(old)


def modes(prefix: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (mode, gid) of everything in the tree (symlinks: lstat)."""
    found = {".": (stat.S_IMODE(prefix.stat().st_mode), prefix.stat().st_gid)}
    for path in sorted(prefix.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(prefix))] = (stat.S_IMODE(info.st_mode), info.st_gid)
    return found


# -- the modes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "write", "file", "executable", "directory"),
    [
        ("world", "user", 0o644, 0o755, 0o755),
        ("group", "user", 0o640, 0o750, 0o750),
        ("group", "group", 0o660, 0o770, 0o770),
        ("user", "user", 0o600, 0o700, 0o700),
        ("world", "world", 0o666, 0o777, 0o777),
    ],
)
def test_modes_for_each_level(
    read: str, write: str, file: int, executable: int, directory: int
) -> None:
    permissions = Permissions(read=read, write=write)
    assert permissions.file_mode(executable=False) == file
    assert permissions.file_mode(executable=True) == executable
    assert permissions.dir_mode() == directory
    read_only = Permissions(read=read, write=write, read_only=True, setgid=True)
    assert read_only.file_mode(executable=True) == executable & 0o555
    assert read_only.dir_mode() == (directory & 0o555) | stat.S_ISGID


def test_umask_077_and_002_give_the_same_modes(tmp_path: Path) -> None:
    permissions = Permissions(read="group", write="group", setgid=True)
    strict, loose = tmp_path / "strict", tmp_path / "loose"
    make_tree(strict, 0o077)
    make_tree(loose, 0o002)
    assert modes(strict) != modes(loose)
    apply_permissions(strict, permissions)
    apply_permissions(loose, permissions)
    assert modes(strict) == modes(loose)
    got = modes(strict)
    assert got["bin/tool"][0] == 0o770  # executables keep x for their readers
    assert got["bin/suid"][0] == 0o770  # setuid never survives
    assert got["lib/libx.so"][0] == 0o660
    assert got["lib"][0] == 0o2770 and got["."][0] == 0o2770


@pytest.mark.skipif(not ROOT, reason="giving files a group one is not in needs root")
def test_the_group_reaches_every_file_and_symlink(tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    make_tree(prefix, 0o022)
    apply_permissions(prefix, Permissions(group=str(GROUP), gid=GROUP, setgid=True))
    assert {gid for _, gid in modes(prefix).values()} == {GROUP}
    assert (prefix / "lib" / "libx.so.1").is_symlink()


def test_read_only_prefixes_lose_every_write_bit_and_can_still_be_removed(
    tmp_path: Path,
) -> None:
    prefix = tmp_path / "store" / "p"
    make_tree(prefix, 0o022)
    apply_permissions(prefix, Permissions(read_only=True))
    written = {path: mode for path, (mode, _) in modes(prefix).items() if mode & 0o222}
    assert written == {"lib/libx.so.1": 0o777}  # only the symlink, whose mode means nothing
    remove_prefix(prefix)
    assert not prefix.exists()
    again = tmp_path / "again"
    make_tree(again, 0o022)
    apply_permissions(again, Permissions(read_only=True))
    remove_tree(again)
    assert not again.exists()


@pytest.mark.skipif(not ROOT, reason="a non-root owner is needed: modes do not bind root")
def test_a_read_only_prefix_is_removed_by_its_non_root_owner(outside_root: Path) -> None:
    """Modes bind everyone but root: the owner (uid 20002) removes it in a child."""
    prefix = outside_root / "store" / "p"
    make_tree(prefix, 0o022)
    for path in [prefix.parent, prefix, *prefix.rglob("*")]:
        os.chown(path, 20002, 20002, follow_symlinks=False)
    apply_permissions(prefix, Permissions(read_only=True))
    assert as_uid_20002(lambda: remove_prefix(prefix)) == ""
    assert not prefix.exists()


@pytest.mark.skipif(not ROOT, reason="a non-root owner is needed: modes do not bind root")
def test_an_overwritten_read_only_prefix_set_aside_is_removed_by_its_owner(
    outside_root: Path,
) -> None:
    aside = outside_root / "store" / "p.rpm-spec-old"
    make_tree(aside, 0o022)
    for path in [aside.parent, aside, *aside.rglob("*")]:
        os.chown(path, 20002, 20002, follow_symlinks=False)
    apply_permissions(aside, Permissions(read_only=True))
    assert as_uid_20002(lambda: remove_tree(aside)) == ""
    assert not aside.exists()


@pytest.mark.skipif(not ROOT, reason="needs another uid")
def test_a_group_the_installer_is_not_in_is_a_clear_error(outside_root: Path) -> None:
    prefix = outside_root / "p"
    make_tree(prefix, 0o022)
    for path in [prefix, *prefix.rglob("*")]:
        os.chown(path, 20002, 20002, follow_symlinks=False)
    permissions = Permissions(group="proj", gid=GROUP)
    message = as_uid_20002(lambda: apply_permissions(prefix, permissions))
    assert message.startswith("PermissionsError: cannot give ")
    assert "the group proj: Operation not permitted" in message
    assert "only members of the group proj (and root) can install there" in message


@pytest.fixture
def outside_root() -> Iterator[Path]:
    """A directory another uid can reach (tmp_path lies below a 0700 directory)."""
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-permissions-"))
    directory.chmod(0o755)
    try:
        yield directory
    finally:
        remove_tree(directory, ignore_errors=True)


def as_uid_20002(action: Callable[[], object]) -> str:
    """Run ``action`` in a forked child as uid/gid 20002 (no other groups); what it
    raised, as text ("" when it returned)."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        try:
            os.setgroups([])
            os.setgid(20002)
            os.setuid(20002)
            action()
        except BaseException as error:
            hint = getattr(error, "hint", None)
            os.write(writer, f"{type(error).__name__}: {error}\nhint: {hint}".encode())
        finally:
            os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    with os.fdopen(reader, "rb") as stream:
        return stream.read().decode()


# -- reading the configuration ----------------------------------------------------------


def test_defaults_are_spacks_read_world_write_user(tmp_path: Path) -> None:
    permissions = StorePermissions.from_config(config_from(tmp_path / "site"))
    assert permissions.default == Permissions(read="world", write="user")
    assert not permissions.shared
    assert permissions.file_mode is None


def test_a_package_overrides_all_key_by_key(tmp_path: Path) -> None:
    config = config_from(
        tmp_path / "site",
        packages="""\
        packages:
          all:
            permissions: {read: group, write: group, group: '20010'}
          zlib:
            permissions: {read: world}
        """,
        config="""\
        config:
          install_tree: {read_only_after_install: true}
        """,
    )
    permissions = StorePermissions.from_config(config)
    assert permissions.default == Permissions(
        read="group", write="group", group="20010", gid=20010, setgid=True, read_only=True
    )
    assert permissions.for_package("zlib") == Permissions(
        read="world", write="group", group="20010", gid=20010, setgid=True, read_only=True
    )
    assert permissions.for_package("bzip2") is permissions.default
    assert permissions.shared
    assert permissions.directory_mode == 0o2770
    assert permissions.file_mode == 0o660


def test_setgid_false_turns_it_off_and_true_works_without_a_group(tmp_path: Path) -> None:
    off = config_from(
        tmp_path / "off",
        packages="packages:\n  all:\n    permissions: {group: 20010}\n",
        config="config:\n  install_tree: {setgid: false}\n",
    )
    assert not StorePermissions.from_config(off).default.setgid
    on = config_from(tmp_path / "on", config="config:\n  install_tree: {setgid: true}\n")
    assert StorePermissions.from_config(on).default.setgid


@pytest.mark.parametrize(
    ("permissions", "line", "message"),
    [
        ("{read: group, write: world}", 3, "write: world needs read: world or wider"),
        ("{read: user, write: group}", 3, "write: group needs read: group or wider"),
    ],
)
def test_writing_wider_than_reading_is_refused_naming_the_line(
    tmp_path: Path, permissions: str, line: int, message: str
) -> None:
    config = config_from(
        tmp_path / "site", packages=f"packages:\n  all:\n    permissions: {permissions}\n"
    )
    with pytest.raises(ConfigError) as caught:
        StorePermissions.from_config(config)
    text = str(caught.value)
    assert text.startswith(f"{tmp_path / 'site' / 'packages.yaml'}:{line}: ")
    assert f"packages:all:permissions: {message}" in text


def test_a_package_narrowing_read_below_all_s_write_names_its_own_line(
    tmp_path: Path,
) -> None:
    config = config_from(
        tmp_path / "site",
        packages="""\
        packages:
          all:
            permissions: {read: world, write: group}
          secret:
            permissions:
              read: user
        """,
    )
    with pytest.raises(ConfigError, match=r"packages\.yaml:6: packages:secret:permissions: "):
        StorePermissions.from_config(config)


def test_an_unknown_group_is_named_with_its_line(tmp_path: Path) -> None:
    config = config_from(
        tmp_path / "site",
        packages="packages:\n  all:\n    permissions:\n      group: no-such-group-xyz\n",
    )
    with pytest.raises(
        ConfigError, match=r"packages\.yaml:4: .*no group named 'no-such-group-xyz'"
    ):
        StorePermissions.from_config(config)


def test_a_bad_level_is_a_schema_error(tmp_path: Path) -> None:
    config = config_from(
        tmp_path / "site", packages="packages:\n  all:\n    permissions: {read: everyone}\n"
    )
    with pytest.raises(ConfigError, match=r"packages\.yaml:3"):
        StorePermissions.from_config(config)


# -- the store's own files --------------------------------------------------------------


@pytest.mark.skipif(not ROOT, reason="giving files a group one is not in needs root")
def test_a_shared_store_makes_its_directories_index_and_locks_the_groups(
    tmp_path: Path,
) -> None:
    permissions = StorePermissions(Permissions(group=str(GROUP), gid=GROUP, setgid=True))
    store = Store(tmp_path / "store", permissions=permissions)
    old = os.umask(0o077)
    try:
        with store.lock("a" * 32):
            pass
        with store.database.transaction():
            pass
        store.prepare_prefix(tmp_path / "store" / "linux-x" / "gcc-1" / "p-1-abc")
    finally:
        os.umask(old)
    database = tmp_path / "store" / ".rpm-spec-db"
    for directory in (store.root, database, database / "locks", store.root / "linux-x"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o2775, directory
        assert directory.stat().st_gid == GROUP
    for file in (
        database / "index.json",
        database / "lock",
        database / "locks" / f"{'a' * 32}.lock",
    ):
        assert stat.S_IMODE(file.stat().st_mode) == 0o664, file
        assert file.stat().st_gid == GROUP


def test_a_store_without_a_group_is_left_to_the_umask(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    old = os.umask(0o077)
    try:
        with store.lock("b" * 32):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "store" / ".rpm-spec-db").stat().st_mode) == 0o700


def test_root_and_members_pass_the_group_check(tmp_path: Path) -> None:
    mine = os.getegid()
    StorePermissions(Permissions(group=str(mine), gid=mine)).require_member(tmp_path)
    StorePermissions().require_member(tmp_path)


@pytest.mark.skipif(not ROOT, reason="needs another uid")
def test_a_non_member_is_refused_naming_store_and_group(tmp_path: Path) -> None:
    permissions = StorePermissions(Permissions(group="proj", gid=GROUP))
    message = as_uid_20002(lambda: permissions.require_member(tmp_path))
    assert message.startswith(
        f"NotInGroupError: store {tmp_path}: writing needs group proj (you are not a member)\n"
    )
    assert "add you to the group proj" in message
