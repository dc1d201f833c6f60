"""Stage: private directories, safe extraction of every archive kind, keep/destroy."""

from __future__ import annotations

import io
import multiprocessing
import shutil
import stat
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from source_archives import PROJECT, add_members, member, write_tarball, write_zip

from rpm_spec.build.archive import extension_of, extract_archive, sniff_extension
from rpm_spec.build.errors import StageError
from rpm_spec.build.stage import Stage, choose_stage_root, remove_tree, stage_path_for
from rpm_spec.spec import Version
from rpm_spec.util.fs import UnsafePathError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Members = list[tuple[tarfile.TarInfo, "bytes | None"]]


@dataclass(frozen=True)
class FakeSpec:
    name: str
    version: Version
    hash: str


SPEC = FakeSpec("pkg", Version("1.0"), "abcdefghijklmnopqrstuvwxyz234567")


def test_stage_path_names_the_node(tmp_path: Path) -> None:
    assert stage_path_for(tmp_path, SPEC) == tmp_path / "rpm-spec-stage-pkg-1.0-abcdefg"
    assert Stage(tmp_path, SPEC).path == stage_path_for(tmp_path, SPEC)


@pytest.mark.parametrize("ext", ["tar.gz", "tar.xz", "tar.bz2", "tar", "zip"])
def test_expand_every_kind_with_a_single_top_directory(tmp_path: Path, ext: str) -> None:
    archive = tmp_path / f"pkg-1.0.{ext}"
    files = {**PROJECT, "configure": "#!/bin/sh\n"}
    if ext == "zip":
        write_zip(archive, files, executable={"configure"})
    else:
        write_tarball(archive, files, executable={"configure"})
    assert sniff_extension(archive) == ext
    stage = Stage(tmp_path / "stages", SPEC)
    source = stage.expand(archive)
    assert source == stage.source_path == stage.path / "src"
    assert (source / "src" / "main.c").read_text() == PROJECT["src/main.c"]
    assert (source / "configure").stat().st_mode & stat.S_IXUSR
    assert not (source / "README").stat().st_mode & stat.S_IXUSR
    # Timestamps are kept (autotools would otherwise try to regenerate configure).
    expected = time.mktime((2020, 9, 13, 12, 26, 40, 0, 0, -1)) if ext == "zip" else 1.6e9
    assert (source / "README").stat().st_mtime == expected
    assert stat.S_IMODE(stage.path.stat().st_mode) == 0o700
    assert [p.name for p in stage.path.iterdir()] == ["src"]  # no scratch left


@pytest.mark.skipif(shutil.which("zstd") is None, reason="needs the zstd program")
def test_expand_zstd(tmp_path: Path) -> None:
    plain = tmp_path / "pkg-1.0.tar"
    write_tarball(plain)
    compressed = tmp_path / "pkg-1.0.tar.zst"
    import subprocess

    subprocess.run(["zstd", "-q", str(plain), "-o", str(compressed)], check=True)
    assert sniff_extension(compressed) == "tar.zst"
    source = Stage(tmp_path / "stages", SPEC).expand(compressed)
    assert (source / "README").read_text() == PROJECT["README"]


def test_several_top_entries_become_the_source_tree(tmp_path: Path) -> None:
    archive = tmp_path / "flat.tar.gz"
    write_tarball(archive, {"a.c": "", "b/c.c": ""}, top=None)
    source = Stage(tmp_path / "stages", SPEC).expand(archive)
    assert sorted(p.name for p in source.iterdir()) == ["a.c", "b"]


def test_a_plain_file_is_copied_in(tmp_path: Path) -> None:
    script = tmp_path / "tool.py"
    script.write_text("print('hi')\n")
    source = Stage(tmp_path / "stages", SPEC).expand(script)
    assert (source / "tool.py").read_text() == "print('hi')\n"


def test_resources_expand_inside_the_source_tree(tmp_path: Path) -> None:
    main = tmp_path / "pkg-1.0.tar.gz"
    write_tarball(main)
    data = tmp_path / "data.zip"
    write_zip(data, {"ref.dat": "42\n"}, top="data-2")
    stage = Stage(tmp_path / "stages", SPEC)
    stage.expand(main)
    into = stage.expand(data, into="tests/data")
    assert into == stage.source_path / "tests" / "data"
    assert (into / "ref.dat").read_text() == "42\n"
    with pytest.raises(StageError, match="not empty"):
        stage.expand(data, into="tests/data")
    with pytest.raises(StageError, match="relative path inside"):
        stage.expand(data, into="../outside")


def test_link_members_inside_are_kept(tmp_path: Path) -> None:
    archive = tmp_path / "links.tar"
    add_members(
        archive,
        [
            (member("top", tarfile.DIRTYPE), None),
            (member("top/lib/libx.so.1"), b"elf"),
            (member("top/lib/libx.so", tarfile.SYMTYPE, "libx.so.1"), None),
            (member("top/include/x.h", tarfile.SYMTYPE, "../lib/libx.so.1"), None),
            (member("top/copy", tarfile.LNKTYPE, "top/lib/libx.so.1"), None),
        ],
    )
    source = Stage(tmp_path / "stages", SPEC).expand(archive)
    assert (source / "lib" / "libx.so").resolve() == (source / "lib" / "libx.so.1").resolve()
    assert (source / "copy").read_bytes() == b"elf"


