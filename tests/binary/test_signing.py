"""Ed25519 signatures: what the keyring accepts, and the reason it gives when it refuses."""

from __future__ import annotations

import json
import os
import pickle
from typing import TYPE_CHECKING

import pytest

from rpm_spec.binary.keys import (
    KeyringError,
    PublicKey,
    create_key,
    export_key,
    private_dir,
    revoke_keys,
    trust_key,
    trusted_dir,
)
from rpm_spec.binary.signing import Keyring, SignatureError
from rpm_spec.config import Configuration

if TYPE_CHECKING:
    from pathlib import Path

DATA = b'{"spec": "zlib@1.3.1", "sha256": "00ff"}\n'
WHAT = "cache entry zlib@1.3.1/abcdefg"


def _refusal(keyring: Keyring, data: bytes, envelope: bytes | None) -> SignatureError:
    with pytest.raises(SignatureError) as caught:
        keyring.verify(data, envelope, what=WHAT)
    assert str(caught.value).startswith(f"{WHAT}: ")
    assert caught.value.hint
    return caught.value


def test_good_signature_names_the_key(tmp_path: Path) -> None:
    key = create_key(tmp_path, "site-1")
    keyring = Keyring(tmp_path)
    envelope = keyring.sign(DATA)
    assert json.loads(envelope)["fingerprint"] == key.fingerprint
    assert Keyring(tmp_path).verify(DATA, envelope, what=WHAT) == "site-1"


