"""``config blame``: which scope, file and line each line of a merged section came from.

The merged section is written as YAML, read back for the line of every key path,
and each path is traced to the highest scope whose value survived the merge at
that point (the same rules as :mod:`rpm_spec.config.merge`: ``::`` and a change
of kind hide lower scopes; a list item comes from the highest scope that has it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.config.merge import OVERRIDE, is_override, kind, same, strip_overrides
from rpm_spec.config.scope import SectionData
from rpm_spec.config.yaml_io import KeyPath, dump, parse_text

if TYPE_CHECKING:
    from pathlib import Path

#: A scope's data at one point of the tree: the scope, the key path in it, the value there.
_Candidate = tuple[SectionData, KeyPath, Any]


@dataclass(frozen=True)
class BlameLine:
    """One line of merged YAML and where it was set (None when nothing sets the section)."""

    text: str
    scope: str | None
    file: Path | None = None
    line: int | None = None

    @property
    def source(self) -> str:
        """``file:line`` for file scopes, the scope name for in-memory ones."""
        if self.file is not None:
            return f"{self.file}:{self.line}" if self.line else str(self.file)
        return self.scope or "-"


def blame_lines(section: str, merged: Any, layers: Sequence[SectionData]) -> list[BlameLine]:
    """Blame for ``merged`` (the section's merged value); ``layers`` highest first."""
    text = dump({section: merged})
    path_of_line: dict[int, KeyPath] = {}
    for path, number in parse_text(text, "<merged>").lines.items():
        if len(path) >= len(path_of_line.get(number, ())):
            path_of_line[number] = path
    origins = trace({section: merged}, layers)
    result = []
    current: KeyPath = ()
    for number, line_text in enumerate(text.splitlines(), start=1):
        current = path_of_line.get(number, current)  # continuation lines keep the last key
        origin = origins.get(current)
        if origin is None:
            result.append(BlameLine(line_text, None))
            continue
        layer, layer_path = origin
        line = layer.line_of(layer_path) if layer.file is not None else None
        result.append(BlameLine(line_text, layer.scope, layer.file, line))
    return result


def trace(
    merged: Mapping[str, Any], layers: Sequence[SectionData]
) -> dict[KeyPath, tuple[SectionData, KeyPath]]:
    """For each key path of ``merged``, the layer (highest first) and path it came from."""
    origins: dict[KeyPath, tuple[SectionData, KeyPath]] = {}
    _walk(merged, (), [(layer, (), layer.data) for layer in layers], origins)
    return origins


def _walk(
    node: Any,
    path: KeyPath,
    candidates: list[_Candidate],
    origins: dict[KeyPath, tuple[SectionData, KeyPath]],
) -> None:
    if candidates and path:
        origins[path] = (candidates[0][0], candidates[0][1])
    if isinstance(node, Mapping):
        for key, value in node.items():
            _walk(value, (*path, key), _key_candidates(key, candidates), origins)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, (*path, index), _item_candidates(item, candidates), origins)


def _key_candidates(key: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """The scopes whose value under ``key`` took part in the merge, highest first."""
    found: list[_Candidate] = []
    for layer, layer_path, node in candidates:
        if not isinstance(node, Mapping):
            break
        actual = key + OVERRIDE if key + OVERRIDE in node else key
        if actual not in node:
            continue
        value = node[actual]
        if found and kind(value) != kind(found[0][2]):
            break  # a change of kind: the higher value replaced this one and all below
        found.append((layer, (*layer_path, key), value))
        if is_override(actual) or kind(value) == "scalar":
            break
    return found


def _item_candidates(item: Any, candidates: list[_Candidate]) -> list[_Candidate]:
    """The highest scope whose list holds ``item`` (the merge keeps the first copy)."""
    for layer, layer_path, node in candidates:
        if not isinstance(node, list):
            continue
        for index, theirs in enumerate(node):
            if same(strip_overrides(theirs), item):
                return [(layer, (*layer_path, index), theirs)]
    return []
