"""A per-repository cache of recipe metadata, so unchanged recipes are never imported.

The index of a repository lives in ``<cache_dir>/index/<namespace>-<hash of root>.json``.
For each recipe it keeps the (mtime_ns, size) stamps of the recipe's files
(``package.py`` and its local patches), their content hash, the virtuals it
provides and the metadata (as a JSON string, decoded only when asked for).
On load, a recipe whose stamps match is taken from the index as is; one whose
stamps changed but whose content hash did not (a ``touch``, a checkout) only
gets new stamps; anything else, and every new recipe, is imported again. A
recipe that fails to load is reported and left out of the index, so it is
retried next time. The whole index is also dropped when the code that turns
recipes into metadata (``rpm_spec.repo`` and ``rpm_spec.spec``) changes.

Writes are atomic (:func:`~rpm_spec.util.fs.atomic_write`), so concurrent processes
never see a torn file; the last writer wins, and each writer's content is a valid
index of the recipes it saw. An index directory that is not private to the user
(another user could plant metadata in it) is neither read nor written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rpm_spec
from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.files import RECIPE_FILE, hash_files, recipe_files
from rpm_spec.repo.metadata import RecipeMetadata
from rpm_spec.util.fs import FileWriteError, atomic_write, usable_private_directory

#: Bump when the index layout or the meaning of a metadata field changes.
INDEX_FORMAT = 2

#: Loads one recipe: (package.py path, package name) → metadata; raises RecipeError.
RecipeLoader = Callable[[Path, str], RecipeMetadata]

Stamp = tuple[str, int, int]

#: Files modified this recently may still change within the same mtime tick.
RACY_WINDOW_NS = 2_000_000_000
RACY_MTIME = -1


@dataclass
class IndexResult:
    """What loading an index found: raw metadata per name, and recipes that failed."""

    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, RecipeError] = field(default_factory=dict)
    imported: list[str] = field(default_factory=list)


def index_path(cache_dir: Path, namespace: str, root: Path) -> Path:
    """Where the index of the repository at ``root`` is kept."""
    digest = hashlib.sha256(str(root).encode()).hexdigest()[:12]
    return cache_dir / "index" / f"{namespace}-{digest}.json"


def code_fingerprint() -> str:
    """Stamps of the sources that produce metadata; a change invalidates every index."""
    lib = Path(rpm_spec.__file__).resolve().parent
    digest = hashlib.sha256()
    for layer in ("repo", "spec"):
        for path in sorted(_source_files(lib / layer)):
            info = path.stat()
            digest.update(f"{path.relative_to(lib)}:{info.st_mtime_ns}:{info.st_size}\n".encode())
    return digest.hexdigest()[:16]


def _source_files(directory: Path) -> Iterator[Path]:
    for entry in os.scandir(directory):
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _source_files(Path(entry.path))
        elif entry.name.endswith((".py", ".json")):
            yield Path(entry.path)


def scan_packages(packages_dir: Path) -> list[str]:
    """The names of the package directories under ``packages_dir`` (sorted)."""
    try:
        entries = list(os.scandir(packages_dir))
    except FileNotFoundError:
        return []
    return sorted(e.name for e in entries if e.is_dir() and not e.name.startswith((".", "_")))


class RepoIndex:
    """The metadata of one repository's recipes, kept fresh against their files."""

    def __init__(
        self,
        *,
        namespace: str,
        root: Path,
        packages_dir: Path,
        loader: RecipeLoader,
        cache_file: Path | None,
    ) -> None:
        self.namespace = namespace
        self.root = root
        self.packages_dir = packages_dir
        self.cache_file = cache_file
        self._loader = loader

    def load(self) -> IndexResult:
        """Bring the index up to date with the recipe files and return its content."""
        if self.cache_file is not None and not usable_private_directory(self.cache_file.parent):
            self.cache_file = None  # not ours alone: neither trusted nor written
        fingerprint = code_fingerprint()
        stored = self._read(fingerprint)
        result = IndexResult()
        changed = False
        for name in scan_packages(self.packages_dir):
            directory = self.packages_dir / name
            entry = stored.pop(name, None)
            fresh, entry_changed = self._refresh(name, directory, entry, result)
            if fresh is not None:
                result.raw[name] = fresh
            changed = changed or entry_changed
        if stored:  # recipes that were removed
            changed = True
        if changed and self.cache_file is not None:
            self._write(fingerprint, result.raw)
        return result

    def _refresh(
        self, name: str, directory: Path, entry: dict[str, Any] | None, result: IndexResult
    ) -> tuple[dict[str, Any] | None, bool]:
        """The up-to-date entry of one recipe (None if it fails) and whether it changed."""
        if entry is not None:
            stamps = _stamps(directory, [stamp[0] for stamp in entry["stamps"]])
            recorded: list[Stamp] = [(s[0], s[1], s[2]) for s in entry["stamps"]]
            racy = any(s[1] == RACY_MTIME for s in recorded)
            if stamps is not None and not racy and stamps == recorded:
                return entry, False
            if stamps is not None:
                with contextlib.suppress(OSError):
                    names = tuple(stamp[0] for stamp in stamps)
                    if hash_files(directory, names) == entry["hash"]:
                        return {**entry, "stamps": stamps}, stamps != recorded
        recipe = directory / RECIPE_FILE
        before = _stamps(directory, [RECIPE_FILE])
        if before is None:  # a directory without package.py: not a recipe
            return None, entry is not None
        try:
            metadata = self._loader(recipe, name)
        except RecipeError as error:
            result.errors[name] = error
            return None, entry is not None
        result.imported.append(name)
        stamps = _stamps(directory, list(recipe_files(metadata)))
        if stamps is None:
            return None, entry is not None
        # Keep the stamp taken before the import, so an edit made meanwhile is seen next time.
        stamps[0] = before[0]
        return {
            "stamps": stamps,
            "hash": metadata.recipe_hash,
            "virtuals": sorted(metadata.virtuals()),
            # Kept as a JSON string: decoding it only when asked makes a warm load 2x faster.
            "metadata": json.dumps(metadata.to_json(), separators=(",", ":")),
        }, True

    def _read(self, fingerprint: str) -> dict[str, dict[str, Any]]:
        if self.cache_file is None:
            return {}
        try:
            with self.cache_file.open(encoding="utf-8") as stream:
                data = json.load(stream)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or (
            data.get("format"),
            data.get("code"),
            data.get("root"),
            data.get("namespace"),
        ) != (INDEX_FORMAT, fingerprint, str(self.root), self.namespace):
            return {}
        recipes = data.get("recipes")
        return dict(recipes) if isinstance(recipes, dict) else {}

    def _write(self, fingerprint: str, recipes: Mapping[str, dict[str, Any]]) -> None:
        assert self.cache_file is not None
        document = {
            "format": INDEX_FORMAT,
            "code": fingerprint,
            "root": str(self.root),
            "namespace": self.namespace,
            "recipes": recipes,
        }
        # A cache that cannot be written only costs speed; never fail the command for it.
        with contextlib.suppress(FileWriteError):
            atomic_write(self.cache_file, json.dumps(document, separators=(",", ":")))


def _stamps(directory: Path, names: list[str]) -> list[Stamp] | None:
    """(name, mtime_ns, size) of each file; None if one of them is missing.

    A file modified within :data:`RACY_WINDOW_NS` of now gets the mtime
    :data:`RACY_MTIME`, which no file has: an edit in the same clock tick that keeps
    the size (``-O2`` → ``-O1``) would otherwise leave the stamp unchanged, so the
    next load compares content hashes instead (git's "racily clean" rule).
    """
    now_ns = time.time_ns()
    stamps: list[Stamp] = []
    for name in names:
        try:
            info = (directory / name).stat()
        except OSError:
            return None
        racy = now_ns - info.st_mtime_ns < RACY_WINDOW_NS
        stamps.append((name, RACY_MTIME if racy else info.st_mtime_ns, info.st_size))
    return stamps


def metadata_from_raw(raw: Mapping[str, Any]) -> RecipeMetadata:
    """The :class:`RecipeMetadata` of one index entry."""
    return RecipeMetadata.from_json(json.loads(raw["metadata"]))


def virtuals_from_raw(raw: Mapping[str, Any]) -> tuple[str, ...]:
    """The virtuals one index entry provides, without decoding its metadata."""
    return tuple(raw["virtuals"])
