"""The logic program: the ``.lp`` files in ``logic/``, read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources

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
#: Normal mode forbids errors; explain mode minimizes them to name the clash.
HARD_ERRORS = "errors_hard.lp"
SOFT_ERRORS = "errors_soft.lp"


@cache
def logic_text(name: str) -> str:
    return (resources.files("rpm_spec.solver") / "logic" / name).read_text(encoding="utf-8")


def program(*, explain: bool) -> list[tuple[str, str]]:
    """(file name, text) of the whole program for one mode."""
    files = [*PROGRAM_FILES, SOFT_ERRORS if explain else HARD_ERRORS]
    return [(name, logic_text(name)) for name in files]
