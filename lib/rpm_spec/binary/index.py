"""The signed, sharded index of a binary cache, with a serial that only grows.

Layout inside a cache directory (every file written atomically, each signed)::

    index.json        {"format", "serial": N, "shards": {"3f": {"sha256", "entries"}}}
    index.json.sig
    index/3f.json     {"format", "shard": "3f", "entries": {HASH: {...}, ...}}
    index/3f.json.sig

Entries are keyed by DAG hash (base32, optionally followed by a suffix such as
``-p128``) and sharded by the hash's first 8 bits, written as 2 hex digits: 256 shards,
so 10,000 entries verify with 257 signature checks, and adding an entry rewrites its
shard and the top file: four files, whatever the size of the cache. The top file pins
every shard's sha256, so a shard cannot be swapped for another or an older one, and
every signature is checked.

A reader remembers the highest serial it has seen for each cache location in a
private state directory and refuses an index whose serial went back (a replay of an
old, validly signed index that would hide security fixes or revocations). A reader
writes nothing into the cache: it may be a read-only mount or another user's tree.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.signing import SignatureError
from rpm_spec.errors import RpmSpecError
from rpm_spec.util.fs import atomic_write, locked_update, private_directory

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.binary.signing import Keyring

INDEX_FORMAT = "rpm-spec-index-1"
SHARD_FORMAT = "rpm-spec-index-shard-1"
TOP_FILE = "index.json"
SHARD_DIR = "index"
SIGNATURE_SUFFIX = ".sig"
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_KEY = re.compile(r"[a-z2-7]{2}[a-z0-9._-]{0,126}\Z")
_SHARD = re.compile(r"[0-9a-f]{2}\Z")
#: How long a reader keeps starting over while a writer changes the index under it, and
#: how long it waits to see whether one is at work (a rename into index/ touches that
#: directory); a mismatch while nothing moves is reported at once.
_RETRY_FOR_S = 60.0
_SETTLE_S = 0.25
_URL_RETRIES = 3


class CacheIndexError(RpmSpecError):
    """A binary cache's index is damaged, tampered with, or older than one seen before."""


class IndexRollbackError(CacheIndexError):
    """The index's serial is lower than the highest one this user has seen for the cache."""

    def __init__(self, location: str, seen: int, found: int, state: Path) -> None:
        super().__init__(
            f"binary cache {location}: index serial went back from {seen} to {found}",
            hint="the cache may be replaying an old index; if its admin really restored "
            f"an older one, remove {state} to accept it",
        )
        self.location = location
        self.seen = seen
        self.found = found


def shard_of(entry_hash: str) -> str:
    """The shard an entry belongs to: the first 8 bits of its base32 hash, in hex."""
    if not _KEY.match(entry_hash):
        raise CacheIndexError(
            f"invalid index key {entry_hash!r}: expected a DAG hash (base32: a-z, 2-7)"
        )
    bits = _BASE32.index(entry_hash[0]) << 5 | _BASE32.index(entry_hash[1])
    return f"{bits >> 2:02x}"


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class _Top:
    serial: int
    shards: dict[str, dict[str, Any]]
    raw: bytes | None = None


# --- writing -------------------------------------------------------------------------------


def update_index(
    cache_dir: Path,
    changes: Mapping[str, dict[str, Any] | None],
    keyring: Keyring,
    key: str | None,
) -> int:
    """Add or replace (value: entry) or remove (value: None) entries; returns the new serial.

    Only the shards that ``changes`` touch are rewritten, then the signed top file with
    serial + 1. The existing index must verify with ``keyring`` before it is extended.
    Writers take the cache's index lock; readers need none (see :func:`read_index`).
    """
    by_shard: dict[str, dict[str, dict[str, Any] | None]] = {}
    for entry_hash, entry in changes.items():
        by_shard.setdefault(shard_of(entry_hash), {})[entry_hash] = entry
    top_path = cache_dir / TOP_FILE
    with locked_update(top_path):
        source = _Source(cache_dir)
        top = _read_top(source, keyring)
        for name, shard_changes in sorted(by_shard.items()):
            entries = _read_shard(source, name, top, keyring) if name in top.shards else {}
            for entry_hash, entry in shard_changes.items():
                if entry is None:
                    entries.pop(entry_hash, None)
                else:
                    entries[entry_hash] = entry
            _write_shard(cache_dir, name, entries, top, keyring, key)
        _write_top(cache_dir, top, keyring, key)
    return top.serial


