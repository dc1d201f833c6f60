"""The build cache directory: entry names, pushing a prefix, reading it back signed,
refusing what was tampered with, and what the index offers the solver for reuse."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import pytest

from rpm_spec.binary.cache import BuildCache
from rpm_spec.binary.cache_errors import EntryRefused
from rpm_spec.binary.entry import relocation_key
from rpm_spec.binary.keys import create_key, trust_key
from rpm_spec.binary.push import add_to_index, push_record, rebuild_index
from rpm_spec.binary.reuse import reusable_specs
from rpm_spec.binary.signing import Keyring
from rpm_spec.cli.install import install
from rpm_spec.cli.verify import verify
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs
from rpm_spec.store.provenance import write_provenance
from rpm_spec.util.paths import PREFIX

sys.path.insert(0, str(PREFIX / "tests" / "cli"))
from store_cli import invoke

if TYPE_CHECKING:
    from pathlib import Path

MOCK_REPO = PREFIX / "tests" / "repos" / "mock"


def test_padding_and_root_make_distinct_entries() -> None:
    base = {"store_root": "/a/store", "padded_length": 0, "relocatable": True}
    assert relocation_key(base) != relocation_key(base | {"padded_length": 128})
    assert relocation_key(base) != relocation_key(base | {"store_root": "/b/store"})
    assert relocation_key(base) == relocation_key(dict(base, binary_files=["x"]))


@pytest.fixture
def pushed(tmp_path: Path) -> tuple[Session, BuildCache, Keyring]:
    """mpileaks' DAG installed (fake prefixes holding their own path) and pushed."""
    session = Session.for_tests(tmp_path, repos=[MOCK_REPO])
    dag = session.concretize(parse_specs("mpileaks")).dag
    for node in reversed([node for _, node, _ in dag.traverse()]):
        if node.is_external:
            session.store.database.add(node, session.store.prefix(node), explicit=False)
            continue
        prefix = session.store.prefix(node)
        (prefix / "share").mkdir(parents=True)
        (prefix / "share" / "where").write_text(f"installed at {prefix}\n")
        (prefix / "bin").mkdir()
        (prefix / "bin" / node.name).write_text("#!/bin/sh\n")
        # `ln -s $(PREFIX)/...` as bzip2's Makefile does: an absolute link into the prefix.
        (prefix / "share" / "here").symlink_to(prefix / "share" / "where")
        write_provenance(
            prefix,
            dag,
            node.hash,
            recipe_dir=MOCK_REPO / "packages" / node.name,
            repo_root=MOCK_REPO,
        )
        session.store.database.add(node, prefix, explicit=node.hash in dag.roots)
    create_key(session.user_dir, "site-1")
    keyring = Keyring(session.user_dir)
    cache = BuildCache.of_mirror(tmp_path / "mirror", label="site")
    manifests = []
    for record in session.store.select():
        if record.external:
            continue
        result, manifest = push_record(
            cache, session.store, record, padded_length=0, keyring=keyring, key=None
        )
        assert result.pushed and manifest is not None
        manifests.append(manifest)
    add_to_index(cache, manifests, keyring, None)
    return session, cache, keyring


def test_pushed_entries_read_back_signed_and_pass_the_blob_check(
    pushed: tuple[Session, BuildCache, Keyring],
) -> None:
    session, cache, keyring = pushed
    good, bad = cache.check(keyring)
    assert bad == [] and len(good) == len(cache.names()) > 1
    manifest, signer = cache.read_manifest(good[0], keyring)
    assert signer == "site-1"
    assert manifest.prefixes[manifest.spec_hash].startswith(str(session.store.root))
    assert manifest.relocation["text_files"]  # share/where names the store


def test_a_pushed_entry_is_not_pushed_twice(pushed: tuple[Session, BuildCache, Keyring]) -> None:
    session, cache, keyring = pushed
    record = session.store.select(parse_specs("mpileaks"))[0]
    result, manifest = push_record(
        cache, session.store, record, padded_length=0, keyring=keyring, key=None
    )
    assert not result.pushed and manifest is None


