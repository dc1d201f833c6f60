"""The pure-Python ELF reader, against gcc-made files (checked with readelf) and
hand-made big-endian ones."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest
from elf_builders import (
    DT_NEEDED,
    DT_RPATH,
    DT_RUNPATH,
    compile_c,
    gcc,
    readelf_dynamic,
    synthetic_elf,
)

from rpm_spec.binary.elf import dynamic_info, is_elf, parse_dynamic

if TYPE_CHECKING:
    from pathlib import Path

LIBRARY = "int answer(void) { return 42; }\n"
PROGRAM = "int answer(void);\nint main(void) { return answer() == 42 ? 0 : 1; }\n"


def _library(tmp_path: Path, runpath: str, *, new_dtags: bool = True) -> Path:
    tags = "--enable-new-dtags" if new_dtags else "--disable-new-dtags"
    return compile_c(
        LIBRARY,
        tmp_path / "lib" / "libanswer.so",
        "-shared",
        "-fPIC",
        "-Wl,-soname,libanswer.so.1",
        f"-Wl,-rpath,{runpath}",
        f"-Wl,{tags}",
    )


def test_a_shared_library_with_runpath_and_soname(tmp_path: Path) -> None:
    runpath = f"{tmp_path}/{'long-directory-name/' * 6}lib"
    library = _library(tmp_path, f"{runpath}:$ORIGIN/../extra")
    info = dynamic_info(library)
    assert info is not None
    assert (info.bits, info.big_endian) == (64, False)
    assert info.soname == ["libanswer.so.1"]
    assert info.runpath == [runpath, "$ORIGIN/../extra"]
    assert info.rpath == []
    assert info.search_path == info.runpath
    readelf = readelf_dynamic(library)
    assert f"Library runpath: [{runpath}:$ORIGIN/../extra]" in readelf
    assert "Library soname: [libanswer.so.1]" in readelf


def test_an_executable_with_old_style_rpath_and_needed(tmp_path: Path) -> None:
    library = _library(tmp_path, "/nowhere")
    program = compile_c(
        PROGRAM,
        tmp_path / "bin" / "program",
        f"-L{library.parent}",
        "-lanswer",
        f"-Wl,-rpath,{library.parent}",
        "-Wl,--disable-new-dtags",
    )
    info = dynamic_info(program)
    assert info is not None
    assert "libanswer.so.1" in info.needed
    assert any(name.startswith("libc.so") for name in info.needed)
    assert info.rpath == [str(library.parent)]
    assert info.runpath == []
    assert info.soname == []
    # The order readelf lists them in is the order the loader reads them.
    listed = [
        line.split("[", 1)[1].rstrip("]")
        for line in readelf_dynamic(program).splitlines()
        if "(NEEDED)" in line
    ]
    assert info.needed == listed
    (library.parent / "libanswer.so.1").symlink_to(library.name)
    assert subprocess.run([str(program)], check=False).returncode == 0


def test_a_32_bit_little_endian_library(tmp_path: Path) -> None:
    source = tmp_path / "f.c"
    source.write_text(LIBRARY, encoding="utf-8")
    output = tmp_path / "lib32.so"
    done = subprocess.run(
        [
            gcc(),
            "-m32",
            "-shared",
            "-nostdlib",
            "-fPIC",
            "-Wl,-soname,lib32.so",
            "-Wl,-rpath,/opt/thirty-two/lib",
            "-Wl,--enable-new-dtags",
            "-o",
            str(output),
            str(source),
        ],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("gcc here cannot link 32-bit objects")
    info = dynamic_info(output)
    assert info is not None
    assert (info.bits, info.big_endian) == (32, False)
    assert info.runpath == ["/opt/thirty-two/lib"]
    assert info.soname == ["lib32.so"]


@pytest.mark.parametrize("bits", [32, 64])
@pytest.mark.parametrize("big_endian", [True, False])
def test_synthetic_files_of_every_class_and_byte_order(bits: int, big_endian: bool) -> None:
    data = synthetic_elf(
        bits=bits,
        big_endian=big_endian,
        entries=[
            (DT_NEEDED, "libz.so.1"),
            (DT_NEEDED, "libc.so.6"),
            (DT_RPATH, "/old/a:/old/b"),
            (DT_RUNPATH, "/store/lib"),
        ],
        soname="libsynthetic.so",
    )
    info = parse_dynamic(data)
    assert info is not None
    assert (info.bits, info.big_endian) == (bits, big_endian)
    assert info.needed == ["libz.so.1", "libc.so.6"]
    assert info.rpath == ["/old/a", "/old/b"]
    assert info.runpath == ["/store/lib"]
    assert info.search_path == ["/store/lib"]
    assert info.soname == ["libsynthetic.so"]


def test_what_is_not_a_dynamic_elf_file(tmp_path: Path) -> None:
    text = tmp_path / "script.sh"
    text.write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    assert not is_elf(text)
    assert dynamic_info(text) is None
    assert not is_elf(tmp_path / "missing")
    assert dynamic_info(tmp_path / "missing") is None

    obj = compile_c(LIBRARY, tmp_path / "answer.o", "-c")
    assert is_elf(obj)
    assert dynamic_info(obj) is None  # relocatable object: no program headers

    library = _library(tmp_path, "/x")
    data = library.read_bytes()
    for cut in (3, 20, 70, len(data) // 3):
        truncated = tmp_path / f"truncated-{cut}"
        truncated.write_bytes(data[:cut])
        assert dynamic_info(truncated) is None, cut
    bad_class = tmp_path / "bad-class"
    bad_class.write_bytes(data[:4] + b"\x07" + data[5:])
    assert dynamic_info(bad_class) is None