def replace_index(
    cache_dir: Path, entries: Mapping[str, dict[str, Any]], keyring: Keyring, key: str | None
) -> int:
    """Make the index hold exactly ``entries``, whatever the old one holds; the new serial.

    For rebuilding an index from the entries themselves: the old index need not verify
    (damaged, tampered, signed by a key since revoked), and is replaced. A shard whose
    bytes stay the same and whose signature verifies is left alone. The serial goes on
    from the old top file's, read without trusting it: it can only make the new one larger.
    """
    by_shard: dict[str, dict[str, dict[str, Any]]] = {}
    for entry_hash, entry in entries.items():
        by_shard.setdefault(shard_of(entry_hash), {})[entry_hash] = entry
    top_path = cache_dir / TOP_FILE
    with locked_update(top_path):
        top = _Top(_unverified_serial(top_path), {})
        for name, shard_entries in sorted(by_shard.items()):
            _write_shard(cache_dir, name, shard_entries, top, keyring, key, keep_same=True)
        shard_dir = cache_dir / SHARD_DIR
        stale = shard_dir.glob("*.json*") if shard_dir.is_dir() else ()
        for path in sorted(stale):
            name = path.name.split(".", 1)[0]
            if _SHARD.match(name) and name not in by_shard:
                path.unlink(missing_ok=True)
        _write_top(cache_dir, top, keyring, key)
    return top.serial


