"""Writing a module tree: atomically, and removing only what rpm-spec wrote.

Each root keeps a manifest (``.rpm-spec-modules.json``: relative path → module name and
the hashes behind it). A refresh writes every file by rename, removes the files of the
old manifest that are not planned any more (``--delete-tree``: all of them, first), and
never touches a file it did not write: one in the way is an error. The manifest is
written with the union of old and new files before any module file, so a refresh killed
half way leaves nothing unaccounted for. It is also how a user's modules find the names
of an upstream's modules, read only (reading a shared tree never writes to it).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.modules.errors import ForeignModuleFileError, ModulesError
from rpm_spec.util.fs import FileWriteError, atomic_write, locked_update

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.modules.plan import ModuleFile

MANIFEST = ".rpm-spec-modules.json"
FORMAT = 1
#: Module files are read by every user of a shared tree.
FILE_MODE = 0o644


@dataclass
class RefreshReport:
    """What a refresh did, relative to the root."""

    root: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def read_manifest(root: Path) -> dict[str, dict[str, Any]]:
    """The manifest of ``root`` (empty when there is none); ModulesError when damaged."""
    path = root / MANIFEST
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ModulesError(
            f"cannot read the module manifest {path}: {error}",
            hint="refresh that tree with --delete-tree, or remove the file by hand",
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModulesError(f"{path}: not a module manifest of format {FORMAT}")
    modules = document.get("modules")
    return dict(modules) if isinstance(modules, dict) else {}


def module_names(root: Path) -> dict[str, str]:
    """hash → module name of every module in the tree at ``root`` (an upstream's)."""
    return {
        spec_hash: str(entry["name"])
        for entry in read_manifest(root).values()
        for spec_hash in entry.get("hashes", ())
    }


def refresh(
    root: Path, files: Sequence[ModuleFile], *, delete_tree: bool = False
) -> RefreshReport:
    """Make the module tree at ``root`` hold exactly ``files`` (of those rpm-spec writes)."""
    report = RefreshReport(root)
    root.mkdir(parents=True, exist_ok=True)
    with locked_update(root / MANIFEST):
        old = read_manifest(root)
        new = {str(f.path): {"name": f.name, "hashes": list(f.hashes)} for f in files}
        for relative in new:
            if relative not in old and (root / relative).exists():
                raise ForeignModuleFileError(
                    f"{root / relative} exists and rpm-spec did not write it",
                    hint="move it away, or choose another modules root",
                )
        _write_manifest(root, {**old, **new})
        stale = sorted(old) if delete_tree else sorted(set(old) - set(new))
        for relative in stale:
            _remove(root, Path(relative))
            report.removed.append(Path(relative))
        made: set[Path] = set()
        for module in files:
            target = root / module.path
            if not delete_tree and _same(target, module.text):
                report.unchanged.append(module.path)
                continue
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            _replace(target, module.text)
            report.written.append(module.path)
        _write_manifest(root, new)
    return report


def _replace(path: Path, text: str) -> None:
    """Write ``path`` by rename, so a reader sees the old or the new file, never half.

    Unlike :func:`~rpm_spec.util.fs.atomic_write` there is no fsync per file: a tree is
    thousands of derived files (two fsyncs each made a refresh of 1,000 take tens of
    seconds), and the manifest, written durably, is what a crash must not lose.
    """
    # The process id makes the name ours: the manifest lock keeps other refreshes out.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            os.fchmod(stream.fileno(), FILE_MODE)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise FileWriteError(path, error.strerror or str(error)) from None


def _same(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except OSError:
        return False


def _write_manifest(root: Path, modules: Mapping[str, Any]) -> None:
    document = {"format": FORMAT, "modules": dict(sorted(modules.items()))}
    atomic_write(root / MANIFEST, json.dumps(document, indent=1) + "\n", mode=FILE_MODE)


def _remove(root: Path, relative: Path) -> None:
    """Remove one module file we wrote, then the directories it leaves empty."""
    path = root / relative
    path.unlink(missing_ok=True)
    for parent in path.parents:
        if parent == root or not parent.is_relative_to(root):
            return
        try:
            parent.rmdir()
        except OSError:
            return
