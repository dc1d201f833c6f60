"""Tiny source archives written in a test's tmp_path, and a reporter that records.

Shared by the fetch, stage, patch, mirror and source tests (and the fetch CLI tests):
real files with real sha256 sums, reached through ``file://`` URLs or a local
http server, so that no test needs the network.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
import zipfile
from typing import TYPE_CHECKING

from rpm_spec.build.fetch import FetchReporter

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from pathlib import Path

#: tarfile write modes by archive extension.
TAR_MODES = {"tar.gz": "w:gz", "tar.xz": "w:xz", "tar.bz2": "w:bz2", "tar": "w"}

#: The files of the default tiny project (under its top-level directory).
PROJECT = {"README": "tiny project\n", "src/main.c": "int main(void) { return 0; }\n"}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _data(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


def write_tarball(
    path: Path,
    files: Mapping[str, str | bytes] = PROJECT,
    *,
    top: str | None = "pkg-1.0",
    executable: Collection[str] = (),
    mtime: int = 1_600_000_000,
) -> str:
    """A tarball (compression from ``path``'s extension) of ``files`` under ``top``; its sum."""
    ext = next(e for e in TAR_MODES if path.name.endswith("." + e))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, TAR_MODES[ext]) as tar:  # type: ignore[call-overload]
        if top:
            info = tarfile.TarInfo(top)
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
            info.mtime = mtime
            tar.addfile(info)
        for name, content in files.items():
            data = _data(content)
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.size = len(data)
            info.mode = 0o755 if name in executable else 0o644
            info.mtime = mtime
            tar.addfile(info, io.BytesIO(data))
    return sha256_of(path)


def write_zip(
    path: Path,
    files: Mapping[str, str | bytes] = PROJECT,
    *,
    top: str | None = "pkg-1.0",
    executable: Collection[str] = (),
) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zipped:
        for name, content in files.items():
            info = zipfile.ZipInfo(f"{top}/{name}" if top else name, (2020, 9, 13, 12, 26, 40))
            info.external_attr = (0o100755 if name in executable else 0o100644) << 16
            zipped.writestr(info, _data(content))
    return sha256_of(path)


def add_members(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> None:
    """A plain tar holding exactly ``members`` (for hostile archives)."""
    with tarfile.open(path, "w") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)


def member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    return info


class RecordingReporter(FetchReporter):
    """Keeps every hook call as a tuple, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []

    def fetch_started(self, name: str, source: str) -> None:
        self.events.append(("started", name, source))

    def fetch_progress(self, done_bytes: int, total_bytes: int | None) -> None:
        self.events.append(("progress", done_bytes, total_bytes))

    def fetch_failed(self, name: str, source: str, reason: str) -> None:
        self.events.append(("failed", name, source, reason))

    def fetch_finished(self, name: str, path: Path, from_cache: bool) -> None:
        self.events.append(("finished", name, path, from_cache))

    def kinds(self) -> list[object]:
        return [event[0] for event in self.events if event[0] != "progress"]

    def finished(self) -> list[tuple[object, ...]]:
        return [event for event in self.events if event[0] == "finished"]


FIX_PATCH = """\
--- a/src/version.h
+++ b/src/version.h
@@ -1 +1 @@
-#define VERSION "1.0"
+#define VERSION "1.0-local"
"""

REMOTE_PATCH = """\
--- a/src/version.h
+++ b/src/version.h
@@ -1 +1 @@
-#define VERSION "1.0-local"
+#define VERSION "1.0-local-remote"
"""


def write_fetch_repo(root: Path, upstream: Path) -> dict[str, str]:
    """A repository ``fetchy`` whose recipes point at files written to ``upstream``.

    ``srcpkg@1.0`` (depends on ``deppkg``) has a local patch, a patch from a URL and
    a resource (``+data``, the default) expanded at ``extra/``; ``srcpkg@0.9`` records a
    wrong sum for a real file. Returns the sha256 of each upstream file by name.
    """
    sums = {
        "srcpkg-1.0.tar.gz": write_tarball(
            upstream / "srcpkg-1.0.tar.gz",
            {"src/version.h": '#define VERSION "1.0"\n'},
            top="srcpkg-1.0",
        ),
        "srcpkg-0.9.tar.gz": write_tarball(upstream / "srcpkg-0.9.tar.gz", top="srcpkg-0.9"),
        "deppkg-2.0.tar.xz": write_tarball(upstream / "deppkg-2.0.tar.xz", top="deppkg-2.0"),
        "data.zip": write_zip(upstream / "data.zip", {"ref.dat": "42\n"}, top="data"),
    }
    (upstream / "remote.patch").write_text(REMOTE_PATCH)
    sums["remote.patch"] = sha256_of(upstream / "remote.patch")
    (root / "packages" / "srcpkg").mkdir(parents=True)
    (root / "packages" / "deppkg").mkdir(parents=True)
    (root / "repo.yaml").write_text("repo:\n  namespace: fetchy\n")
    (root / "packages" / "srcpkg" / "fix.patch").write_text(FIX_PATCH)
    (root / "packages" / "srcpkg" / "package.py").write_text(
        f'''\
from rpm_spec.repo.api import *


class Srcpkg(Package):
    """A source package with patches and a resource."""

    url = "{(upstream / "srcpkg-1.0.tar.gz").as_uri()}"

    version("1.0", sha256="{sums["srcpkg-1.0.tar.gz"]}")
    version("0.9", sha256="{"0" * 64}")

    variant("data", default=True, description="Fetch the reference data")

    depends_on("deppkg")
    patch("fix.patch", when="@1.0")
    patch("{(upstream / "remote.patch").as_uri()}", sha256="{sums["remote.patch"]}", when="@1.0")
    resource(
        name="data",
        url="{(upstream / "data.zip").as_uri()}",
        sha256="{sums["data.zip"]}",
        destination="extra",
        when="+data",
    )
'''
    )
    (root / "packages" / "deppkg" / "package.py").write_text(
        f'''\
from rpm_spec.repo.api import *


class Deppkg(Package):
    """A dependency, released as tar.xz."""

    url = "{(upstream / "deppkg-2.0.tar.xz").as_uri()}"

    version("2.0", sha256="{sums["deppkg-2.0.tar.xz"]}")
'''
    )
    return sums
