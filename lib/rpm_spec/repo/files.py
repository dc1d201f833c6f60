"""The files a recipe consists of, and the hash over them (``recipe_hash``).

Kept apart from the loader so that reading a warm index needs neither the DSL
nor the spec parser.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.repo.metadata import RecipeMetadata

RECIPE_FILE = "package.py"


def recipe_files(metadata: RecipeMetadata) -> tuple[str, ...]:
    """The files a recipe consists of, relative to its directory: package.py, local patches."""
    patches = (p.source for p in metadata.patches if not p.is_url and p.origin is None)
    return (RECIPE_FILE, *dict.fromkeys(patches))


def hash_files(directory: Path, names: tuple[str, ...]) -> str:
    """sha256 over the names and bytes of ``names`` (in order) inside ``directory``."""
    digest = hashlib.sha256()
    for name in names:
        content = (directory / name).read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()
