"""Detached Ed25519 signatures and the keyring that makes and checks them.

A signature is a small JSON envelope (``format``, ``key`` name, ``fingerprint``,
``signature``) kept beside the signed bytes (``manifest.json.sig``). Verification trusts
the fingerprint, never the name the envelope claims.

Where a :class:`Keyring` looks:

- own keys: ``<user_dir>/keys/private/*.pem`` (the user scope); they sign, and creating
  one also trusts its public half (``keys/trusted/``), so revoking it works the same way;
- trusted public keys: ``keys/trusted/*.json`` of the user scope and of every other config
  scope directory given (site, system, ``-C`` dirs: the admin's keys for everyone);
- revoked fingerprints: ``keys/revoked.json`` of the same scopes. A revocation in any scope
  wins over trust in any scope: a revoked key is refused even while still trusted.
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from rpm_spec.binary.keys import (
    KeyringError,
    PublicKey,
    load_private,
    own_key_names,
    read_revoked,
    read_trusted,
    revoked_file,
    trusted_dir,
)
from rpm_spec.config.scope import DirectoryScope
from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from rpm_spec.config import Configuration

SIGNATURE_FORMAT = "rpm-spec-signature-1"

#: Why a signature check failed, for callers that report refusals by kind.
Problem = Literal["unsigned", "malformed", "tampered", "untrusted", "revoked"]

_HINTS: dict[str, str] = {
    "unsigned": "push it again with a signing key "
    "('rpm-spec buildcache keys create NAME' makes one)",
    "malformed": "the signature file is damaged: push the entry again",
    "tampered": "its bytes changed after it was signed: do not use it; push it again "
    "from a trusted store",
    "untrusted": "if you trust the publisher, get their exported key and run "
    "'rpm-spec buildcache keys trust FILE'",
    "revoked": "ask the publisher to sign it again with a current key",
}


class SignatureError(RpmSpecError):
    """A signature is missing, damaged, wrong, or made by a key we do not accept.

    ``what`` names the signed thing (``cache entry zlib@1.3.1/abcdefg``); ``problem`` is
    one of :data:`Problem`; the key's name and fingerprint are set when known.
    """

    def __init__(
        self,
        what: str,
        problem: Problem,
        detail: str,
        *,
        key_name: str | None = None,
        fingerprint: str | None = None,
    ) -> None:
        super().__init__(f"{what}: {detail}", hint=_HINTS[problem])
        self.what = what
        self.problem = problem
        self.key_name = key_name
        self.fingerprint = fingerprint


class Keyring:
    """The keys one user signs with and accepts (see the module docstring for where)."""

    def __init__(self, user_dir: Path, *, scope_dirs: Sequence[Path] = ()) -> None:
        self.user_dir = user_dir
        #: Other scope directories whose ``keys/`` hold trusted and revoked keys.
        self.scope_dirs = [d for d in scope_dirs if d != user_dir]
        self._private: dict[str, tuple[Ed25519PrivateKey, PublicKey]] = {}

    @classmethod
    def from_config(cls, config: Configuration, user_dir: Path) -> Keyring:
        """The keyring of a session: the user dir plus every directory scope of ``config``."""
        dirs = [s.directory for s in config.scopes if isinstance(s, DirectoryScope)]
        return cls(user_dir, scope_dirs=dirs)

    # --- what is known -------------------------------------------------------------------

    def own_keys(self) -> list[PublicKey]:
        """The public halves of the user's private keys."""
        names = own_key_names(self.user_dir)
        return [load_private(self.user_dir, name, to_sign=False)[1] for name in names]

    def trusted_keys(self) -> list[PublicKey]:
        """Every trusted public key: the user's trusted dir, then other scopes'."""
        keys = read_trusted(trusted_dir(self.user_dir), own=True)
        for directory in self.scope_dirs:
            keys += read_trusted(trusted_dir(directory), own=False)
        return keys

    def revoked(self) -> dict[str, str]:
        """fingerprint → name of every key revoked in any scope."""
        found: dict[str, str] = {}
        for directory in [self.user_dir, *self.scope_dirs]:
            found.update(read_revoked(revoked_file(directory)))
        return found

    @cached_property
    def _trusted(self) -> dict[str, PublicKey]:
        return {key.fingerprint: key for key in self.trusted_keys()}

    @cached_property
    def _revoked(self) -> dict[str, str]:
        return self.revoked()

    # --- signing and verifying -----------------------------------------------------------

    def sign(self, data: bytes, key_name: str | None = None) -> bytes:
        """A detached signature envelope of ``data`` by ``key_name`` (None: the only own key)."""
        name = key_name or self._default_key()
        if name not in self._private:  # an index update signs hundreds of shards
            self._private[name] = load_private(self.user_dir, name)
        private, public = self._private[name]
        if public.fingerprint in self._revoked:
            raise KeyringError(
                f"will not sign with key {public.label()}: it is revoked",
                hint="create a new key with 'rpm-spec buildcache keys create NAME'",
            )
        envelope = {
            "format": SIGNATURE_FORMAT,
            "key": public.name,
            "fingerprint": public.fingerprint,
            "signature": base64.b64encode(private.sign(data)).decode("ascii"),
        }
        return (json.dumps(envelope, sort_keys=True) + "\n").encode("utf-8")

    def _default_key(self) -> str:
        names = own_key_names(self.user_dir)
        if len(names) == 1:
            return names[0]
        if not names:
            raise KeyringError(
                "no signing key: you have no private key",
                hint="create one with 'rpm-spec buildcache keys create NAME'",
            )
        raise KeyringError(
            f"you have {len(names)} signing keys ({', '.join(names)}): name the one to use",
            hint="pass --key NAME",
        )

    def verify(self, data: bytes, envelope: bytes | None, *, what: str) -> str:
        """The name of the trusted key whose valid signature ``envelope`` is; else
        :class:`SignatureError` naming ``what`` and the reason."""
        if envelope is None:
            raise SignatureError(what, "unsigned", "unsigned (no signature)")
        claimed, fpr, signature = _parse_envelope(envelope, what)
        if fpr in self._revoked:
            name = self._revoked[fpr]
            raise SignatureError(
                what,
                "revoked",
                f"signed by revoked key {name} ({fpr[:16]})",
                key_name=name,
                fingerprint=fpr,
            )
        key = self._trusted.get(fpr)
        if key is None:
            raise SignatureError(
                what,
                "untrusted",
                f"signed by untrusted key {claimed} ({fpr[:16]})",
                key_name=claimed,
                fingerprint=fpr,
            )
        if not key.verifies(signature, data):
            raise SignatureError(
                what,
                "tampered",
                f"signature does not match (tampered): the data or its signature changed "
                f"after key {key.label()} signed it",
                key_name=key.name,
                fingerprint=fpr,
            )
        return key.name


def _parse_envelope(envelope: bytes, what: str) -> tuple[str, str, bytes]:
    """(claimed key name, fingerprint, signature bytes) of an envelope."""
    try:
        data = json.loads(envelope.decode("utf-8"))
        if data["format"] != SIGNATURE_FORMAT:
            raise ValueError(f"unknown format {data['format']!r}")
        fpr = str(data["fingerprint"])
        if len(fpr) != 64 or any(c not in "0123456789abcdef" for c in fpr):
            raise ValueError("bad fingerprint")
        signature = base64.b64decode(data["signature"], validate=True)
        return str(data["key"]), fpr, signature
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error) as error:
        raise SignatureError(what, "malformed", f"malformed signature ({error})") from None
