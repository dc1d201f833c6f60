"""Tiny ELF files for the binary-layer tests: real ones from gcc, synthetic ones by hand.

gcc on the test machine makes little-endian x86 files (ELF64, and ELF32 with ``-m32``
where it can link without a 32-bit libc); big-endian files are assembled here from the
ELF specification: one PT_LOAD covering the file, one PT_DYNAMIC, a string table.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

DT_NEEDED, DT_STRTAB, DT_SONAME, DT_RPATH, DT_RUNPATH = 1, 5, 14, 15, 29
_BASE_ADDRESS = 0x10000


def gcc() -> str:
    """The machine's gcc; the test is skipped without one."""
    found = shutil.which("gcc")
    if found is None:
        pytest.skip("these tests compile tiny libraries and need gcc")
    return found


def compile_c(source: str, output: Path, *flags: str) -> Path:
    """Compile ``source`` (C text) with gcc into ``output``; fails the test on errors."""
    source_file = output.parent / f"{output.name}.c"
    output.parent.mkdir(parents=True, exist_ok=True)
    source_file.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [gcc(), "-o", str(output), str(source_file), *flags],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    source_file.unlink()
    return output


def readelf_dynamic(path: Path) -> str:
    """``readelf -d`` of ``path`` (skips the test without binutils)."""
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.skip("readelf (binutils) is needed to cross-check the ELF reader")
    return subprocess.run(
        [readelf, "-d", str(path)], capture_output=True, text=True, check=True
    ).stdout


def synthetic_elf(
    *, bits: int, big_endian: bool, entries: list[tuple[int, str]], soname: str | None = None
) -> bytes:
    """A minimal ELF shared object whose dynamic section holds ``entries`` (tag, string)."""
    order = ">" if big_endian else "<"
    word = "Q" if bits == 64 else "I"
    header_size = 64 if bits == 64 else 52
    phentsize = 56 if bits == 64 else 32
    dyn_format = f"{order}qQ" if bits == 64 else f"{order}iI"
    if soname is not None:
        entries = [*entries, (DT_SONAME, soname)]

    strtab = b"\0"
    offsets: list[int] = []
    for _, text in entries:
        offsets.append(len(strtab))
        strtab += text.encode() + b"\0"
    strtab_offset = header_size + 2 * phentsize
    dynamic_offset = strtab_offset + len(strtab)
    dynamic_offset += -dynamic_offset % 8
    records = [(tag, offset) for (tag, _), offset in zip(entries, offsets, strict=True)]
    records += [(DT_STRTAB, _BASE_ADDRESS + strtab_offset), (0, 0)]
    dynamic = b"".join(struct.pack(dyn_format, tag, value) for tag, value in records)
    total = dynamic_offset + len(dynamic)

    ident = b"\x7fELF" + bytes([2 if bits == 64 else 1, 2 if big_endian else 1, 1]) + bytes(9)
    header = ident + struct.pack(
        f"{order}HHI{word}{word}{word}IHHHHHH",
        3,  # ET_DYN
        0x2B if big_endian else 0x3E,  # SPARC V9 or x86-64: any machine will do
        1,
        0,
        header_size,
        0,
        0,
        header_size,
        phentsize,
        2,
        0,
        0,
        0,
    )

    def program_header(p_type: int, offset: int, size: int) -> bytes:
        address = _BASE_ADDRESS + offset
        if bits == 64:
            return struct.pack(
                f"{order}IIQQQQQQ", p_type, 4, offset, address, address, size, size, 8
            )
        return struct.pack(f"{order}IIIIIIII", p_type, offset, address, address, size, size, 4, 4)

    phdrs = program_header(1, 0, total) + program_header(2, dynamic_offset, len(dynamic))
    body = header + phdrs + strtab
    return body + bytes(dynamic_offset - len(body)) + dynamic
