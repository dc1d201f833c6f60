"""``rpm-spec buildcache keys``: create, export, trust, list, revoke through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from repo_cli import run

import second_user
from rpm_spec.binary.keys import KeyringError, private_dir
from rpm_spec.binary.signing import Keyring, SignatureError

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = b"manifest bytes"


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two users' rpm-spec directories; the first is the current one."""
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    monkeypatch.setenv("RPM_SPEC_USER_DIR", str(alice))
    return alice, bob


def _as(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("RPM_SPEC_USER_DIR", str(home))


def test_create_export_trust_revoke(
    homes: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alice, bob = homes
    code, out, err = run(["buildcache", "keys", "create", "site-1"], capsys)
    assert code == 0, err
    assert out.startswith("==> Created key site-1 (")
    private = private_dir(alice) / "site-1.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    exported = tmp_path / "site-1.pub"
    code, out, err = run(["buildcache", "keys", "export", "site-1", "-o", str(exported)], capsys)
    assert code == 0, err
    assert json.loads(exported.read_text())["name"] == "site-1"
    envelope = Keyring(alice).sign(DATA)

    _as(monkeypatch, bob)
    with pytest.raises(SignatureError, match="untrusted key site-1"):
        Keyring(bob).verify(DATA, envelope, what="entry")
    code, out, err = run(["buildcache", "keys", "trust", str(exported)], capsys)
    assert code == 0, err
    assert out.startswith("==> Trusting key site-1 (")
    assert Keyring(bob).verify(DATA, envelope, what="entry") == "site-1"
    code, out, _ = run(["buildcache", "keys", "trust", str(exported)], capsys)
    assert "is trusted already" in out

    code, out, _ = run(["buildcache", "keys", "list", "--json"], capsys)
    [row] = json.loads(out)
    assert (row["name"], row["status"], row["own"]) == ("site-1", "trusted", False)

    code, out, err = run(["buildcache", "keys", "revoke", "site-1"], capsys)
    assert code == 0, err
    assert f"recorded in {bob / 'keys' / 'revoked.json'}" in out
    with pytest.raises(SignatureError, match="revoked key site-1"):
        Keyring(bob).verify(DATA, envelope, what="entry")
    code, out, _ = run(["buildcache", "keys", "list"], capsys)
    assert out.splitlines()[1].split()[:3] == ["site-1", row["fingerprint"][:16], "revoked"]
    # Alice's own trust is unaffected by Bob's revocation.
    assert Keyring(alice).verify(DATA, envelope, what="entry") == "site-1"


def test_list_marks_own_keys_and_is_empty_at_first(
    homes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["buildcache", "keys", "list"], capsys)
    assert (code, out) == (0, "==> No keys: 'rpm-spec buildcache keys create NAME' makes one\n")
    run(["buildcache", "keys", "create", "site-1"], capsys)
    code, out, _ = run(["buildcache", "keys", "list"], capsys)
    assert out.splitlines()[1].split()[2:4] == ["trusted,", "own"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "../site"], "Error: invalid key name '../site'"),
        (["export", "nope", "-o", "x.pub"], "Error: no key named nope is known"),
        (["revoke", "nope"], "Error: no key named nope is known"),
    ],
)
def test_bad_input_is_a_clear_error(
    homes: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code, _, err = run(["buildcache", "keys", *args], capsys)
    assert code == 1
    assert err.startswith(message)
    assert "Traceback" not in err


def test_trusting_a_private_key_file_is_refused(
    homes: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = homes
    run(["buildcache", "keys", "create", "site-1"], capsys)
    _as(monkeypatch, bob)
    code, _, err = run(
        ["buildcache", "keys", "trust", str(private_dir(alice) / "site-1.pem")], capsys
    )
    assert code == 1
    assert "holds a private key, not an exported public key" in err
    assert not (bob / "keys" / "trusted").exists()


def test_a_leaked_private_key_is_refused_but_can_be_revoked(
    homes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    alice, _ = homes
    run(["buildcache", "keys", "create", "site-1"], capsys)
    (private_dir(alice) / "site-1.pem").chmod(0o644)
    with pytest.raises(KeyringError, match="others can read or change it"):
        Keyring(alice).sign(DATA)
    code, out, err = run(["buildcache", "keys", "revoke", "site-1"], capsys)
    assert code == 0, err
    assert "Revoked key site-1" in out


# -- a second uid exports, we trust --------------------------------------------------------

_NO_SECOND_USER = second_user.why_not_available()


@pytest.fixture(scope="module")
def runtime() -> Iterator[tuple[second_user.SecondUser, Path]]:
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-keys-second-user-"))
    try:
        directory.chmod(0o755)
        yield second_user.prepare(directory / "runtime"), directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_second_users_exported_key_is_the_public_key_only(
    runtime: tuple[second_user.SecondUser, Path],
    homes: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    other, directory = runtime
    home = directory / "bob-home"
    home.mkdir()
    os.chown(home, second_user.UID, second_user.GID)
    done = other.run("buildcache", "keys", "create", "bob-1", home=home)
    assert done.returncode == 0, done.stderr
    exported = home / "bob-1.pub"
    done = other.run("buildcache", "keys", "export", "bob-1", "-o", str(exported), home=home)
    assert done.returncode == 0, done.stderr
    private = home / ".rpm-spec" / "keys" / "private"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    pem = private / "bob-1.pem"
    assert (pem.stat().st_uid, stat.S_IMODE(pem.stat().st_mode)) == (second_user.UID, 0o600)
    text = exported.read_text()
    assert "PRIVATE" not in text
    assert pem.read_text().splitlines()[1] not in text  # no part of the private key
    code, out, err = run(["buildcache", "keys", "trust", str(exported)], capsys)
    assert code == 0, err
    assert "Trusting key bob-1" in out
