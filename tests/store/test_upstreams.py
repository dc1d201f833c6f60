"""Upstreams (chained read-only stores) and downstream roots (the drop-box), at store level.

An admin's store ``site`` gets fake installs (store_fakes); a user's session names it in
``upstreams``. Reading it must leave it exactly as it was: every test that reads one
compares a snapshot of (path, mode, uid, gid, size, sha256, mtime) before and after.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from store_fakes import concretize, fake_install, install, install_dag

import second_user
from rpm_spec.build.installer import Action, make_plan
from rpm_spec.session import Session
from rpm_spec.spec import parse_spec
from rpm_spec.store.roots import DropBox, DropBoxError, NeededByRootError
from rpm_spec.store.upstreams import (
    ROOTS_DIR,
    UpstreamNodeError,
    register_roots,
    upstreams_from_config,
)

_NO_SECOND_USER = second_user.why_not_available()
snapshot = second_user.tree_snapshot


def admin(tmp_path: Path, **config: object) -> Session:
    return Session.for_tests(tmp_path / "admin", store_root=tmp_path / "site", config=config)  # type: ignore[arg-type]


def user(tmp_path: Path, site: Path, *, roots: Path | None = None) -> Session:
    entry: dict[str, str] = {"install_tree": str(site)}
    if roots is not None:
        entry["roots"] = str(roots)
    return Session.for_tests(
        tmp_path / "user", store_root=tmp_path / "mine", config={"upstreams": {"site": entry}}
    )


def make_drop_box(site: Path, mode: int = 0o1777) -> Path:
    box = site / ROOTS_DIR
    box.mkdir(parents=True)
    box.chmod(mode)
    return box


def test_a_user_reuses_upstream_installs_and_never_writes_there(tmp_path: Path) -> None:
    dag = install(admin(tmp_path), "mpileaks")
    before = snapshot(tmp_path / "site")
    mine = user(tmp_path, tmp_path / "site")
    store = mine.store
    [upstream] = store.upstreams
    assert upstream.name == "site"

    again = concretize(mine, "mpileaks")  # reused by hash, like local installs
    assert again.nodes.keys() == dag.nodes.keys()
    plan = make_plan(again, store, set(again.roots))
    assert {item.action for item in plan.items if not item.spec.is_external} == {Action.UPSTREAM}
    assert all(item.upstream == "site" for item in plan.items if item.action is Action.UPSTREAM)
    root = again.root_specs[0]
    site_prefix = admin(tmp_path).store.prefix(root)
    assert store.prefix(root) == site_prefix
    assert store.select_one(parse_spec("mpileaks")).prefix == site_prefix
    assert store.origin(root.hash) == "site"
    assert [r.spec.name for r in store.select([parse_spec("libelf")])] == ["libelf"]
    with pytest.raises(UpstreamNodeError, match=r"upstream 'site' \(.*site\), which is read-only"):
        store.uninstall_order([root.hash])
    assert store.unneeded() == []  # gc of a user's store never reaches into an upstream
    assert snapshot(tmp_path / "site") == before
    assert not (tmp_path / "mine").exists()  # reading wrote nothing locally either


def test_a_local_install_wins_on_an_equal_hash(tmp_path: Path) -> None:
    dag = install(admin(tmp_path), "libelf")
    mine = user(tmp_path, tmp_path / "site")
    install_dag(mine.store, dag)
    node = dag.root_specs[0]
    assert mine.store.origin(node.hash) == "local"
    assert mine.store.prefix(node).is_relative_to(tmp_path / "mine")
    assert mine.store.upstream_of(node.hash) is None
    assert make_plan(dag, mine.store, set()).items[0].action is Action.INSTALLED


def test_a_local_install_depends_on_upstream_nodes(tmp_path: Path) -> None:
    site = admin(tmp_path)
    libelf = install(site, "libelf@0.8.12")
    before = snapshot(tmp_path / "site")
    mine = user(tmp_path, tmp_path / "site")
    dag = concretize(mine, "libdwarf ^libelf@0.8.12")
    elf = dag.by_name("libelf")
    assert elf is not None and elf.hash in libelf.nodes  # the upstream's libelf is reused
    plan = make_plan(dag, mine.store, set(dag.roots))
    assert [(i.spec.name, i.action) for i in plan.items] == [
        ("libelf", Action.UPSTREAM),
        ("libdwarf", Action.BUILD),
    ]
    record = fake_install(mine.store, dag, dag.roots[0], explicit=True)
    assert record.prefix.is_relative_to(tmp_path / "mine")
    # The local index names the upstream node (retained), and stays readable.
    assert mine.store.database.snapshot().is_retained(elf.hash)
    assert [r.spec.name for r in mine.store.database.records()] == ["libdwarf"]
    assert {r.spec.name: mine.store.origin(r.hash) for r in mine.store.select()} == {
        "libdwarf": "local",
        "libelf": "site",
    }
    mine.store.uninstall(dag.roots[0])  # and uninstalling forgets the upstream node again
    assert not mine.store.database.snapshot().is_retained(elf.hash)
    assert snapshot(tmp_path / "site") == before


def test_an_upstream_that_is_the_store_itself_is_skipped(tmp_path: Path) -> None:
    box = tmp_path / "roots-elsewhere"
    config = {"upstreams": {"site": {"install_tree": str(tmp_path / "site"), "roots": str(box)}}}
    (tmp_path / "site").mkdir()
    store = admin(tmp_path, **config).store
    assert store.upstreams == ()
    assert store.drop_box.directory == box  # the site config names the admin's drop-box


def test_roots_keep_what_users_need_until_their_environment_is_gone(tmp_path: Path) -> None:
    site = admin(tmp_path)
    dag = install(site, "libdwarf")
    box = make_drop_box(tmp_path / "site")
    mine = user(tmp_path, tmp_path / "site")
    env = tmp_path / "env"
    env.mkdir()
    (env / "rpm-spec.yaml").write_text("rpm-spec: {specs: [libdwarf]}\n")
    elf = dag.by_name("libelf")
    assert elf is not None
    [done] = register_roots(
        mine.store.upstreams,
        {"site": {elf.hash}},
        kind="environment",
        path=env,
        witness=env / "rpm-spec.yaml",
    )
    assert done.refused is None and done.entry is not None
    assert done.entry.parent == box
    assert stat.S_IMODE(done.entry.stat().st_mode) == 0o644
    # The admin makes libdwarf implicit: gc would remove it, but the root keeps libelf.
    site.store.database.set_explicit(dag.roots[0], False)
    assert {r.spec.name for r in site.store.unneeded()} == {"libdwarf"}
    assert set(site.store.kept_for_roots()) == {elf.hash}
    with pytest.raises(NeededByRootError) as refused:
        site.store.uninstall_order([elf.hash], with_dependents=True)
    assert f"needed by uid {os.geteuid()} (environment {env})" in str(refused.value)
    # The environment goes away: its root is stale, pruned, and nothing is kept any more.
    (env / "rpm-spec.yaml").unlink()
    assert [e.path for e in site.store.drop_box.prune_stale()] == [str(env)]
    assert list(box.iterdir()) == []
    assert {r.spec.name for r in site.store.unneeded()} == {"libdwarf", "libelf"}


def test_explicit_installs_add_up_and_an_environment_is_replaced(tmp_path: Path) -> None:
    box = DropBox(make_drop_box(tmp_path / "site"), tmp_path / "site")
    witness = tmp_path / "w"
    witness.mkdir()
    first = box.register(kind="store", path=witness, witness=witness, hashes={"a"}, merge=True)
    again = box.register(kind="store", path=witness, witness=witness, hashes={"b"}, merge=True)
    assert first.created and not again.created and first.entry == again.entry
    assert [sorted(e.hashes) for e in box.entries()] == [["a", "b"]]
    box.register(kind="environment", path=witness, witness=witness, hashes={"c"}, merge=False)
    assert [sorted(e.hashes) for e in box.entries()] == [["c"]]
    assert not [p for p in box.directory.iterdir() if p.name.startswith(".")]  # no temporaries


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda site: None, "it does not exist"),
        (
            lambda site: make_drop_box(site, 0o777),
            r"writable by others \(mode drwxrwxrwx\) but not sticky",
        ),
        (
            lambda site: (
                (site / "elsewhere").mkdir(mode=0o1777),
                (site / ".rpm-spec").mkdir(),
                (site / ROOTS_DIR).symlink_to(site / "elsewhere"),
            ),
            "symlink or not a directory",
        ),
    ],
    ids=["missing", "not-sticky", "symlink"],
)
def test_an_unsafe_or_missing_drop_box_gets_nothing(
    tmp_path: Path, make: object, reason: str
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make(site)  # type: ignore[operator]
    before = snapshot(site)
    box = DropBox(site / ROOTS_DIR, site)
    with pytest.raises(DropBoxError, match=reason):
        box.register(kind="store", path=tmp_path, witness=tmp_path, hashes={"a"}, merge=True)
    assert snapshot(site) == before


def test_an_entry_claiming_another_uid_is_ignored(tmp_path: Path) -> None:
    box = make_drop_box(tmp_path / "site")
    forged = {"uid": os.geteuid() + 1, "kind": "store", "path": "/", "witness": "/"}
    (box / "1-forged.json").write_text(json.dumps(forged | {"hashes": ["a"]}))
    assert DropBox(box, tmp_path / "site").entries() == []


def test_a_bad_upstream_database_is_an_error_naming_the_upstream(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".rpm-spec-db").mkdir(parents=True)
    (site / ".rpm-spec-db" / "index.json").write_text("{not json")
    mine = user(tmp_path, site)
    with pytest.raises(Exception, match="upstream 'site': the install database") as error:
        mine.store.installed_specs()
    assert "remove 'site' from upstreams.yaml" in (getattr(error.value, "hint", "") or "")


# -- other users -------------------------------------------------------------------------


def _as(uid: int, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    python = second_user.python_for_others()
    assert python is not None
    return subprocess.run(
        [str(python), "-I", "-S", "-c", code, *args],
        user=uid,
        group=uid,
        extra_groups=[],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
        timeout=60,
    )


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_user_cannot_delete_or_replace_another_users_entry() -> None:
    shared = Path(tempfile.mkdtemp(prefix="rpm-spec-roots-"))  # tmp_path is 0700
    try:
        _sticky_case(shared)
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _sticky_case(shared: Path) -> None:
    shared.chmod(0o755)
    box = make_drop_box(shared / "site")
    second_user.make_world_readable(shared / "site")
    box.chmod(0o1777)
    create = (
        "import os, sys; fd = os.open(sys.argv[1], os.O_WRONLY|os.O_CREAT|os.O_EXCL, 0o644);"
        "os.write(fd, b'{}'); os.close(fd)"
    )
    first = _as(second_user.UID, create, str(box / "20002-x.json"))
    assert first.returncode == 0, first.stderr
    attack = (
        "import os, sys\n"
        "acts = (lambda: os.unlink(sys.argv[1]), lambda: os.rename(sys.argv[2], sys.argv[1]))\n"
        "for act in acts:\n"
        "    try: act(); print('done')\n"
        "    except PermissionError: print('refused')\n"
    )
    other = second_user.UID + 1
    (box / "decoy").write_text("x")
    os.chown(box / "decoy", other, other)
    done = _as(other, attack, str(box / "20002-x.json"), str(box / "decoy"))
    assert done.stdout.split() == ["refused", "refused"], done.stderr
    assert (box / "20002-x.json").stat().st_uid == second_user.UID
    assert (box / "20002-x.json").read_text() == "{}"


def test_overwrite_of_an_upstream_node_plans_a_local_copy(tmp_path: Path) -> None:
    dag = install(admin(tmp_path), "libelf")
    mine = user(tmp_path, tmp_path / "site")
    root = dag.roots[0]
    [item] = make_plan(dag, mine.store, {root}, overwrite={root}).items
    assert item.action is Action.BUILD
    assert item.prefix.is_relative_to(tmp_path / "mine")  # never the upstream's prefix


def test_uninstall_names_the_upstream_even_for_a_damaged_upstream_prefix(tmp_path: Path) -> None:
    dag = install(admin(tmp_path), "libelf")
    shutil.rmtree(admin(tmp_path).store.prefix(dag.root_specs[0]))
    mine = user(tmp_path, tmp_path / "site")
    [record] = mine.store.select([parse_spec("libelf")])
    with pytest.raises(UpstreamNodeError, match="upstream 'site'"):
        mine.store.uninstall_order([record.hash])


def test_an_upstreams_module_trees_are_read_from_its_entry(tmp_path: Path) -> None:
    """Spack's ``upstreams: NAME: modules: {lmod: P, tcl: P}``: where a downstream's
    ``module refresh`` finds the modules of upstream dependencies."""
    entry = {"install_tree": str(tmp_path / "site"), "modules": {"lmod": "$user_dir/lmod"}}
    session = Session.for_tests(tmp_path, config={"upstreams": {"site": entry}})
    (found,) = upstreams_from_config(session.config)
    assert found.modules == {"lmod": session.user_dir / "lmod"}
    assert "tcl" not in found.modules
