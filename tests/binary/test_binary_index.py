"""The signed, sharded cache index: O(1) files per update, tamper and rollback refused."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import threading
from typing import TYPE_CHECKING, Any

import pytest

from rpm_spec.binary.index import (
    CacheIndexError,
    IndexRollbackError,
    read_index,
    replace_index,
    shard_of,
    update_index,
)
from rpm_spec.binary.keys import create_key
from rpm_spec.binary.signing import Keyring, SignatureError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def _hash(number: int) -> str:
    """A DAG-hash-like key (32 base32 characters) spread over the shards."""
    digest = hashlib.sha256(str(number).encode()).digest()
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(alphabet[byte % 32] for byte in digest)


def _entry(number: int) -> dict[str, Any]:
    return {"spec": f"pkg{number}@1.0", "manifest": f"blobs/{_hash(number)}.json"}


@pytest.fixture
def keyring(tmp_path: Path) -> Keyring:
    create_key(tmp_path / "admin", "site-1")
    return Keyring(tmp_path / "admin")


def _snapshot(root: Path) -> dict[str, tuple[int, int, int, str]]:
    """(inode, mtime, size, sha256) of every file under ``root``."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(root))] = (
                info.st_ino,
                info.st_mtime_ns,
                info.st_size,
                digest,
            )
    return found


def test_entries_round_trip_and_the_serial_grows(tmp_path: Path, keyring: Keyring) -> None:
    cache, state = tmp_path / "cache", tmp_path / "state"
    assert read_index(cache, keyring, state) == {}
    assert update_index(cache, {_hash(n): _entry(n) for n in range(50)}, keyring, None) == 1
    assert update_index(cache, {_hash(3): None, _hash(4): {"spec": "new"}}, keyring, None) == 2
    entries = read_index(cache, keyring, state)
    assert len(entries) == 49
    assert _hash(3) not in entries
    assert entries[_hash(4)] == {"spec": "new"}
    assert entries[_hash(5)] == _entry(5)
    assert json.loads((cache / "index.json").read_text())["serial"] == 2
    assert state.stat().st_mode & 0o777 == 0o700


def test_an_emptied_shard_is_removed(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(1): _entry(1)}, keyring, None)
    shard = cache / "index" / f"{shard_of(_hash(1))}.json"
    assert shard.exists()
    update_index(cache, {_hash(1): None}, keyring, None)
    assert not shard.exists()
    assert not shard.with_name(shard.name + ".sig").exists()
    assert read_index(cache, keyring, tmp_path / "state") == {}


def test_adding_one_entry_to_1000_rewrites_four_files(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(n): _entry(n) for n in range(1000)}, keyring, None)
    before = _snapshot(cache)
    assert sum(1 for name in before if name.endswith(".json") and "/" in name) > 200
    update_index(cache, {_hash(1000): _entry(1000)}, keyring, None)
    after = _snapshot(cache)
    changed = sorted(name for name in after if before.get(name) != after[name])
    shard = f"index/{shard_of(_hash(1000))}.json"
    assert changed == sorted(["index.json", "index.json.sig", shard, shard + ".sig"])
    assert set(before) <= set(after)
    assert len(read_index(cache, keyring, tmp_path / "state")) == 1001


def test_a_tampered_shard_is_refused_naming_it(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(n): _entry(n) for n in range(20)}, keyring, None)
    name = shard_of(_hash(7))
    shard = cache / "index" / f"{name}.json"
    shard.write_bytes(shard.read_bytes().replace(b"pkg", b"pkh", 1))
    with pytest.raises(CacheIndexError, match=f"index shard index/{name}.json: its sha256"):
        read_index(cache, keyring, tmp_path / "state")


