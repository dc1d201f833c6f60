"""``env export --tarball``: a relocatable, byte-reproducible archive of an environment.

Layout (entries at the top of the archive, as conda-pack does; unpack into a directory)::

    run            POSIX sh: ./run COMMAND... runs COMMAND with the environment's paths
    activate.sh    for '. ./activate.sh' in sh/bash/zsh
    view/          the view: relative symlinks into prefixes/
    prefixes/NAME-VERSION-HASH7/   a copy of every installed prefix the roots need
    EXPORT.json    what was exported and what could not be made relocatable

The copies are rewritten by :mod:`rpm_spec.export.origin` (``$ORIGIN`` RUNPATHs,
relative links, ``/usr/bin/env`` shebangs), so the programs run from wherever the
archive is unpacked, with no rpm-spec and no ``LD_LIBRARY_PATH``.

Reproducible: entries sorted by name, every mtime 0, owner and group 0 with no names,
modes normalised (0755 for directories and executables, else 0644), and a gzip header
with no name and mtime 0: exporting one version twice gives the same sha256.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.environment.views import link_all, view_nodes
from rpm_spec.export.errors import ExportError
from rpm_spec.export.origin import Rewrites, rewrite_prefix
from rpm_spec.export.scripts import ACTIVATE_SH, RUN_SH

if TYPE_CHECKING:
    import io

    from rpm_spec.export.closure import ExportSet
    from rpm_spec.spec.concrete import ConcreteSpec

VIEW, PREFIXES, MANIFEST = "view", "prefixes", "EXPORT.json"


def prefix_dir_name(node: ConcreteSpec) -> str:
    return f"{node.name}-{node.version}-{node.hash[:7]}"


def export_tarball(chosen: ExportSet, target: Path) -> Rewrites:
    """Write the archive of ``chosen`` to ``target`` (atomically: a complete file or none)."""
    target = target.expanduser().absolute()
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent} is not a directory", hint="create it first")
    with tempfile.TemporaryDirectory(prefix="rpm-spec-export-") as scratch:
        stage = Path(scratch).resolve() / "stage"
        stage.mkdir()
        report = stage_export(chosen, stage)
        partial = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        try:
            with partial.open("wb") as raw:
                write_archive(stage, raw)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return report


def stage_export(chosen: ExportSet, stage: Path) -> Rewrites:
    """Copy, rewrite and link everything the archive holds into ``stage``."""
    moves: dict[str, Path] = {}
    for node, prefix in chosen.nodes:
        copy = stage / PREFIXES / prefix_dir_name(node)
        shutil.copytree(prefix, copy, symlinks=True)
        _owner_writable(copy)
        moves[str(prefix)] = copy
        resolved = str(prefix.resolve())
        if resolved != str(prefix):
            moves[resolved] = copy
    report = Rewrites()
    for copy in sorted(set(moves.values())):
        rewrite_prefix(copy, stage, moves, report)
    by_hash = {node.hash: (node, moves[str(prefix)]) for node, prefix in chosen.nodes}
    in_view = view_nodes(chosen.section.dag, chosen.roots)
    linked = [by_hash[node.hash] for node in in_view if node.hash in by_hash]
    (stage / VIEW).mkdir()
    link_all(stage / VIEW, linked)
    _relative_links(stage / VIEW)
    (stage / "run").write_text(RUN_SH)
    (stage / "run").chmod(0o755)
    (stage / "activate.sh").write_text(ACTIVATE_SH)
    document = {
        "environment": chosen.label,
        "section": chosen.section.key,
        "roots": list(chosen.roots),
        "prefixes": {n.hash: f"{PREFIXES}/{prefix_dir_name(n)}" for n, _ in chosen.nodes},
        "externals": list(chosen.externals),
        "rewritten": {
            "runpaths": report.runpaths,
            "links": report.links,
            "shebangs": report.shebangs,
        },
        "not_relocated": sorted(report.left),
    }
    (stage / MANIFEST).write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    return report


def _owner_writable(copy: Path) -> None:
    """Directories of a read-only install, copied, made writable by their owner: links
    are rewritten in them, and the stage must be removable (the archive's modes are
    normalised anyway)."""
    for directory, _, _ in os.walk(copy):
        mode = stat.S_IMODE(Path(directory).stat().st_mode)
        Path(directory).chmod(mode | stat.S_IRWXU)


def _relative_links(view: Path) -> None:
    """The view's absolute symlinks (into the stage) made relative."""
    for directory, _, filenames in os.walk(view):
        for name in filenames:
            link = Path(directory) / name
            if link.is_symlink() and link.readlink().is_absolute():
                target = os.path.relpath(link.readlink(), link.parent)
                link.unlink()
                link.symlink_to(target)


def write_archive(stage: Path, raw: io.BufferedIOBase | io.BufferedWriter) -> None:
    """A gzip'd tar of ``stage``'s contents with nothing that depends on when or by whom."""
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.GNU_FORMAT) as archive,
    ):
        for path in _sorted_walk(stage):
            _add(archive, path, path.relative_to(stage).as_posix())


def _sorted_walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, dirnames, filenames in os.walk(root):
        base = Path(directory)
        for name in dirnames + filenames:
            found.append(base / name)
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _add(archive: tarfile.TarFile, path: Path, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        info.type, info.linkname, info.mode = tarfile.SYMTYPE, str(path.readlink()), 0o777
        archive.addfile(info)
    elif stat.S_ISDIR(mode):
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        archive.addfile(info)
    elif stat.S_ISREG(mode):
        info.mode = 0o755 if mode & 0o111 else 0o644
        info.size = path.lstat().st_size
        with path.open("rb") as stream:
            archive.addfile(info, stream)
    else:
        raise ExportError(f"{path} is not a file, directory or link: cannot export it")