HOSTILE: dict[str, tuple[Members, str, str]] = {
    "absolute": ([(member("/etc/evil"), b"x")], "/etc/evil", "absolute path"),
    "dotdot": ([(member("top/../../evil"), b"x")], "top/../../evil", "'..'"),
    "symlink-out-then-write": (
        [
            (member("top/out", tarfile.SYMTYPE, "../../outside"), None),
            (member("top/out/evil"), b"x"),
        ],
        "top/out",
        "outside the stage",
    ),
    "absolute-symlink": (
        [(member("top/etc", tarfile.SYMTYPE, "/etc"), None)],
        "top/etc",
        "absolute path '/etc'",
    ),
    "symlink-chain": (
        [
            (member("here", tarfile.SYMTYPE, "."), None),
            (member("up", tarfile.SYMTYPE, "here/.."), None),
            (member("up/evil"), b"x"),
        ],
        "up",
        "outside the stage",
    ),
    "redirected-later": (
        [
            (member("x", tarfile.SYMTYPE, "y/.."), None),
            (member("y", tarfile.SYMTYPE, "."), None),
        ],
        "x",
        "resolves outside the stage",
    ),
    "hardlink-out": (
        [(member("top/passwd", tarfile.LNKTYPE, "../../outside/secret"), None)],
        "top/passwd",
        "hard link",
    ),
    "hardlink-absolute": (
        [(member("top/passwd", tarfile.LNKTYPE, "/etc/passwd"), None)],
        "top/passwd",
        "hard link to the absolute path",
    ),
    "device": ([(member("top/sda", tarfile.BLKTYPE), None)], "top/sda", "device or fifo"),
    "chardev": ([(member("top/null", tarfile.CHRTYPE), None)], "top/null", "device or fifo"),
    "fifo": ([(member("top/pipe", tarfile.FIFOTYPE), None)], "top/pipe", "device or fifo"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_tar_members_are_refused(tmp_path: Path, case: str) -> None:
    members, culprit, reason = HOSTILE[case]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text("keep me")
    archive = tmp_path / "hostile.tar"
    add_members(archive, members)
    stage = Stage(tmp_path / "stages" / "deep", SPEC)
    with pytest.raises(StageError) as caught:
        stage.expand(archive)
    assert caught.value.member == culprit
    assert f"member '{culprit}'" in str(caught.value) and reason in str(caught.value)
    assert sorted(p.name for p in outside.iterdir()) == ["secret"]
    assert (outside / "secret").read_text() == "keep me"
    assert not (tmp_path / "evil").exists() and not (tmp_path / "stages" / "evil").exists()
    assert list(stage.path.iterdir()) == []  # scratch removed


@pytest.mark.parametrize(
    ("name", "reason"), [("/abs/file", "absolute path"), ("top/../../evil", "'..'")]
)
def test_hostile_zip_members_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    archive = tmp_path / "hostile.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(zipfile.ZipInfo(name), b"x")
    with pytest.raises(StageError, match=reason) as caught:
        Stage(tmp_path / "stages", SPEC).expand(archive)
    assert caught.value.member == name


def test_zip_symlink_outside_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        info = zipfile.ZipInfo("top/out")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zipped.writestr(info, b"../../..")
    with pytest.raises(StageError, match="outside the stage"):
        Stage(tmp_path / "stages", SPEC).expand(archive)


def test_corrupt_and_unknown_archives(tmp_path: Path) -> None:
    good = tmp_path / "pkg-1.0.tar.gz"
    write_tarball(good, {"big": "x" * 100_000})
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(good.read_bytes()[:200])
    with pytest.raises(StageError, match="corrupt archive"):
        extract_archive(truncated, tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(StageError, match="not an archive"):
        extract_archive(text, tmp_path)


def test_extension_of() -> None:
    assert extension_of("xz-5.4.1.tar.xz") == "tar.xz"
    assert extension_of("Python-3.11.2.tgz") == "tgz"
    assert extension_of("fix.patch") == "patch"
    assert extension_of("v1.9.4.tar.gz") == "tar.gz"
    assert extension_of("README") is None


def test_context_manager_keeps_failures_and_destroys_successes(tmp_path: Path) -> None:
    root = tmp_path / "stages"
    with Stage(root, SPEC) as stage:
        (stage.path / "built").write_text("ok")
    assert not stage.path.exists() and not stage.kept

    with pytest.raises(RuntimeError), Stage(root, SPEC) as stage:
        (stage.path / "partial").write_text("half")
        raise RuntimeError("build failed")
    assert stage.kept and (stage.path / "partial").is_file()

    # The next attempt starts clean, and --keep-stage keeps a success.
    with Stage(root, SPEC, keep=True) as again:
        assert list(again.path.iterdir()) == []
    assert again.kept and again.path.is_dir()
    again.destroy()
    assert not again.path.exists()


def test_remove_tree_handles_read_only_directories(tmp_path: Path) -> None:
    locked = tmp_path / "tree" / "locked"
    locked.mkdir(parents=True)
    (locked / "file").write_text("x")
    locked.chmod(0o500)
    remove_tree(tmp_path / "tree")
    assert not (tmp_path / "tree").exists()


def test_choose_stage_root_skips_unusable_candidates(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    chosen = choose_stage_root([blocker / "stage", tmp_path / "second"])
    assert chosen == tmp_path / "second" and chosen.is_dir()
    with pytest.raises(StageError, match="no usable stage directory"):
        choose_stage_root([blocker / "stage"])


def test_choose_stage_root_refuses_a_root_others_may_write_to(tmp_path: Path) -> None:
    shared = tmp_path / "shared-stage"
    shared.mkdir()
    shared.chmod(0o777)
    planted = shared / stage_path_for(shared, SPEC).name
    planted.mkdir()
    link = tmp_path / "link-stage"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    # Several candidates: the first private one is used, the unsafe ones are skipped.
    chosen = choose_stage_root([shared, link, tmp_path / "mine"])
    assert chosen == tmp_path / "mine"
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o700
    with pytest.raises(StageError) as caught:
        choose_stage_root([shared, link])
    message = str(caught.value)
    assert message.startswith("config:build_stage: no usable stage directory:")
    assert f"{shared}: others may write to it" in message and "drwxrwxrwx" in message
    assert f"{link}: it is a symbolic link" in message
    assert "config:build_stage" in (caught.value.hint or "")
    assert list(shared.iterdir()) == [planted] and not any(planted.iterdir())


def test_a_stage_under_an_unsafe_root_is_never_created(tmp_path: Path) -> None:
    root = tmp_path / "stages"
    root.mkdir()
    root.chmod(0o757)
    stage = Stage(root, SPEC)
    with pytest.raises(UnsafePathError, match=f"refusing to use {root}: others may write"):
        stage.create()
    assert list(root.iterdir()) == []  # not even the claim's lock file


def test_the_claim_lock_lives_in_the_private_root(tmp_path: Path) -> None:
    root = tmp_path / "new" / "stages"
    with Stage(root, SPEC) as stage:
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        assert stat.S_IMODE(stage.path.stat().st_mode) == 0o700
        assert (root / (stage.path.name + ".lock")).is_file()


def test_a_truncated_member_is_a_stage_error(tmp_path: Path) -> None:
    archive = tmp_path / "short.tar"
    info = member("top/file")
    info.size = 10_000
    payload = io.BytesIO()
    with tarfile.open(fileobj=payload, mode="w") as tar:
        tar.addfile(info, io.BytesIO(b"x" * 10_000))
    archive.write_bytes(payload.getvalue()[:1024])
    with pytest.raises(StageError):
        Stage(tmp_path / "stages", SPEC).expand(archive)


def test_a_later_member_replaces_an_earlier_one_without_writing_through(tmp_path: Path) -> None:
    archive = tmp_path / "dups.tar"
    add_members(
        archive,
        [
            (member("a"), b"original"),
            (member("b", tarfile.LNKTYPE, "a"), None),
            (member("b"), b"replaced"),
            (member("c", tarfile.SYMTYPE, "a"), None),
            (member("c"), b"not through the link"),
        ],
    )
    source = Stage(tmp_path / "stages", SPEC).expand(archive)
    assert (source / "a").read_bytes() == b"original"
    assert (source / "b").read_bytes() == b"replaced"
    assert not (source / "c").is_symlink()
    assert (source / "c").read_bytes() == b"not through the link"


def _hold_stage(root: Path, ready: Connection, release: Connection) -> None:
    stage = Stage(root, SPEC)
    (stage.create() / "live-build").write_text("mine")
    ready.send(str(stage.path))
    release.recv()
    stage.destroy()


def test_a_stage_claimed_by_another_process_is_left_alone(tmp_path: Path) -> None:
    """Two stores of one user share the stage root: a live build tree is never wiped."""
    context = multiprocessing.get_context("fork")
    ready_out, ready_in = context.Pipe(duplex=False)
    release_out, release_in = context.Pipe(duplex=False)
    other = context.Process(target=_hold_stage, args=(tmp_path, ready_in, release_out))
    other.start()
    try:
        theirs = Path(ready_out.recv())
        assert theirs == stage_path_for(tmp_path, SPEC)
        mine = Stage(tmp_path, SPEC)
        assert mine.create() == theirs.with_name(theirs.name + "-2")
        assert (theirs / "live-build").read_text() == "mine"
        mine.destroy()
        again = Stage(tmp_path, SPEC)  # our claim was given back: -2 is free again
        assert again.create() == theirs.with_name(theirs.name + "-2")
        again.keep()
    finally:
        release_in.send("done")
        other.join(timeout=30)
    assert other.exitcode == 0
    assert not theirs.exists()
    reused = Stage(tmp_path, SPEC)  # their claim ended with their process's release
    assert reused.create() == theirs
    reused.destroy()