def test_an_old_validly_signed_shard_is_refused(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(1): _entry(1)}, keyring, None)
    name = shard_of(_hash(1))
    old = {p.name: p.read_bytes() for p in (cache / "index").iterdir()}
    neighbour = next(n for n in range(2, 5000) if shard_of(_hash(n)) == name)
    update_index(cache, {_hash(1): None, _hash(neighbour): _entry(2)}, keyring, None)
    for file_name, data in old.items():
        (cache / "index" / file_name).write_bytes(data)
    with pytest.raises(CacheIndexError, match=f"index/{name}.json: its sha256 does not match"):
        read_index(cache, keyring, tmp_path / "state")


def test_a_shard_with_a_bad_signature_is_refused(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(1): _entry(1)}, keyring, None)
    signature = cache / "index" / f"{shard_of(_hash(1))}.json.sig"
    signature.write_bytes(keyring.sign(b"something else"))
    with pytest.raises(SignatureError, match=r"index shard .* signature does not match") as caught:
        read_index(cache, keyring, tmp_path / "state")
    assert caught.value.problem == "tampered"
    signature.unlink()
    with pytest.raises(SignatureError, match="unsigned"):
        read_index(cache, keyring, tmp_path / "state")


def test_a_tampered_top_file_is_refused(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(1): _entry(1)}, keyring, None)
    top = cache / "index.json"
    top.write_bytes(top.read_bytes().replace(b'"serial":1', b'"serial":9'))
    with pytest.raises(SignatureError, match=r"index\.json: signature does not match"):
        read_index(cache, keyring, tmp_path / "state")


def test_an_index_signed_by_an_untrusted_key_is_refused(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(1): _entry(1)}, keyring, None)
    with pytest.raises(SignatureError, match="untrusted key site-1"):
        read_index(cache, Keyring(tmp_path / "stranger"), tmp_path / "state")
    with pytest.raises(SignatureError, match="untrusted key site-1"):
        update_index(cache, {_hash(2): _entry(2)}, Keyring(tmp_path / "stranger"), None)


def test_a_serial_that_goes_back_is_refused(tmp_path: Path, keyring: Keyring) -> None:
    cache, state = tmp_path / "cache", tmp_path / "state"
    for number in range(7):
        update_index(cache, {_hash(number): _entry(number)}, keyring, None)
    old = tmp_path / "serial-7"
    shutil.copytree(cache, old)
    update_index(cache, {_hash(0): None}, keyring, None)
    assert len(read_index(cache, keyring, state)) == 6
    shutil.rmtree(cache)
    shutil.copytree(old, cache)
    with pytest.raises(IndexRollbackError, match="index serial went back from 8 to 7") as caught:
        read_index(cache, keyring, state)
    assert str(cache) in str(caught.value)
    # Another user (another state dir) has not seen serial 8, and the cache is still valid.
    assert len(read_index(cache, keyring, tmp_path / "other-state")) == 7
    shutil.rmtree(cache)
    with pytest.raises(IndexRollbackError, match="went back from 8 to 0"):
        read_index(cache, keyring, state)


def test_serials_are_kept_per_cache_location(tmp_path: Path, keyring: Keyring) -> None:
    state = tmp_path / "state"
    for name, count in (("a", 3), ("b", 1)):
        for number in range(count):
            update_index(tmp_path / name, {_hash(number): _entry(number)}, keyring, None)
    assert len(read_index(tmp_path / "a", keyring, state)) == 3
    assert len(read_index(f"file://{tmp_path / 'b'}", keyring, state)) == 1


def test_reading_writes_nothing_into_the_cache(tmp_path: Path, keyring: Keyring) -> None:
    cache = tmp_path / "cache"
    update_index(cache, {_hash(n): _entry(n) for n in range(30)}, keyring, None)
    before = _snapshot(cache)
    cache.chmod(0o555)
    try:
        read_index(cache, keyring, tmp_path / "state")
    finally:
        cache.chmod(0o755)
    assert _snapshot(cache) == before


def test_keys_must_be_hashes(tmp_path: Path, keyring: Keyring) -> None:
    assert shard_of("aa" + "a" * 30) == "00"
    assert shard_of("77" + "a" * 30) == "ff"
    assert shard_of("abcdefg-p128") == shard_of("abcdefg") == "00"
    for bad in ("", "a", "../etc", "AB12", "ab/cd", "01abc", "a" * 129):
        with pytest.raises(CacheIndexError, match="invalid index key"):
            update_index(tmp_path / "cache", {bad: {}}, keyring, None)
    assert not (tmp_path / "cache" / "index.json").exists()


