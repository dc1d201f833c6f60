"""``rpm-spec buildcache keys``: make, share, trust, list and revoke signing keys.

Everything is recorded in the user scope, ``<user dir>/keys/`` (``~/.rpm-spec/keys/``):
private keys in ``private/`` (0600, in a 0700 directory), trusted public keys in
``trusted/``, revocations in ``revoked.json``. An admin puts the site's trusted keys and
revocations in the site or system scope's ``keys/`` directory (see
:mod:`rpm_spec.binary.signing`); ``list`` shows those too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state

if TYPE_CHECKING:
    from rpm_spec.binary.keys import PublicKey
    from rpm_spec.binary.signing import Keyring


@click.group("keys")
def keys() -> None:
    """Ed25519 keys that sign cache entries, and the keys you accept signatures from.

    Yours live in ~/.rpm-spec/keys/ (private keys readable by you alone); a key you
    create is trusted by you. Give others the file 'export' writes (the public key
    only); they run 'trust FILE'. A revoked key is refused even while trusted.
    """


def _keyring(state: CliState) -> Keyring:
    from rpm_spec.binary.signing import Keyring  # lazy: startup (cryptography)

    session = state.session()
    return Keyring.from_config(session.config, session.user_dir)


@keys.command("create")
@click.argument("name")
@pass_state
def create(state: CliState, name: str) -> None:
    """Make a new signing key NAME (e.g. site-1); an existing one is never replaced."""
    from rpm_spec.binary.keys import create_key  # lazy: startup (cryptography)

    key = create_key(state.session().user_dir, name)
    click.echo(f"==> Created key {key.label()}: {key.source}")
    click.echo(f"    share its public half with: rpm-spec buildcache keys export {name} -o FILE")


@keys.command("export")
@click.argument("name")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write the public key to.",
)
@pass_state
def export(state: CliState, name: str, output: Path) -> None:
    """Write the public key NAME (yours or one you trust) to a file others can trust."""
    from rpm_spec.binary.keys import export_key  # lazy: startup (cryptography)

    key = _find_one(_keyring(state), name)
    export_key(key, output)
    click.echo(f"==> Exported public key {key.label()} to {output}")


@keys.command("trust")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_state
def trust(state: CliState, file: Path) -> None:
    """Accept signatures by the public key in FILE (written by 'keys export').

    Recorded in the user scope: ~/.rpm-spec/keys/trusted/.
    """
    from rpm_spec.binary.keys import PublicKey, trust_key  # lazy: startup (cryptography)

    key = PublicKey.from_file(file)
    path, new = trust_key(state.session().user_dir, key)
    if new:
        click.echo(f"==> Trusting key {key.label()}: {path}")
    else:
        click.echo(f"==> Key {key.label()} is trusted already: {path}")


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the keys as JSON.")
@pass_state
def list_keys(state: CliState, as_json: bool) -> None:
    """Your keys, the keys you trust (user, site and system scopes) and revoked ones."""
    keyring = _keyring(state)
    revoked = keyring.revoked()
    own = {key.fingerprint for key in keyring.own_keys()}
    rows: dict[str, dict[str, object]] = {}
    for key in keyring.trusted_keys():
        row = rows.setdefault(
            key.fingerprint,
            {"name": key.name, "fingerprint": key.fingerprint, "sources": []},
        )
        sources = row["sources"]
        assert isinstance(sources, list)
        sources.append(str(key.source))
    for fpr, name in revoked.items():
        rows.setdefault(fpr, {"name": name, "fingerprint": fpr, "sources": []})
    for fpr, row in rows.items():
        row["own"] = fpr in own
        row["status"] = "revoked" if fpr in revoked else "trusted"
    ordered = sorted(rows.values(), key=lambda row: (str(row["name"]), str(row["fingerprint"])))
    if as_json:
        click.echo(json.dumps(ordered, indent=2))
        return
    if not ordered:
        click.echo("==> No keys: 'rpm-spec buildcache keys create NAME' makes one")
        return
    width = max(4, *(len(str(row["name"])) for row in ordered))
    click.echo(f"{'name':<{width}}  {'fingerprint':<16}  {'status':<13}  source")
    for row in ordered:
        status = f"{row['status']}{', own' if row['own'] else ''}"
        sources = row["sources"]
        assert isinstance(sources, list)
        where = ", ".join(sources) or "-"
        click.echo(
            f"{row['name']!s:<{width}}  {str(row['fingerprint'])[:16]}  {status:<13}  {where}"
        )


@keys.command("revoke")
@click.argument("name")
@pass_state
def revoke(state: CliState, name: str) -> None:
    """Refuse from now on everything signed by key NAME (or a fingerprint, or its first
    16 digits), even where it is trusted.

    Recorded in the user scope: ~/.rpm-spec/keys/revoked.json.
    """
    from rpm_spec.binary.keys import revoke_keys  # lazy: startup (cryptography)

    keyring = _keyring(state)
    found = _matching(keyring, name)
    if not found:
        from rpm_spec.binary.keys import KeyringError  # lazy: startup (cryptography)

        raise KeyringError(
            f"no key named {name} is known",
            hint="'rpm-spec buildcache keys list' shows the keys you have and trust",
        )
    path = revoke_keys(state.session().user_dir, found)
    for key in found:
        click.echo(f"==> Revoked key {key.label()}: recorded in {path}")


def _matching(keyring: Keyring, name: str) -> list[PublicKey]:
    """Own and trusted keys called ``name`` or whose fingerprint starts with it (16+)."""
    by_fingerprint: dict[str, PublicKey] = {}
    for key in keyring.own_keys() + keyring.trusted_keys():
        by_name = key.name == name
        by_print = len(name) >= 16 and key.fingerprint.startswith(name)
        if by_name or by_print:
            by_fingerprint.setdefault(key.fingerprint, key)
    return list(by_fingerprint.values())


def _find_one(keyring: Keyring, name: str) -> PublicKey:
    from rpm_spec.binary.keys import KeyringError  # lazy: startup (cryptography)

    found = _matching(keyring, name)
    if len(found) == 1:
        return found[0]
    if not found:
        raise KeyringError(
            f"no key named {name} is known",
            hint="'rpm-spec buildcache keys list' shows the keys you have and trust",
        )
    raise KeyringError(
        f"{len(found)} keys are named {name}: " + ", ".join(key.fingerprint[:16] for key in found),
        hint="name one by its fingerprint",
    )
