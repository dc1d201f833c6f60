"""An inclusive version range ``lo:hi`` whose upper bound covers its own prefix.

``lo:hi`` holds ``v`` when ``lo <= v`` and (``v <= hi`` or ``hi`` is a prefix of ``v``):
``1.2:1.4`` holds 1.4.7 but not 1.5, and a bare ``1.2`` in a constraint is the range
``1.2:1.2``, i.e. 1.2 and every 1.2.x. Either bound may be open (None).

In key space such a range is the interval ``[lo.key, hi.ceiling_key)``; that is what
makes intersection and union plain interval arithmetic (see ``version_constraint``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rpm_spec.spec.errors import InvalidVersionError
from rpm_spec.spec.version import KEY_ABOVE_ALL, KEY_BELOW_ALL, Version, VersionKey


@dataclass(frozen=True, slots=True)
class VersionRange:
    """Versions from ``lo`` (inclusive) up to ``hi`` and everything ``hi`` is a prefix of.

    Raises :class:`InvalidVersionError` for a range that holds no version, such as
    ``1.5:1.4`` (``1.4.5:1.4`` is fine: it holds 1.4.5 and up to 1.4.x).
    """

    lo: Version | None
    hi: Version | None
    #: Every version in the range has ``lo_key <= v.key <= hi_key``.
    lo_key: VersionKey = field(init=False, repr=False, compare=False)
    #: Never the key of a version, so ``<=`` and ``<`` agree against it.
    hi_key: VersionKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lo_key = KEY_BELOW_ALL if self.lo is None else self.lo.key
        hi_key = KEY_ABOVE_ALL if self.hi is None else self.hi.ceiling_key
        if lo_key > hi_key:
            raise InvalidVersionError(
                str(self),
                f"the range is empty: {self.lo} is newer than {self.hi} and every {self.hi}.x",
            )
        object.__setattr__(self, "lo_key", lo_key)
        object.__setattr__(self, "hi_key", hi_key)

    @classmethod
    def prefix(cls, version: Version) -> VersionRange:
        """The range ``version:version``: the version and every version it is a prefix of."""
        return cls(version, version)

    def contains(self, version: Version) -> bool:
        """Whether the range holds ``version``."""
        return self.lo_key <= version.key < self.hi_key

    def __str__(self) -> str:
        if self.lo is not None and self.lo == self.hi:
            return str(self.lo)
        low = "" if self.lo is None else str(self.lo)
        high = "" if self.hi is None else str(self.hi)
        return f"{low}:{high}"
