"""Reuse of installed specs (the lowest criterion) and DAG hash stability."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.solver import Problem, concretize
from rpm_spec.spec import parse_specs
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

ROOT = Path(__file__).resolve().parents[2]
MOCK = ROOT / "tests" / "repos" / "mock"


def _problem(session: Session, text: str, installed: tuple[ConcreteSpec, ...] = ()) -> Problem:
    return Problem(
        roots=tuple(parse_specs(text)),
        host=session.host,
        compilers=tuple(session.compilers),
        installed=installed,
    )


def _rebuilt(node: ConcreteSpec, **changes: object) -> ConcreteSpec:
    return ConcreteSpec(dataclasses.replace(node.content, **changes))


def test_installed_spec_from_an_older_recipe_is_reused(session: Session) -> None:
    fresh = concretize(_problem(session, "zlib"), session.repos).dag.root_specs[0]
    old = _rebuilt(fresh, recipe_hash="an-older-recipe")
    assert old.hash != fresh.hash
    again = concretize(_problem(session, "zlib", (old,)), session.repos).dag.root_specs[0]
    assert again.hash == old.hash


def test_reuse_never_beats_a_request(session: Session) -> None:
    fresh = concretize(_problem(session, "zlib"), session.repos).dag.root_specs[0]
    old = _rebuilt(fresh, recipe_hash="an-older-recipe")
    result = concretize(_problem(session, "zlib+pic", (old,)), session.repos)
    node = result.dag.root_specs[0]
    assert node.hash != old.hash
    assert node.variants["pic"] == ("true",)


def test_reused_dependencies_come_whole(session: Session) -> None:
    dag = concretize(_problem(session, "mpileaks"), session.repos).dag
    installed = tuple(dag.nodes.values())
    again = concretize(_problem(session, "mpileaks", installed), session.repos).dag
    assert set(again.nodes) == set(dag.nodes)


def test_json_round_trip(session: Session) -> None:
    dag = concretize(_problem(session, "mpileaks"), session.repos).dag
    text = json.dumps(dag.to_dict())
    assert ConcreteDag.from_dict(json.loads(text)).to_dict() == dag.to_dict()
    node = next(iter(dag.to_dict()["nodes"].values()))
    assert set(node) >= {
        "name",
        "namespace",
        "version",
        "variants",
        "compiler",
        "arch",
        "external",
        "hash",
        "dependencies",
    }


def test_hashes_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED print the same DAG."""
    script = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, 'lib');"
        "from rpm_spec.session import Session; from rpm_spec.platform import HostInfo;"
        "from rpm_spec.spec import parse_specs;"
        f"s = Session.for_tests(Path({str(tmp_path)!r}), repos=[Path({str(MOCK)!r})]);"
        "print(json.dumps(s.concretize(parse_specs('mpileaks hdf5+mpi')).dag.to_dict()))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_host_is_fixed_by_the_session(tmp_path: Path) -> None:
    host = HostInfo(platform="linux", os="rhel9", target="skylake")
    session = Session.for_tests(tmp_path, repos=[MOCK], host=host)
    node = session.concretize(parse_specs("zlib")).dag.root_specs[0]
    assert (node.os, node.target) == ("rhel9", "skylake")


def test_cross_concretization_records_assumed_compilers(session: Session) -> None:
    result = session.concretize(parse_specs("zlib target=neoverse_v2"))
    node = result.dag.root_specs[0]
    assert node.target == "neoverse_v2"
    assert node.to_dict()["compiler"]["assumed"] is True
    assert any("assuming" in note and "aarch64" in note for note in result.notes)
    native = session.concretize(parse_specs("zlib")).dag.root_specs[0]
    assert "assumed" not in native.to_dict()["compiler"]


def test_a_reused_spec_keeps_its_external_dependency(tmp_path: Path) -> None:
    """An installed spec built against an external (registered too) is reused whole."""
    cmake = {"spec": "cmake@3.25.1", "prefix": "/usr"}
    externals = {"cmake": {"externals": [cmake], "buildable": False}}
    session = Session.for_tests(tmp_path, repos=[MOCK], config={"packages": externals})
    problem = session.problem(parse_specs("cmake-sample"))
    dag = concretize(problem, session.repos).dag
    assert any(node.is_external for node in dag.nodes.values())
    root = dag.root_specs[0]
    old = _rebuilt(root, recipe_hash="an-older-recipe")  # reused only if reuse works
    installed = (*(n for n in dag.nodes.values() if n.hash != root.hash), old)
    again = concretize(dataclasses.replace(problem, installed=installed), session.repos).dag
    assert again.roots == (old.hash,)
    assert set(again.nodes) == {old.hash} | (set(dag.nodes) - {root.hash})
