"""Interrupting the installer: Ctrl-C or SIGTERM in the main thread, builds in workers.

The signals are real (sent to this process's main thread while a fake build hangs in
a worker thread), so the interruption lands where Python delivers it.
"""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING

import pytest
from test_installer import FakeBuilder

from rpm_spec.build.errors import BuildInterrupted, InstallInterrupted
from rpm_spec.build.installer import (
    Installer,
    Outcome,
    make_plan,
    set_aside_path,
)
from rpm_spec.errors import ExitCode
from rpm_spec.spec import parse_specs
from rpm_spec.store.provenance import is_complete
from rpm_spec.util.signals import first_stop_signal_raises

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.build.cancel import Cancellation
    from rpm_spec.build.installer import BuiltNode, PlanItem
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag


def _signal_main_thread(signum: int) -> None:
    ident = threading.main_thread().ident
    assert ident is not None
    signal.pthread_kill(ident, signum)


class HangingBuilder(FakeBuilder):
    """Builds like FakeBuilder, but the ``hang`` packages write part of their prefix and
    wait; once all of them wait, the main thread gets ``signum``.

    ``deaf``: wait for ``release`` instead of the cancellation, as a worker stuck where
    nothing reaches it does (a stalled download).
    """

    def __init__(
        self, session: Session, hang: set[str], signum: int, *, deaf: bool = False
    ) -> None:
        super().__init__(session)
        self.hang = hang
        self.signum = signum
        self.deaf = deaf
        self.release = threading.Event()
        self.hanging: set[str] = set()
        self.stages: dict[str, Path] = {}

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        name = item.spec.name
        if name not in self.hang:
            return super().build(item, dag, cancel)
        (item.prefix / "bin").mkdir(parents=True)
        stage = self.session.store.root / f"stage-{name}"
        stage.mkdir()
        (stage / "build.log").write_text("building\n")
        self.stages[name] = stage
        with self._guard:
            self.hanging.add(name)
            if self.hanging == self.hang:
                _signal_main_thread(self.signum)
        if self.deaf:
            self.release.wait(120)
        else:
            assert cancel.wait(120), "the installer never cancelled the build"
        raise BuildInterrupted(item.spec.label, stage=stage, log_path=stage / "build.log")


def _run(session: Session, text: str, builder: FakeBuilder, jobs: int = 1) -> ConcreteDag:
    dag = session.concretize(parse_specs(text)).dag
    plan = make_plan(dag, session.store, set(dag.roots))
    installer = Installer(session.store, builder, session.repos.get, jobs=jobs)
    with first_stop_signal_raises():
        installer.run(plan, dag)
    return dag


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)],
    ids=["INT", "TERM"],
)
def test_an_interrupt_stops_every_build_and_registers_nothing_of_them(
    session: Session, signum: int, status: int
) -> None:
    builder = HangingBuilder(session, {"libelf", "zlib"}, signum)
    with pytest.raises(InstallInterrupted) as caught:
        _run(session, "libdwarf zlib", builder, jobs=2)
    error = caught.value
    assert error.exit_code == status
    assert error.signal_name == signal.Signals(signum).name
    assert sorted(node.label.split("@")[0] for node in error.stopped) == ["libelf", "zlib"]
    for node in error.stopped:
        assert node.stage is not None and node.stage.is_dir()
        assert f"stage kept: {node.stage}" in str(error)
        assert f"build log: {node.log_path}" in str(error)
    dag = session.concretize(parse_specs("libdwarf zlib")).dag
    for spec in dag.nodes.values():
        assert session.store.database.get(spec.hash) is None
        assert not session.store.prefix(spec).exists()
    assert "libdwarf" not in builder.built  # nothing was started after the interrupt


def test_a_worker_deaf_to_the_interrupt_does_not_hold_it_up(session: Session) -> None:
    builder = HangingBuilder(session, {"zlib"}, signal.SIGINT, deaf=True)
    with pytest.raises(InstallInterrupted) as caught:
        _run(session, "zlib", builder)
    assert not builder.release.is_set()  # run() returned while the worker still waits
    assert [node.stage for node in caught.value.stopped] == [None]
    builder.release.set()


def test_a_build_finished_after_the_interrupt_is_not_registered(session: Session) -> None:
    """A build that completes while the install is being stopped is discarded."""

    class FinishesAnyway(HangingBuilder):
        def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
            _signal_main_thread(self.signum)
            assert cancel.wait(120)
            return FakeBuilder.build(self, item, dag, cancel)

    builder = FinishesAnyway(session, {"zlib"}, signal.SIGINT)
    with pytest.raises(InstallInterrupted):
        _run(session, "zlib", builder)
    assert builder.built == ["zlib"]
    node = session.concretize(parse_specs("zlib")).dag.root_specs[0]
    assert session.store.database.get(node.hash) is None
    assert not session.store.prefix(node).exists()


def test_an_overwrite_killed_halfway_gets_its_old_install_back(session: Session) -> None:
    dag = session.concretize(parse_specs("zlib")).dag
    node = dag.root_specs[0]
    builder = FakeBuilder(session)
    Installer(session.store, builder, session.repos.get).run(
        make_plan(dag, session.store, set(dag.roots)), dag
    )
    prefix = session.store.prefix(node)
    (prefix / "old-install").write_text("")
    # What `install --overwrite` leaves when it is killed -9 mid-build:
    prefix.rename(set_aside_path(prefix))
    (prefix / "bin").mkdir(parents=True)
    plan = make_plan(dag, session.store, set(dag.roots))
    assert [item.action.value for item in plan.items] == ["build"]  # not "installed"
    result = Installer(session.store, FakeBuilder(session), session.repos.get).run(plan, dag)
    assert [r.outcome for r in result.results] == [Outcome.ALREADY]
    assert (prefix / "old-install").is_file() and is_complete(prefix)
    assert not set_aside_path(prefix).exists()
    assert session.store.database.get(node.hash) is not None