def test_tampered_manifest_and_blob_are_refused_by_name(
    pushed: tuple[Session, BuildCache, Keyring],
) -> None:
    _, cache, keyring = pushed
    first, second = cache.names()[:2]
    path = cache.directory / "manifests" / f"{first}.json"
    document = json.loads(path.read_text())
    document["prefixes"] = {}
    path.write_text(json.dumps(document))
    with pytest.raises(EntryRefused, match=f"{first}.*tampered"):
        cache.read_manifest(first, keyring)
    manifest, _ = cache.read_manifest(second, keyring)
    blob = cache.directory / "blobs" / "sha256" / manifest.blob_sha256[:2] / manifest.blob_sha256
    blob.write_bytes(blob.read_bytes() + b"\0")
    with pytest.raises(EntryRefused, match=f"{second}.*sha256"):
        cache.verified_blob(manifest)
    (cache.directory / "manifests" / f"{second}.json.sig").unlink()
    with pytest.raises(EntryRefused, match="unsigned"):
        cache.read_manifest(second, keyring)
    _, bad = cache.check(keyring)
    assert {refusal.entry.split()[0] for refusal in bad} == {first, second}


def test_the_index_offers_whole_dags_for_reuse(
    pushed: tuple[Session, BuildCache, Keyring], tmp_path: Path
) -> None:
    session, cache, keyring = pushed
    installed = {spec.hash for spec in session.store.database.installed_specs()}
    external = {s.hash for s in session.store.database.installed_specs() if s.is_external}
    found = reusable_specs([cache], keyring, tmp_path / "state", installed=external)
    offered = {spec.hash for spec in found.specs}
    assert offered == installed  # every pushed node, plus the externals they reach
    assert found.notes == []
    only = reusable_specs([cache], keyring, tmp_path / "state", external, names={"zlib"})
    assert {spec.name for spec in only.specs} <= {"zlib"}
    # An entry whose dependency left the cache is not offered: it could not be installed.
    mpileaks = session.store.select(parse_specs("mpileaks"))[0]
    dep = next(d for d in mpileaks.spec.dependencies if d.hash not in external)
    for name in cache.names_for(dep.hash):
        (cache.directory / "manifests" / f"{name}.json").unlink()
    rebuild_index(cache, keyring, None)
    again = reusable_specs([cache], keyring, tmp_path / "state", installed=external)
    assert mpileaks.hash not in {spec.hash for spec in again.specs}
    assert dep.hash not in {spec.hash for spec in again.specs}


def test_a_second_store_installs_the_dag_from_the_cache_relocated(
    pushed: tuple[Session, BuildCache, Keyring], tmp_path: Path
) -> None:
    session, cache, keyring = pushed
    other = Session.for_tests(
        tmp_path / "other",
        repos=[MOCK_REPO],
        store_root=tmp_path / "other" / "a-longer-store-root",
        config={"mirrors": {"site": str(cache.directory.parent)}},
    )
    trust_key(other.user_dir, keyring.own_keys()[0])
    done = invoke(install, ["--use-buildcache", "only", "mpileaks"], other)
    assert done.exit_code == 0, done.output
    records = [r for r in other.store.select() if not r.external]
    assert records and len(records) == len(cache.names())
    for record in records:
        prefix = record.prefix
        assert prefix.is_relative_to(other.store.root)
        assert (prefix / "share" / "where").read_text() == f"installed at {prefix}\n"
        link = prefix / "share" / "here"
        assert not link.readlink().is_absolute() and link.resolve() == prefix / "share" / "where"
        assert str(session.store.root) not in (prefix / ".rpm-spec" / "files.json").read_text()
    verified = invoke(verify, ["--all"], other)
    assert verified.exit_code == 0, verified.output
