"""Version constraints: what may follow ``@`` in a spec (``1.2:1.4,2.0,=3.1``).

A constraint is a set of versions, written as a comma list of items:

- ``1.2`` is 1.2 and every 1.2.x (the range ``1.2:1.2``);
- ``=1.2`` is exactly 1.2 (not 1.2.1);
- ``1.2:1.4``, ``1.2:``, ``:1.4`` and ``:`` are ranges (see ``version_range``).

:class:`VersionConstraint` keeps its items normalized (sorted by lower bound,
overlapping ones merged, ones inside others dropped), so equal sets are equal values
and ``str()`` is a canonical text that parses back to an equal constraint. Every item
is an interval of version keys (an exact version ``p`` is ``[p.key, p.key]``, a range
``[lo.key, hi.ceiling_key)``); no version is adjacent to another, so two items share a
version exactly when their intervals overlap, and set algebra is interval arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from rpm_spec.spec.errors import InvalidVersionError
from rpm_spec.spec.version import Version, VersionKey
from rpm_spec.spec.version_range import VersionRange

#: One item of a constraint: an exact version or a range.
VersionItem: TypeAlias = Version | VersionRange


def _lo_key(item: VersionItem) -> VersionKey:
    return item.key if isinstance(item, Version) else item.lo_key


def _hi_key(item: VersionItem) -> VersionKey:
    return item.key if isinstance(item, Version) else item.hi_key


def _overlap(a: VersionItem, b: VersionItem) -> VersionItem | None:
    """The item holding the versions both hold, or None when they share none."""
    lo_item = a if _lo_key(a) >= _lo_key(b) else b
    hi_item = a if _hi_key(a) <= _hi_key(b) else b
    if _lo_key(lo_item) > _hi_key(hi_item):
        return None
    if isinstance(hi_item, Version):
        # An exact upper bound comes from a point, so the overlap is that point.
        return hi_item
    # A point lower bound would need an upper key equal to its own key, which no range
    # has, so a range's upper bound means a range's lower bound too.
    assert isinstance(lo_item, VersionRange)
    return VersionRange(lo_item.lo, hi_item.hi)


def _inside(inner: VersionItem, outer: VersionItem) -> bool:
    return _lo_key(outer) <= _lo_key(inner) and _hi_key(inner) <= _hi_key(outer)


def _normalize(items: tuple[VersionItem, ...]) -> tuple[VersionItem, ...]:
    ordered = sorted(items, key=lambda item: (_lo_key(item), _hi_key(item)))
    merged: list[VersionItem] = []
    for item in ordered:
        if not merged or _lo_key(item) > _hi_key(merged[-1]):
            merged.append(item)
            continue
        last = merged[-1]
        if _hi_key(item) <= _hi_key(last):
            continue
        # item overlaps last and reaches further, so it is a range (a point reaching past
        # last would start past it); a point `last` has the same lower bound as item.
        assert isinstance(item, VersionRange)
        lo = last if isinstance(last, Version) else last.lo
        merged[-1] = VersionRange(lo, item.hi)
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class VersionConstraint:
    """A set of versions, as a normalized union of exact versions and ranges.

    Build one with :func:`parse_version_constraint`, :meth:`any`, :meth:`exactly` or
    from items (``VersionConstraint((VersionRange(lo, hi), Version("2.0")))``); the
    items are normalized on construction. No items is the empty constraint, the
    result of intersecting disjoint constraints.
    """

    items: tuple[VersionItem, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _normalize(self.items))

    @classmethod
    def any(cls) -> VersionConstraint:
        """Every version (text ``:``)."""
        return cls((VersionRange(None, None),))

    @classmethod
    def exactly(cls, version: Version) -> VersionConstraint:
        """Only ``version`` itself (text ``=version``)."""
        return cls((version,))

    @property
    def is_empty(self) -> bool:
        """True when no version is allowed."""
        return not self.items

    @property
    def is_any(self) -> bool:
        """True when every version is allowed."""
        if len(self.items) != 1:
            return False
        item = self.items[0]
        return isinstance(item, VersionRange) and item.lo is None and item.hi is None

    @property
    def concrete(self) -> Version | None:
        """The one version allowed, when the constraint is a single exact version."""
        if len(self.items) == 1 and isinstance(self.items[0], Version):
            return self.items[0]
        return None

    def lowest(self) -> Version | None:
        """The lower bound of the oldest item; None when open below or empty."""
        if not self.items:
            return None
        first = self.items[0]
        return first if isinstance(first, Version) else first.lo

    def highest(self) -> Version | None:
        """The upper bound of the newest item (a range's covers its prefix); None when
        open above or empty."""
        if not self.items:
            return None
        last = self.items[-1]
        return last if isinstance(last, Version) else last.hi

    def contains(self, version: Version) -> bool:
        """Whether ``version`` is one of the versions allowed."""
        key = version.key
        return any(_lo_key(item) <= key <= _hi_key(item) for item in self.items)

    def satisfies(self, other: VersionConstraint) -> bool:
        """Whether every version allowed here is allowed by ``other`` (self ⊆ other).

        ``1.2.3`` satisfies ``1.2``, ``=1.2`` satisfies ``1.2``, but ``1.2`` does not
        satisfy ``=1.2`` (it allows 1.2.1 too). The empty constraint satisfies all.
        """
        # Items of `other` never touch, so each of ours must fit inside a single one.
        return all(any(_inside(mine, theirs) for theirs in other.items) for mine in self.items)

    def intersects(self, other: VersionConstraint) -> bool:
        """Whether some version is allowed by both."""
        return any(
            _overlap(mine, theirs) is not None for mine in self.items for theirs in other.items
        )

    def intersection(self, other: VersionConstraint) -> VersionConstraint:
        """The versions allowed by both: ``1.2:1.4`` and ``1.4.5:`` give ``1.4.5:1.4``."""
        overlaps = (_overlap(mine, theirs) for mine in self.items for theirs in other.items)
        return VersionConstraint(tuple(item for item in overlaps if item is not None))

    def union(self, other: VersionConstraint) -> VersionConstraint:
        """The versions allowed by either."""
        return VersionConstraint(self.items + other.items)

    def __str__(self) -> str:
        if not self.items:
            # Parses to nothing on purpose: no spec can ask for the empty set.
            return "<no version>"
        return ",".join(
            f"={item}" if isinstance(item, Version) else str(item) for item in self.items
        )


def _parse_version(text: str, context: str) -> Version:
    try:
        return Version(text)
    except InvalidVersionError as error:
        raise InvalidVersionError(error.text, error.reason, context=context) from None


def _parse_item(piece: str, context: str) -> VersionItem:
    if piece.startswith("="):
        if ":" in piece:
            raise InvalidVersionError(
                piece, "'=' marks one exact version and cannot start a range", context=context
            )
        return _parse_version(piece[1:].strip(), context)
    if piece.count(":") > 1:
        raise InvalidVersionError(piece, "a range has a single ':'", context=context)
    if ":" not in piece:
        return VersionRange.prefix(_parse_version(piece, context))
    low, high = (part.strip() for part in piece.split(":"))
    try:
        return VersionRange(
            _parse_version(low, context) if low else None,
            _parse_version(high, context) if high else None,
        )
    except InvalidVersionError as error:
        if error.context is not None:
            raise
        raise InvalidVersionError(error.text, error.reason, context=context) from None


def parse_version_constraint(text: str) -> VersionConstraint:
    """Parse what follows ``@``: ``1.2``, ``=1.2``, ``1.2:1.4``, ``1.2:``, ``:1.4``, ``:``,
    or a comma list of these. Spaces around items and bounds are ignored.

    Raises :class:`InvalidVersionError` naming the offending piece.
    """
    if not text.strip():
        raise InvalidVersionError(text, "a version constraint cannot be empty")
    items = []
    for piece in text.split(","):
        stripped = piece.strip()
        if not stripped:
            raise InvalidVersionError(
                text, "the list has an empty item (a stray ',')", context=text
            )
        items.append(_parse_item(stripped, text))
    return VersionConstraint(tuple(items))
