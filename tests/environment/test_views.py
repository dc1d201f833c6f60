"""Views: what is linked (roots + run deps), conflicts, externals, atomic switching."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.environment import views
from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.environment.views import regenerate_view, view_nodes
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteSpec

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
#: python is an external: never linked into a view.
EXTERNAL_PYTHON = {
    "packages": {
        "python": {"buildable": False, "externals": [{"spec": "python@3.11", "prefix": "/usr"}]}
    }
}
ROOTS = ["deptype-sampler", "mpileaks", "zlib"]


def _files(node: ConcreteSpec) -> dict[str, str]:
    """Each package: bin/<name> and provenance; a few made to collide."""
    files = {f"bin/{node.name}": node.name, ".rpm-spec/spec.json": "{}"}
    if node.name in ("deptype-sampler", "mpileaks"):
        files["bin/common"] = node.name  # a file both provide
    if node.name == "mpileaks":
        files["share/thing"] = "a file here"
    if node.name == "zlib":
        files["share/thing/inside"] = "a directory there"
    return files


def _make_env(tmp_path: Path, *, view: bool | str = True) -> tuple[Session, Environment]:
    directory = tmp_path / "env"
    created = create_environment(tmp_path, directory=directory)
    created.add(ROOTS)
    if view is not True:
        created.manifest.data["view"] = view
        created.manifest.write()
    session = Session.for_tests(
        tmp_path, repos=[MOCK], environment=directory, config=EXTERNAL_PYTHON
    )
    env = session.environment
    assert env is not None
    concretize_environment(env, session, ZEN3)
    env.write_lock()
    return session, env


def _install(session: Session, env: Environment, skip: tuple[str, ...] = ()) -> None:
    """Fake installs of every node of the section (dependencies first)."""
    dag = env.lock.platforms["linux-debian12-zen3"].dag
    for _, node, _ in reversed(list(dag.traverse())):
        if node.name in skip or session.store.database.get(node.hash) is not None:
            continue
        if node.is_external:
            session.store.database.add(node, Path(node.external_prefix or ""), explicit=False)
            continue
        prefix = session.store.prefix(node)
        for relative, text in _files(node).items():
            (prefix / relative).parent.mkdir(parents=True, exist_ok=True)
            (prefix / relative).write_text(text)
        session.store.database.add(node, prefix, explicit=node.hash in dag.roots)


def _prefix(session: Session, env: Environment, name: str) -> Path:
    node = env.lock.platforms["linux-debian12-zen3"].dag.by_name(name)
    assert node is not None
    return session.store.prefix(node)


def test_roots_and_run_dependencies_are_linked_in_precedence_order(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path)
    dag = env.lock.platforms["linux-debian12-zen3"].dag
    names = [node.name for node in view_nodes(dag)]
    # roots first (manifest order), then run dependencies; build/link-only deps never
    assert names == [*ROOTS, "python"]
    _install(session, env)
    report = regenerate_view(env, session.store, ZEN3)
    view = env.view_path
    assert view is not None and view.is_symlink()
    for name in ROOTS:
        link = view / "bin" / name
        assert link.is_symlink()
        assert Path(os.readlink(link)) == _prefix(session, env, name) / "bin" / name
    for name in ("callpath", "libelf", "cmake", "mpich", "python"):
        assert not (view / "bin" / name).exists()
    assert not (view / ".rpm-spec" / "spec.json").exists()
    assert [p.split("@")[0] for p in report.packages] == ROOTS
    assert [e.split(" /")[0] for e in report.externals] == ["python@3.11"]
    assert report.files == 5  # three bin/<name>, bin/common once, share/thing


def test_conflicts_are_reported_and_the_first_package_keeps_the_path(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path)
    _install(session, env)
    report = regenerate_view(env, session.store, ZEN3)
    view = env.view_path
    assert view is not None
    sampler, mpileaks, zlib = report.packages
    assert [str(c) for c in report.conflicts] == [
        f"bin/common: {sampler} and {mpileaks}",
        f"share/thing: {mpileaks} and {zlib}",
    ]
    assert (view / "bin" / "common").read_text() == "deptype-sampler"
    assert (view / "share" / "thing").read_text() == "a file here"
    assert not (view / "share" / "thing" / "inside").exists()


def test_switching_is_atomic_and_leaves_one_tree(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path)
    _install(session, env)
    view = env.view_path
    assert view is not None
    regenerate_view(env, session.store, ZEN3)
    first = os.readlink(view)
    stale = view.parent / ".view.0123456789ab"  # left by a regeneration that was killed
    (stale / "bin").mkdir(parents=True)
    regenerate_view(env, session.store, ZEN3)
    second = os.readlink(view)
    assert first != second
    assert not Path(first).is_absolute()  # relative: the environment can move
    trees = sorted(p.name for p in view.parent.iterdir() if p.name.startswith(".view."))
    assert trees == sorted([second, ".view.lock"])
    assert (view / "bin" / "zlib").is_symlink()


def test_a_failed_regeneration_keeps_the_old_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, env = _make_env(tmp_path)
    _install(session, env)
    view = env.view_path
    assert view is not None
    regenerate_view(env, session.store, ZEN3)
    before = os.readlink(view)

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(views, "_write_state", broken)
    with pytest.raises(OSError, match="disk full"):
        regenerate_view(env, session.store, ZEN3)
    assert os.readlink(view) == before
    assert (view / "bin" / "mpileaks").is_symlink()
    trees = [p for p in view.parent.iterdir() if p.name.startswith(".view.") and p.is_dir()]
    assert [p.name for p in trees] == [before]


def test_missing_installs_are_named_and_an_unchanged_view_is_kept(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path)
    _install(session, env, skip=("zlib", "deptype-sampler", "mpileaks"))
    report = regenerate_view(env, session.store, ZEN3, force=False)
    assert report.packages == ()
    assert [m.split("@")[0] for m in report.missing] == ROOTS
    _install(session, env)
    view = env.view_path
    assert view is not None
    fresh = regenerate_view(env, session.store, ZEN3, force=False)
    assert fresh.regenerated and len(fresh.packages) == 3
    target = os.readlink(view)
    again = regenerate_view(env, session.store, ZEN3, force=False)
    assert not again.regenerated
    assert os.readlink(view) == target
    assert (again.files, again.conflicts) == (fresh.files, fresh.conflicts)
    assert regenerate_view(env, session.store, ZEN3).regenerated  # force is the default


def test_a_view_at_a_chosen_path(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path, view="../views/mine")
    _install(session, env)
    view = tmp_path / "views" / "mine"
    assert env.view_path == view
    regenerate_view(env, session.store, ZEN3)
    assert view.is_symlink()
    assert Environment(env.path).view_path == view  # not resolved to the tree behind it
    assert (view / "bin" / "zlib").is_symlink()


def test_refusals(tmp_path: Path) -> None:
    session, env = _make_env(tmp_path)
    with pytest.raises(EnvironmentError_, match="not concretized for this host"):
        regenerate_view(env, session.store, HostInfo("linux", "debian12", "neoverse_v2"))
    view = env.view_path
    assert view is not None
    view.mkdir(parents=True)  # a real directory where the view symlink belongs
    with pytest.raises(EnvironmentError_, match="did not make"):
        regenerate_view(env, session.store, ZEN3)
    session, env = _make_env(tmp_path / "b", view=False)
    with pytest.raises(EnvironmentError_, match="has no view"):
        regenerate_view(env, session.store, ZEN3)
