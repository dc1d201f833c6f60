"""A single version (``1.14.5``, ``2.0rc1``, ``develop``) and its total order.

A version is split into segments at ``.``, ``-``, ``_`` and ``+`` and wherever digits
meet letters: ``1.2rc3`` has the segments 1, 2, rc, 3. Versions compare segment by
segment; at the first difference, the rules below decide, from oldest to newest:

1. pre-release words: ``dev`` < ``alpha`` < ``beta`` < ``pre`` < ``rc``;
2. the end of the version: so ``1.0rc1 < 1.0`` (a release candidate is older than
   the release it leads to);
3. any other word, alphabetically: so ``1.1.1 < 1.1.1a < 1.1.1w`` (OpenSSL-style
   letter releases are newer than the plain one) but ``1.2a < 1.2.0``;
4. numbers, numerically: so ``1.2 < 1.2.1 < 1.10`` and ``1.2 < 1.2.0``;
5. the branch names ``stable`` < ``trunk`` < ``head`` < ``master`` < ``main`` <
   ``develop``, newer than any number: ``develop`` is the newest version of all.

Separators and letter case do not take part: ``1.2-3 == 1.2.3`` and ``1.0RC1 ==
1.0rc1``, although ``str()`` keeps each one's own spelling. The order is total and
consistent with ``==`` and ``hash``; the key is built once, in the constructor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from rpm_spec.spec.errors import InvalidVersionError

#: One segment's sort key: (tier, value). Values of one tier share a type (int or str),
#: so tuples of these keys never compare an int with a str.
SegmentKey: TypeAlias = tuple[int, int | str]
#: A version's sort key: its segment keys, then an end marker.
VersionKey: TypeAlias = tuple[SegmentKey, ...]

# Tiers, oldest first. _CEILING and _UNBOUNDED occur only in range bounds, never in a
# version, which is what lets a range bound be compared with versions as plain tuples.
_PRE_RELEASE: Final = 0
_END: Final = 1
_WORD: Final = 2
_NUMBER: Final = 3
_BRANCH: Final = 4
_CEILING: Final = 5
_UNBOUNDED: Final = 6

_PRE_RELEASE_RANK: Final = {"dev": 0, "alpha": 1, "beta": 2, "pre": 3, "rc": 4}
_BRANCH_RANK: Final = {
    "stable": 0,
    "trunk": 1,
    "head": 2,
    "master": 3,
    "main": 4,
    "develop": 5,
}

_END_KEY: Final[SegmentKey] = (_END, 0)
#: Sorts before every version key: the lower bound of a range open below.
KEY_BELOW_ALL: Final[VersionKey] = ()
#: Sorts after every version key: the upper bound of a range open above.
KEY_ABOVE_ALL: Final[VersionKey] = ((_UNBOUNDED, 0),)

_VALID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._+-]*[A-Za-z0-9])?")
_BAD_CHAR = re.compile(r"[^A-Za-z0-9._+-]")
_SEGMENT = re.compile(r"[0-9]+|[A-Za-z]+")
_SEPARATOR = re.compile(r"[._+-]")


#: Keys of the words that are not ordered alphabetically.
_SPECIAL_WORDS: Final[dict[str, SegmentKey]] = {
    **{word: (_PRE_RELEASE, rank) for word, rank in _PRE_RELEASE_RANK.items()},
    **{word: (_BRANCH, rank) for word, rank in _BRANCH_RANK.items()},
}


def _check(text: str) -> None:
    if _VALID.fullmatch(text):
        return
    if not text:
        raise InvalidVersionError(text, "a version cannot be empty")
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        raise InvalidVersionError(
            text,
            f"{bad.group()!r} is not allowed; use letters, digits and . - _ +",
        )
    raise InvalidVersionError(text, "a version must start and end with a letter or digit")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Version:
    """One version, built from its text: ``Version("1.14.5")``.

    Raises :class:`InvalidVersionError` unless the text is non-empty, made of letters,
    digits and ``. - _ +``, and starts and ends with a letter or digit.
    """

    text: str
    #: The sort key (see the module docstring); only for comparing with other keys.
    key: VersionKey = field(init=False)
    _segments: tuple[int | str, ...] = field(init=False)
    _hash: int = field(init=False)

    def __post_init__(self) -> None:
        _check(self.text)
        # One plain loop: construction is on the concretizer's hot path.
        segments: list[int | str] = []
        keys: list[SegmentKey] = []
        for part in _SEGMENT.findall(self.text):
            if part.isdigit():
                number = int(part)
                segments.append(number)
                keys.append((_NUMBER, number))
            else:
                word = part.lower()
                segments.append(part)
                keys.append(_SPECIAL_WORDS.get(word) or (_WORD, word))
        keys.append(_END_KEY)
        key = tuple(keys)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_segments", tuple(segments))
        object.__setattr__(self, "_hash", hash(key))

    @property
    def segments(self) -> tuple[int | str, ...]:
        """The segments as written: ``(1, 2, "rc", 3)`` for ``1.2rc3``."""
        return self._segments

    @property
    def ceiling_key(self) -> VersionKey:
        """A key above this version and every version it is a prefix of, below all else.

        ``v <= hi or hi.is_prefix_of(v)`` is exactly ``v.key < hi.ceiling_key``: the
        upper bound of the range ``lo:hi``.
        """
        return (*self.key[:-1], (_CEILING, 0))

    def is_prefix_of(self, other: Version) -> bool:
        """Whether ``other``'s segments start with all of ours (``1.2`` of ``1.2.7``, ``1.2``).

        Segments compare as in the order (``1.2`` is a prefix of ``1-2-7``); a version is
        a prefix of itself.
        """
        length = len(self.key) - 1
        return len(other.key) > length and other.key[:length] == self.key[:length]

    def up_to(self, count: int) -> Version:
        """The version cut after its first ``count`` segments: ``1.2rc3`` up to 3 is ``1.2rc``."""
        if count < 1:
            raise ValueError(f"up_to needs a positive segment count, not {count}")
        ends = [match.end() for match in _SEGMENT.finditer(self.text)]
        if count >= len(ends):
            return self
        return Version(self.text[: ends[count - 1]])

    @property
    def dotted(self) -> Version:
        """The version with every separator written as ``.``: ``1_2-3`` gives ``1.2.3``."""
        return Version(_SEPARATOR.sub(".", self.text))

    @property
    def underscored(self) -> Version:
        """The version with every separator written as ``_``: ``1.82.0`` gives ``1_82_0``."""
        return Version(_SEPARATOR.sub("_", self.text))

    @property
    def dashed(self) -> Version:
        """The version with every separator written as ``-``: ``1.2.3`` gives ``1-2-3``."""
        return Version(_SEPARATOR.sub("-", self.text))

    @property
    def joined(self) -> Version:
        """The version with the separators left out: ``1.2.3`` gives ``123``."""
        return Version(_SEPARATOR.sub("", self.text))

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Version({self.text!r})"

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Version):
            return self.key == other.key
        return NotImplemented

    def __lt__(self, other: Version) -> bool:
        if isinstance(other, Version):
            return self.key < other.key
        return NotImplemented

    def __le__(self, other: Version) -> bool:
        if isinstance(other, Version):
            return self.key <= other.key
        return NotImplemented

    def __gt__(self, other: Version) -> bool:
        if isinstance(other, Version):
            return self.key > other.key
        return NotImplemented

    def __ge__(self, other: Version) -> bool:
        if isinstance(other, Version):
            return self.key >= other.key
        return NotImplemented
