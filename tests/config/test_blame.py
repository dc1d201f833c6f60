"""Tracing merged keys back to the scope whose value survived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rpm_spec.config.blame import BlameLine, blame_lines, trace
from rpm_spec.config.merge import merge_all
from rpm_spec.config.scope import SectionData


def _layer(name: str, data: dict[str, Any]) -> SectionData:
    return SectionData(scope=name, section="packages", data=data)


def _origins(*layers: SectionData) -> dict[tuple[str | int, ...], str]:
    """Scope name per key path; ``layers`` lowest first, as a Configuration holds them."""
    merged = merge_all(layer.data for layer in layers)
    found = trace(merged, list(reversed(layers)))
    return {path: layer.scope for path, (layer, _) in found.items()}


def test_scalars_come_from_the_highest_scope_and_mappings_from_all() -> None:
    origins = _origins(
        _layer("low", {"packages": {"all": {"buildable": True, "target": ["a"]}}}),
        _layer("high", {"packages": {"all": {"buildable": False}}}),
    )
    assert origins[("packages", "all")] == "high"
    assert origins[("packages", "all", "buildable")] == "high"
    assert origins[("packages", "all", "target", 0)] == "low"


def test_an_override_or_a_change_of_kind_hides_lower_scopes() -> None:
    origins = _origins(
        _layer("low", {"packages": {"all": {"target": ["a"], "variants": ["+x"]}}}),
        _layer("middle", {"packages": {"all::": {"target": ["b"]}}}),
        _layer("high", {"packages": {"all": {"target": ["a"]}}}),
    )
    assert origins[("packages", "all", "target", 0)] == "high"
    assert origins[("packages", "all", "target", 1)] == "middle"
    assert ("packages", "all", "variants") not in origins
    origins = _origins(
        _layer("low", {"packages": {"all": {"variants": ["+x"]}}}),
        _layer("high", {"packages": {"all": {"variants": "+y"}}}),
    )
    assert origins[("packages", "all", "variants")] == "high"


def test_blame_lines_carry_file_and_line() -> None:
    layer = SectionData(
        scope="user",
        section="packages",
        data={"packages": {"zlib": {"buildable": False}}},
        file=Path("/u/packages.yaml"),
        lines={("packages",): 1, ("packages", "zlib"): 2, ("packages", "zlib", "buildable"): 3},
    )
    assert blame_lines("packages", {"zlib": {"buildable": False}}, [layer]) == [
        BlameLine("packages:", "user", Path("/u/packages.yaml"), 1),
        BlameLine("  zlib:", "user", Path("/u/packages.yaml"), 2),
        BlameLine("    buildable: false", "user", Path("/u/packages.yaml"), 3),
    ]
    assert [line.source for line in blame_lines("packages", {}, [])] == ["-"]
