"""A per-repository cache of recipe metadata, so unchanged recipes are never imported.

The index of a repository lives in ``<cache_dir>/index/<namespace>-<hash of root>.json``.
For each recipe it keeps the (mtime_ns, size) stamps of the recipe's files
(``package.py`` and its local patches), their content hash, the virtuals it
provides and the metadata (as a JSON string, decoded only when asked for).
On load, a recipe whose stamps match is taken from the index as is; one whose
stamps changed but whose content hash did not (a ``touch``, a checkout) only
gets new stamps; anything else, and every new recipe, is imported again. A
recipe that fails to load is reported and left out of the index, so it is
retried next time.

The index is an entry of the ``index`` area of the start-up cache
(:mod:`~rpm_spec.util.startup_cache`) and follows its one rule: it is used only if
rpm-spec's code is unchanged and its key (the repository's root and namespace)
matches; its recipes are then checked one by one as above, each by the content
hash of its files (the stamps only spare reading unchanged ones). Writes are
atomic, so concurrent processes never see a torn file; the last writer wins, and
each writer's content is a valid index of the recipes it saw. An index directory
that is not private to the user (another user could plant metadata in it) is
neither read nor written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.files import RECIPE_FILE, hash_files, recipe_files
from rpm_spec.repo.metadata import RecipeMetadata
from rpm_spec.util.startup_cache import CacheArea, input_key

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
        self._area = None if cache_file is None else CacheArea(cache_file.parent)
        self._key = input_key(str(root), namespace)
        self._loader = loader

    def load(self) -> IndexResult:
        """Bring the index up to date with the recipe files and return its content."""
        stored = self._read()
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
        if changed:
            self._write(result.raw)
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

    def _read(self) -> dict[str, dict[str, Any]]:
        if self._area is None or self.cache_file is None:
            return {}
        payload = self._area.read(self.cache_file.name, self._key)
        recipes = None if payload is None else payload.get("recipes")
        return dict(recipes) if isinstance(recipes, dict) else {}

    def _write(self, recipes: Mapping[str, dict[str, Any]]) -> None:
        # A cache that cannot be written only costs speed: the area ignores failures.
        if self._area is not None and self.cache_file is not None:
            payload = {"root": str(self.root), "namespace": self.namespace, "recipes": recipes}
            self._area.write(self.cache_file.name, self._key, payload)


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
