"""One binary cache entry: what its manifest says and where its files are.

An entry is two things under a cache directory (``<mirror>/build_cache``):

- the blob, ``blobs/sha256/<first 2>/<sha256>``: a gzipped tar of an installed
  prefix, its ``.rpm-spec`` provenance included, named by its own sha256 so that
  equal content is stored once and a blob can be checked against its name;
- the manifest, ``manifests/<hash>-<relocation key>.json``, with a detached
  signature beside it (``.json.sig``): the node's DAG, the prefix of each node at
  build time, the blob's sha256 and size, and the relocation data.

The relocation key is a digest of the store root, the padding and whether the
prefix is relocatable: two builds of one hash under different roots or paddings
are different entries (a longer padding fits more places).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.cache_errors import CacheError
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpecError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteSpec

FORMAT = 1
MANIFESTS_DIR = "manifests"
BLOBS_DIR = "blobs/sha256"
MANIFEST_SUFFIX = ".json"
SIGNATURE_SUFFIX = ".sig"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"[a-z0-9]+-[0-9a-f]{12}")


def relocation_key(relocation: Mapping[str, Any]) -> str:
    """12 hex digits naming what decides where an entry can be installed."""
    decisive = {
        "store_root": relocation.get("store_root"),
        "padded_length": relocation.get("padded_length"),
        "relocatable": relocation.get("relocatable"),
    }
    text = json.dumps(decisive, sort_keys=True).encode()
    return hashlib.sha256(text).hexdigest()[:12]


def is_entry_name(name: str) -> bool:
    """Whether ``name`` looks like ``<hash>-<relocation key>`` (nothing else is opened)."""
    return _NAME.fullmatch(name) is not None


def manifest_path(cache_dir: Path, name: str) -> Path:
    return cache_dir / MANIFESTS_DIR / f"{name}{MANIFEST_SUFFIX}"


def signature_path(cache_dir: Path, name: str) -> Path:
    return cache_dir / MANIFESTS_DIR / f"{name}{MANIFEST_SUFFIX}{SIGNATURE_SUFFIX}"


def blob_path(cache_dir: Path, sha256: str) -> Path:
    if not _SHA256.fullmatch(sha256):
        raise CacheError(f"'{sha256}' is not a sha256")
    return cache_dir / BLOBS_DIR / sha256[:2] / sha256


@dataclass(frozen=True)
class EntryManifest:
    """A parsed manifest (see the module doc); its DAG's hashes are checked on reading."""

    spec_hash: str
    dag: ConcreteDag
    #: hash → prefix at build time, for the node and each of its non-external dependencies.
    prefixes: Mapping[str, str]
    blob_sha256: str
    blob_size: int
    relocation: Mapping[str, Any]
    created_at: str

    @property
    def spec(self) -> ConcreteSpec:
        return self.dag.nodes[self.spec_hash]

    @property
    def key(self) -> str:
        return relocation_key(self.relocation)

    @property
    def name(self) -> str:
        """``<hash>-<relocation key>``: the entry's name in the cache and the index."""
        return f"{self.spec_hash}-{self.key}"

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "spec_hash": self.spec_hash,
            "spec": self.dag.to_dict(),
            "prefixes": dict(sorted(self.prefixes.items())),
            "blob": {"sha256": self.blob_sha256, "size": self.blob_size},
            "relocation": dict(self.relocation),
            "created_at": self.created_at,
        }

    def to_bytes(self) -> bytes:
        """The exact bytes that are written and signed."""
        return (json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n").encode()

    @classmethod
    def from_json(cls, data: Any, *, what: str) -> EntryManifest:
        """Parse a manifest; CacheError naming ``what`` if it is malformed."""
        try:
            if data["format"] != FORMAT:
                raise CacheError(f"{what}: manifest format {data['format']} is not {FORMAT}")
            dag = ConcreteDag.from_dict(data["spec"])
            spec_hash = str(data["spec_hash"])
            blob = data["blob"]
            manifest = cls(
                spec_hash=spec_hash,
                dag=dag,
                prefixes={str(k): str(v) for k, v in data["prefixes"].items()},
                blob_sha256=str(blob["sha256"]),
                blob_size=int(blob["size"]),
                relocation=dict(data["relocation"]),
                created_at=str(data.get("created_at", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError, ConcreteSpecError) as error:
            raise CacheError(f"{what}: malformed manifest ({error})") from None
        if dag.roots != (spec_hash,):
            raise CacheError(f"{what}: the manifest's DAG is not rooted at {spec_hash}")
        if not _SHA256.fullmatch(manifest.blob_sha256):
            raise CacheError(f"{what}: the manifest names no valid blob sha256")
        return manifest

    @classmethod
    def from_bytes(cls, data: bytes, *, what: str) -> EntryManifest:
        try:
            parsed = json.loads(data)
        except ValueError as error:
            raise CacheError(f"{what}: manifest is not JSON ({error})") from None
        return cls.from_json(parsed, what=what)
