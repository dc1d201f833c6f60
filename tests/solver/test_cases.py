"""Solver cases as data: each entry of ``cases/*.yaml`` is one request on the mock repo.

Keys of a case:
  ``request``   the spec text, as typed on the command line;
  ``config``    sections for the test scope (``{packages: {...}}``), optional;
  ``host``      ``platform-os-target`` of the fixed host (default linux-debian12-zen3);
  ``compilers`` compiler specs (``[gcc@12.2.0]``), replacing the test defaults;
  ``expect``    package → spec constraints its node must meet (``""``: just present);
  ``absent``    packages that must not be in the DAG;
  ``absent_values`` package → variant → values its node must not have;
  ``flags``     package → flag kind → the node's exact flags of that kind (``""``: none);
  ``error``     substrings the unsat/input error message must contain (no DAG then).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from rpm_spec.errors import RpmSpecError
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session, fake_compiler
from rpm_spec.spec import parse_spec, parse_specs

CASES = Path(__file__).parent / "cases"
MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"


def _cases() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in YAML(typ="safe").load(path.read_text(encoding="utf-8")):
            found.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return found


def _session(tmp_path: Path, case: dict[str, Any]) -> Session:
    config = dict(case.get("config") or {})
    if "compilers" in case:
        config["compilers"] = [fake_compiler(text) for text in case["compilers"]]
    platform, os_name, target = case.get("host", "linux-debian12-zen3").split("-")
    host = HostInfo(platform=platform, os=os_name, target=target)
    return Session.for_tests(tmp_path, repos=[MOCK], config=config, host=host)


@pytest.mark.parametrize("case", _cases())
def test_case(tmp_path: Path, case: dict[str, Any]) -> None:
    session = _session(tmp_path, case)
    roots = parse_specs(case["request"])
    if "error" in case:
        with pytest.raises(RpmSpecError) as raised:
            session.concretize(roots, request_text=case["request"])
        message = str(raised.value) + (raised.value.hint or "")
        for expected in case["error"]:
            assert expected in message, f"{expected!r} not in:\n{message}"
        return
    dag = session.concretize(roots, request_text=case["request"]).dag
    for name, constraints in (case.get("expect") or {}).items():
        node = dag.by_name(name)
        assert node is not None, (
            f"{name} missing from the DAG: {sorted(n.name for n in dag.nodes.values())}"
        )
        wanted = parse_spec(f"{name} {constraints or ''}")
        assert node.satisfies(wanted), f"{node.format()} does not satisfy {wanted}"
    for name in case.get("absent") or ():
        assert dag.by_name(name) is None, f"{name} should not be in the DAG"
    for name, variants in (case.get("absent_values") or {}).items():
        node = dag.by_name(name)
        assert node is not None
        for variant, values in variants.items():
            unwanted = set(values) & set(node.variants.get(variant, ()))
            assert not unwanted, f"{node.format()} should not have {variant}={unwanted}"
    for name, kinds in (case.get("flags") or {}).items():
        node = dag.by_name(name)
        assert node is not None, f"{name} missing from the DAG"
        for kind, text in kinds.items():
            have = " ".join(node.compiler_flags.get(kind, ()))
            assert have == text, f"{node.format()}: {kind} is {have!r}, not {text!r}"
    for root_hash, root in zip(dag.roots, roots, strict=True):
        assert dag.satisfies(root_hash, root), f"the DAG does not satisfy the request {root}"
