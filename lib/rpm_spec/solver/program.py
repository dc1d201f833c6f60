"""The logic program: the ``.lp`` files in ``logic/``, read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

#: Every solve loads these, in this order; see logic/README.md for their facts and atoms.
PROGRAM_FILES = (
    "defined.lp",
    "conditions.lp",
    "nodes.lp",
    "variants.lp",
    "virtuals.lp",
    "compilers.lp",
    "targets.lp",
    "externals_reuse.lp",
    "requirements.lp",
    "policy.lp",
    "flags.lp",
    "reference.lp",
    "optimization.lp",
    "display.lp",
)
#: Files whose every rule needs a fact family that only some problems have (flags.lp:
#: flag groups; reference.lp: a reference DAG; policy.lp: the admin's policy rules).
#: Without those facts they derive nothing, yet grounding them costs a small solve a
#: tenth of its time, so a solve loads one only when its translation says it has such
#: facts (``Translation.logic``).
OPTIONAL_FILES = frozenset({"flags.lp", "reference.lp", "policy.lp"})
#: Normal mode forbids errors; explain mode minimizes them to name the clash.
HARD_ERRORS = "errors_hard.lp"
SOFT_ERRORS = "errors_soft.lp"


@cache
def logic_text(name: str) -> str:
    return (resources.files("rpm_spec.solver") / "logic" / name).read_text(encoding="utf-8")


def program(*, explain: bool, optional: Collection[str] = OPTIONAL_FILES) -> list[tuple[str, str]]:
    """(file name, text) of the program for one mode, with the ``optional`` files of
    ``OPTIONAL_FILES`` (default: all of them) and without the others."""
    kept = [name for name in PROGRAM_FILES if name not in OPTIONAL_FILES or name in optional]
    files = [*kept, SOFT_ERRORS if explain else HARD_ERRORS]
    return [(name, logic_text(name)) for name in files]
