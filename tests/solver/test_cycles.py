"""A request that can only be met through a dependency cycle is explained by naming
the cycle, never with "no explanation found"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs

if TYPE_CHECKING:
    from pathlib import Path

TOOL = '''\
from rpm_spec.repo.api import *


class CycTool(Package):
    """A build tool that can link its own compression library."""

    homepage = "https://example.com/cyc-tool"
    url = "https://example.com/cyc-tool-1.0.tar.gz"

    version("1.0", sha256="1111111111111111111111111111111111111111111111111111111111111111")
    variant("compress", default=False, description="Link cyc-lib")
    depends_on("cyc-lib", when="+compress")
'''

LIB = '''\
from rpm_spec.repo.api import *


class CycLib(Package):
    """A compression library built with cyc-tool."""

    homepage = "https://example.com/cyc-lib"
    url = "https://example.com/cyc-lib-1.0.tar.gz"

    version("1.0", sha256="2222222222222222222222222222222222222222222222222222222222222222")
    depends_on("cyc-tool", type="build")
'''


def _session(tmp_path: Path) -> Session:
    repo = tmp_path / "cycles"
    for name, text in (("cyc-tool", TOOL), ("cyc-lib", LIB)):
        (repo / "packages" / name).mkdir(parents=True)
        (repo / "packages" / name / "package.py").write_text(text)
    (repo / "repo.yaml").write_text("repo:\n  namespace: cycles\n")
    return Session.for_tests(tmp_path, repos=[repo])


def test_a_cycle_is_avoided_when_it_can_be(tmp_path: Path) -> None:
    dag = _session(tmp_path).concretize(parse_specs("cyc-lib")).dag
    tool = dag.by_name("cyc-tool")
    assert tool is not None
    assert tool.variants["compress"] == ("false",)


@pytest.mark.parametrize("request_text", ["cyc-tool+compress", "cyc-lib ^cyc-tool+compress"])
def test_a_cycle_is_named(tmp_path: Path, request_text: str) -> None:
    with pytest.raises(RpmSpecError) as raised:
        _session(tmp_path).concretize(parse_specs(request_text), request_text=request_text)
    message = str(raised.value)
    assert "dependency cycle: cyc-lib → cyc-tool (build) → cyc-lib" in message
    assert "no explanation found" not in message
