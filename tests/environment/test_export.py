"""The pieces of ``env export --tarball``: ``$ORIGIN`` rewriting of copied prefixes
(on synthetic ELF files of every class and byte order) and the reproducible archive."""

from __future__ import annotations

import io
import os
import sys
import tarfile
from pathlib import Path

import pytest

from rpm_spec.binary.elf import dynamic_info
from rpm_spec.export.errors import ExportError
from rpm_spec.export.origin import Rewrites, rewrite_prefix
from rpm_spec.export.tarball import write_archive

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "binary"))
from elf_builders import DT_RPATH, DT_RUNPATH, synthetic_elf

OLD = "/old/store/linux-x86_64/gcc-12/libb-1.0-" + "h" * 32


@pytest.mark.parametrize(("bits", "big_endian"), [(64, False), (32, True)])
def test_a_runpath_into_an_exported_prefix_becomes_origin_relative(
    tmp_path: Path, bits: int, big_endian: bool
) -> None:
    stage = tmp_path / "stage"
    liba = stage / "prefixes" / "liba" / "lib" / "liba.so"
    liba.parent.mkdir(parents=True)
    (stage / "prefixes" / "libb" / "lib").mkdir(parents=True)
    entries = [(DT_RUNPATH, f"{OLD}/lib:/usr/lib64"), (DT_RPATH, f"{OLD}/lib")]
    liba.write_bytes(synthetic_elf(bits=bits, big_endian=big_endian, entries=entries))
    size = liba.stat().st_size
    report = Rewrites()
    rewrite_prefix(stage / "prefixes" / "liba", stage, {OLD: stage / "prefixes" / "libb"}, report)
    info = dynamic_info(liba)
    assert info is not None
    assert info.runpath == ["$ORIGIN/../../libb/lib", "/usr/lib64"]
    assert info.rpath == ["$ORIGIN/../../libb/lib"]
    assert liba.stat().st_size == size  # rewritten in place, NUL-padded
    assert report.runpaths == 2 and report.left == []


def test_a_relative_runpath_longer_than_the_old_one_is_refused(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    liba = stage / "prefixes" / "a" / "lib" / "liba.so"
    liba.parent.mkdir(parents=True)
    deep = stage / "prefixes" / ("b" * 40)
    original = synthetic_elf(bits=64, big_endian=False, entries=[(DT_RUNPATH, "/s/b/lib")])
    liba.write_bytes(original)
    with pytest.raises(ExportError, match="longer than the absolute one"):
        rewrite_prefix(stage / "prefixes" / "a", stage, {"/s/b": deep}, Rewrites())
    assert liba.read_bytes() == original


def test_shebangs_and_links_into_exported_prefixes_are_made_relative(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    bin_dir = stage / "prefixes" / "tool" / "bin"
    bin_dir.mkdir(parents=True)
    (stage / "prefixes" / "py" / "bin").mkdir(parents=True)
    (stage / "prefixes" / "py" / "bin" / "python3").write_text("#!/bin/sh\n")
    (bin_dir / "tool").write_text(f"#!{OLD}/bin/python3\nprint('hi')\n")
    (bin_dir / "flags").write_text(f"#!{OLD}/bin/python3 -E\nprint('hi')\n")
    (bin_dir / "py").symlink_to(f"{OLD}/bin/python3")
    (bin_dir / "sh").symlink_to("/bin/sh")  # outside every exported prefix: left alone
    report = Rewrites()
    rewrite_prefix(stage / "prefixes" / "tool", stage, {OLD: stage / "prefixes" / "py"}, report)
    assert (bin_dir / "tool").read_text() == "#!/usr/bin/env python3\nprint('hi')\n"
    assert os.readlink(bin_dir / "py") == "../../py/bin/python3"
    assert (bin_dir / "py").resolve() == (stage / "prefixes" / "py" / "bin" / "python3")
    assert os.readlink(bin_dir / "sh") == "/bin/sh"
    # an interpreter with arguments cannot go through /usr/bin/env: left, and said so
    assert report.left == ["prefixes/tool/bin/flags"]
    assert (report.shebangs, report.links) == (1, 1)


def _stage(root: Path, *, mtime: int, mode: int, reverse: bool) -> Path:
    files = {"b/data.txt": b"data\n", "a/run": b"#!/bin/sh\n", "c/x/y.txt": b"y\n"}
    for name in sorted(files, reverse=reverse):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
        path.chmod(0o755 if name == "a/run" else mode)
        os.utime(path, (mtime, mtime))
    (root / "b" / "link").symlink_to("data.txt")
    return root


def test_the_archive_does_not_depend_on_times_modes_or_creation_order(tmp_path: Path) -> None:
    archives = []
    for index, (mtime, mode, reverse) in enumerate([(1000, 0o600, False), (2**31, 0o664, True)]):
        stage = _stage(tmp_path / str(index), mtime=mtime, mode=mode, reverse=reverse)
        raw = io.BytesIO()
        write_archive(stage, raw)
        archives.append(raw.getvalue())
    assert archives[0] == archives[1]
    with tarfile.open(fileobj=io.BytesIO(archives[0])) as archive:
        members = {m.name: m for m in archive.getmembers()}
    assert list(members) == sorted(members)
    assert members["a/run"].mode == 0o755 and members["b/data.txt"].mode == 0o644
    assert members["b/link"].issym() and members["b/link"].linkname == "data.txt"
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members.values()} == {
        (0, 0, 0, "", "")
    }


def test_a_read_only_install_is_exported(tmp_path: Path) -> None:
    """Store prefixes may be read-only (0555 directories): their copies are rewritten,
    and the stage is removable."""
    from types import SimpleNamespace

    from rpm_spec.export.closure import ExportSet
    from rpm_spec.export.tarball import stage_export
    from rpm_spec.spec.concrete import ConcreteDag
    from synthetic_installs import node

    lib = node("libb")
    app = node("app", run_deps=[lib])
    prefixes = {n.hash: tmp_path / "store" / f"{n.name}-{n.hash}" for n in (lib, app)}
    (prefixes[lib.hash] / "bin").mkdir(parents=True)
    (prefixes[lib.hash] / "bin" / "tool").write_text("#!/bin/sh\necho tool\n")
    (prefixes[app.hash] / "bin").mkdir(parents=True)
    (prefixes[app.hash] / "bin" / "tool-link").symlink_to(prefixes[lib.hash] / "bin" / "tool")
    for prefix in prefixes.values():
        for directory in (prefix / "bin", prefix):
            directory.chmod(0o555)
    section = SimpleNamespace(
        key="linux-debian12-x86_64", dag=ConcreteDag((app.hash,), {n.hash: n for n in (lib, app)})
    )
    nodes = tuple((n, prefixes[n.hash]) for n in (app, lib))
    chosen = ExportSet("test", section, (app.hash,), nodes, ())  # type: ignore[arg-type]
    stage = tmp_path / "stage"
    report = stage_export(chosen, stage)
    assert report.links == 1
    # (root ignores modes: check them, not only that the rewrite worked)
    for directory in (stage / "prefixes").rglob("*"):
        if directory.is_dir() and not directory.is_symlink():
            assert directory.stat().st_mode & 0o700 == 0o700, directory
    assert (stage / "view" / "bin" / "tool-link").read_text() == "#!/bin/sh\necho tool\n"
    assert (stage / "view" / "bin" / "tool").is_symlink()
    assert not os.readlink(stage / "view" / "bin" / "tool").startswith("/")
    for prefix in prefixes.values():
        for directory in (prefix, prefix / "bin"):
            directory.chmod(0o755)
