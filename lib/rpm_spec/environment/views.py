"""An environment's view: one symlink tree over the prefixes of its packages.

What is linked: the roots of the lock section this host uses and, transitively,
their *run* dependencies (what the roots need at run time), as Spack's
``link: run`` views do. Link-only dependencies stay out: installed binaries find
their libraries through RPATHs, and leaving them out keeps headers and libraries
of implementation details off the user's paths. Externals are never linked (they
already live in the system), and nodes not installed yet are skipped and named.

Every file of a prefix (``.rpm-spec/`` excepted) becomes a symlink at the same
relative path; directories are real directories, merged across packages. A path
two packages both provide is a conflict: the first package keeps it (roots in
the manifest's order come first, then their run dependencies breadth-first) and
the conflict is reported, never silently overwritten.

The view path itself is a symlink to a tree beside it (``.view.<id>``). A new tree
is built completely next to the old one, then the symlink is switched with one
``os.replace``, and only then is the old tree removed: a shell that has the view
on its PATH sees the old view or the new one, never half of one. Regenerations of
one view are serialized by a file lock beside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.environment.concretize import section_for_host
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.util.locks import FileLock

if TYPE_CHECKING:
    from rpm_spec.environment.environment import Environment
    from rpm_spec.platform import HostInfo
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec
    from rpm_spec.store.store import Store

#: Per-prefix metadata (provenance), never linked; also where a view keeps its own.
METADATA_DIR = ".rpm-spec"
_STATE_FILE = "view.json"


@dataclass(frozen=True, slots=True)
class ViewConflict:
    """A path that two packages both provide; ``kept`` keeps it in the view."""

    path: str
    kept: str
    other: str

    def __str__(self) -> str:
        return f"{self.path}: {self.kept} and {self.other}"


@dataclass(frozen=True)
class ViewReport:
    """What a regeneration linked, left out and found in conflict."""

    path: Path
    section: str
    packages: tuple[str, ...]
    files: int
    conflicts: tuple[ViewConflict, ...] = ()
    externals: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    #: False when the view was already up to date and left as it was.
    regenerated: bool = True


def view_nodes(dag: ConcreteDag, roots: tuple[str, ...] | None = None) -> list[ConcreteSpec]:
    """The nodes a view links, in precedence order: the roots, then their run
    dependencies breadth-first (each node once)."""
    order: list[ConcreteSpec] = []
    seen: set[str] = set()
    queue = deque(dag.roots if roots is None else roots)
    while queue:
        node_hash = queue.popleft()
        if node_hash in seen:
            continue
        seen.add(node_hash)
        node = dag.nodes[node_hash]
        order.append(node)
        queue.extend(
            dep.hash
            for dep in sorted(node.dependencies, key=lambda d: d.name)
            if "run" in dep.types
        )
    return order


def regenerate_view(
    env: Environment, store: Store, host: HostInfo, *, force: bool = True
) -> ViewReport:
    """Rebuild ``env``'s view from the lock section ``host`` uses.

    With ``force=False`` a view already made from the same installed prefixes is
    left alone (what ``install`` does after a build, cheaply).
    """
    view = env.view_path
    if view is None:
        raise EnvironmentError_(
            f"{env.label} has no view", hint="set 'view: true' in its rpm-spec.yaml"
        )
    section = section_for_host(env.lock, host)
    if section is None:
        raise EnvironmentError_(
            f"{env.label} is not concretized for this host ({host.arch})",
            hint="run 'rpm-spec concretize' first",
        )
    roots = tuple(dict.fromkeys(h for _, h in section.roots))
    linked: list[tuple[ConcreteSpec, Path]] = []
    externals: list[str] = []
    missing: list[str] = []
    installed = store.snapshot()  # upstream installs too: a view links to them in place
    for node in view_nodes(section.dag, roots):
        record = None if node.is_external else installed.get(node.hash)
        if node.is_external:
            externals.append(node.label)
        elif record is None or record.external:
            missing.append(node.label)
        else:
            linked.append((node, record.prefix))
    wanted = [[node.hash, str(prefix)] for node, prefix in linked]
    view.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(view.parent / f".{view.name}.lock"):
        state = None if force else _current_state(view, wanted)
        if state is None:
            files, conflicts = _switch(view, linked, wanted)
        else:
            files, conflicts = state
    return ViewReport(
        path=view,
        section=section.key,
        packages=tuple(node.label for node, _ in linked),
        files=files,
        conflicts=tuple(conflicts),
        externals=tuple(externals),
        missing=tuple(missing),
        regenerated=state is None,
    )


def _switch(
    view: Path, linked: list[tuple[ConcreteSpec, Path]], wanted: list[list[str]]
) -> tuple[int, list[ViewConflict]]:
    """Build a new tree beside ``view``, point ``view`` at it, remove the old one."""
    if view.exists() and not view.is_symlink():
        raise EnvironmentError_(
            f"{view} is a directory that rpm-spec did not make (a view is a symlink)",
            hint="move it away, then regenerate the view",
        )
    tree = view.parent / f".{view.name}.{uuid.uuid4().hex[:12]}"
    tree.mkdir()
    try:
        files, conflicts = link_all(tree, linked)
        _write_state(tree, wanted, files, conflicts)
        pointer = view.parent / f".{view.name}.link-{os.getpid()}"
        pointer.unlink(missing_ok=True)
        pointer.symlink_to(tree.name)  # relative: the environment may move
        pointer.replace(view)  # atomic: rename(2) over the old symlink
    except BaseException:
        shutil.rmtree(tree, ignore_errors=True)
        raise
    _remove_old_trees(view, keep=tree)
    return files, conflicts


def link_all(
    tree: Path, linked: list[tuple[ConcreteSpec, Path]]
) -> tuple[int, list[ViewConflict]]:
    #: relative path → (is a directory, the package that put it there)
    claimed: dict[Path, tuple[bool, str]] = {}
    conflicts: list[ViewConflict] = []
    files = 0
    for node, prefix in linked:
        owner = node.label
        for top, dirnames, filenames in os.walk(prefix):
            directory = Path(top)
            here = directory.relative_to(prefix)
            if here == Path():
                dirnames[:] = [d for d in dirnames if d != METADATA_DIR]
            # Symlinks to directories are linked as they are, like files.
            entries = sorted(filenames)
            descend: list[str] = []
            for name in sorted(dirnames):
                if (directory / name).is_symlink():
                    entries.append(name)
                    continue
                previous = claimed.get(here / name)
                if previous is None:
                    (tree / here / name).mkdir()
                    claimed[here / name] = (True, owner)
                elif not previous[0]:
                    conflicts.append(ViewConflict(str(here / name), previous[1], owner))
                    continue
                descend.append(name)
            dirnames[:] = descend
            for name in entries:
                previous = claimed.get(here / name)
                if previous is not None:
                    conflicts.append(ViewConflict(str(here / name), previous[1], owner))
                    continue
                (tree / here / name).symlink_to(directory / name)
                claimed[here / name] = (False, owner)
                files += 1
    return files, conflicts


def _write_state(
    tree: Path, wanted: list[list[str]], files: int, conflicts: list[ViewConflict]
) -> None:
    (tree / METADATA_DIR).mkdir(exist_ok=True)
    document = {
        "packages": wanted,
        "files": files,
        "conflicts": [[c.path, c.kept, c.other] for c in conflicts],
    }
    (tree / METADATA_DIR / _STATE_FILE).write_text(json.dumps(document, indent=1) + "\n")


def _current_state(view: Path, wanted: list[list[str]]) -> tuple[int, list[ViewConflict]] | None:
    """The stored counts of ``view`` if it was made from exactly ``wanted``."""
    try:
        data: dict[str, Any] = json.loads((view / METADATA_DIR / _STATE_FILE).read_text())
    except (OSError, ValueError):
        return None
    if data.get("packages") != wanted:
        return None
    conflicts = [ViewConflict(*map(str, c)) for c in data.get("conflicts", [])]
    return int(data.get("files", 0)), conflicts


def _remove_old_trees(view: Path, keep: Path) -> None:
    """Remove every tree of this view but ``keep`` (the old one, and any left by a
    regeneration that was killed); the caller holds the view's lock."""
    pattern = re.compile(rf"\.{re.escape(view.name)}\.[0-9a-f]{{12}}")
    for path in view.parent.iterdir():
        if path != keep and pattern.fullmatch(path.name) and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
