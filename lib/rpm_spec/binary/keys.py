"""Ed25519 signing keys on disk: the user's own, the public keys they trust, the revoked list.

Everything lives in a ``keys/`` directory of a config scope; the user's is
``<user_dir>/keys/`` (``~/.rpm-spec/keys/``)::

    keys/private/NAME.pem          own private keys, PKCS#8, mode 0600 in a 0700 directory
    keys/trusted/NAME-FPR.json     public keys trusted for verification (exported files)
    keys/revoked.json              fingerprints that are refused even when trusted

A site or system scope may hold ``keys/trusted/`` and ``keys/revoked.json`` too (read
only; see :mod:`rpm_spec.binary.signing`). A key is known by its fingerprint, the sha256 of
its raw 32-byte public key (shown as its first 16 hex digits); its name (``site-1``) is a
label. We never use a private key file that anyone but its owner could read, and an
exported file is the public key alone, so handing it to a second user gives away nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rpm_spec.errors import RpmSpecError
from rpm_spec.util.fs import (
    atomic_write,
    describe,
    is_private_group,
    locked_update,
    private_directory,
)

if TYPE_CHECKING:
    from pathlib import Path

#: ``site-1``, ``alice.laptop``, ``ci_2026``: a letter or digit first, at most 64 characters.
KEY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
PUBLIC_FORMAT = "rpm-spec-public-key-1"
SHORT_FINGERPRINT = 16
_FINGERPRINT = re.compile(r"[0-9a-f]{64}\Z")


class KeyringError(RpmSpecError):
    """A key cannot be created, read, trusted or revoked as asked."""


def check_key_name(name: str) -> str:
    """``name`` if it is a valid key name, else :class:`KeyringError` saying what is allowed."""
    if not KEY_NAME.match(name):
        raise KeyringError(
            f"invalid key name {name!r}",
            hint="use letters, digits, '.', '_' and '-' (a letter or digit first, "
            "at most 64 characters), e.g. site-1",
        )
    return name


def fingerprint(raw_public: bytes) -> str:
    """The sha256 of a raw Ed25519 public key, in hex."""
    return hashlib.sha256(raw_public).hexdigest()


def is_fingerprint(text: str) -> bool:
    """Whether ``text`` is a full fingerprint (64 lowercase hex digits)."""
    return bool(_FINGERPRINT.match(text))


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A named Ed25519 public key and where it was read from."""

    name: str
    raw: bytes
    source: Path | None = None

    def __post_init__(self) -> None:
        check_key_name(self.name)
        if len(self.raw) != 32:
            raise KeyringError(f"key {self.name}: an Ed25519 public key has 32 bytes")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    @property
    def short(self) -> str:
        """The fingerprint as messages show it."""
        return self.fingerprint[:SHORT_FINGERPRINT]

    def label(self) -> str:
        """``site-1 (1a2b3c4d5e6f7a8b)``."""
        return f"{self.name} ({self.short})"

    def verifies(self, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is this key's signature of ``data``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PUBLIC_FORMAT,
            "algorithm": "ed25519",
            "name": self.name,
            "public_key": base64.b64encode(self.raw).decode("ascii"),
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_file(cls, path: Path) -> PublicKey:
        """Read an exported public key file; a private key or anything else is refused."""
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KeyringError(f"cannot read public key file {path}: {error}") from None
        if "PRIVATE KEY" in text:
            raise KeyringError(
                f"{path} holds a private key, not an exported public key",
                hint="on the key's machine run 'rpm-spec buildcache keys export NAME -o FILE' "
                "and trust that file; never copy a private key",
            )
        try:
            data = json.loads(text)
            if data.get("format") != PUBLIC_FORMAT or data.get("algorithm") != "ed25519":
                raise ValueError("not an rpm-spec Ed25519 public key")
            key = cls(str(data["name"]), base64.b64decode(data["public_key"], validate=True), path)
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as error:
            raise KeyringError(
                f"{path} is not a public key exported by rpm-spec ({error})",
                hint="export one with 'rpm-spec buildcache keys export NAME -o FILE'",
            ) from None
        if data.get("fingerprint", key.fingerprint) != key.fingerprint:
            raise KeyringError(f"{path}: the fingerprint does not match the key it holds")
        return key


# --- where the files are ------------------------------------------------------------------


def keys_dir(scope_dir: Path) -> Path:
    return scope_dir / "keys"


def private_dir(user_dir: Path) -> Path:
    return keys_dir(user_dir) / "private"


def trusted_dir(scope_dir: Path) -> Path:
    return keys_dir(scope_dir) / "trusted"


def revoked_file(scope_dir: Path) -> Path:
    return keys_dir(scope_dir) / "revoked.json"


# --- own keys --------------------------------------------------------------------------------


def create_key(user_dir: Path, name: str) -> PublicKey:
    """Make a new key pair ``name``; an existing key of that name is never replaced."""
    check_key_name(name)
    directory = private_directory(private_dir(user_dir))
    path = directory / f"{name}.pem"
    with locked_update(path):
        if path.exists():
            raise KeyringError(
                f"a key named {name} exists already ({path})",
                hint="choose another name (keys are rotated by creating site-2, not by "
                "replacing site-1)",
            )
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        atomic_write(path, pem, mode=0o600)
    public = _public_of(name, private, path)
    trust_key(user_dir, public)  # what you sign, you accept
    return public


def own_key_names(user_dir: Path) -> list[str]:
    """Names of the user's private keys, sorted."""
    directory = private_dir(user_dir)
    if not directory.is_dir():
        return []
    private_directory(directory)  # verify: nobody else may have planted a key here
    return sorted(p.stem for p in directory.glob("*.pem") if KEY_NAME.match(p.stem))


def load_private(
    user_dir: Path, name: str, *, to_sign: bool = True
) -> tuple[Ed25519PrivateKey, PublicKey]:
    """The private key ``name`` and its public half. ``to_sign``: refused when others could
    read or change the file (its public half may still be read, e.g. to revoke it)."""
    check_key_name(name)
    path = private_dir(user_dir) / f"{name}.pem"
    if not path.parent.is_dir() or not path.exists():
        raise KeyringError(
            f"no private key named {name} in {path.parent}",
            hint="'rpm-spec buildcache keys list' shows your keys; "
            "'rpm-spec buildcache keys create NAME' makes one",
        )
    private_directory(path.parent)
    pem = _read_private_file(path, to_sign=to_sign)
    try:
        private = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise KeyringError(f"cannot read private key {path}: {error}") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyringError(f"{path} is not an Ed25519 private key")
    return private, _public_of(name, private, path)


def _read_private_file(path: Path, *, to_sign: bool) -> bytes:
    """Read a private key through a descriptor whose owner and mode we checked."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        raise KeyringError(
            f"refusing to use private key {path}: {error.strerror or error}",
            hint="a private key must be a plain file, not a symbolic link",
        ) from None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            raise KeyringError(
                f"refusing to use private key {path}: it is {describe(info)}, "
                "not a file of your own"
            )
        if to_sign and info.st_mode & 0o077:
            raise KeyringError(
                f"refusing to use private key {path}: others can read or change it "
                f"({describe(info)})",
                hint=f"treat the key as leaked: revoke it ('rpm-spec buildcache keys revoke "
                f"{path.stem}') and create a new one; or, if nobody could have read it, "
                f"'chmod 600 {path}'",
            )
        return stream.read()


def _public_of(name: str, private: Ed25519PrivateKey, path: Path) -> PublicKey:
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return PublicKey(name, raw, path)


def export_key(key: PublicKey, target: Path) -> None:
    """Write the public half of ``key`` to ``target`` (0644: it is meant to be shared)."""
    atomic_write(target, json.dumps(key.to_json(), indent=2) + "\n", mode=0o644)


# --- trust and revocation (recorded in the user scope: <user_dir>/keys/) ----------------------


def trust_key(user_dir: Path, key: PublicKey) -> tuple[Path, bool]:
    """Copy ``key`` into ``<user_dir>/keys/trusted/``; (its path, whether it is new)."""
    if key.fingerprint in read_revoked(revoked_file(user_dir)):
        raise KeyringError(
            f"will not trust key {key.label()}: you revoked it",
            hint=f"the revocation is recorded in {revoked_file(user_dir)}",
        )
    private_directory(keys_dir(user_dir))
    directory = private_directory(trusted_dir(user_dir))
    path = directory / f"{key.name}-{key.short}.json"
    if path.exists() and PublicKey.from_file(path).fingerprint == key.fingerprint:
        return path, False
    atomic_write(path, json.dumps(key.to_json(), indent=2) + "\n", mode=0o644)
    return path, True


def read_trusted(directory: Path, *, own: bool) -> list[PublicKey]:
    """Public keys in a ``trusted/`` directory (``own``: the user's, checked private)."""
    if not directory.is_dir():
        return []
    if own:
        private_directory(directory)
        return [PublicKey.from_file(path) for path in sorted(directory.glob("*.json"))]
    check_not_writable_by_others(directory.parent)
    check_not_writable_by_others(directory)
    found = []
    for path in sorted(directory.glob("*.json")):
        check_not_writable_by_others(path)
        found.append(PublicKey.from_file(path))
    return found


def read_revoked(path: Path) -> dict[str, str]:
    """fingerprint → key name of every key revoked in ``path`` (missing: none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise KeyringError(f"cannot read revoked keys {path}: {error}") from None
    try:
        entries = json.loads(text)["revoked"]
        return {str(e["fingerprint"]): str(e["name"]) for e in entries}
    except (ValueError, KeyError, TypeError) as error:
        raise KeyringError(
            f"{path} is damaged ({error})",
            hint="it lists revoked keys; restore it from a backup rather than deleting it",
        ) from None


def revoke_keys(user_dir: Path, keys: list[PublicKey]) -> Path:
    """Add ``keys`` to ``<user_dir>/keys/revoked.json``; returns that path."""
    private_directory(keys_dir(user_dir))
    path = revoked_file(user_dir)
    with locked_update(path):
        revoked = read_revoked(path)
        for key in keys:
            revoked.setdefault(key.fingerprint, key.name)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        previous = _revoked_entries(path)
        entries = [
            {
                "name": name,
                "fingerprint": fpr,
                "revoked_at": previous.get(fpr, {}).get("revoked_at", stamp),
            }
            for fpr, name in sorted(revoked.items(), key=lambda item: (item[1], item[0]))
        ]
        atomic_write(path, json.dumps({"revoked": entries}, indent=2) + "\n", mode=0o644)
    return path


def _revoked_entries(path: Path) -> dict[str, dict[str, Any]]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["revoked"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(e["fingerprint"]): e for e in entries if isinstance(e, dict)}


def check_not_writable_by_others(path: Path) -> None:
    """Refuse a shared scope's key directory or key file that someone besides its owner
    may change: they could make everyone trust their key. (The owner is whoever runs the
    site, so any owner is fine.)"""
    info = path.stat()  # an admin's symlink is fine when what it points to is safe
    writable = info.st_mode & stat.S_IWOTH or (
        info.st_mode & stat.S_IWGRP and not is_private_group(info.st_uid, info.st_gid)
    )
    if writable:
        raise KeyringError(
            f"refusing to trust keys in {path}: others may add keys there or change them "
            f"({describe(info)})",
            hint=f"chmod go-w {path}",
        )
