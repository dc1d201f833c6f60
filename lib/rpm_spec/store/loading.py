"""Loading installed specs into a shell, and unloading exactly what was loaded.

Loading a spec also loads what it runs (its ``run`` dependencies, transitively);
link dependencies are found through RPATHs and need nothing. Externals are
never loaded: they live in system directories that unloading must not remove.

Two variables remember what was loaded, so that ``unload`` can undo it:
``RPM_SPEC_LOADED`` lists the hashes of every loaded prefix (colon separated), and
``RPM_SPEC_LOADED_ROOTS`` those the user asked for. Unloading a spec removes it and
the run dependencies that no other requested spec still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rpm_spec.store.shell_env import EnvironmentModifications, is_python_extension, prefix_paths

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.store.records import Snapshot

LOADED_VAR = "RPM_SPEC_LOADED"
LOADED_ROOTS_VAR = "RPM_SPEC_LOADED_ROOTS"


class SnapshotSource(Protocol):
    """A database, or a store with upstreams (whose snapshot is chained over theirs)."""

    def snapshot(self) -> Snapshot:
        """The index of what is installed now."""


@dataclass
class LoadPlan:
    """The environment changes for a load or unload, and what to tell the user."""

    modifications: EnvironmentModifications
    notes: list[str] = field(default_factory=list)


def loaded_hashes(environ: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(every loaded hash, the requested ones) as recorded in ``environ``."""
    return _split(environ.get(LOADED_VAR)), _split(environ.get(LOADED_ROOTS_VAR))


def plan_load(
    database: SnapshotSource, hashes: Sequence[str], environ: Mapping[str, str]
) -> LoadPlan:
    """Load the installed specs ``hashes`` and their run dependencies."""
    snapshot = database.snapshot()
    loaded, roots = loaded_hashes(environ)
    plan = LoadPlan(EnvironmentModifications())
    wanted = _run_closure(snapshot, hashes)
    new = [h for h in wanted if h not in loaded]
    # Prepend dependencies first, so the specs asked for end up at the front.
    for spec_hash in reversed(new):
        record = snapshot[spec_hash]
        for name, path in prefix_paths(
            record.prefix, python_extension=is_python_extension(record.spec)
        ):
            plan.modifications.prepend_path(name, path)
    for spec_hash in hashes:
        if spec_hash in loaded:
            plan.notes.append(f"{snapshot[spec_hash].spec.label} is already loaded")
    _record(plan, [*loaded, *new], [*roots, *(h for h in hashes if h not in roots)])
    return plan


def plan_unload(
    database: SnapshotSource, hashes: Sequence[str] | None, environ: Mapping[str, str]
) -> LoadPlan:
    """Unload ``hashes`` (None: everything loaded) and the run dependencies that no other
    requested spec needs."""
    snapshot = database.snapshot()
    loaded, roots = loaded_hashes(environ)
    plan = LoadPlan(EnvironmentModifications())
    if hashes is None:
        drop = set(loaded)
        remaining_roots: list[str] = []
    else:
        for spec_hash in hashes:
            if spec_hash not in loaded:
                record = snapshot.get(spec_hash)
                name = record.spec.label if record else f"/{spec_hash[:7]}"
                plan.notes.append(f"{name} is not loaded")
        remaining_roots = [h for h in roots if h not in hashes]
        keep = set(_run_closure(snapshot, remaining_roots))
        drop = (set(_run_closure(snapshot, hashes)) | set(hashes)) & set(loaded)
        for spec_hash in sorted(drop & keep):
            plan.notes.append(
                f"kept {_name(snapshot, spec_hash)} loaded: another loaded spec runs it"
            )
        drop -= keep
    for spec_hash in loaded:
        if spec_hash not in drop:
            continue
        record = snapshot.get(spec_hash)
        if record is None:
            plan.notes.append(f"/{spec_hash[:7]} is no longer installed; forgot it")
            continue
        for name, path in prefix_paths(
            record.prefix, python_extension=is_python_extension(record.spec), existing_only=False
        ):
            plan.modifications.remove_path(name, path)
    _record(plan, [h for h in loaded if h not in drop], remaining_roots)
    return plan


def _record(plan: LoadPlan, loaded: Sequence[str], roots: Sequence[str]) -> None:
    for name, values in ((LOADED_VAR, loaded), (LOADED_ROOTS_VAR, roots)):
        if values:
            plan.modifications.set(name, ":".join(dict.fromkeys(values)))
        else:
            plan.modifications.unset(name)


def _run_closure(snapshot: Snapshot, hashes: Iterable[str]) -> list[str]:
    """``hashes`` and their run dependencies, each once, a spec before its run
    dependencies; what is not installed (any more) or external is left out."""
    found: dict[str, None] = {}
    pending = list(hashes)
    while pending:
        spec_hash = pending.pop(0)
        record = snapshot.get(spec_hash)
        if spec_hash in found or record is None or record.external:
            continue
        found[spec_hash] = None
        pending.extend(dep.hash for dep in record.spec.dependencies if "run" in dep.types)
    return list(found)


def _name(snapshot: Snapshot, spec_hash: str) -> str:
    record = snapshot.get(spec_hash)
    return record.spec.label if record else f"/{spec_hash[:7]}"


def _split(value: str | None) -> list[str]:
    return [item for item in (value or "").split(":") if item]