def test_tampered_data_is_refused(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    keyring = Keyring(tmp_path)
    envelope = keyring.sign(DATA)
    error = _refusal(keyring, DATA.replace(b"00ff", b"00fe"), envelope)
    assert error.problem == "tampered"
    assert "signature does not match (tampered)" in str(error)
    assert "site-1" in str(error)


def test_a_signature_of_other_data_is_refused(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    keyring = Keyring(tmp_path)
    assert _refusal(keyring, DATA, keyring.sign(b"other")).problem == "tampered"


def test_unsigned_is_refused(tmp_path: Path) -> None:
    error = _refusal(Keyring(tmp_path), DATA, None)
    assert error.problem == "unsigned"
    assert str(error) == f"{WHAT}: unsigned (no signature)"


def test_malformed_envelope_is_refused(tmp_path: Path) -> None:
    for envelope in (b"", b"\xff", b"{}", b'{"format": "gpg"}'):
        assert _refusal(Keyring(tmp_path), DATA, envelope).problem == "malformed"


def test_untrusted_key_is_refused_naming_it(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    key = create_key(alice, "alice-1")
    envelope = Keyring(alice).sign(DATA)
    error = _refusal(Keyring(bob), DATA, envelope)
    assert error.problem == "untrusted"
    assert str(error) == f"{WHAT}: signed by untrusted key alice-1 ({key.short})"
    assert (error.key_name, error.fingerprint) == ("alice-1", key.fingerprint)


def test_trusting_an_exported_key_accepts_its_signatures(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    key = create_key(alice, "alice-1")
    exported = tmp_path / "alice-1.pub"
    export_key(key, exported)
    assert "PRIVATE" not in exported.read_text()
    assert oct(exported.stat().st_mode & 0o777) == "0o644"
    trust_key(bob, PublicKey.from_file(exported))
    assert Keyring(bob).verify(DATA, Keyring(alice).sign(DATA), what=WHAT) == "alice-1"


def test_the_fingerprint_decides_not_the_claimed_name(tmp_path: Path) -> None:
    alice, mallory = tmp_path / "alice", tmp_path / "mallory"
    create_key(alice, "site-1")
    create_key(mallory, "site-1")  # same name, other key
    error = _refusal(Keyring(alice), DATA, Keyring(mallory).sign(DATA))
    assert error.problem == "untrusted"


def test_revoked_key_is_refused_although_trusted(tmp_path: Path) -> None:
    key = create_key(tmp_path, "site-1")
    envelope = Keyring(tmp_path).sign(DATA)
    revoke_keys(tmp_path, [key])
    keyring = Keyring(tmp_path)
    assert key.fingerprint in {k.fingerprint for k in keyring.trusted_keys()}
    error = _refusal(keyring, DATA, envelope)
    assert error.problem == "revoked"
    assert str(error) == f"{WHAT}: signed by revoked key site-1 ({key.short})"
    with pytest.raises(KeyringError, match="it is revoked"):
        keyring.sign(DATA)


def test_a_revoked_key_cannot_be_trusted_again(tmp_path: Path) -> None:
    key = create_key(tmp_path / "alice", "alice-1")
    revoke_keys(tmp_path / "bob", [key])
    with pytest.raises(KeyringError, match="you revoked it"):
        trust_key(tmp_path / "bob", key)


def test_site_scope_trust_and_revocation(tmp_path: Path) -> None:
    admin, user, site = tmp_path / "admin", tmp_path / "user", tmp_path / "site"
    key = create_key(admin, "site-1")
    envelope = Keyring(admin).sign(DATA)
    trust_key(site, key)
    config = Configuration.standard(user_dir=user, scope_dirs=[site])
    assert Keyring.from_config(config, user).verify(DATA, envelope, what=WHAT) == "site-1"
    revoke_keys(site, [key])
    assert _refusal(Keyring.from_config(config, user), DATA, envelope).problem == "revoked"


def test_a_site_trust_dir_others_may_write_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    trust_key(site, create_key(tmp_path / "admin", "site-1"))
    trusted_dir(site).chmod(0o777)
    with pytest.raises(KeyringError, match="others may add keys there or change them"):
        Keyring(tmp_path / "user", scope_dirs=[site]).trusted_keys()


def test_private_keys_are_private(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    path = private_dir(tmp_path) / "site-1.pem"
    assert path.stat().st_mode & 0o777 == 0o600
    assert private_dir(tmp_path).stat().st_mode & 0o777 == 0o700


def test_a_private_key_others_can_read_is_refused(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    path = private_dir(tmp_path) / "site-1.pem"
    path.chmod(0o640)
    with pytest.raises(KeyringError, match="others can read or change it") as caught:
        Keyring(tmp_path).sign(DATA)
    assert "revoke" in (caught.value.hint or "")


def test_a_symlinked_private_key_is_refused(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    path = private_dir(tmp_path) / "site-1.pem"
    os.replace(path, tmp_path / "elsewhere.pem")
    path.symlink_to(tmp_path / "elsewhere.pem")
    with pytest.raises(KeyringError, match="refusing to use private key"):
        Keyring(tmp_path).sign(DATA, "site-1")


def test_names_are_validated_and_never_replaced(tmp_path: Path) -> None:
    for bad in ("", "-x", "../x", "a/b", "x" * 65, "sp ace"):
        with pytest.raises(KeyringError, match="invalid key name"):
            create_key(tmp_path, bad)
    create_key(tmp_path, "site-1")
    with pytest.raises(KeyringError, match="exists already"):
        create_key(tmp_path, "site-1")


def test_signing_needs_one_key_or_a_name(tmp_path: Path) -> None:
    with pytest.raises(KeyringError, match="no signing key"):
        Keyring(tmp_path).sign(DATA)
    create_key(tmp_path, "site-1")
    create_key(tmp_path, "site-2")
    with pytest.raises(KeyringError, match="name the one to use"):
        Keyring(tmp_path).sign(DATA)
    assert json.loads(Keyring(tmp_path).sign(DATA, "site-2"))["key"] == "site-2"


def test_a_private_key_file_cannot_be_trusted(tmp_path: Path) -> None:
    create_key(tmp_path, "site-1")
    with pytest.raises(KeyringError, match="holds a private key"):
        PublicKey.from_file(private_dir(tmp_path) / "site-1.pem")


def test_signature_errors_pickle(tmp_path: Path) -> None:
    error = _refusal(Keyring(tmp_path), DATA, None)
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.problem, copy.what) == (str(error), "unsigned", WHAT)


def test_a_site_key_file_others_may_write_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    path, _ = trust_key(site, create_key(tmp_path / "admin", "site-1"))
    trusted_dir(site).chmod(0o755)
    (site / "keys").chmod(0o755)
    assert len(Keyring(tmp_path / "user", scope_dirs=[site]).trusted_keys()) == 1
    path.chmod(0o666)
    with pytest.raises(KeyringError, match="others may add keys there or change them"):
        Keyring(tmp_path / "user", scope_dirs=[site]).trusted_keys()
