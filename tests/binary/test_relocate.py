"""Relocating a real prefix (gcc-built library and program, a script, .pc and .cmake files,
a non-ELF binary, links) from a padded root to another one, and refusing what cannot fit."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from elf_builders import compile_c, readelf_dynamic

from rpm_spec.binary import (
    RelocationError,
    RelocationInfo,
    check_fits,
    dynamic_info,
    leftovers,
    relocate,
    scan_prefix,
)

if TYPE_CHECKING:
    from pathlib import Path

LIBRARY = '#include <stdio.h>\nvoid greet(void) { printf("lib says hi\\n"); }\n'
PROGRAM = """#include <stdio.h>
void greet(void);
static const char *data_dir = "{prefix}/share/data";
int main(void) {{ greet(); printf("data in %s\\n", data_dir); return 0; }}
"""
PROJECTION = "linux-zen3/gcc-12/pkg-1.0-abcdefg"


@dataclass
class Built:
    root: Path
    prefix: Path
    info: RelocationInfo


def _build_prefix(root: Path) -> Path:
    """A prefix under ``root`` holding the root in every kind of file we relocate."""
    prefix = root / PROJECTION
    lib = prefix / "lib"
    compile_c(
        LIBRARY,
        lib / "libgreet.so",
        "-shared",
        "-fPIC",
        f"-Wl,-rpath,{lib}",
        "-Wl,--enable-new-dtags",
    )
    compile_c(
        PROGRAM.format(prefix=prefix),
        prefix / "bin" / "greeter",
        f"-L{lib}",
        "-lgreet",
        f"-Wl,-rpath,{lib}",
        "-Wl,--enable-new-dtags",
    )
    shutil.copy2("/bin/sh", prefix / "bin" / "mysh")
    script = prefix / "bin" / "tool"
    script.write_text(f"#!{prefix}/bin/mysh\necho tool in {prefix}\n", encoding="utf-8")
    script.chmod(0o555)  # read-only, as a finished install is
    (lib / "pkgconfig").mkdir()
    (lib / "pkgconfig" / "greet.pc").write_text(
        f"prefix={prefix}\nlibdir=${{prefix}}/lib\nName: greet\nLibs: -L{lib} -lgreet\n",
        encoding="utf-8",
    )
    (lib / "cmake" / "greet").mkdir(parents=True)
    (lib / "cmake" / "greet" / "greetConfig.cmake").write_text(
        f'set(GREET_PREFIX "{prefix}")\nset(GREET_LIB "{lib}/libgreet.so")\n', encoding="utf-8"
    )
    (prefix / "share").mkdir()
    (prefix / "share" / "table.bin").write_bytes(
        b"\x00\x01HDR\x00" + os.fsencode(prefix) + b"/share/data\x00\xff\xfetail"
    )
    (lib / "libgreet.so.1").symlink_to(lib / "libgreet.so")
    lib.chmod(0o555)  # a read-only directory holding a link to rewrite
    (prefix / "share" / "plain.txt").write_text("nothing to see\n", encoding="utf-8")
    return prefix


@pytest.fixture
def built(tmp_path: Path) -> Built:
    """A prefix built under a root padded to 120 characters."""
    base = tmp_path / "a"
    root = base / ("_placeholder_" * 10)[: 120 - len(str(base)) - 1]
    assert len(str(root)) == 120
    prefix = _build_prefix(root)
    info = scan_prefix(prefix, [str(root)], store_root=str(root), padded_length=120)
    return Built(root, prefix, info)


def _move(built: Built, new_root: Path) -> tuple[Path, dict[str, str]]:
    """Copy the built prefix under ``new_root`` and delete the original (so nothing
    can still use it); returns the new prefix and the old -> new mapping."""
    new_prefix = new_root / PROJECTION
    new_prefix.parent.mkdir(parents=True)
    shutil.copytree(built.prefix, new_prefix, symlinks=True)
    (built.prefix / "lib").chmod(0o755)
    shutil.rmtree(built.prefix)
    return new_prefix, {str(built.prefix): str(new_prefix), str(built.root): str(new_root)}


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    result: dict[str, tuple[int, int, str]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        content = (
            os.readlink(path)
            if path.is_symlink()
            else (hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "")
        )
        result[str(path.relative_to(root))] = (info.st_mode, info.st_size, content)
    return result


def test_scan_sorts_files_by_kind(built: Built) -> None:
    info = built.info
    assert info.relocatable, info.reason
    assert info.store_root == str(built.root)
    assert info.padded_length == 120
    assert set(info.binary_files) == {"bin/greeter", "lib/libgreet.so", "share/table.bin"}
    assert set(info.text_files) == {
        "bin/tool",
        "lib/pkgconfig/greet.pc",
        "lib/cmake/greet/greetConfig.cmake",
    }
    assert info.links == ("lib/libgreet.so.1",)
    assert info.binary_paths == (str(built.root),)
    assert RelocationInfo.from_json(info.to_json()) == info


def test_relocated_prefix_runs_from_its_new_root(built: Built, tmp_path: Path) -> None:
    new_root = tmp_path / "b" / "a-new-root-longer-than-the-unpadded-old-one"
    assert len(str(new_root)) > len(str(tmp_path / "a"))
    sizes = {name: (built.prefix / name).stat().st_size for name in built.info.binary_files}
    new_prefix, mapping = _move(built, new_root)

    relocate(new_prefix, built.info, mapping)

    greeter = new_prefix / "bin" / "greeter"
    run = subprocess.run([str(greeter)], capture_output=True, text=True, check=True)
    assert run.stdout == f"lib says hi\ndata in {new_prefix}/share/data\n"
    assert f"Library runpath: [{new_prefix}/lib]" in readelf_dynamic(greeter)
    info = dynamic_info(new_prefix / "lib" / "libgreet.so")
    assert info is not None
    assert info.runpath == [f"{new_prefix}/lib"]
    tool = subprocess.run([str(new_prefix / "bin" / "tool")], capture_output=True, text=True)
    assert tool.stdout == f"tool in {new_prefix}\n"
    assert stat.S_IMODE((new_prefix / "bin" / "tool").stat().st_mode) == 0o555
    assert f"prefix={new_prefix}\n" in (new_prefix / "lib/pkgconfig/greet.pc").read_text()
    cmake = (new_prefix / "lib/cmake/greet/greetConfig.cmake").read_text()
    assert f'set(GREET_LIB "{new_prefix}/lib/libgreet.so")' in cmake
    assert os.readlink(new_prefix / "lib" / "libgreet.so.1") == f"{new_prefix}/lib/libgreet.so"
    assert stat.S_IMODE((new_prefix / "lib").stat().st_mode) == 0o555
    table = (new_prefix / "share" / "table.bin").read_bytes()
    assert os.fsencode(f"{new_prefix}/share/data\0") in table
    assert table.endswith(b"\x00\xff\xfetail")
    # binary files keep their size: strings were shortened and NUL-padded in place
    assert {name: (new_prefix / name).stat().st_size for name in sizes} == sizes
    assert leftovers(new_prefix, [str(built.root)]) == []


def test_a_longer_new_root_is_refused_before_anything_changes(
    built: Built, tmp_path: Path
) -> None:
    new_root = tmp_path / "c" / ("x" * (len(str(built.root)) + 5 - len(str(tmp_path / "c")) - 1))
    new_prefix, mapping = _move(built, new_root)
    before = _snapshot(new_prefix)

    with pytest.raises(RelocationError) as caught:
        check_fits(built.info, mapping)
    with pytest.raises(RelocationError):
        relocate(new_prefix, built.info, mapping)

    assert _snapshot(new_prefix) == before
    message = str(caught.value)
    old_length, new_length = len(str(built.prefix)), len(str(new_prefix))
    assert f"{built.prefix} ({old_length} characters)" in message
    assert f"{new_prefix} ({new_length} characters)" in message
    assert "padded to 120" in message
    assert "'config:install_tree:padded_length: 125' or more" in message


def test_text_only_prefixes_move_anywhere_and_longest_paths_win(tmp_path: Path) -> None:
    old_root, upstream = tmp_path / "s", tmp_path / "s" / "up" / "dep-1.0-xyz"
    prefix = old_root / "pkg"
    prefix.mkdir(parents=True)
    script = prefix / "run.sh"
    script.write_text(f"#!/bin/sh\nexec {upstream}/bin/dep --root {old_root}\n")
    info = scan_prefix(prefix, [str(old_root)], store_root=str(old_root), padded_length=0)
    assert info.text_files == ("run.sh",)
    assert not info.binary_files
    new_root = tmp_path / "a-much-much-longer-new-store-root"
    mapping = {str(old_root): str(new_root), str(upstream): "/site/dep"}
    check_fits(info, mapping)  # no binary file: any length fits
    relocate(prefix, info, mapping)
    assert script.read_text() == f"#!/bin/sh\nexec /site/dep/bin/dep --root {new_root}\n"


def test_not_relocatable_when_a_root_is_not_nul_terminated(tmp_path: Path) -> None:
    root = tmp_path / "root"
    prefix = root / "pkg"
    prefix.mkdir(parents=True)
    (prefix / "blob").write_bytes(b"\x00\x01" + os.fsencode(root) + b"/end")
    info = scan_prefix(prefix, [str(root)], store_root=str(root), padded_length=0)
    assert not info.relocatable
    assert "blob" in info.reason
    check_fits(info, {str(root): str(root)})  # staying put needs nothing
    with pytest.raises(RelocationError, match="cannot be relocated: blob"):
        check_fits(info, {str(root): "/r"})


def test_leftovers_names_files_and_ignores_allowed_new_paths(tmp_path: Path) -> None:
    prefix = tmp_path / "p"
    prefix.mkdir()
    (prefix / "clean").write_text("/a/store-b/lib\n")
    (prefix / "dirty").write_bytes(b"\x00/a/store/lib\x00")
    (prefix / "link").symlink_to("/a/store/x")
    assert leftovers(prefix, ["/a/store"], allowed=["/a/store-b"]) == ["dirty", "link"]
    assert leftovers(prefix, ["/a/store"]) == ["clean", "dirty", "link"]


def test_malformed_relocation_data_is_a_clear_error() -> None:
    good = RelocationInfo("/r", 0, True, "", ("lib/a.so",), ()).to_json()
    for broken in (
        {k: v for k, v in good.items() if k != "store_root"},
        {**good, "padded_length": "128"},
        {**good, "relocatable": 1},
        {**good, "binary_files": ["../../etc/passwd"]},
        {**good, "text_files": "bin/x"},
    ):
        with pytest.raises(RelocationError, match="malformed relocation data"):
            RelocationInfo.from_json(broken)


def test_only_paths_the_binaries_hold_must_fit(built: Built, tmp_path: Path) -> None:
    """A padded root starts with the unpadded one: mapping the unpadded root to a longer
    one as well does not refuse, because the padded entry is what matches in binaries."""
    unpadded = built.root.parent
    info = scan_prefix(
        built.prefix,
        [str(built.root), str(unpadded)],
        store_root=str(built.root),
        padded_length=120,
    )
    assert info.binary_paths == (str(built.root),)
    new_root = tmp_path / "b" / "root"
    longer = str(unpadded) + "-forty-more-characters-than-the-old-root-xx"
    check_fits(info, {str(built.root): str(new_root), str(unpadded): longer})
    with pytest.raises(RelocationError):
        check_fits(info, {str(built.root): str(built.root) + "-more"})
    with pytest.raises(RelocationError):  # below the held root
        check_fits(info, {str(built.prefix): str(built.prefix) + "-longer"})
    # an entry without binary_paths (older data) is checked conservatively
    legacy = RelocationInfo.from_json({**info.to_json(), "binary_paths": []})
    with pytest.raises(RelocationError):
        check_fits(legacy, {str(built.root): str(new_root), str(unpadded): longer})
