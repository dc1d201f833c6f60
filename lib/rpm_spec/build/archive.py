"""Archive file names and safe extraction.

Sources come from strangers' servers, so an archive is never trusted to stay
inside the directory it is unpacked into. Every member is checked before it is
written: absolute names, ``..`` components, links that resolve outside the
destination, hard links to anything outside, and devices or fifos are refused
with a :class:`StageError` that names the member. Writes through a symbolic link
that an earlier member created are checked against the real path on disk, so a
chain of innocent-looking links cannot lead a later file outside either.

The archive type is read from the file's first bytes, not from its name: mirror
files and GitHub tag archives are often named differently from upstream.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
import subprocess
import tarfile
import time
import zipfile
from typing import IO, TYPE_CHECKING

from rpm_spec.build.errors import StageError

if TYPE_CHECKING:
    from pathlib import Path

#: Extensions recognized at the end of a file name, longest first where one ends another.
ARCHIVE_EXTENSIONS = (
    "tar.gz",
    "tar.bz2",
    "tar.xz",
    "tar.zst",
    "tar.lz",
    "tar.Z",
    "tgz",
    "tbz2",
    "tbz",
    "txz",
    "tzst",
    "tar",
    "zip",
)
#: Other files a recipe may fetch (patches), also recognized by name.
OTHER_EXTENSIONS = ("patch", "diff", "patch.gz")

_MAGIC = (
    (b"\x1f\x8b", "tar.gz"),
    (b"BZh", "tar.bz2"),
    (b"\xfd7zXZ\x00", "tar.xz"),
    (b"\x28\xb5\x2f\xfd", "tar.zst"),
    (b"PK\x03\x04", "zip"),
)


def extension_of(filename: str) -> str | None:
    """The known archive (or patch) extension ``filename`` ends with, without the dot."""
    known = sorted((*ARCHIVE_EXTENSIONS, *OTHER_EXTENSIONS), key=len, reverse=True)
    return next((ext for ext in known if filename.endswith("." + ext)), None)


def sniff_extension(path: Path) -> str | None:
    """The archive extension that fits ``path``'s content (first bytes), or None."""
    with path.open("rb") as stream:
        head = stream.read(512)
    for magic, ext in _MAGIC:
        if head.startswith(magic):
            return ext
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    return None


def extract_archive(archive: Path, destination: Path) -> None:
    """Unpack ``archive`` (tar in any common compression, or zip) into ``destination``.

    ``destination`` must exist; every member must land inside it. On a
    :class:`StageError` the caller removes whatever was written.
    """
    kind = sniff_extension(archive)
    try:
        if kind == "zip":
            with zipfile.ZipFile(archive) as zipped:
                _ZipExtractor(archive, destination).run(zipped)
        elif kind == "tar.zst":
            _extract_zstd(archive, destination)
        elif kind is not None:
            with tarfile.open(archive, mode="r:*") as tar:
                _TarExtractor(archive, destination).run(tar)
        else:
            raise StageError("not an archive this tool can unpack", archive=str(archive))
    except (tarfile.TarError, zipfile.BadZipFile, EOFError) as error:
        raise StageError(f"corrupt archive: {error}", archive=str(archive)) from None
    except OSError as error:
        raise StageError(f"cannot unpack: {error}", archive=str(archive)) from None


