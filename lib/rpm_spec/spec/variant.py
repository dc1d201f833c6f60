"""Variant constraints in a spec: ``+mpi``, ``~shared``, ``cuda_arch=80,90``, ``++debug``.

A :class:`VariantValue` is what a spec asks of one variant. Booleans are the values
``true``/``false`` (``+x`` is ``x=true``, ``~x`` is ``x=false``). The spec layer does
not know which variants a recipe declares single- or multi-valued (that is recipe data),
so a value set means *the variant's value includes these values*:

- ``x=a,b`` satisfies ``x=a``, but not the other way round;
- ``x=a`` combined with ``x=b`` gives ``x=a,b``; whether that is allowed for ``x`` is
  the solver's check, made with the recipe at hand;
- booleans are the exception, because ``true`` and ``false`` exclude each other for
  every recipe: ``+x`` and ``~x`` never combine.

``x:=a,b`` is *exact*: the variant has these values and no others (Spack's ``:=`` for
multi-valued variants). It satisfies ``x=a``; ``x=a,b`` does not satisfy it; it cannot
combine with a value outside its set. For a boolean, ``:=`` means what ``=`` means.

``x==a`` and ``++x`` *propagate*: they ask the same of every dependency that has the
variant. Propagation is part of the request: a propagating constraint is satisfied only
by one that propagates too. An exact value set does not propagate (no syntax says both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from rpm_spec.spec.errors import InvalidVariantError
from rpm_spec.spec.lexer import NAME_PATTERN, RESERVED_KEYS, quote

_NAME: Final = re.compile(NAME_PATTERN)
TRUE: Final = "true"
FALSE: Final = "false"


def _normalize_value(value: str, name: str) -> str:
    if not value:
        raise InvalidVariantError(name, "a value cannot be empty")
    if "," in value:
        raise InvalidVariantError(name, f"the value {value!r} holds ',', which separates values")
    if "\n" in value or "\r" in value:
        raise InvalidVariantError(name, "a value cannot span lines")
    lowered = value.lower()
    return lowered if lowered in (TRUE, FALSE) else value


@dataclass(frozen=True, slots=True)
class VariantValue:
    """The values a spec asks one variant to have, whether the ask propagates, and
    whether the values are the variant's only ones (``exact``, ``x:=a,b``).

    ``values`` is sorted and free of duplicates (done in the constructor); ``True``
    and ``TRUE`` are written ``true``; a boolean is never ``exact`` (it means nothing
    more there). Raises :class:`InvalidVariantError` for a bad name, no values, a value
    that no spec can spell (empty, with ``,``), or an exact set that propagates.
    """

    name: str
    values: tuple[str, ...]
    propagate: bool = False
    exact: bool = False

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise InvalidVariantError(
                self.name, "a name is letters, digits, '_' and '-' (not at either end)"
            )
        if self.name in RESERVED_KEYS:
            raise InvalidVariantError(self.name, "the name is a spec keyword, not a variant")
        if not self.values:
            raise InvalidVariantError(self.name, "it needs at least one value")
        normal = sorted({_normalize_value(value, self.name) for value in self.values})
        joined = ",".join(normal)
        if '"' in joined and "'" in joined:
            raise InvalidVariantError(self.name, "its values hold both kinds of quote")
        object.__setattr__(self, "values", tuple(normal))
        if self.exact and self.is_bool:
            object.__setattr__(self, "exact", False)
        if self.exact and self.propagate:
            raise InvalidVariantError(self.name, "an exact value set (':=') does not propagate")

    @classmethod
    def boolean(cls, name: str, enabled: bool, *, propagate: bool = False) -> VariantValue:
        """``+name`` (``enabled``) or ``~name``."""
        return cls(name, (TRUE if enabled else FALSE,), propagate)

    @classmethod
    def from_text(
        cls, name: str, text: str, *, propagate: bool = False, exact: bool = False
    ) -> VariantValue:
        """The variant from what follows ``name=`` (or ``:=``): a comma list of values."""
        return cls(name, tuple(text.split(",")), propagate, exact)

    @property
    def is_bool(self) -> bool:
        """Whether this is ``+x`` or ``~x`` (one value, ``true`` or ``false``)."""
        return len(self.values) == 1 and self.values[0] in (TRUE, FALSE)

    def satisfies(self, other: VariantValue) -> bool:
        """Whether every value of the variant allowed here is allowed by ``other``: the
        same boolean, or (multi-valued) all of ``other``'s values among ours, and for an
        exact ``other`` exactly its values."""
        if self.name != other.name or (other.propagate and not self.propagate):
            return False
        if self.is_bool or other.is_bool:
            return self.values == other.values
        if other.exact:
            return self.exact and self.values == other.values
        return set(other.values).issubset(self.values)

    def intersects(self, other: VariantValue) -> bool:
        """Whether a variant could meet both: false for different booleans (or a boolean
        and a non-boolean) and for a value outside an exact set; value sets otherwise
        accumulate."""
        if self.name != other.name:
            return False
        if self.is_bool or other.is_bool:
            return self.values == other.values
        if self.exact and not set(other.values).issubset(self.values):
            return False
        return not other.exact or set(self.values).issubset(other.values)

    def combined(self, other: VariantValue) -> VariantValue | None:
        """Both constraints at once (values joined, propagating if either does, exact if
        either is), or None when they cannot both hold (see :meth:`intersects`, and an
        exact set never propagates)."""
        if not self.intersects(other):
            return None
        exact = self.exact or other.exact
        propagate = self.propagate or other.propagate
        if exact and propagate:
            return None
        return VariantValue(
            self.name, tuple(sorted(set(self.values) | set(other.values))), propagate, exact
        )

    def __str__(self) -> str:
        if self.is_bool:
            sigil = "+" if self.values[0] == TRUE else "~"
            return f"{sigil * (2 if self.propagate else 1)}{self.name}"
        operator = "==" if self.propagate else ":=" if self.exact else "="
        return f"{self.name}{operator}{quote(','.join(self.values))}"
