"""Merging configuration data from two scopes: one pure function and its helpers.

Rules, for ``merge(higher, lower)``:

- two mappings merge key by key, recursively; keys only one side has are kept
  (the lower scope's keys first, in its order, then keys new in the higher one);
- two lists concatenate, the higher scope's items first, and an item equal to an
  earlier one is dropped (``1`` and ``True`` are different items);
- anything else (two scalars, or two values of different kinds): the higher wins;
- a key written ``name::`` in the higher scope replaces the lower value entirely.

Scopes are folded from the lowest up, so a value that replaced the one below it
(through ``::`` or a change of kind) must also hide everything further down.
:func:`merge_raw` therefore keeps ``::`` on such keys, which makes it associative;
:func:`merge` is ``merge_raw`` followed by :func:`strip_overrides`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

OVERRIDE = "::"


def is_override(key: object) -> bool:
    """Whether a mapping key asks to replace the lower scopes' value (``name::``)."""
    return isinstance(key, str) and key.endswith(OVERRIDE) and len(key) > len(OVERRIDE)


def key_name(key: str) -> str:
    """A key without its ``::`` override marker."""
    return key[: -len(OVERRIDE)] if is_override(key) else key


def strip_overrides(data: Any) -> Any:
    """A copy of ``data`` without ``::`` markers on any key (the marked key wins)."""
    if isinstance(data, Mapping):
        result: dict[str, Any] = {}
        for key, value in data.items():
            name = key_name(key)
            if name in result and not is_override(key):
                continue  # both ``k`` and ``k::`` given: the override is what was meant
            result[name] = strip_overrides(value)
        return result
    if isinstance(data, list):
        return [strip_overrides(item) for item in data]
    return data


def same(first: Any, second: Any) -> bool:
    """Equality that also compares types, so that ``1``, ``1.0`` and ``True`` differ."""
    if isinstance(first, Mapping) and isinstance(second, Mapping):
        return first.keys() == second.keys() and all(same(first[k], second[k]) for k in first)
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(same, first, second))
    return type(first) is type(second) and bool(first == second)


def unique(items: Iterable[Any]) -> list[Any]:
    """``items`` without repeats (by :func:`same`), first occurrence kept."""
    kept: list[Any] = []
    for item in items:
        if not any(same(item, other) for other in kept):
            kept.append(item)
    return kept


def kind(value: Any) -> str:
    """``mapping``, ``list`` or ``scalar``: values of different kinds never merge."""
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "scalar"


def merge_raw(higher: Any, lower: Any) -> Any:
    """Merge two scopes' data, keeping ``::`` on every key whose value hides lower scopes."""
    if isinstance(higher, Mapping) and isinstance(lower, Mapping):
        return _merge_mappings(higher, lower)
    if isinstance(higher, list) and isinstance(lower, list):
        return unique([*higher, *lower])
    return _copy(higher)


def merge(higher: Any, lower: Any) -> Any:
    """Merge the data of a higher-precedence scope onto a lower one (see the module doc)."""
    return strip_overrides(merge_raw(higher, lower))


def merge_all(layers: Iterable[Any]) -> Any:
    """Fold the data of several scopes, given lowest precedence first; None if there are none."""
    result: Any = None
    for index, layer in enumerate(layers):
        result = _copy(layer) if index == 0 else merge_raw(layer, result)
    return strip_overrides(result)


def _merge_mappings(higher: Mapping[str, Any], lower: Mapping[str, Any]) -> dict[str, Any]:
    high = _by_name(higher)
    result: dict[str, Any] = {}
    for name, (low_key, low_value) in _by_name(lower).items():
        if name not in high:
            result[low_key] = _copy(low_value)
            continue
        high_key, high_value = high[name]
        if is_override(high_key):
            result[high_key] = _copy(high_value)
        else:
            hides = is_override(low_key) or kind(high_value) != kind(low_value)
            result[name + OVERRIDE if hides else name] = merge_raw(high_value, low_value)
    low = _by_name(lower)
    for name, (high_key, high_value) in high.items():
        if name not in low:
            result[high_key] = _copy(high_value)
    return result


def _by_name(data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """Keys by name; of ``k`` and ``k::`` in one mapping, the override counts."""
    found: dict[str, tuple[str, Any]] = {}
    for key, value in data.items():
        name = key_name(key)
        if name not in found or is_override(key):
            found[name] = (key, value)
    return found


def _copy(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(item) for item in data]
    return data