def test_readers_racing_a_writer_see_whole_indexes(tmp_path: Path, keyring: Keyring) -> None:
    cache, state = tmp_path / "cache", tmp_path / "state"
    update_index(cache, {_hash(n): _entry(n) for n in range(40)}, keyring, None)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for number in range(40, 70):
                # Each update touches several shards: readers meet half-written states.
                update_index(
                    cache, {_hash(number): _entry(number), _hash(number - 40): None}, keyring, None
                )
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    sizes = []
    while writer.is_alive():
        sizes.append(len(read_index(cache, Keyring(tmp_path / "admin"), state)))
    writer.join()
    assert failures == []
    # Every read started while the writer was at work (at least one did, by construction).
    assert set(sizes) == {40}


def test_replace_index_repairs_a_damaged_index(tmp_path: Path, keyring: Keyring) -> None:
    cache, state = tmp_path / "cache", tmp_path / "state"
    update_index(cache, {_hash(n): _entry(n) for n in range(30)}, keyring, None)
    assert len(read_index(cache, keyring, state)) == 30
    shard = cache / "index" / f"{shard_of(_hash(5))}.json"
    shard.write_bytes(shard.read_bytes().replace(b"pkg", b"pkh", 1))
    same_shard = next(n for n in range(100, 5000) if shard_of(_hash(n)) == shard_of(_hash(5)))
    with pytest.raises(CacheIndexError, match="its sha256 does not match"):
        update_index(cache, {_hash(same_shard): _entry(same_shard)}, keyring, None)
    before = _snapshot(cache)
    wanted = {_hash(n): _entry(n) for n in range(5, 35)}
    assert replace_index(cache, wanted, keyring, None) == 2
    after = _snapshot(cache)
    assert read_index(cache, keyring, state) == wanted
    # Shards that were intact and keep their entries are not rewritten.
    kept = {name for name in after if before.get(name) == after[name]}
    assert str(shard.relative_to(cache)) not in kept
    assert any(name.startswith("index/") for name in kept)
    gone = {shard_of(_hash(n)) for n in range(5)} - {shard_of(h) for h in wanted}
    for name in gone:
        assert f"index/{name}.json" not in after
        assert f"index/{name}.json.sig" not in after


def test_replace_index_replaces_one_signed_by_another_key(
    tmp_path: Path, keyring: Keyring
) -> None:
    cache = tmp_path / "cache"
    create_key(tmp_path / "old-admin", "site-0")
    for number in range(4):
        update_index(cache, {_hash(number): _entry(number)}, Keyring(tmp_path / "old-admin"), None)
    assert replace_index(cache, {_hash(9): _entry(9)}, keyring, None) == 5
    assert read_index(cache, keyring, tmp_path / "state") == {_hash(9): _entry(9)}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A directory served over http on 127.0.0.1, and its URL."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}/cache"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_index_is_read_over_http(
    tmp_path: Path, keyring: Keyring, served: tuple[Path, str]
) -> None:
    root, url = served
    state = tmp_path / "state"
    assert read_index(url, keyring, state) == {}
    update_index(root / "cache", {_hash(n): _entry(n) for n in range(12)}, keyring, None)
    update_index(root / "cache", {_hash(0): None}, keyring, None)
    assert len(read_index(url + "/", keyring, state)) == 11
    old = tmp_path / "old"
    shutil.copytree(root / "cache", old)
    update_index(root / "cache", {_hash(1): None}, keyring, None)
    assert len(read_index(url, keyring, state)) == 10
    shutil.rmtree(root / "cache")
    shutil.copytree(old, root / "cache")
    with pytest.raises(IndexRollbackError, match=f"{url}: index serial went back from 3 to 2"):
        read_index(url, keyring, state)
