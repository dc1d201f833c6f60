"""``rpm-spec location``: the prefix of one installed spec, or the stage of a build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store_cli import install, invoke

from rpm_spec.build.stage import stage_path_for
from rpm_spec.cli.location import location
from rpm_spec.errors import UsageError
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs
from rpm_spec.store import AmbiguousMatchError, NoMatchError
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from pathlib import Path


def session_with_stage(tmp_path: Path) -> Session:
    return Session.for_tests(
        tmp_path,
        repos=[PREFIX / "tests" / "repos" / "mock"],
        config={"config": {"build_stage": [str(tmp_path / "stage-a"), str(tmp_path / "stage-b")]}},
    )


def test_prints_the_prefix(tmp_path: Path) -> None:
    session = session_with_stage(tmp_path)
    dag = install(session, "mpileaks")
    result = invoke(location, ["mpileaks", "^mpich"], session)
    assert result.exit_code == 0
    assert result.stdout == f"{session.store.prefix(dag.root_specs[0])}\n"


def test_none_or_several_matches_are_errors(tmp_path: Path) -> None:
    session = session_with_stage(tmp_path)
    install(session, "libelf@0.8.13")
    install(session, "libelf@0.8.10")
    none = invoke(location, ["zlib"], session)
    assert isinstance(none.exception, NoMatchError)
    several = invoke(location, ["libelf"], session)
    assert isinstance(several.exception, AmbiguousMatchError)
    text = str(several.exception)
    assert "'libelf' matches 2 installed specs" in text
    assert "libelf@0.8.13" in text and "libelf@0.8.10" in text
    assert invoke(location, ["libelf@0.8.10"], session).exit_code == 0
    two = invoke(location, ["zlib", "libelf"], session)
    assert isinstance(two.exception, UsageError)


def test_stage_of_a_kept_build(tmp_path: Path) -> None:
    session = session_with_stage(tmp_path)
    missing = invoke(location, ["--stage", "zlib"], session)
    assert missing.exception is not None
    assert "no stage for zlib@1.3.1" in str(missing.exception)
    assert str(tmp_path / "stage-b") in str(missing.exception)
    zlib = session.concretize(parse_specs("zlib")).dag.root_specs[0]
    kept = stage_path_for(tmp_path / "stage-b", zlib)
    kept.mkdir(parents=True)
    result = invoke(location, ["-s", "zlib"], session)
    assert result.stdout == f"{kept}\n"
