"""Child-process bodies of the database concurrency tests.

They live apart from the tests so that each spawned child imports only this and the
store, not pytest plugins and the solver: starting six writers stays quick.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.spec.concrete import CompilerRef, ConcreteSpec, NodeContent
from rpm_spec.spec.version import Version
from rpm_spec.store.database import Database

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event


def synthetic_node(name: str, index: int) -> ConcreteSpec:
    return ConcreteSpec(
        NodeContent(
            name=name,
            namespace="mock",
            version=Version(f"1.{index}"),
            variants=(),
            compiler=CompilerRef("gcc", "12.2.0"),
            platform="linux",
            os="debian12",
            target="zen3",
        )
    )


def add_many(root: str, worker: int, count: int, shared: list[dict[str, Any]]) -> None:
    """Child: register ``count`` specs of its own and the shared ones, one write each."""
    database = Database(Path(root))
    for index in range(count):
        spec = synthetic_node(f"pkg-{worker}", index)
        database.add(spec, Path(root) / spec.hash, explicit=True)
        if index < len(shared):
            common = ConcreteSpec.from_dict(shared[index])
            database.add(common, Path(root) / common.hash, explicit=False)


def read_until(root: str, stop: Event) -> None:
    """Child: parse the index over and over while others write; exit 1 on a bad read."""
    path = Path(root) / ".rpm-spec-db" / "index.json"
    reads = 0
    while not stop.is_set() or reads == 0:
        try:
            text = path.read_text()
        except FileNotFoundError:
            continue
        json.loads(text)  # raises (exit code 1) on a half-written file
        Database(Path(root)).records()
        reads += 1


def die_while_writing(root: str, document: dict[str, Any], at: str) -> None:
    """Child: register a spec, but get killed (SIGKILL) at ``os.<at>`` inside the write."""

    def die(*_: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(os, at, die)
    spec = ConcreteSpec.from_dict(document)
    Database(Path(root)).add(spec, Path(root) / "doomed", explicit=True)


def die_while_uninstalling(root: str, spec_hash: str) -> None:
    """Child: uninstall ``spec_hash`` but get killed (SIGKILL) as the prefix is deleted."""
    import shutil

    from rpm_spec.store.store import Store

    def die(*_: object, **__: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    shutil.rmtree = die  # type: ignore[assignment]
    Store(Path(root)).uninstall(spec_hash)
