"""Installing nodes from a binary cache, behind the installer's NodeBuilder seam.

:class:`CacheBuilder` wraps the source builder: a node the plan marks as coming
from a cache is installed from its entry, any other node is built. The installer
does the rest as for a build (the node's lock, the set-aside prefix of an
overwrite, the promised files, the completion marker, registering), so there is
one path into the store.

Installing an entry: the blob's sha256 and size are checked against the signed
manifest, the relocation is checked to fit, and only then is the blob unpacked
(with the hostile-archive checks of :mod:`rpm_spec.build.archive`) into a hidden
directory beside the prefix. There it is relocated, checked to hold no byte of
an old path, given a fresh file manifest, and renamed into place. Any failure
removes that directory: nothing is left behind. A refused entry falls back to a
build in ``auto`` mode and fails the node in ``only`` mode.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.binary.cache_errors import EntryRefused
from rpm_spec.binary.relocate import leftovers, relocate
from rpm_spec.build.archive import extract_archive
from rpm_spec.build.cache_search import check_entry
from rpm_spec.build.errors import BuildInterrupted, StageError
from rpm_spec.build.installer import BuiltNode
from rpm_spec.store.file_manifest import write_file_manifest
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.store.provenance import RECIPES_DIR
from rpm_spec.util.fs import current_umask

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from rpm_spec.build.cache_search import CachedEntry
    from rpm_spec.build.cancel import Cancellation
    from rpm_spec.build.installer import NodeBuilder, PlanItem
    from rpm_spec.spec.concrete import ConcreteDag

#: Prefix of the directory an entry is unpacked into: starts like the metadata directory,
#: so that ``reindex`` never mistakes a half-unpacked entry for a prefix.
EXTRACT_PREFIX = ".rpm-spec-unpack-"


@dataclass
class CacheBuilder:
    """Installs the plan's cached nodes from their entries; builds the others."""

    entries: Mapping[str, CachedEntry]
    #: Builds what is not cached, and what was refused in ``auto`` mode; None in ``only``.
    fallback: NodeBuilder | None
    #: Told about each entry refused at install time (the CLI prints it).
    on_refused: Callable[[EntryRefused], None] = lambda refusal: None

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        entry = self.entries.get(item.spec.hash) if item.from_cache else None
        if entry is not None:
            try:
                return install_entry(entry, item.prefix, cancel)
            except EntryRefused as refusal:
                if self.fallback is None:
                    raise
                self.on_refused(refusal)
        if self.fallback is None:
            raise EntryRefused(
                item.spec.label, "no usable build cache entry (--use-buildcache only)"
            )
        return self.fallback.build(item, dag, cancel)


def install_entry(entry: CachedEntry, prefix: Path, cancel: Cancellation) -> BuiltNode:
    """Unpack, relocate and check ``entry`` into ``prefix`` (which must not exist)."""
    manifest = entry.manifest
    what = entry.cache.describe(manifest.name)
    blob = entry.cache.verified_blob(manifest)
    info = check_entry(manifest, entry.mapping, what)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=EXTRACT_PREFIX + prefix.name + ".", dir=prefix.parent))
    try:
        try:
            extract_archive(blob, work)
        except StageError as error:
            raise EntryRefused(what, f"its blob cannot be unpacked safely: {error}") from None
        if cancel.requested:
            raise BuildInterrupted(manifest.spec.label)
        if entry.mapping:
            relocate(work, info, entry.mapping)
            # A new path may contain an old one (/a/store-b holds /a/store): not a leftover.
            left = leftovers(work, list(entry.mapping), allowed=list(entry.mapping.values()))
            if left:
                raise EntryRefused(
                    what,
                    "after relocation these files still hold an old path: "
                    + ", ".join(sorted(left)[:10]),
                )
        write_file_manifest(work)
        work.chmod(0o777 & ~current_umask())  # mkdtemp made it 0700
        work.rename(prefix)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    recipe = prefix / METADATA_DIR / RECIPES_DIR / manifest.spec.namespace / manifest.spec.name
    return BuiltNode(
        log_path=None,
        environment={},
        build_system=entry.origin,
        recipe_dir=recipe,
        repo_root=recipe.parent.parent,
        provenance_included=True,
    )
