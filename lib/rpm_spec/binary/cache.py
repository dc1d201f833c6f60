"""A build cache directory: push prefixes into it, read and check its entries.

The directory is ``<mirror>/build_cache`` (or any plain directory given to
``buildcache push DIR``); :mod:`rpm_spec.binary.entry` describes its layout. A
cache may be shared and written by others: nothing read from it is trusted before
its signature (the manifest) or its sha256 (the blob) has been checked, and every
file is written beside its final name and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.cache_errors import CacheError, EntryRefused
from rpm_spec.binary.entry import (
    MANIFEST_SUFFIX,
    MANIFESTS_DIR,
    EntryManifest,
    blob_path,
    is_entry_name,
    manifest_path,
    signature_path,
)
from rpm_spec.errors import RpmSpecError
from rpm_spec.store.file_manifest import MANIFEST_FILE
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.store.provenance import COMPLETE_MARKER
from rpm_spec.util.fs import atomic_write

if TYPE_CHECKING:
    from rpm_spec.binary.signing import Keyring

#: The directory below a mirror's root that holds its binaries (Spack's name).
BUILD_CACHE_DIR = "build_cache"
_CHUNK_BYTES = 1 << 20
#: Metadata files never packed: the installing side writes a fresh file manifest once the
#: prefix is relocated, and the completion marker last.
NOT_PACKED = {f"{METADATA_DIR}/{COMPLETE_MARKER}", f"{METADATA_DIR}/{MANIFEST_FILE}"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


class BuildCache:
    """The entries under ``directory`` (a mirror's ``build_cache``)."""

    def __init__(self, directory: Path, *, label: str = "") -> None:
        self.directory = directory
        #: How messages name this cache: the mirror's name, else the directory.
        self.label = label or str(directory)

    def __repr__(self) -> str:
        return f"BuildCache({str(self.directory)!r})"

    @classmethod
    def of_mirror(cls, root: Path, *, label: str = "") -> BuildCache:
        return cls(root / BUILD_CACHE_DIR, label=label)

    # -- writing ----------------------------------------------------------------------

    def push(
        self, prefix: Path, manifest_fields: dict[str, Any], keyring: Keyring, key: str | None
    ) -> EntryManifest:
        """Pack ``prefix`` into a blob and write its signed manifest.

        ``manifest_fields`` are the :class:`EntryManifest` fields other than the blob's.
        """
        blob_dir = self.directory / "blobs"
        blob_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".push-", suffix=".tmp", dir=blob_dir)
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as raw:
                _pack(prefix, raw)
            sha256 = file_sha256(temporary)
            size = temporary.stat().st_size
            final = blob_path(self.directory, sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary.chmod(0o644)
            temporary.replace(final)
        finally:
            temporary.unlink(missing_ok=True)
        manifest = EntryManifest(blob_sha256=sha256, blob_size=size, **manifest_fields)
        data = manifest.to_bytes()
        signature = keyring.sign(data, key)
        atomic_write(manifest_path(self.directory, manifest.name), data, mode=0o644)
        atomic_write(signature_path(self.directory, manifest.name), signature, mode=0o644)
        return manifest

    # -- reading ----------------------------------------------------------------------

    def names(self) -> list[str]:
        """Every entry name with a manifest here, sorted (no index needed)."""
        directory = self.directory / MANIFESTS_DIR
        try:
            files = [path.name for path in directory.iterdir()]
        except FileNotFoundError:
            return []
        except OSError as error:
            raise CacheError(f"cannot list {directory}: {error.strerror or error}") from None
        found = (f[: -len(MANIFEST_SUFFIX)] for f in files if f.endswith(MANIFEST_SUFFIX))
        return sorted(n for n in found if is_entry_name(n))

    def names_for(self, spec_hash: str) -> list[str]:
        """The entries of one hash (one per store root and padding it was pushed from)."""
        return [n for n in self.names() if n.rsplit("-", 1)[0] == spec_hash]

    def describe(self, name: str) -> str:
        return f"{name} in {self.label}"

    def read_manifest(self, name: str, keyring: Keyring) -> tuple[EntryManifest, str]:
        """The manifest of ``name`` and the key that signed it.

        EntryRefused when it is unsigned, tampered with, signed by an untrusted or
        revoked key, or malformed.
        """
        what = self.describe(name)
        try:
            data = manifest_path(self.directory, name).read_bytes()
        except FileNotFoundError:
            raise EntryRefused(what, "its manifest is missing") from None
        except OSError as error:
            raise EntryRefused(what, f"cannot read its manifest: {error.strerror}") from None
        try:
            envelope: bytes | None = signature_path(self.directory, name).read_bytes()
        except FileNotFoundError:
            envelope = None
        try:
            signer = keyring.verify(data, envelope, what=what)
        except RpmSpecError as error:
            raise EntryRefused(what, _reason(error, what), hint=error.hint) from None
        try:
            manifest = EntryManifest.from_bytes(data, what=what)
        except CacheError as error:
            raise EntryRefused(what, str(error)) from None
        if manifest.name != name:
            raise EntryRefused(what, f"its manifest describes {manifest.name}")
        return manifest, signer

    def verified_blob(self, manifest: EntryManifest) -> Path:
        """The blob of ``manifest`` after checking its size and sha256 (EntryRefused)."""
        what = self.describe(manifest.name)
        path = blob_path(self.directory, manifest.blob_sha256)
        try:
            size = path.stat().st_size
            actual = file_sha256(path)
        except FileNotFoundError:
            raise EntryRefused(what, f"its blob {path} is missing") from None
        except OSError as error:
            raise EntryRefused(what, f"cannot read its blob: {error.strerror}") from None
        if actual != manifest.blob_sha256:
            raise EntryRefused(
                what,
                f"its blob's sha256 is {actual}, the signed manifest says "
                f"{manifest.blob_sha256} (tampered or damaged)",
            )
        if size != manifest.blob_size:
            raise EntryRefused(
                what, f"its blob has {size} bytes, the manifest says {manifest.blob_size}"
            )
        return path

    def check(self, keyring: Keyring) -> tuple[list[str], list[EntryRefused]]:
        """Check every entry's signature and blob: (good names, refusals)."""
        good: list[str] = []
        bad: list[EntryRefused] = []
        for name in self.names():
            try:
                manifest, _ = self.read_manifest(name, keyring)
                self.verified_blob(manifest)
            except EntryRefused as refusal:
                bad.append(refusal)
            else:
                good.append(name)
        return good, bad


def _reason(error: RpmSpecError, what: str) -> str:
    """The signature error's own words without the entry's name repeated."""
    text = str(error)
    for cut in (f"{what}: ", what):
        text = text.replace(cut, "")
    return text.strip(" :") or str(error)


def _pack(prefix: Path, stream: Any) -> None:
    """A gzipped tar of ``prefix``'s contents, with names relative to it, owners dropped."""

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        name = info.name.removeprefix("./")
        if name in NOT_PACKED:
            return None
        inside = str(prefix).rstrip("/") + "/"
        if info.issym() and info.linkname.startswith(inside):
            # `ln -s $(PREFIX)/bin/x` (bzip2): the same link made relative, so that the
            # unpacking side, which refuses absolute links, takes it wherever it goes.
            here = (prefix / name).parent
            info.linkname = os.path.relpath(info.linkname, here)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(
        fileobj=stream, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT
    ) as tar:
        for entry in sorted(prefix.iterdir()):
            tar.add(entry, arcname=entry.name, filter=clean)
