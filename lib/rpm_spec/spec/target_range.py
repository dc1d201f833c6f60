"""Target constraints: ``target=zen3``, ``zen2:``, ``:zen4``, ``x86_64_v3:zen4``, ``zen2,zen3``.

A target constraint is kept as the text the user wrote; the concretizer decides what
it means for a build. For the spec algebra it stands for a set of microarchitectures
from archspec: a name is that one target, ``lo:hi`` every target that is ``lo`` or
newer (a descendant, so it runs ``lo``'s code) and ``hi`` or older, with either end
open, and a comma list the union of its items. Text naming a target archspec does not
know is compared as text: it equals only itself.
"""

from __future__ import annotations

import functools
import re
from typing import Final

_TARGET_NAME: Final = r"[A-Za-z0-9_][A-Za-z0-9_.]*"
_ITEM: Final = re.compile(rf"{_TARGET_NAME}|(?:{_TARGET_NAME})?:(?:{_TARGET_NAME})?")


def target_syntax_error(text: str) -> str | None:
    """Why ``text`` is not a target constraint, or None when it is one."""
    for item in text.split(","):
        if not item:
            return "the list has an empty item (a stray ',')"
        if not _ITEM.fullmatch(item):
            return f"{item!r} is not a target name or a range 'low:high'"
    return None


@functools.lru_cache(maxsize=1024)
def _target_set(text: str) -> frozenset[str] | None:
    """The names of the targets ``text`` allows; None if it names an unknown target."""
    import archspec.cpu  # lazy: startup (loads the microarchitecture database)

    known = archspec.cpu.TARGETS
    names: set[str] = set()
    for item in text.split(","):
        low, colon, high = item.partition(":")
        if any(end and end not in known for end in (low, high)):
            return None
        if not colon:
            names.add(low)
            continue
        names.update(
            name
            for name, target in known.items()
            if (not low or known[low] <= target) and (not high or target <= known[high])
        )
    return frozenset(names)


def target_satisfies(mine: str, theirs: str) -> bool:
    """Whether every target ``mine`` allows is allowed by ``theirs``."""
    if mine == theirs:
        return True
    ours, others = _target_set(mine), _target_set(theirs)
    if ours is None or others is None:
        return False
    return ours <= others


def target_intersects(mine: str, theirs: str) -> bool:
    """Whether some target is allowed by both."""
    return target_intersection(mine, theirs) is not None


def target_intersection(mine: str, theirs: str) -> str | None:
    """Text for the targets both allow: one of the two texts when it lies inside the
    other, else the sorted list of common names; None when they share no target."""
    ours, others = _target_set(mine), _target_set(theirs)
    if ours == frozenset() or others == frozenset():
        return None
    if target_satisfies(mine, theirs):
        return mine
    if target_satisfies(theirs, mine):
        return theirs
    if ours is None or others is None:
        return None
    common = ours & others
    return ",".join(sorted(common)) if common else None
