"""Fail on any import that runs up the layer order of DESIGN.md.

``A ← B`` means B may import A. Imports under ``if TYPE_CHECKING:`` are allowed
in any direction (annotations only); every other import counts, also inside
functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib" / "rpm_spec"

#: Lowest first; a module may import its own layer and any earlier one.
ORDER = [
    ("util", "errors"),
    ("spec",),
    ("platform",),
    ("config",),
    ("repo",),
    ("solver",),
    ("store",),
    ("binary",),
    ("build",),
    ("environment",),
    ("modules",),
    ("registry",),
    ("export",),
    ("session",),
    ("cli", "__main__"),
]
RANK = {name: rank for rank, names in enumerate(ORDER) for name in names}


def _layer(module_parts: list[str]) -> str | None:
    """The layer of ``rpm_spec.<parts>``; None for the package root (``rpm_spec``)."""
    if not module_parts or module_parts == ["__init__"]:
        return None
    return module_parts[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.Module, package: list[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    name = ".".join(["rpm_spec", *base, *(child.module or "").split(".")])
                    found.append((child.lineno, name.rstrip(".")))
                elif child.module:
                    found.append((child.lineno, child.module))
            visit(child)

    visit(tree)
    return found


def _modules() -> list[Path]:
    return sorted(LIB.rglob("*.py"))


def test_every_layer_is_ranked() -> None:
    for path in LIB.iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if (name.startswith("_") and name not in ("__main__",)) or name == "py":
            continue
        if path.is_dir() or path.suffix == ".py":
            assert name in RANK, f"{path} is not placed in tests/test_layers.py ORDER"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(LIB)))
def test_no_upward_imports(path: Path) -> None:
    parts = list(path.relative_to(LIB).with_suffix("").parts)
    layer = _layer(parts)
    if layer is None:
        return
    package = parts[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for lineno, target in _runtime_imports(tree, package):
        target_parts = target.split(".")
        if target_parts[0] != "rpm_spec" or len(target_parts) < 2:
            continue
        other = target_parts[1]
        if other not in RANK:
            continue
        assert RANK[other] <= RANK[layer], (
            f"{path.relative_to(LIB)}:{lineno} imports {target}: "
            f"layer '{layer}' may not import the higher layer '{other}'"
        )
