"""The Makefile of `env depfile`, driven by real GNU make with a stand-in rpm-spec, and the
one-node plans its recipes install."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from rpm_spec.build.installer import Action
from rpm_spec.cli.env import env as env_command
from rpm_spec.cli.main import CliState
from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.depfile import make_depfile, plan_one_node
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.errors import RpmSpecError
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.store.provenance import write_provenance

if TYPE_CHECKING:
    from rpm_spec.environment.lockfile import PlatformSection

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")

#: Logs "start X" / "end X" (X: the last argument) around a short sleep.
FAKE_RPM_SPEC = """\
#!/bin/sh
eval last=\\${$#}
echo "start $last $2" >> "{log}"
sleep 0.2
echo "end $last" >> "{log}"
"""

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def _env(tmp_path: Path) -> tuple[Session, Environment, PlatformSection]:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["mpileaks", "zlib"])
    session = Session.for_tests(tmp_path, repos=[MOCK], environment=directory)
    env = session.environment
    assert env is not None
    concretize_environment(env, session, ZEN3)
    env.write_lock()
    return session, env, env.lock.platforms["linux-debian12-zen3"]


def _fake(tmp_path: Path) -> tuple[Path, Path]:
    log = tmp_path / "calls.log"
    script = tmp_path / "fake-rpm-spec"
    script.write_text(FAKE_RPM_SPEC.replace("{log}", str(log)))
    script.chmod(0o755)
    return script, log


def _make(tmp_path: Path, makefile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-f", str(makefile), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def test_one_target_per_node_depending_on_its_dependencies(tmp_path: Path) -> None:
    _, env, section = _env(tmp_path)
    text = make_depfile(env.path, section, rpm_spec="/opt/rpm-spec/bin/rpm-spec")
    rules = dict(re.findall(r"^\$\(RPM_SPEC_MAKEDEPS\)/install/(\w+):(.*)$", text, re.M))
    assert set(rules) == set(section.dag.nodes)
    for node_hash, prerequisites in rules.items():
        wanted = {d.hash for d in section.dag.nodes[node_hash].dependencies}
        assert set(re.findall(r"/install/(\w+)", prerequisites)) == wanted
        recipe = f"\t$(RPM_SPEC) -e {env.path} env install-node $(RPM_SPEC_INSTALL_FLAGS) "
        assert recipe + node_hash in text
    assert "RPM_SPEC ?= /opt/rpm-spec/bin/rpm-spec" in text
    assert f"RPM_SPEC_MAKEDEPS ?= {env.path}/.rpm-spec-env/makedeps" in text
    assert re.search(r"^\.PHONY: all clean ", text, re.M)
    assert ".NOTPARALLEL" not in text
    assert "\n\t+" not in text  # plain recipes: `make -n` prints them and runs nothing


@needs_make
def test_make_j2_runs_each_node_once_after_its_dependencies(tmp_path: Path) -> None:
    _, env, section = _env(tmp_path)
    script, log = _fake(tmp_path)
    makefile = tmp_path / "Makefile"
    makefile.write_text(make_depfile(env.path, section, rpm_spec=str(script)))
    _make(tmp_path, makefile, "-n")
    assert not log.exists()  # a dry run runs no recipe

    _make(tmp_path, makefile, "-j2")
    events = [line.split() for line in log.read_text().splitlines()]
    starts = [e[1] for e in events if e[0] == "start"]
    assert sorted(starts[:-1]) == sorted(section.dag.nodes)  # each node once
    assert starts[-1] == "regenerate"  # the view, last
    assert {e[2] for e in events if e[0] == "start"} == {str(env.path)}
    position = {(e[0], e[1]): i for i, e in enumerate(events)}
    for node_hash, node in section.dag.nodes.items():
        for dep in node.dependencies:
            assert position[("end", dep.hash)] < position[("start", node_hash)]
    running = most = 0
    for event in events:
        running += 1 if event[0] == "start" else -1
        most = max(most, running)
    assert most == 2  # independent nodes ran together, never more than -j allows

    calls = log.read_text()
    _make(tmp_path, makefile, "-j2")
    assert log.read_text() == calls  # everything is done: nothing runs again
    assert subprocess.run(["make", "-q", "-f", str(makefile)], cwd=tmp_path).returncode == 0

    _make(tmp_path, makefile, "clean")
    _make(tmp_path, makefile, "-j2")
    assert len(log.read_text().splitlines()) == 2 * len(calls.splitlines())


@needs_make
def test_a_make_prefix_names_the_targets_for_inclusion(tmp_path: Path) -> None:
    _, env, section = _env(tmp_path)
    script, log = _fake(tmp_path)
    text = make_depfile(env.path, section, rpm_spec=str(script), make_prefix="stack")
    assert not re.search(r"^all:", text, re.M)
    (tmp_path / "stack.mk").write_text(text)
    (tmp_path / "Makefile").write_text("include stack.mk\n\ndefault: stack/all\n")
    _make(tmp_path, tmp_path / "Makefile", "-j2", "default")
    markers = {p.name for p in (tmp_path / "stack" / "install").iterdir()}
    assert markers == set(section.dag.nodes)
    assert (tmp_path / "stack" / "view").is_file()
    assert log.read_text().count("start ") == len(section.dag.nodes) + 1
    with pytest.raises(EnvironmentError_, match="make target name"):
        make_depfile(env.path, section, rpm_spec="rpm-spec", make_prefix="my stack")


def test_without_a_view_there_is_no_view_step(tmp_path: Path) -> None:
    _, env, section = _env(tmp_path)
    text = make_depfile(env.path, section, rpm_spec="rpm-spec", view=False)
    assert "view regenerate" not in text
    assert re.search(r"^\$\(RPM_SPEC_MAKEDEPS\)/all: .*/install/", text, re.M)


def _fake_install(session: Session, section: PlatformSection, names: set[str]) -> None:
    """Register ``names`` with complete prefixes (provenance and all), as a build would."""
    for _, node, _ in reversed(list(section.dag.traverse())):
        if node.name in names:
            prefix = session.store.prefix(node)
            prefix.mkdir(parents=True)
            write_provenance(
                prefix,
                section.dag,
                node.hash,
                recipe_dir=MOCK / "packages" / node.name,
                repo_root=MOCK,
            )
            session.store.database.add(node, prefix, explicit=False)


def test_one_node_is_planned_only_once_its_dependencies_are_installed(tmp_path: Path) -> None:
    session, env, section = _env(tmp_path)
    callpath = section.dag.by_name("callpath")
    assert callpath is not None
    with pytest.raises(EnvironmentError_, match=r"cannot install callpath@\S+ /\w+ alone: its"):
        plan_one_node(env.lock, session.store, ZEN3, callpath.hash)
    below = {n.name for _, n, _ in section.dag.traverse(callpath.hash) if n is not callpath}
    _fake_install(session, section, below)
    plan, dag = plan_one_node(env.lock, session.store, ZEN3, callpath.short_hash)
    assert dag is section.dag
    assert plan.items[-1].spec == callpath
    assert plan.items[-1].action is Action.BUILD
    assert not plan.items[-1].explicit  # not a root of the environment
    assert {item.action for item in plan.items[:-1]} <= {Action.INSTALLED, Action.EXTERNAL}
    zlib = section.dag.by_name("zlib")
    assert zlib is not None
    assert plan_one_node(env.lock, session.store, ZEN3, zlib.hash)[0].items[-1].explicit
    with pytest.raises(EnvironmentError_, match="no node /zzzzzzz"):
        plan_one_node(env.lock, session.store, ZEN3, "zzzzzzz")


def _invoke(session: Session, *args: str) -> Result:
    state = CliState((), (), False)
    state._session = session
    return CliRunner().invoke(env_command, list(args), obj=state)


def test_env_depfile_command(tmp_path: Path) -> None:
    session, env, section = _env(tmp_path)
    printed = _invoke(session, "depfile")
    assert printed.exit_code == 0, printed.output
    assert printed.output == make_depfile(
        env.path, section, rpm_spec=printed.output.split("RPM_SPEC ?= ")[1].split("\n")[0]
    )
    assert os.access(printed.output.split("RPM_SPEC ?= ")[1].split("\n")[0], os.X_OK)
    written = _invoke(session, "depfile", "-o", str(tmp_path / "Makefile"), "--make-prefix", "x")
    assert written.exit_code == 0, written.output
    assert f"{len(section.dag.nodes)} packages of linux-debian12-zen3" in written.output
    assert "x/install/" in (tmp_path / "Makefile").read_text()
    env.add(["dense-solver"])  # the lock is stale now
    stale = Session.for_tests(tmp_path, repos=[MOCK], environment=env.path)
    refused = _invoke(stale, "depfile")
    assert isinstance(refused.exception, RpmSpecError)  # main() prints it as Error: ...
    assert "not concretized for this host" in str(refused.exception)
