"""What the registry signs with: anything that makes and checks detached envelopes.

The session passes the binary cache's :class:`rpm_spec.binary.signing.Keyring` (the
publisher's own key signs; keys trusted in the site scope verify), so the registry
depends on a two-method protocol, not on where keys live.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from rpm_spec.errors import RpmSpecError
from rpm_spec.registry.errors import TamperedError


class Signer(Protocol):
    def sign(self, data: bytes) -> bytes:
        """A detached signature envelope of ``data``."""

    def verify(self, data: bytes, envelope: bytes | None, *, what: str) -> str:
        """The signing key's name; raises an :class:`RpmSpecError` when not valid."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check(signer: Signer, data: bytes, envelope: bytes | None, what: str) -> str:
    """The key that signed ``data``; :class:`TamperedError` naming ``what`` otherwise."""
    try:
        return signer.verify(data, envelope, what=what)
    except RpmSpecError as error:
        raise TamperedError(str(error), hint=error.hint) from None
