"""Environments: manifest, lock sections, reproducing from a lock, retargeting, diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rpm_spec.cli.main import cli
from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.errors import EnvironmentError_, LockfileError
from rpm_spec.environment.lock_inputs import changed_inputs
from rpm_spec.environment.lockfile import Lockfile
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.spec import parse_spec

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
ARM = HostInfo(platform="linux", os="debian12", target="neoverse_v2")


def _env(tmp_path: Path, specs: list[str], config: dict | None = None) -> Session:  # type: ignore[type-arg]
    directory = tmp_path / "env"
    created = create_environment(tmp_path, directory=directory)
    created.add(specs)
    return Session.for_tests(tmp_path, repos=[MOCK], environment=directory, config=config)


def _solve(session: Session, host: HostInfo = ZEN3, **options: object) -> None:
    assert session.environment is not None
    outcome = concretize_environment(session.environment, session, host, **options)  # type: ignore[arg-type]
    if outcome.changed:
        session.environment.write_lock()


def test_several_roots_concretize_together(tmp_path: Path) -> None:
    session = _env(tmp_path, ["mpileaks", "hdf5+mpi", "zlib"])
    _solve(session)
    env = Environment(tmp_path / "env")
    section = env.lock.platforms["linux-debian12-zen3"]
    assert [text for text, _ in section.roots] == ["mpileaks", "hdf5+mpi", "zlib"]
    assert env.is_current(section)
    names = {n.name for n in section.dag.nodes.values()}
    assert {"mpileaks", "hdf5", "zlib", "libelf"} <= names
    assert "mock.mpileaks" in env.lock.recipes
    assert "package.py" in env.lock.recipes["mock.mpileaks"]["files"]


def test_a_copied_lock_reproduces_every_hash(tmp_path: Path) -> None:
    session = _env(tmp_path, ["mpileaks", "hdf5+mpi"])
    _solve(session)
    original = json.loads((tmp_path / "env" / "rpm-spec.lock").read_text())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(tmp_path / "env" / "rpm-spec.lock", elsewhere / "rpm-spec.lock")
    create_environment(tmp_path, directory=elsewhere / "env", source=elsewhere / "rpm-spec.lock")
    copy = Session.for_tests(tmp_path / "b", repos=[MOCK], environment=elsewhere / "env")
    _solve(copy)
    again = json.loads((elsewhere / "env" / "rpm-spec.lock").read_text())
    assert again["platforms"] == original["platforms"]


def test_sections_per_platform_and_retargeting(tmp_path: Path) -> None:
    providers = {"packages": {"all": {"providers": {"blas": ["x86-blas", "openblas"]}}}}
    session = _env(tmp_path, ["retarget-app"], providers)
    _solve(session)
    _solve(session, ARM, closest_to="zen3", explicit_target=True)
    lock = Environment(tmp_path / "env").lock
    assert set(lock.platforms) == {"linux-debian12-zen3", "linux-debian12-neoverse_v2"}
    arm = lock.platforms["linux-debian12-neoverse_v2"]
    assert {n.target for n in arm.dag.nodes.values()} == {"neoverse_v2"}
    assert arm.dag.by_name("openblas") is not None
    # the zen3 section is untouched by the aarch64 solve
    zen3 = lock.platforms["linux-debian12-zen3"]
    assert zen3.dag.by_name("x86-blas") is not None


def test_roots_changed_means_stale(tmp_path: Path) -> None:
    session = _env(tmp_path, ["zlib"])
    _solve(session)
    env = Environment(tmp_path / "env")
    env.add(["polyglot"])
    assert not env.is_current(env.lock.platforms["linux-debian12-zen3"])


def test_unknown_lock_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rpm-spec.lock"
    path.write_text(json.dumps({"_meta": {"file-type": "rpm-spec-lock", "lockfile-version": 99}}))
    with pytest.raises(LockfileError, match="version 99 is not supported"):
        Lockfile.read(path)


def test_cli_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RPM_SPEC_ENV", raising=False)
    runner = CliRunner()
    mock = f"repos:: [{MOCK}]"
    env_dir = str(tmp_path / "cli-env")

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["-c", mock, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("env", "create", "-d", env_dir)
    run("-e", env_dir, "add", "zlib", "mpileaks")
    out = run("-e", env_dir, "concretize", "--target", "zen3")
    assert "Concretized" in out
    assert "is up to date" in run("-e", env_dir, "concretize", "--target", "zen3")
    status = run("-e", env_dir, "env", "status")
    assert "linux-debian12-zen3" in status
    out = run("-e", env_dir, "concretize", "--target", "neoverse_v2", "--closest-to", "zen3")
    assert "neoverse_v2" in out
    assert "difference" in run("-e", env_dir, "env", "diff", "zen3", "neoverse_v2")


def test_a_bad_source_leaves_no_environment_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.lock"
    bad.write_text(
        json.dumps(
            {
                "_meta": {"file-type": "rpm-spec-lock", "lockfile-version": 1},
                "platforms": {"x": {"nodes": 3}},
            }
        )
    )
    with pytest.raises(LockfileError):
        create_environment(tmp_path, directory=tmp_path / "new", source=bad)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("name", ["zen3", "linux-debian12-zen3"])
def test_closest_to_a_section_the_lock_lacks_solves_it_first(tmp_path: Path, name: str) -> None:
    session = _env(tmp_path, ["retarget-app"])
    assert session.environment is not None
    outcome = concretize_environment(
        session.environment, session, ARM, closest_to=name, explicit_target=True
    )
    assert f"the lock had no section '{name}': solved linux-debian12-zen3 first" in outcome.notes
    session.environment.write_lock()
    lock = Environment(tmp_path / "env").lock
    assert set(lock.platforms) == {"linux-debian12-zen3", "linux-debian12-neoverse_v2"}
    # the notes of the lock's sections are the solver's, not this one
    assert not any("solved" in note for s in lock.platforms.values() for note in s.notes)


def test_closest_to_something_that_is_no_target_is_an_error(tmp_path: Path) -> None:
    session = _env(tmp_path, ["zlib"])
    _solve(session)
    assert session.environment is not None
    with pytest.raises(EnvironmentError_, match=r"has no section 'zen9' \(sections: ") as caught:
        concretize_environment(session.environment, session, ARM, closest_to="zen9")
    assert caught.value.hint == "'zen9' is not a known target either"


def test_each_section_keeps_digests_of_what_it_was_solved_from(tmp_path: Path) -> None:
    session = _env(tmp_path, ["zlib"])
    _solve(session)
    env = Environment(tmp_path / "env")
    section = env.lock.platforms["linux-debian12-zen3"]
    assert set(section.inputs) == {"manifest", "config"}
    assert set(section.inputs["config"]) == {"compilers", "concretizer", "packages", "repos"}
    config = Session.for_tests(tmp_path, repos=[MOCK], environment=tmp_path / "env").config
    assert changed_inputs(section, env.manifest, config) == (False, [])
    preferring = Session.for_tests(
        tmp_path,
        repos=[MOCK],
        environment=tmp_path / "env",
        config={"packages": {"zlib": {"require": "@1.2.13"}}},
    ).config
    env.add(["mpileaks"])
    assert changed_inputs(section, env.manifest, preferring) == (True, ["packages"])


def test_a_named_target_a_root_does_not_allow_is_an_error(tmp_path: Path) -> None:
    session = _env(tmp_path, ["zlib target=x86_64_v3", "mpileaks"])
    assert session.environment is not None
    with pytest.raises(EnvironmentError_) as caught:
        concretize_environment(
            session.environment, session, ZEN3, explicit_target=True, target_named=True
        )
    assert "the root 'zlib target=x86_64_v3'" in str(caught.value)
    assert "cannot be solved for target zen3" in str(caught.value)
    assert "--target" in (caught.value.hint or "")


def test_a_root_range_that_allows_the_named_target_is_solved(tmp_path: Path) -> None:
    session = _env(tmp_path, ["zlib target=x86_64_v3:"])
    _solve(session, ZEN3, explicit_target=True, target_named=True)
    lock = Environment(tmp_path / "env").lock
    assert set(lock.platforms) == {"linux-debian12-zen3"}


def test_the_section_is_keyed_by_the_solved_target_not_a_reused_roots(tmp_path: Path) -> None:
    """A root reused from an older-target install does not move the section."""
    session = _env(tmp_path, ["zlib"])
    older = session.concretize([parse_spec("zlib target=x86_64_v3")]).dag.root_specs[0]
    prefix = session.store.prefix(older)
    prefix.mkdir(parents=True)
    session.store.database.add(older, prefix, explicit=True)
    _solve(session, ZEN3, explicit_target=True, target_named=True)
    lock = Environment(tmp_path / "env").lock
    assert set(lock.platforms) == {"linux-debian12-zen3"}
    assert lock.platforms["linux-debian12-zen3"].dag.root_specs[0].hash == older.hash


def test_cli_target_a_root_pins_otherwise_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RPM_SPEC_ENV", raising=False)
    runner = CliRunner()
    env_dir = str(tmp_path / "cli-env")
    base = ["-c", f"repos:: [{MOCK}]"]
    assert runner.invoke(cli, [*base, "env", "create", "-d", env_dir]).exit_code == 0
    added = runner.invoke(cli, [*base, "-e", env_dir, "add", "zlib target=x86_64_v3"])
    assert added.exit_code == 0, added.output
    result = runner.invoke(cli, [*base, "-e", env_dir, "concretize", "--target", "zen3"])
    assert isinstance(result.exception, EnvironmentError_), result.output
    assert "the root 'zlib target=x86_64_v3'" in str(result.exception)
    assert not (tmp_path / "cli-env" / "rpm-spec.lock").exists()


def test_unify_false_keeps_two_roots_of_one_package_apart(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory)
    (directory / "rpm-spec.yaml").write_text(
        "rpm-spec:\n  specs: [zlib+pic, zlib~pic]\n  concretizer: {unify: false}\n"
    )
    session = Session.for_tests(tmp_path, repos=[MOCK], environment=directory)
    _solve(session)
    section = Environment(directory).lock.platforms["linux-debian12-zen3"]
    (pic, pic_hash), (nopic, nopic_hash) = section.roots
    assert (pic, nopic) == ("zlib+pic", "zlib~pic")
    assert pic_hash != nopic_hash
    assert section.dag.nodes[pic_hash].variants["pic"] == ("true",)
    assert section.dag.nodes[nopic_hash].variants["pic"] == ("false",)
