"""``rpm-spec bench index``: write and read a signed cache index of N entries (the command
is declared in :mod:`rpm_spec.cli.bench`; this module does the work)."""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import click

from rpm_spec.binary.index import read_index, update_index
from rpm_spec.binary.keys import create_key
from rpm_spec.binary.signing import Keyring

_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


def _fake_hash(number: int) -> str:
    """A DAG-hash-like key, spread over the shards as real hashes are."""
    return "".join(_BASE32[byte % 32] for byte in hashlib.sha256(str(number).encode()).digest())


def _entry(number: int, entry_hash: str) -> dict[str, object]:
    """About what a cache entry's index record holds."""
    return {
        "spec": f"pkg{number}@1.{number % 10}.0",
        "manifest": f"manifests/{entry_hash}.json",
        "blob_sha256": hashlib.sha256(entry_hash.encode()).hexdigest(),
        "store_root": "/opt/site/store",
        "padded_length": 128,
    }


def run_index_bench(entries: int, repeat: int, as_json: bool) -> None:
    """What ``rpm-spec bench index`` does (see its help)."""
    if entries < 1 or repeat < 1:
        raise click.UsageError("--entries and --repeat must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="rpm-spec-index-bench-"))
    try:
        user, cache = work / "user", work / "cache"
        create_key(user, "bench-1")
        hashes = [_fake_hash(number) for number in range(entries + 1)]
        start = time.perf_counter()
        update_index(
            cache,
            {h: _entry(n, h) for n, h in enumerate(hashes[:entries])},
            Keyring(user),
            None,
        )
        write_s = time.perf_counter() - start
        reads = []
        for _ in range(repeat):
            start = time.perf_counter()
            found = read_index(cache, Keyring(user), work / "state")
            reads.append(time.perf_counter() - start)
            assert len(found) == entries
        before = _stamps(cache)
        start = time.perf_counter()
        update_index(
            cache, {hashes[entries]: _entry(entries, hashes[entries])}, Keyring(user), None
        )
        add_s = time.perf_counter() - start
        after = _stamps(cache)
        rewritten = sum(1 for name, stamp in after.items() if before.get(name) != stamp)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    row = {
        "entries": entries,
        "shards": sum(1 for name in before if name.endswith(".json") and "/" in name),
        "write_all_s": write_s,
        "read_median_s": statistics.median(reads),
        "read_min_s": min(reads),
        "add_one_s": add_s,
        "files_rewritten_by_add_one": rewritten,
        "reads": repeat,
    }
    if as_json:
        click.echo(json.dumps(row, indent=2))
        return
    click.echo(f"index of {entries} entries in {row['shards']} shards:")
    click.echo(f"  build and sign all  {write_s:8.3f}s")
    click.echo(
        f"  read and verify     {row['read_median_s']:8.3f}s median, "
        f"{row['read_min_s']:.3f}s min ({repeat} reads)"
    )
    click.echo(f"  add one entry       {add_s:8.3f}s, {rewritten} files rewritten")


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file under ``root``, by relative path."""
    return {
        str(path.relative_to(root)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }
