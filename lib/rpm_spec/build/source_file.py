"""What one fetched file is: its place in the mirror layout, its upstream URL, its sum.

A package's release archive is ``<name>/<name>-<version>.<ext>``; a patch fetched
from a URL is ``<name>/<patch file stem>-<sha256[:8]>.<ext>`` and a resource
``<name>/<resource>-<sha256[:8]>.<ext>`` (their URLs do not change with the
package version, their sums do identify them). The extension comes from the URL
when it names one; mirrors may hold the file under another one (an upstream
``.tar.bz2`` mirrored as ``.tar.xz``), which the fetcher looks for too.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from rpm_spec.build.archive import extension_of
from rpm_spec.build.mirrors import mirror_path

#: Hosts whose files are fetched through ``pip download`` (pip's index config applies).
PYPI_HOSTS = frozenset({"files.pythonhosted.org", "pypi.org", "pypi.python.org", "pypi.io"})

_VERSIONED_STEM = re.compile(r"(?P<project>.+?)-(?P<version>\d[^-]*)")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file a build needs, and how to find it."""

    #: The package it belongs to: its directory in the cache and in mirrors.
    package: str
    #: The file name in that directory, without extension.
    stem: str
    #: Where upstream serves it; None for sources only a mirror or pip can give.
    url: str | None
    sha256: str | None
    #: How messages name it: ``xz@5.4.1``, ``patch fix.patch of xz``.
    label: str
    #: ``archive``, ``patch`` or ``resource``.
    kind: str = "archive"
    #: For PyPI sources: project and version to ask pip for instead of the URL.
    pypi_project: str | None = None
    pypi_version: str | None = None

    @classmethod
    def archive(cls, name: str, version: str, url: str | None, sha256: str | None) -> SourceFile:
        """A package's release archive (from PyPI through pip when the URL is PyPI's)."""
        project = pypi_project_of(url) if url else None
        return cls(
            package=name,
            stem=f"{name}-{version}",
            url=url,
            sha256=sha256,
            label=f"{name}@{version}",
            pypi_project=project,
            pypi_version=version if project else None,
        )

    @classmethod
    def pypi(cls, name: str, version: str, sha256: str | None, project: str) -> SourceFile:
        return cls(
            package=name,
            stem=f"{name}-{version}",
            url=None,
            sha256=sha256,
            label=f"{name}@{version}",
            pypi_project=project,
            pypi_version=version,
        )

    @classmethod
    def patch(cls, package: str, url: str, sha256: str) -> SourceFile:
        base = url_basename(url)
        ext = extension_of(base)
        stem = base[: -len(ext) - 1] if ext else base
        return cls(
            package=package,
            stem=f"{stem}-{sha256[:8]}",
            url=url,
            sha256=sha256,
            label=f"patch {base} of {package}",
            kind="patch",
        )

    @classmethod
    def resource(cls, package: str, name: str, url: str, sha256: str | None) -> SourceFile:
        key = sha256[:8] if sha256 else "unverified"
        return cls(
            package=package,
            stem=f"{name}-{key}",
            url=url,
            sha256=sha256,
            label=f"resource {name} of {package}",
            kind="resource",
        )

    @property
    def url_extension(self) -> str | None:
        """The extension the upstream URL's file name has (None if none is recognized)."""
        return extension_of(url_basename(self.url)) if self.url else None

    def relative_path(self, ext: str | None = None) -> str:
        """Its place in a mirror or the cache, with ``ext`` or the URL's extension."""
        return mirror_path(self.package, self.stem, ext or self.url_extension)


def url_basename(url: str) -> str:
    """The file name at the end of a URL's path (query and fragment dropped)."""
    return unquote(posixpath.basename(urlparse(url).path.rstrip("/")))


def pypi_project_of(url: str) -> str | None:
    """The PyPI project a ``files.pythonhosted.org``/``pypi.org`` URL is a file of, else None."""
    parsed = urlparse(url)
    if parsed.hostname not in PYPI_HOSTS:
        return None
    parts = [unquote(part) for part in parsed.path.split("/") if part]
    # /packages/source/<first letter>/<project>/<file>
    if len(parts) >= 5 and parts[:2] == ["packages", "source"]:
        return parts[3]
    base = url_basename(url)
    ext = extension_of(base)
    match = _VERSIONED_STEM.fullmatch(base[: -len(ext) - 1] if ext else base)
    return match.group("project") if match else None
