"""The site admin's policy.yaml inside the concretizer: requests are solved within it, an
unmeetable one is refused naming the rule and ``policy.yaml:LINE``, and nothing the user
controls (their scope, ``-C``, ``-c``) loosens it."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest

from rpm_spec.config.overrides import command_line_scope
from rpm_spec.config.policy import PolicyLoadError, admin_policy
from rpm_spec.config.schema import Schemas
from rpm_spec.config.scope import DirectoryScope, Scope
from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session
from rpm_spec.solver.admin_policy import check_policy
from rpm_spec.solver.errors import PolicyError, UnsatisfiableError
from rpm_spec.solver.setup import translate
from rpm_spec.solver.setup.admin_policy import license_denied
from rpm_spec.spec import parse_specs

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteDag

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
#: Line 2 denies openssl 1.1, line 4 requires mpich as mpi (the issue's example).
SITE_POLICY = """\
policy:
  deny: [openssl@:1.1]
  require:
    mpi: mpich
"""
#: The user's own preference, which the site policy overrides where they clash.
PREFER_ZMPI = {"packages": {"all": {"providers": {"mpi": ["zmpi"]}}}}


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


def _session(tmp_path: Path, policy: str | None = SITE_POLICY, *scopes: Scope) -> Session:
    """A test session on the mock repo with ``policy`` in its site scope, then ``scopes``."""
    session = Session.for_tests(tmp_path, repos=[MOCK], config=PREFER_ZMPI)
    if policy is not None:
        site = _write(tmp_path / "site", "policy.yaml", policy)
        session.config.insert_scope(DirectoryScope("site", site))
    for scope in scopes:
        session.config.insert_scope(scope)
    return session


def _dag(session: Session, request: str) -> ConcreteDag:
    return session.concretize(parse_specs(request), request_text=request).dag


def _version(dag: ConcreteDag, name: str) -> str | None:
    node = dag.by_name(name)
    return None if node is None else str(node.version)


def _refusal(session: Session, request: str) -> str:
    with pytest.raises(UnsatisfiableError) as raised:
        session.concretize(parse_specs(request), request_text=request)
    message = str(raised.value)
    assert "policy_" not in message and "error(" not in message  # never an ASP atom
    return message


def test_a_package_accepting_openssl_1_1_or_3_gets_3_and_mpich(tmp_path: Path) -> None:
    free = _dag(_session(tmp_path / "free", policy=None), "tls-app")
    assert _version(free, "openssl") == "1.1.1w"  # the recipe prefers the 1.1 series
    assert free.by_name("zmpi") is not None and free.by_name("mpich") is None
    within = _dag(_session(tmp_path / "site"), "tls-app")
    assert _version(within, "openssl") == "3.1.4"
    assert within.by_name("mpich") is not None and within.by_name("zmpi") is None


def test_asking_for_a_denied_version_is_refused_naming_the_line(tmp_path: Path) -> None:
    message = _refusal(_session(tmp_path), "tls-app ^openssl@1.1.1")
    assert "deny: 'openssl@:1.1'" in message
    assert "policy.yaml:2" in message
    assert "openssl@1.1.1 from ^openssl@1.1.1 in the request" in message


def test_asking_for_another_provider_is_refused_naming_the_requirement(tmp_path: Path) -> None:
    message = _refusal(_session(tmp_path), "tls-app ^zmpi")
    assert "require: mpi: 'mpich'" in message and "policy.yaml:4" in message


def _user_scope(tmp_path: Path) -> Scope:
    packages = "packages:\n  openssl:\n    require: '@1.1.1'\n"
    return DirectoryScope("user", _write(tmp_path / "user", "packages.yaml", packages))


def _custom_scope(tmp_path: Path) -> Scope:
    packages = "packages:\n  openssl:\n    require: '@1.1.1'\n"
    return DirectoryScope("custom:mine", _write(tmp_path / "mine", "packages.yaml", packages))


def _command_line(tmp_path: Path) -> Scope:
    return command_line_scope(["packages:openssl:require:'@1.1.1'"], Schemas())


@pytest.mark.parametrize("scope", [_user_scope, _custom_scope, _command_line])
def test_the_users_requirement_cannot_loosen_the_policy(tmp_path: Path, scope: object) -> None:
    assert callable(scope)
    session = _session(tmp_path, SITE_POLICY, scope(tmp_path))
    message = _refusal(session, "tls-app")
    assert "deny: 'openssl@:1.1'" in message and "policy.yaml:2" in message


def test_a_policy_section_the_user_writes_is_ignored_with_a_warning(tmp_path: Path) -> None:
    loosen = "policy:\n  deny: [openssl@3:]\n"
    user = DirectoryScope("user", _write(tmp_path / "user", "policy.yaml", loosen))
    line = command_line_scope(["policy:deny:[mpich]"], Schemas())
    session = _session(tmp_path, SITE_POLICY, user, line)
    dag = _dag(session, "tls-app")
    assert _version(dag, "openssl") == "3.1.4" and dag.by_name("mpich") is not None
    warned = "\n".join(session.notes)
    assert f"{tmp_path / 'user' / 'policy.yaml'}:1: the policy section is ignored" in warned
    assert "command line (-c policy:deny:[mpich])" in warned


def test_an_allowed_provider_is_chosen_when_a_license_is_denied(tmp_path: Path) -> None:
    session = _session(tmp_path, "policy:\n  licenses:\n    deny: [LicenseRef-Zmpi-Commercial]\n")
    assert _dag(session, "tls-app").by_name("mpich") is not None
    message = _refusal(session, "tls-app ^zmpi")
    assert "zmpi is distributed under 'LicenseRef-Zmpi-Commercial'" in message
    assert "zmpi/package.py:10" in message and "policy.yaml:3" in message


def test_a_license_condition_follows_the_version(tmp_path: Path) -> None:
    session = _session(tmp_path, "policy:\n  licenses: {deny: [OpenSSL]}\n")
    assert _version(_dag(session, "tls-app"), "openssl") == "3.1.4"


def test_targets_outside_the_allowed_range_are_not_chosen(tmp_path: Path) -> None:
    session = _session(tmp_path, "policy:\n  targets:\n    allow: [x86_64_v3]\n")
    node = _dag(session, "zlib").by_name("zlib")
    assert node is not None and node.target == "x86_64_v3"  # not the host's zen3
    message = _refusal(session, "zlib target=zen3")
    assert "targets:allow: x86_64_v3" in message and "policy.yaml:3" in message


def test_pins_and_compiler_requirements_hold(tmp_path: Path) -> None:
    policy = "policy:\n  pin:\n    mpich: '4.1'\n  require:\n    all: '%clang'\n"
    session = _session(tmp_path, policy)
    dag = _dag(session, "mpileaks ^mpich")
    assert _version(dag, "mpich") == "4.1"
    assert {str(node.compiler).split("@")[0] for node in dag.nodes.values()} == {"clang"}
    assert "pin: mpich: 'mpich@=4.1'" in _refusal(session, "mpileaks ^mpich@4.2")
    message = _refusal(session, "zlib %gcc")
    assert "require: all: '%clang'" in message and "policy.yaml:5" in message


def test_a_denied_provider_or_compiler_is_avoided(tmp_path: Path) -> None:
    session = _session(tmp_path, "policy:\n  deny: [zmpi, '%gcc']\n")
    dag = _dag(session, "tls-app")
    assert dag.by_name("mpich") is not None
    assert all(str(node.compiler).startswith("clang") for node in dag.nodes.values())
    assert "deny: '%gcc'" in _refusal(session, "zlib %gcc")


def test_a_namespace_tightens_and_may_not_loosen(tmp_path: Path) -> None:
    site = "policy:\n  targets: {allow: ['x86_64_v3:']}\n  caches: {allow: [site]}\n"
    session = _session(tmp_path, site)
    tight = _write(tmp_path / "chem", "policy.yaml", "policy:\n  deny: [mpich@4.2]\n")
    session.policy_namespace = tight
    assert _version(_dag(session, "tls-app ^mpich"), "mpich") == "4.1"
    assert session.admin_policy.cache_allowed("site")
    assert not session.admin_policy.cache_allowed("public")
    loose = "policy:\n  caches:\n    allow: [site, public]\n"
    with pytest.raises(PolicyLoadError) as raised:
        admin_policy(session.config, _write(tmp_path / "bio", "policy.yaml", loose))
    assert "public is not allowed" in str(raised.value)
    assert f"{tmp_path / 'bio' / 'policy.yaml'}:3" in str(raised.value)
    wide = "policy:\n  targets:\n    allow: ['x86_64_v2:']\n"
    with pytest.raises(PolicyLoadError, match="only tighten"):
        admin_policy(session.config, _write(tmp_path / "phys", "policy.yaml", wide))


def test_a_bad_spec_in_the_policy_names_its_line(tmp_path: Path) -> None:
    session = _session(tmp_path, "policy:\n  require:\n    zlib: '@@1'\n")
    with pytest.raises(RpmSpecError) as raised:
        _dag(session, "zlib")
    assert "policy.yaml:3" in str(raised.value)


def test_check_policy_refuses_a_dag_solved_elsewhere(tmp_path: Path) -> None:
    elsewhere = _dag(_session(tmp_path / "elsewhere", policy=None), "tls-app")
    here = _session(tmp_path / "here")
    with pytest.raises(PolicyError) as raised:
        check_policy(here.admin_policy, elsewhere, recipes=here.repos, where="chem/md@1")
    message = str(raised.value)
    assert message.startswith("chem/md@1 breaks the site policy")
    assert "openssl@1.1.1w+shared %gcc@12.2.0 is denied by policy deny" in message
    assert "policy.yaml:2" in message and "zmpi@2.0" in message and "policy.yaml:4" in message
    assert pickle.loads(pickle.dumps(raised.value)).violations == raised.value.violations
    check_policy(here.config, _dag(here, "tls-app"), recipes=here.repos)  # within: quiet


def test_check_policy_reads_every_section_of_a_lock(tmp_path: Path) -> None:
    elsewhere = _dag(_session(tmp_path / "elsewhere", policy=None), "tls-app")
    here = _session(tmp_path / "here")
    within = _dag(here, "tls-app")
    lock = SimpleNamespace(
        platforms={
            "linux-debian12-zen3": SimpleNamespace(dag=within),
            "linux-debian12-x86_64_v3": SimpleNamespace(dag=elsewhere),
        }
    )
    with pytest.raises(PolicyError) as raised:
        check_policy(here.config, lock, where="env publish chem/md")
    assert str(raised.value).startswith("env publish chem/md breaks the site policy")
    assert raised.value.violations[0].startswith("[linux-debian12-x86_64_v3] openssl@1.1.1w")
    check_policy(here.config, SimpleNamespace(dag=within))


def test_check_policy_checks_licenses_and_targets(tmp_path: Path) -> None:
    elsewhere = _dag(_session(tmp_path / "elsewhere", policy=None), "tls-app")
    policy = "policy:\n  licenses: {deny: [OpenSSL]}\n  targets: {allow: [x86_64_v3]}\n"
    here = _session(tmp_path / "here", policy)
    with pytest.raises(PolicyError) as raised:
        check_policy(here.admin_policy, elsewhere, recipes=here.repos)
    assert "distributed under 'OpenSSL'" in str(raised.value)
    assert "tls-app target=zen3 is outside policy targets:allow" in str(raised.value)


@pytest.mark.parametrize(
    ("expression", "blocked"),
    [
        ("GPL-3.0-only", ["gpl-3.0-only"]),
        ("GPL-3.0-only OR MIT", []),
        ("GPL-3.0-only AND MIT", ["gpl-3.0-only"]),
        ("(GPL-3.0-only OR SSPL-1.0) AND MIT", ["gpl-3.0-only", "sspl-1.0"]),
        ("(MIT OR SSPL-1.0) AND Apache-2.0 WITH LLVM-exception", []),
        ("gpl-3.0-only WITH Classpath-exception-2.0", ["gpl-3.0-only"]),
    ],
)
def test_a_license_expression_is_denied_only_without_an_allowed_choice(
    expression: str, blocked: list[str]
) -> None:
    assert license_denied(expression, dict.fromkeys(["gpl-3.0-only", "sspl-1.0"])) == blocked


def test_policy_lp_is_loaded_only_with_policy_rules(tmp_path: Path) -> None:
    request = parse_specs("tls-app")
    free = _session(tmp_path / "free", policy=None)
    assert "policy.lp" not in translate(free.problem(request), free.repos).logic
    site = _session(tmp_path / "site")
    assert "policy.lp" in translate(site.problem(request), site.repos).logic
