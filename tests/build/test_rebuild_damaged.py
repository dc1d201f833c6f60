"""A registered node whose prefix was deleted or damaged is planned and built again.

The installer's fake builder (``test_installer.FakeBuilder``) writes ``bin/<name>``;
everything else (planning, locking, provenance, registering) is the real thing.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from test_installer import FakeBuilder

from rpm_spec.build.installer import Action, Installer, Outcome, make_plan
from rpm_spec.spec import parse_specs
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.store.provenance import SPEC_FILE

if TYPE_CHECKING:
    from rpm_spec.build.installer import InstallResult
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag


def _install(session: Session, builder: FakeBuilder) -> tuple[ConcreteDag, InstallResult]:
    dag = session.concretize(parse_specs("mpileaks")).dag
    plan = make_plan(dag, session.store, set(dag.roots))
    result = Installer(session.store, builder, session.repos.get).run(plan, dag)  # type: ignore[arg-type]
    return dag, result


def test_a_deleted_prefix_is_built_again(session: Session) -> None:
    dag, _ = _install(session, FakeBuilder(session))
    libelf = dag.by_name("libelf")
    mpileaks = dag.by_name("mpileaks")
    assert libelf is not None and mpileaks is not None
    store = session.store
    before = store.database.get(libelf.hash)
    assert before is not None
    shutil.rmtree(before.prefix)
    # Something valid beside it must stay as it is: mark mpileaks' prefix.
    keep = store.prefix(mpileaks) / "keep-me"
    keep.write_text("still here")

    plan = make_plan(dag, store, set(dag.roots))
    actions = {item.spec.name: item.action for item in plan.items}
    assert actions["libelf"] is Action.BUILD
    assert {a for name, a in actions.items() if name != "libelf"} == {Action.INSTALLED}

    builder = FakeBuilder(session)
    _, result = _install(session, builder)
    assert builder.built == ["libelf"]
    outcomes = {r.item.spec.name: r.outcome for r in result.results}
    assert outcomes["libelf"] is Outcome.BUILT
    after = store.database.get(libelf.hash)
    assert after is not None and store.check(after).intact
    assert (after.prefix / "bin" / "libelf").is_file()
    assert keep.read_text() == "still here"
    assert store.database.get(mpileaks.hash) is not None


def test_a_damaged_prefix_is_built_again(session: Session) -> None:
    dag, _ = _install(session, FakeBuilder(session))
    libelf = dag.by_name("libelf")
    assert libelf is not None
    record = session.store.database.get(libelf.hash)
    assert record is not None
    (record.prefix / METADATA_DIR / SPEC_FILE).unlink()
    (record.prefix / "bin" / "libelf").write_text("garbage")

    builder = FakeBuilder(session)
    _install(session, builder)
    assert builder.built == ["libelf"]
    assert session.store.check(record).intact
    assert (record.prefix / "bin" / "libelf").read_text() == "#!/bin/sh\n"
    assert not record.prefix.with_name(record.prefix.name + ".rpm-spec-old").exists()
