"""Fetching sources: the source cache, then each mirror, then upstream; always verified.

Order of places for one file (:class:`~rpm_spec.build.source_file.SourceFile`):

1. the source cache, ``<source_cache>/<package>/<stem>.<ext>`` (a cache hit costs a
   ``stat``: the sum recorded at verification time is reused, see ``verify.py``);
2. every source mirror in config order, ``<mirror>/<package>/<stem>.<ext>``;
   a local mirror is searched for the stem with any archive extension, a remote
   one is asked for the URL's extension first and then the common others;
3. upstream: the URL (``http(s)://``, ``file://`` or a path), or for a PyPI
   source ``python -m pip download`` so that pip's own index configuration (a
   cluster's internal index) applies.

Every download lands in a temporary file beside its cache entry and is hashed
while written; only a file whose sha256 matches enters the cache (atomic rename),
so a mismatch leaves nothing behind. The source cache is the user's alone: its
directories are made 0700, or used only if ``lstat`` shows them ours and writable
by nobody else (:func:`~rpm_spec.util.fs.private_directory`), since a recorded sum
beside a cached file is trusted. A mirror being filled (``mirror create``) is meant
for others, so it is not held to that. Cached files follow the umask.

A place that fails is recorded and the next one tried: :class:`FetchError` lists
them all; when some place served wrong bytes and none served right ones, the
:class:`ChecksumError` for those bytes is raised.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.archive import ARCHIVE_EXTENSIONS, extension_of, sniff_extension
from rpm_spec.build.errors import ChecksumError, FetchError, MissingChecksumError
from rpm_spec.build.mirrors import Mirror, local_path, mirrors_from_config
from rpm_spec.build.source_file import SourceFile
from rpm_spec.build.transport import Unavailable, copy_local, download
from rpm_spec.build.verify import (
    cached_sha256,
    remove_with_sidecar,
    sha256_file,
    write_sidecar,
)
from rpm_spec.util.fs import current_umask, private_directory

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rpm_spec.config import Configuration

#: ``runner(argv) -> (exit code, output)``; tests pass a fake that writes the file.
PipRunner = Callable[[Sequence[str]], tuple[int, str]]
#: ``fetch_into(temporary file) -> (sha256, extension of what was fetched or None)``.
FetchInto = Callable[[Path], tuple[str, str | None]]

#: The setting that moves the source cache, named in errors.
SOURCE_CACHE_SETTING = "config:source_cache"
#: Extensions asked of a remote mirror after the URL's own, most common first.
_REMOTE_GUESSES = ("tar.gz", "tar.xz", "tar.bz2", "tgz", "zip")


class FetchReporter:
    """Progress hooks with no-op defaults; the CLI renders them, tests record them."""

    def fetch_started(self, name: str, source: str) -> None:
        """A transfer of ``name`` from ``source`` (a URL or a mirror's) begins."""

    def fetch_progress(self, done_bytes: int, total_bytes: int | None) -> None:
        """Bytes written so far of the current transfer, and its size if known."""

    def fetch_failed(self, name: str, source: str, reason: str) -> None:
        """One place could not deliver ``name``; the next one is tried."""

    def fetch_finished(self, name: str, path: Path, from_cache: bool) -> None:
        """``name`` is verified at ``path``; ``from_cache`` if nothing was transferred."""


def run_pip(argv: Sequence[str]) -> tuple[int, str]:
    """Run a pip command line; its exit code and combined output."""
    done = subprocess.run(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        check=False,
    )
    return done.returncode, done.stdout


class Fetcher:
    """Finds, downloads and verifies source files into a source cache."""

    def __init__(
        self,
        mirrors: Sequence[Mirror],
        source_cache: Path,
        reporter: FetchReporter | None = None,
        *,
        timeout_s: float = 10.0,
        retries: int = 1,
        retry_delay_s: float = 1.0,
        verify_ssl: bool = True,
        pip: PipRunner = run_pip,
        python: str = sys.executable,
        private_cache: bool = True,
    ) -> None:
        self.mirrors = tuple(mirror for mirror in mirrors if mirror.source)
        self.source_cache = source_cache
        #: Hold ``source_cache`` to be this user's alone (not for a mirror being filled).
        self.private_cache = private_cache
        self.reporter = reporter or FetchReporter()
        self.timeout_s = timeout_s
        self.retries = retries
        self.retry_delay_s = retry_delay_s
        self.verify_ssl = verify_ssl
        self.pip = pip
        self.python = python

    @classmethod
    def from_config(
        cls,
        config: Configuration,
        reporter: FetchReporter | None = None,
        *,
        source_cache: Path | None = None,
        extra_mirrors: Sequence[Mirror] = (),
        private_cache: bool = True,
    ) -> Fetcher:
        """A fetcher with the configured mirrors (after ``extra_mirrors``), cache and timeouts.

        ``private_cache`` False: ``source_cache`` is a mirror being filled, for others too.
        """
        from rpm_spec.config import BuildSettings  # lazy: startup
        from rpm_spec.config.policy import admin_policy  # lazy: startup

        settings = BuildSettings.from_config(config, cpu_count=1)
        policy = admin_policy(config)  # policy.yaml ``caches: allow:`` names usable mirrors
        allowed = [m for m in mirrors_from_config(config) if policy.cache_allowed(m.name)]
        return cls(
            [*extra_mirrors, *allowed],
            source_cache or settings.source_cache,
            reporter,
            timeout_s=settings.connect_timeout_s,
            verify_ssl=settings.verify_ssl,
            private_cache=private_cache,
        )

    # --- the public API ----------------------------------------------------------------

    def fetch(
        self, name: str, version: str, url: str | None, sha256: str | None, checksum: bool = True
    ) -> Path:
        """The verified release archive of ``name@version`` in the source cache."""
        return self.fetch_file(SourceFile.archive(name, version, url, sha256), checksum=checksum)

    def fetch_pypi(
        self,
        name: str,
        version: str,
        sha256: str | None,
        *,
        project: str | None = None,
        checksum: bool = True,
    ) -> Path:
        """The sdist of a PyPI project (``project`` defaults to ``name`` minus ``py-``)."""
        project = project or name.removeprefix("py-")
        return self.fetch_file(SourceFile.pypi(name, version, sha256, project), checksum=checksum)

    def fetch_file(self, source: SourceFile, *, checksum: bool = True) -> Path:
        """Any source file (archive, patch, resource): cached, from a mirror, or upstream."""
        return self.fetch_with_origin(source, checksum=checksum)[0]

    def fetch_with_origin(self, source: SourceFile, *, checksum: bool = True) -> tuple[Path, bool]:
        """Like :meth:`fetch_file`; also whether the file was in the cache already."""
        if checksum and not source.sha256:
            raise MissingChecksumError(source.label)
        expected = source.sha256 if checksum else None
        attempts: list[tuple[str, str]] = []
        mismatches: list[ChecksumError] = []

        if self.private_cache:  # before anything in it is trusted
            private_directory(self.source_cache / source.package, setting=SOURCE_CACHE_SETTING)
        cached = self._from_cache(source, expected, attempts)
        if cached is not None:
            self.reporter.fetch_finished(source.label, cached, True)
            return cached, True
        for place, fetch_into in self._places(source):
            self.reporter.fetch_started(source.label, place)
            try:
                path = self._transfer(source, expected, place, fetch_into)
            except Unavailable as error:
                attempts.append((place, error.reason))
                self.reporter.fetch_failed(source.label, place, error.reason)
                continue
            except ChecksumError as error:
                mismatches.append(error)
                attempts.append((place, f"sha256 {error.actual}, expected {error.expected}"))
                self.reporter.fetch_failed(source.label, place, "sha256 mismatch")
                continue
            self.reporter.fetch_finished(source.label, path, False)
            return path, False
        if mismatches:
            others = "; ".join(f"{place}: {why}" for place, why in attempts)
            first = mismatches[0]
            raise ChecksumError(
                first.source,
                first.expected,
                first.actual,
                hint=f"places tried: {others}" if len(attempts) > 1 else None,
            )
        raise FetchError(
            source.label,
            attempts,
            hint="add a mirror that has it with 'rpm-spec mirror add NAME URL'"
            if source.url
            else None,
        )

    # --- places ------------------------------------------------------------------------

    def _from_cache(
        self, source: SourceFile, expected: str | None, attempts: list[tuple[str, str]]
    ) -> Path | None:
        """A cached copy whose (recorded) sum is right; wrong copies are removed."""
        for path in _local_candidates(self.source_cache, source):
            actual = cached_sha256(path)
            if expected is None or actual == expected:
                return path
            remove_with_sidecar(path)
            attempts.append((f"source cache {path}", f"held sha256 {actual} instead; removed it"))
        return None

    def _places(self, source: SourceFile) -> Iterator[tuple[str, FetchInto]]:
        """(label, fetch_into) for each place to try, in order."""
        for mirror in self.mirrors:
            root = mirror.local_root
            if root is not None:
                found = _local_candidates(root, source) or [root / source.relative_path()]
                for path in found:
                    yield f"mirror '{mirror.name}' ({path})", self._copier(path)
                continue
            for ext in _remote_extensions(source):
                url = mirror.url_for(source.relative_path(ext))
                yield f"mirror '{mirror.name}' ({url})", self._downloader(url, ext)
        if source.pypi_project and source.pypi_version:
            requirement = f"{source.pypi_project}=={source.pypi_version}"
            yield (
                f"pip download {requirement}",
                self._pip_downloader(source.pypi_project, requirement),
            )
        if source.url:
            upstream = local_path(source.url)
            if upstream is not None:
                yield source.url, self._copier(upstream)
            else:
                yield source.url, self._downloader(source.url, source.url_extension)

    def _copier(self, path: Path) -> FetchInto:
        def fetch_into(target: Path) -> tuple[str, str | None]:
            return copy_local(path, target, self.reporter.fetch_progress), extension_of(path.name)

        return fetch_into

    def _downloader(self, url: str, ext: str | None) -> FetchInto:
        def fetch_into(target: Path) -> tuple[str, str | None]:
            sha256 = download(
                url,
                target,
                self.reporter.fetch_progress,
                timeout_s=self.timeout_s,
                retries=self.retries,
                retry_delay_s=self.retry_delay_s,
                verify_ssl=self.verify_ssl,
            )
            return sha256, ext

        return fetch_into

    def _pip_downloader(self, project: str, requirement: str) -> FetchInto:
        def fetch_into(target: Path) -> tuple[str, str | None]:
            # Only this project must come as source; pip may still use wheels of build
            # backends to read its metadata (':all:' would force building those too).
            scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=".pip-"))
            try:
                argv = [
                    self.python,
                    *("-m", "pip", "download", "--no-deps", "--no-binary", project),
                    *("-d", str(scratch), requirement),
                ]
                code, output = self.pip(argv)
                files = [p for p in scratch.iterdir() if p.is_file()]
                if code != 0:
                    last = output.strip().splitlines()[-1:] or [f"exit code {code}"]
                    raise Unavailable(f"pip failed: {last[0]}")
                if len(files) != 1:
                    raise Unavailable(f"pip wrote {len(files)} files, expected one sdist")
                shutil.move(files[0], target)
                return sha256_file(target), extension_of(files[0].name)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)

        return fetch_into

    # --- transfers ---------------------------------------------------------------------

    def _transfer(
        self,
        source: SourceFile,
        expected: str | None,
        place: str,
        fetch_into: FetchInto,
    ) -> Path:
        """Run one place's transfer into a temporary file; verify; move it into the cache."""
        directory = self.source_cache / source.package
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise Unavailable(f"cannot create {directory}: {error.strerror}") from None
        handle, name = tempfile.mkstemp(dir=directory, prefix=".fetch-", suffix=".part")
        os.close(handle)
        temporary = Path(name)
        try:
            try:
                actual, ext = fetch_into(temporary)
            except OSError as error:
                raise Unavailable(f"cannot write {directory}: {error.strerror}") from None
            if expected is not None and actual != expected:
                raise ChecksumError(f"{source.label} from {place}", expected, actual)
            final = self.source_cache / source.relative_path(
                ext or source.url_extension or sniff_extension(temporary)
            )
            temporary.chmod(0o666 & ~current_umask())  # mkstemp made it 0600
            temporary.replace(final)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        write_sidecar(final, actual)
        return final


def _local_candidates(root: Path, source: SourceFile) -> list[Path]:
    """Files in a local mirror or cache directory that may be ``source``: the exact name
    first, then the stem with any other known extension."""
    exact = root / source.relative_path()
    found = [exact] if exact.is_file() else []
    if source.kind == "patch" and found:
        return found
    directory = exact.parent
    prefix = source.stem + "."
    try:
        names = sorted(entry.name for entry in directory.iterdir())
    except OSError:
        return found
    for name in names:
        if not name.startswith(prefix) or (directory / name) == exact:
            continue
        if extension_of(name) == name[len(prefix) :] and (directory / name).is_file():
            found.append(directory / name)
    return found


def _remote_extensions(source: SourceFile) -> list[str | None]:
    """The extensions to ask a remote mirror for, the URL's own first."""
    own = source.url_extension
    if source.kind == "patch":
        return [own]
    guesses = [ext for ext in _REMOTE_GUESSES if ext != own and ext in ARCHIVE_EXTENSIONS]
    return [own, *guesses] if own else list(guesses)