def _unverified_serial(top_path: Path) -> int:
    try:
        serial = json.loads(top_path.read_bytes())["serial"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0
    return serial if isinstance(serial, int) and serial > 0 else 0


def _write_top(cache_dir: Path, top: _Top, keyring: Keyring, key: str | None) -> None:
    top_path = cache_dir / TOP_FILE
    top.serial += 1
    payload = _dump({"format": INDEX_FORMAT, "serial": top.serial, "shards": top.shards})
    signature = keyring.sign(payload, key)
    atomic_write(top_path, payload)
    atomic_write(_sig(top_path), signature)


def _write_shard(
    cache_dir: Path,
    name: str,
    entries: dict[str, dict[str, Any]],
    top: _Top,
    keyring: Keyring,
    key: str | None,
    *,
    keep_same: bool = False,
) -> None:
    """Write one shard and its signature (``keep_same``: not when both are as they would
    be written) and record its sha256 in ``top``; an empty shard is removed."""
    path = cache_dir / SHARD_DIR / f"{name}.json"
    if not entries:
        for stale in (path, _sig(path)):
            stale.unlink(missing_ok=True)
        top.shards.pop(name, None)
        return
    payload = _dump({"format": SHARD_FORMAT, "shard": name, "entries": entries})
    top.shards[name] = {"sha256": hashlib.sha256(payload).hexdigest(), "entries": len(entries)}
    if keep_same and _unchanged(path, payload, keyring):
        return
    signature = keyring.sign(payload, key)
    atomic_write(path, payload)
    atomic_write(_sig(path), signature)


def _unchanged(path: Path, payload: bytes, keyring: Keyring) -> bool:
    """Whether ``path`` holds ``payload`` already, with a signature ``keyring`` accepts."""
    try:
        if path.read_bytes() != payload:
            return False
        keyring.verify(payload, _sig(path).read_bytes(), what=str(path))
    except (OSError, SignatureError):
        return False
    return True


def _sig(path: Path) -> Path:
    return path.with_name(path.name + SIGNATURE_SUFFIX)


# --- reading -------------------------------------------------------------------------------


def read_index(
    cache_dir: Path | str, keyring: Keyring, state_dir: Path
) -> dict[str, dict[str, Any]]:
    """Every entry of the cache at ``cache_dir`` (a directory, ``file://`` or ``http(s)://``).

    Every signature and shard checksum is verified. ``state_dir`` (private to the user,
    usually :func:`index_state_dir`) keeps the highest serial seen per cache location; a
    lower one raises :class:`IndexRollbackError`. A cache without an index reads as
    empty, unless an index was seen there before (then its serial went back to 0).
    """
    source = _Source(cache_dir)
    state = serial_state_file(private_directory(state_dir), source.location)
    give_up = time.monotonic() + _RETRY_FOR_S
    for attempt in itertools.count():
        before = source.stamp()
        try:
            top = _read_top(source, keyring)
            seen = _seen_serial(state)
            if top.serial < seen:
                raise IndexRollbackError(source.location, seen, top.serial, state)
            entries: dict[str, dict[str, Any]] = {}
            for name in sorted(top.shards):
                entries.update(_read_shard(source, name, top, keyring))
        except IndexRollbackError:
            raise
        except (CacheIndexError, SignatureError):
            # Files are replaced one by one (shards, then index.json, then its signature):
            # a reader racing a writer sees a mismatch. Start over while the index moves.
            if time.monotonic() > give_up or not source.moved_since(before, attempt):
                raise
            continue
        _remember_serial(state_dir, source.location, top.serial)
        return entries
    raise AssertionError("unreachable")  # itertools.count() never ends


class _Source:
    """Reads files of a cache by relative path: a directory or a URL."""

    def __init__(self, location: Path | str) -> None:
        self.url: str | None = None
        if isinstance(location, str) and "://" in location:
            parsed = urllib.parse.urlparse(location)
            if parsed.scheme == "file":
                location = Path(urllib.parse.unquote(parsed.path))
            else:
                self.url = location.rstrip("/")
        self.path = None if self.url else Path(location).absolute()
        self.location = self.url or str(self.path)

    def stamp(self) -> tuple[object, ...] | None:
        """What changes whenever a writer replaces an index file (None: cannot tell)."""
        if self.path is None:
            return None
        found: list[object] = []
        for relative in (TOP_FILE, TOP_FILE + SIGNATURE_SUFFIX, SHARD_DIR):
            try:
                info = (self.path / relative).stat()
            except OSError:
                found.append(None)
                continue
            found.append((info.st_ino, info.st_mtime_ns, info.st_size))
        return tuple(found)

    def moved_since(self, stamp: tuple[object, ...] | None, attempt: int) -> bool:
        """Whether a writer changed the index since ``stamp`` or does so in a short while.

        A URL cannot tell: a remote reader retries a few times after a pause.
        """
        if self.path is None:
            time.sleep(_SETTLE_S * (attempt + 1))
            return attempt < _URL_RETRIES
        if self.stamp() != stamp:
            return True
        time.sleep(_SETTLE_S)
        return self.stamp() != stamp

    def read(self, relative: str) -> bytes | None:
        """The file's bytes; None when it does not exist."""
        if self.path is not None:
            try:
                return (self.path / relative).read_bytes()
            except FileNotFoundError:
                return None
            except OSError as error:
                raise CacheIndexError(
                    f"cannot read {self.path / relative}: {error.strerror or error}"
                ) from None
        return _fetch_url(f"{self.url}/{relative}")


def _fetch_url(url: str) -> bytes | None:
    import urllib.error  # lazy: startup
    import urllib.request  # lazy: startup

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise CacheIndexError(f"cannot read {url}: HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise CacheIndexError(f"cannot read {url}: {error}") from None


def _read_top(source: _Source, keyring: Keyring) -> _Top:
    """The verified top file (serial 0, no shards, when the cache has no index yet)."""
    raw = source.read(TOP_FILE)
    if raw is None:
        return _Top(0, {})
    envelope = source.read(TOP_FILE + SIGNATURE_SUFFIX)
    keyring.verify(raw, envelope, what=f"binary cache {source.location}: {TOP_FILE}")
    return _parse_top(raw, source)


def _parse_top(raw: bytes, source: _Source) -> _Top:
    try:
        data = json.loads(raw)
        if data["format"] != INDEX_FORMAT:
            raise ValueError(f"unknown format {data['format']!r}")
        serial = data["serial"]
        shards = data["shards"]
        if not isinstance(serial, int) or serial < 1 or not isinstance(shards, dict):
            raise ValueError("bad serial or shard table")
        for name, info in shards.items():
            if not _SHARD.match(name) or not isinstance(info.get("sha256"), str):
                raise ValueError(f"bad shard {name!r}")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CacheIndexError(
            f"binary cache {source.location}: {TOP_FILE} is damaged ({error})"
        ) from None
    return _Top(serial, shards, raw)


def _read_shard(
    source: _Source, name: str, top: _Top, keyring: Keyring
) -> dict[str, dict[str, Any]]:
    relative = f"{SHARD_DIR}/{name}.json"
    what = f"binary cache {source.location}: index shard {relative}"
    raw = source.read(relative)
    if raw is None:
        raise CacheIndexError(f"{what} is missing", hint="run 'rpm-spec buildcache update-index'")
    if hashlib.sha256(raw).hexdigest() != top.shards[name]["sha256"]:
        raise CacheIndexError(
            f"{what}: its sha256 does not match the signed {TOP_FILE} (tampered or stale)",
            hint="do not use this cache until its owner runs 'rpm-spec buildcache update-index'",
        )
    keyring.verify(raw, source.read(relative + SIGNATURE_SUFFIX), what=what)
    try:
        data = json.loads(raw)
        if data["format"] != SHARD_FORMAT or data["shard"] != name:
            raise ValueError("not this shard")
        entries: dict[str, dict[str, Any]] = data["entries"]
        if any(not _KEY.match(key) or shard_of(key) != name for key in entries):
            raise ValueError("an entry of another shard")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CacheIndexError(f"{what} is damaged ({error})") from None
    return entries


# --- the serials a user has seen -------------------------------------------------------------


def index_state_dir(user_dir: Path) -> Path:
    """The usual ``state_dir`` of :func:`read_index`: in the user's own directory, not in
    the rebuildable cache (forgetting a serial would let a rollback through)."""
    return user_dir / "buildcache" / "index-serials"


def serial_state_file(state_dir: Path, location: str) -> Path:
    """Where the highest serial seen at ``location`` is kept."""
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:32]
    return state_dir / f"{digest}.json"


def _remember_serial(state_dir: Path, location: str, serial: int) -> None:
    private_directory(state_dir)
    path = serial_state_file(state_dir, location)
    with locked_update(path):
        seen = _seen_serial(path)
        if serial < seen:
            raise IndexRollbackError(location, seen, serial, path)
        if serial > seen:
            atomic_write(path, json.dumps({"location": location, "serial": serial}) + "\n")


def _seen_serial(path: Path) -> int:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        serial = data["serial"]
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, KeyError, TypeError):
        raise CacheIndexError(
            f"{path} is damaged",
            hint="it records the newest index serial seen; remove it to start afresh",
        ) from None
    return serial if isinstance(serial, int) else 0
