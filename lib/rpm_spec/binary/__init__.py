"""Binary packages: ELF reading and relocation (and the binary cache built on them).

Layer ``binary`` sits between ``store`` and ``build``: it may import ``util``,
``errors``, ``spec``, ``platform``, ``config``, ``repo``, ``solver`` and ``store``;
never ``build``, ``environment``, ``session`` or ``cli``.
"""

from rpm_spec.binary.elf import ElfDynamic, dynamic_info, is_elf
from rpm_spec.binary.errors import BinaryCacheError, RelocationError
from rpm_spec.binary.relocate import (
    RelocationInfo,
    check_fits,
    leftovers,
    relocate,
    scan_prefix,
)

__all__ = [
    "BinaryCacheError",
    "ElfDynamic",
    "RelocationError",
    "RelocationInfo",
    "check_fits",
    "dynamic_info",
    "is_elf",
    "leftovers",
    "relocate",
    "scan_prefix",
]
