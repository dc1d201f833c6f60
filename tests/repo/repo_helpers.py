"""Helpers for repository tests: write recipe repositories into a directory."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

#: ``make_repo(namespace, {name: package.py text})`` → the repository's root.
MakeRepo = Callable[..., Path]


def recipe(class_name: str, body: str = "", *, bases: str = "Package", doc: str = "") -> str:
    """The text of a package.py defining ``class_name`` with ``body`` in its class body."""
    docstring = doc or f"The {class_name} test package."
    lines = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    return (
        "from rpm_spec.repo.api import *\n\n\n"
        f"class {class_name}({bases}):\n"
        f'    """{docstring}"""\n\n'
        f"{lines}\n"
    )


def write_repo(root: Path, namespace: str, recipes: Mapping[str, str]) -> Path:
    (root / "packages").mkdir(parents=True, exist_ok=True)
    (root / "repo.yaml").write_text(f"repo:\n  namespace: {namespace}\n")
    for name, source in recipes.items():
        directory = root / "packages" / name
        directory.mkdir(exist_ok=True)
        (directory / "package.py").write_text(source)
    return root
