"""An environment's history: append-only JSON lines, each signed and chained.

Every line holds an entry (action, version, uid, time, lock sha256) with the sha256 of
the previous line, and the signature of the entry: editing, dropping or reordering a
line breaks the chain or a signature, which ``registry verify`` reports.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.registry.errors import RegistryError, TamperedError
from rpm_spec.registry.layout import group_lock
from rpm_spec.registry.signing import check, sha256

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.registry.signing import Signer

HISTORY_NAME = "history.jsonl"
_GENESIS = "0" * 64


@dataclass(frozen=True)
class HistoryEntry:
    action: str  # publish, rollback, delete, prune
    version: int
    uid: int
    time: float
    lock_sha256: str
    prev: str

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "version": self.version,
            "uid": self.uid,
            "time": self.time,
            "lock_sha256": self.lock_sha256,
            "prev": self.prev,
        }

    def payload(self) -> bytes:
        return json.dumps(self.to_json(), sort_keys=True).encode("utf-8")


def append(env_dir: Path, signer: Signer, action: str, version: int, lock_sha256: str) -> None:
    """Add one signed entry at the end (under the file's lock; the file is never rewritten)."""
    path = env_dir / HISTORY_NAME
    with group_lock(path):
        lines = _lines(path)
        entry = HistoryEntry(
            action,
            version,
            os.geteuid(),
            time.time(),
            lock_sha256,
            sha256(lines[-1].encode()) if lines else _GENESIS,
        )
        signature = signer.sign(entry.payload()).decode("utf-8")
        line = json.dumps({"entry": entry.to_json(), "signature": signature}, sort_keys=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
        fd = os.open(path, flags, 0o664)
        try:
            if os.fstat(fd).st_uid == os.geteuid():
                os.fchmod(fd, 0o664)  # every editor appends, whatever the umask
            os.write(fd, (line + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def read(env_dir: Path) -> list[HistoryEntry]:
    """The entries as written (not verified: see :func:`verify`)."""
    return [_parse(line, env_dir)[0] for line in _lines(env_dir / HISTORY_NAME)]


def verify(env_dir: Path, signer: Signer) -> list[str]:
    """Problems of the history: broken chain, bad or missing signatures."""
    problems = []
    previous = _GENESIS
    for number, line in enumerate(_lines(env_dir / HISTORY_NAME), start=1):
        where = f"{env_dir / HISTORY_NAME}:{number}"
        try:
            entry, signature = _parse(line, env_dir)
            check(signer, entry.payload(), signature.encode("utf-8"), f"history entry {where}")
        except (RegistryError, TamperedError) as error:
            problems.append(str(error))
            previous = sha256(line.encode())
            continue
        if entry.prev != previous:
            problems.append(
                f"{where}: the chain is broken (an earlier line was edited or dropped)"
            )
        previous = sha256(line.encode())
    return problems


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line.strip()]


def _parse(line: str, env_dir: Path) -> tuple[HistoryEntry, str]:
    try:
        data = json.loads(line)
        entry = data["entry"]
        return (
            HistoryEntry(
                str(entry["action"]),
                int(entry["version"]),
                int(entry["uid"]),
                float(entry["time"]),
                str(entry["lock_sha256"]),
                str(entry["prev"]),
            ),
            str(data["signature"]),
        )
    except (ValueError, KeyError, TypeError):
        raise RegistryError(f"{env_dir / HISTORY_NAME}: a damaged line: {line[:60]!r}") from None
