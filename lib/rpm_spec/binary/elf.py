"""A small pure-Python reader of ELF dynamic sections (ELF32/ELF64, either byte order).

Relocation and cache checks only need what the dynamic linker reads: ``DT_NEEDED``,
``DT_SONAME``, ``DT_RPATH`` and ``DT_RUNPATH``. They are found through the program
headers (``PT_DYNAMIC``, and ``PT_LOAD`` to turn ``DT_STRTAB``'s address into a file
offset), as the loader does, so stripped files without section headers work too. The
byte order and word size only change the :mod:`struct` formats.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

MAGIC = b"\x7fELF"

_CLASS_32, _CLASS_64 = 1, 2
_DATA_LSB, _DATA_MSB = 1, 2
_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB, _DT_SONAME, _DT_RPATH, _DT_RUNPATH = 0, 1, 5, 14, 15, 29


@dataclass(frozen=True)
class ElfDynamic:
    """What the dynamic section of one ELF file asks of the dynamic linker."""

    bits: int
    big_endian: bool
    needed: list[str]
    soname: list[str]
    rpath: list[str]
    runpath: list[str]

    @property
    def search_path(self) -> list[str]:
        """Directories the loader searches for ``needed``: RUNPATH wins over RPATH."""
        return self.runpath or self.rpath


@dataclass(frozen=True)
class _Format:
    """The struct formats of one ELF class and byte order."""

    bits: int
    big_endian: bool

    @property
    def order(self) -> str:
        return ">" if self.big_endian else "<"

    @property
    def header(self) -> str:
        # e_phoff, then e_phentsize and e_phnum, from just after e_ident/e_type/.../e_entry.
        word = "Q" if self.bits == 64 else "I"
        return f"{self.order}HHI{word}{word}{word}IHHH"

    @property
    def program_header(self) -> str:
        if self.bits == 64:  # type, flags, offset, vaddr, paddr, filesz, memsz, align
            return f"{self.order}IIQQQQQQ"
        return f"{self.order}IIIIIIII"  # type, offset, vaddr, paddr, filesz, memsz, flags, align

    @property
    def dynamic_entry(self) -> str:
        return f"{self.order}qQ" if self.bits == 64 else f"{self.order}iI"


def is_elf(path: Path) -> bool:
    """Whether ``path`` is a regular file starting with the ELF magic."""
    try:
        with path.open("rb") as stream:
            return stream.read(4) == MAGIC
    except OSError:
        return False


def dynamic_info(path: Path) -> ElfDynamic | None:
    """The dynamic section of ``path``; None for non-ELF files, static executables,
    object files and anything truncated or malformed (never raises on bad bytes)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return parse_dynamic(data)
    except (struct.error, IndexError, ValueError):
        return None


def parse_dynamic(data: bytes) -> ElfDynamic | None:
    """:func:`dynamic_info` on the bytes of an ELF file."""
    located = _locate(data)
    if located is None:
        return None
    fmt, entries, table = located

    def strings(wanted: int) -> list[str]:
        return [_c_string(data, table + value) for tag, value in entries if tag == wanted]

    def path_list(wanted: int) -> list[str]:
        return [part for text in strings(wanted) for part in text.split(":") if part]

    return ElfDynamic(
        bits=fmt.bits,
        big_endian=fmt.big_endian,
        needed=strings(_DT_NEEDED),
        soname=strings(_DT_SONAME),
        rpath=path_list(_DT_RPATH),
        runpath=path_list(_DT_RUNPATH),
    )


def search_path_offsets(data: bytes) -> list[int]:
    """File offsets of the ``DT_RPATH`` and ``DT_RUNPATH`` strings (each NUL-terminated),
    for rewriting them in place; empty for anything :func:`parse_dynamic` rejects."""
    try:
        located = _locate(data)
    except (struct.error, IndexError, ValueError):
        return []
    if located is None:
        return []
    _, entries, table = located
    return sorted({table + v for tag, v in entries if tag in (_DT_RPATH, _DT_RUNPATH)})


def _locate(data: bytes) -> tuple[_Format, list[tuple[int, int]], int] | None:
    """The format, the dynamic entries and the string table's file offset."""
    if data[:4] != MAGIC or data[4] not in (_CLASS_32, _CLASS_64):
        return None
    if data[5] not in (_DATA_LSB, _DATA_MSB):
        return None
    fmt = _Format(64 if data[4] == _CLASS_64 else 32, data[5] == _DATA_MSB)
    fields = struct.unpack_from(fmt.header, data, 16)
    phoff, phentsize, phnum = fields[4], fields[8], fields[9]
    loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
    dynamic: tuple[int, int] | None = None
    for index in range(phnum):
        header = struct.unpack_from(fmt.program_header, data, phoff + index * phentsize)
        if fmt.bits == 64:
            p_type, _, offset, vaddr, _, filesz, _, _ = header
        else:
            p_type, offset, vaddr, _, filesz, _, _, _ = header
        if p_type == _PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif p_type == _PT_DYNAMIC:
            dynamic = (offset, filesz)
    if dynamic is None:
        return None
    entries = _dynamic_entries(data, fmt, *dynamic)
    strtab = next((value for tag, value in entries if tag == _DT_STRTAB), None)
    if strtab is None:
        return None
    return fmt, entries, _file_offset(strtab, loads)


def _dynamic_entries(data: bytes, fmt: _Format, offset: int, size: int) -> list[tuple[int, int]]:
    step = struct.calcsize(fmt.dynamic_entry)
    entries: list[tuple[int, int]] = []
    for position in range(offset, offset + size - step + 1, step):
        tag, value = struct.unpack_from(fmt.dynamic_entry, data, position)
        if tag == _DT_NULL:
            break
        entries.append((tag, value))
    return entries


def _file_offset(address: int, loads: list[tuple[int, int, int]]) -> int:
    """Map a virtual address to a file offset through the PT_LOAD segments."""
    for vaddr, offset, filesz in loads:
        if vaddr <= address < vaddr + filesz:
            return address - vaddr + offset
    raise ValueError(f"address {address:#x} is in no loaded segment")


def _c_string(data: bytes, offset: int) -> str:
    end = data.index(b"\0", offset)
    return data[offset:end].decode("utf-8", errors="surrogateescape")