def _extract_zstd(archive: Path, destination: Path) -> None:
    """``.tar.zst``: Python's tarfile (before 3.14) has no zstd, so ``zstd -dc`` feeds it."""
    zstd = shutil.which("zstd")
    if zstd is None:
        raise StageError(
            "is zstd-compressed and no 'zstd' program is on PATH", archive=str(archive)
        )
    with subprocess.Popen(
        [zstd, "-dcq", str(archive)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdout is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
                _TarExtractor(archive, destination).run(tar)
        finally:
            process.stdout.close()
            process.kill()


class _Checker:
    """The member checks shared by tar and zip; tracks the symbolic links written so far."""

    def __init__(self, archive: Path, destination: Path) -> None:
        self.archive = str(archive)
        self.destination = destination
        self.real_root = os.path.realpath(destination)
        #: Relative names of symbolic links created, to know when a path needs realpath.
        self.links: set[str] = set()
        #: Paths created so far: saves a stat per member in archives of many files.
        self.made: set[Path] = {destination}

    def fail(self, member: str, reason: str) -> StageError:
        return StageError(reason, archive=self.archive, member=member)

    def relative_name(self, member: str) -> str:
        """The member's name relative to the destination ('' for the root itself)."""
        if member.startswith("/") or (len(member) > 1 and member[1] == ":"):
            raise self.fail(member, "has an absolute path")
        parts = [part for part in member.split("/") if part not in ("", ".")]
        if ".." in parts:
            raise self.fail(member, "has a '..' component that could leave the stage")
        return "/".join(parts)

    def inside(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return real == self.real_root or real.startswith(self.real_root + os.sep)

    def target(self, member: str, name: str) -> Path:
        """The path to write ``name`` at, checked against links created by earlier members."""
        path = self.destination / name
        parts = name.split("/")
        if any("/".join(parts[: i + 1]) in self.links for i in range(len(parts))):
            if not self.inside(path):
                raise self.fail(member, "would be written through a link that leaves the stage")
            if path.is_symlink():
                path.unlink()  # an archive replacing its own link writes a file, not through it
        return path

    def check_symlink(self, member: str, name: str, link: str) -> None:
        if link.startswith("/"):
            raise self.fail(member, f"is a symbolic link to the absolute path '{link}'")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), link))
        if resolved == ".." or resolved.startswith("../"):
            raise self.fail(member, f"is a symbolic link to '{link}', outside the stage")
        if not self.inside((self.destination / name).parent / link):
            raise self.fail(member, f"is a symbolic link to '{link}', outside the stage")

    def check_hardlink(self, member: str, link: str) -> Path:
        """The hard link's checked target path."""
        if link.startswith("/"):
            raise self.fail(member, f"is a hard link to the absolute path '{link}'")
        path = self.destination / link
        if ".." in link.split("/") or not self.inside(path):
            raise self.fail(member, f"is a hard link to '{link}', outside the stage")
        return path

    def check_links_at_end(self) -> None:
        """Once every link exists, none may resolve outside (later links can redirect earlier)."""
        for name in sorted(self.links):
            path = self.destination / name
            if path.is_symlink() and not self.inside(path):
                raise self.fail(name, "is a symbolic link that resolves outside the stage")

    def prepare(self, path: Path) -> None:
        """Make ``path``'s directory; remove what an earlier member put at ``path``
        (so nothing is written into another name's inode or through a link)."""
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        if path in self.made and (path.is_symlink() or not path.is_dir()):
            path.unlink(missing_ok=True)
        self.made.add(path)

    def make_dir(self, path: Path) -> None:
        if path not in self.made or not path.is_dir():
            path.mkdir(parents=True, exist_ok=True)
        self.made.add(path)

    def make_link(self, path: Path, name: str, link: str) -> None:
        self.prepare(path)
        path.symlink_to(link)
        self.links.add(name)

    def write_file(self, path: Path, stream: IO[bytes], mode: int, mtime: float) -> None:
        self.prepare(path)
        with path.open("wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
        if mode & 0o777:
            # setuid/setgid and group/world-writable bits from an archive are never wanted.
            path.chmod((mode & 0o755) | 0o600)
        os.utime(path, (mtime, mtime))


class _TarExtractor(_Checker):
    def run(self, tar: tarfile.TarFile) -> None:
        for member in tar:
            self.extract(tar, member)
        self.check_links_at_end()

    def extract(self, tar: tarfile.TarFile, member: tarfile.TarInfo) -> None:
        name = self.relative_name(member.name)
        if not name:
            return
        if member.isdev() or member.isfifo():
            raise self.fail(member.name, "is a device or fifo, which sources never need")
        path = self.target(member.name, name)
        if member.issym():
            self.check_symlink(member.name, name, member.linkname)
            self.make_link(path, name, member.linkname)
        elif member.islnk():
            source = self.check_hardlink(member.name, member.linkname)
            self.prepare(path)
            os.link(source, path, follow_symlinks=False)
        elif member.isdir():
            self.make_dir(path)
            path.chmod((member.mode & 0o755) | 0o700)
        elif member.isreg():
            stream = tar.extractfile(member)
            assert stream is not None
            with stream:
                self.write_file(path, stream, member.mode, member.mtime)
        else:
            raise self.fail(member.name, "is of a type sources never need")


class _ZipExtractor(_Checker):
    def run(self, zipped: zipfile.ZipFile) -> None:
        directories: list[tuple[Path, float]] = []
        for info in zipped.infolist():
            name = self.relative_name(info.filename)
            if not name:
                continue
            mode = info.external_attr >> 16
            mtime = time.mktime((*info.date_time, 0, 0, -1))
            path = self.target(info.filename, name)
            if stat.S_ISLNK(mode):
                link = zipped.read(info).decode("utf-8", "surrogateescape")
                self.check_symlink(info.filename, name, link)
                self.make_link(path, name, link)
            elif info.is_dir():
                self.make_dir(path)
                directories.append((path, mtime))
            elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
                raise self.fail(info.filename, "is a device or fifo, which sources never need")
            else:
                with zipped.open(info) as stream:
                    self.write_file(path, stream, mode, mtime)
        for path, mtime in directories:
            os.utime(path, (mtime, mtime))
        self.check_links_at_end()
