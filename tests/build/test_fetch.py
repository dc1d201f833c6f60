"""Fetcher: source cache, mirrors, upstream (file://, http), pip; sha256 always."""

from __future__ import annotations

import http.server
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from source_archives import RecordingReporter, sha256_of, write_tarball

from rpm_spec.build.errors import ChecksumError, FetchError, MissingChecksumError
from rpm_spec.build.fetch import Fetcher
from rpm_spec.build.mirrors import Mirror
from rpm_spec.build.source_file import SourceFile, pypi_project_of, url_basename
from rpm_spec.build.verify import sidecar_of
from rpm_spec.util.fs import UnsafePathError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

WRONG = "0" * 64


def fetcher_for(
    tmp_path: Path, mirrors: Sequence[Mirror] = (), **options: Any
) -> tuple[Fetcher, RecordingReporter]:
    reporter = RecordingReporter()
    fetcher = Fetcher(
        mirrors, tmp_path / "cache", reporter, retry_delay_s=0.0, timeout_s=5.0, **options
    )
    return fetcher, reporter


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "cache").rglob("*") if p.is_file())


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[str, str]:
    """``pkg-1.0.tar.gz`` upstream: its file:// URL and sha256."""
    path = tmp_path / "upstream" / "pkg-1.0.tar.gz"
    return path.as_uri(), write_tarball(path)


def test_fetch_from_url_verifies_and_caches(tmp_path: Path, upstream: tuple[str, str]) -> None:
    url, sha = upstream
    fetcher, reporter = fetcher_for(tmp_path)
    path = fetcher.fetch("pkg", "1.0", url, sha)
    assert path == tmp_path / "cache" / "pkg" / "pkg-1.0.tar.gz"
    assert sha256_of(path) == sha
    assert sidecar_of(path).is_file()
    assert reporter.kinds() == ["started", "finished"]
    assert reporter.finished() == [("finished", "pkg@1.0", path, False)]
    assert any(e[0] == "progress" for e in reporter.events)
    assert cache_files(tmp_path) == [path, sidecar_of(path)]  # no temporary left


def test_a_cache_hit_trusts_the_sidecar_until_the_file_changes(
    tmp_path: Path, upstream: tuple[str, str]
) -> None:
    url, sha = upstream
    fetcher, reporter = fetcher_for(tmp_path)
    path = fetcher.fetch("pkg", "1.0", url, sha)
    assert fetcher.fetch_with_origin(SourceFile.archive("pkg", "1.0", url, sha)) == (path, True)

    # The recorded sum is believed while size and mtime stay: no re-hash on a hit.
    sidecar = sidecar_of(path)
    sidecar.write_text(sidecar.read_text().replace(sha, WRONG))
    assert fetcher.fetch("pkg", "1.0", url, WRONG) == path
    assert reporter.finished()[-1][-1] is True

    # Once the file is touched, it is hashed again: the bogus sum no longer matches.
    os.utime(path, ns=(1, 1))
    with pytest.raises(ChecksumError):
        fetcher.fetch("pkg", "1.0", url, WRONG)
    assert cache_files(tmp_path) == []


@pytest.mark.parametrize("unsafe", ["cache", "package"])
def test_a_source_cache_others_may_write_to_is_refused(
    tmp_path: Path, upstream: tuple[str, str], unsafe: str
) -> None:
    """A planted file with a planted sidecar would pass as verified: never look at it."""
    url, sha = upstream
    fetcher, _ = fetcher_for(tmp_path)
    path = fetcher.fetch("pkg", "1.0", url, sha)
    path.write_bytes(b"planted")
    sidecar = sidecar_of(path)
    stat = path.stat()
    sidecar.write_text(
        json.dumps({"sha256": sha, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    )
    shared = tmp_path / "cache" if unsafe == "cache" else path.parent
    shared.chmod(0o777)
    with pytest.raises(UnsafePathError) as caught:
        fetcher.fetch("pkg", "1.0", url, sha)
    assert f"refusing to use {shared}" in str(caught.value)
    assert "config:source_cache" in (caught.value.hint or "")
    assert path.read_bytes() == b"planted"  # left alone, not used


@pytest.mark.usefixtures("umask")
def test_new_source_cache_directories_are_private_and_files_follow_the_umask(
    tmp_path: Path, upstream: tuple[str, str]
) -> None:
    url, sha = upstream
    fetcher, _ = fetcher_for(tmp_path)
    os.umask(0o022)
    path = fetcher.fetch("pkg", "1.0", url, sha)
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o644
    assert sidecar_of(path).stat().st_mode & 0o777 == 0o644


def test_a_mirror_being_filled_need_not_be_private(
    tmp_path: Path, upstream: tuple[str, str]
) -> None:
    url, sha = upstream
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache").chmod(0o775)  # a team's mirror
    fetcher, _ = fetcher_for(tmp_path, private_cache=False)
    assert fetcher.fetch("pkg", "1.0", url, sha) == tmp_path / "cache" / "pkg" / "pkg-1.0.tar.gz"


def test_a_bad_cached_file_is_replaced(tmp_path: Path, upstream: tuple[str, str]) -> None:
    url, sha = upstream
    bad = tmp_path / "cache" / "pkg" / "pkg-1.0.tar.gz"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"truncated")
    fetcher, reporter = fetcher_for(tmp_path)
    assert fetcher.fetch("pkg", "1.0", url, sha) == bad
    assert sha256_of(bad) == sha
    assert reporter.finished()[-1][-1] is False


def test_checksum_mismatch_names_both_sums_and_keeps_nothing(
    tmp_path: Path, upstream: tuple[str, str]
) -> None:
    url, sha = upstream
    fetcher, _ = fetcher_for(tmp_path)
    with pytest.raises(ChecksumError) as caught:
        fetcher.fetch("pkg", "1.0", url, WRONG)
    error = caught.value
    assert (error.expected, error.actual) == (WRONG, sha)
    text = str(error)
    assert "pkg@1.0" in text and url in text and WRONG in text and sha in text
    assert "nothing was installed" in text
    assert cache_files(tmp_path) == []


def test_no_sum_no_fetch_unless_checksum_is_off(tmp_path: Path, upstream: tuple[str, str]) -> None:
    url, sha = upstream
    fetcher, _ = fetcher_for(tmp_path)
    with pytest.raises(MissingChecksumError, match="no sha256"):
        fetcher.fetch("pkg", "1.0", url, None)
    assert sha256_of(fetcher.fetch("pkg", "1.0", url, None, checksum=False)) == sha
    # checksum=False also accepts a wrong sum (the user said --no-checksum).
    assert fetcher.fetch("pkg", "1.0", url, WRONG, checksum=False).is_file()


def test_local_mirror_may_hold_another_extension(tmp_path: Path) -> None:
    mirror_dir = tmp_path / "mirror"
    sha = write_tarball(mirror_dir / "pkg" / "pkg-1.0.tar.xz")
    write_tarball(mirror_dir / "pkg" / "pkg-1.0.1.tar.gz")  # a longer version: not a match
    url = "https://example.invalid/dist/pkg-1.0.tar.bz2"
    for number, mirror_url in enumerate((mirror_dir.as_uri(), str(mirror_dir))):
        fetcher, reporter = fetcher_for(tmp_path / str(number), [Mirror("m", mirror_url)])
        path = fetcher.fetch("pkg", "1.0", url, sha)
        assert path.name == "pkg-1.0.tar.xz" and sha256_of(path) == sha
        assert reporter.kinds() == ["started", "finished"]


def test_mirrors_in_order_then_upstream(tmp_path: Path, upstream: tuple[str, str]) -> None:
    url, sha = upstream
    empty = tmp_path / "empty"
    empty.mkdir()
    full = tmp_path / "full"
    write_tarball(full / "pkg" / "pkg-1.0.tar.gz")
    fetcher, reporter = fetcher_for(
        tmp_path, [Mirror("empty", str(empty)), Mirror("full", str(full))]
    )
    fetcher.fetch("pkg", "1.0", url, sha)
    failed = [e for e in reporter.events if e[0] == "failed"]
    assert len(failed) == 1 and "mirror 'empty'" in str(failed[0][2])
    started = [e[2] for e in reporter.events if e[0] == "started"]
    assert "mirror 'full'" in str(started[-1])


def test_binary_only_mirrors_are_not_asked_for_sources(tmp_path: Path) -> None:
    full = tmp_path / "full"
    sha = write_tarball(full / "pkg" / "pkg-1.0.tar.gz")
    fetcher, _ = fetcher_for(tmp_path, [Mirror("bin", str(full), source=False)])
    with pytest.raises(FetchError):
        fetcher.fetch("pkg", "1.0", None, sha)


def test_a_corrupt_mirror_file_is_skipped_for_good_upstream(
    tmp_path: Path, upstream: tuple[str, str]
) -> None:
    url, sha = upstream
    corrupt = tmp_path / "mirror" / "pkg" / "pkg-1.0.tar.gz"
    corrupt.parent.mkdir(parents=True)
    corrupt.write_bytes(b"corrupt")
    fetcher, reporter = fetcher_for(tmp_path, [Mirror("m", str(tmp_path / "mirror"))])
    assert sha256_of(fetcher.fetch("pkg", "1.0", url, sha)) == sha
    assert any("sha256 mismatch" in str(e) for e in reporter.events if e[0] == "failed")


def test_a_corrupt_mirror_file_without_upstream_is_a_checksum_error(tmp_path: Path) -> None:
    corrupt = tmp_path / "mirror" / "pkg" / "pkg-1.0.tar.gz"
    corrupt.parent.mkdir(parents=True)
    corrupt.write_bytes(b"corrupt")
    fetcher, _ = fetcher_for(tmp_path, [Mirror("m", corrupt.parents[1].as_uri())])
    missing = (tmp_path / "nowhere" / "pkg-1.0.tar.gz").as_uri()
    with pytest.raises(ChecksumError) as caught:
        fetcher.fetch("pkg", "1.0", missing, WRONG)
    assert "mirror 'm'" in str(caught.value) and caught.value.actual == sha256_of(corrupt)
    assert caught.value.hint is not None and "not found" in caught.value.hint
    assert cache_files(tmp_path) == []


def test_fetch_error_lists_every_place(tmp_path: Path) -> None:
    (tmp_path / "mirror").mkdir()
    fetcher, _ = fetcher_for(tmp_path, [Mirror("local", str(tmp_path / "mirror"))])
    missing = (tmp_path / "nowhere" / "pkg-1.0.tar.gz").as_uri()
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("pkg", "1.0", missing, WRONG)
    lines = str(caught.value).splitlines()
    assert lines[0] == "could not fetch pkg@1.0"
    assert "mirror 'local'" in lines[1] and "not found" in lines[1]
    assert missing in lines[2] and "not found" in lines[2]


# --- http -------------------------------------------------------------------------------


class _Server:
    """A local http server over a directory; ``failures[path]`` 503s before serving."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        self.failures: dict[str, int] = {}
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:
                server.requests.append(self.path)
                if server.failures.get(self.path, 0) > 0:
                    server.failures[self.path] -= 1
                    self.send_error(503, "try again")
                    return
                super().do_GET()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[_Server]:
    root = tmp_path / "served"
    root.mkdir()
    served = _Server(root)
    thread = threading.Thread(target=served.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.httpd.shutdown()
        served.httpd.server_close()
        thread.join(timeout=5)


def test_http_fetch_retries_a_passing_failure(tmp_path: Path, server: _Server) -> None:
    sha = write_tarball(server.root / "pkg-1.0.tar.gz")
    server.failures["/pkg-1.0.tar.gz"] = 1
    fetcher, _ = fetcher_for(tmp_path)
    path = fetcher.fetch("pkg", "1.0", f"{server.url}/pkg-1.0.tar.gz", sha)
    assert sha256_of(path) == sha
    assert server.requests == ["/pkg-1.0.tar.gz", "/pkg-1.0.tar.gz"]


def test_http_gives_up_after_the_retries(tmp_path: Path, server: _Server) -> None:
    sha = write_tarball(server.root / "pkg-1.0.tar.gz")
    server.failures["/pkg-1.0.tar.gz"] = 5
    fetcher, _ = fetcher_for(tmp_path, retries=1)
    with pytest.raises(FetchError, match=r"HTTP 503.*after 2 tries"):
        fetcher.fetch("pkg", "1.0", f"{server.url}/pkg-1.0.tar.gz", sha)
    assert len(server.requests) == 2


def test_http_404_is_not_retried(tmp_path: Path, server: _Server) -> None:
    fetcher, _ = fetcher_for(tmp_path)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch("pkg", "1.0", f"{server.url}/pkg-1.0.tar.gz", WRONG)
    assert server.requests == ["/pkg-1.0.tar.gz"]


def test_remote_mirror_is_asked_for_other_extensions(tmp_path: Path, server: _Server) -> None:
    sha = write_tarball(server.root / "mirror" / "pkg" / "pkg-1.0.tar.gz")
    fetcher, _ = fetcher_for(tmp_path, [Mirror("web", f"{server.url}/mirror/")])
    path = fetcher.fetch("pkg", "1.0", "https://example.invalid/pkg-1.0.tar.bz2", sha)
    assert path.name == "pkg-1.0.tar.gz"
    assert server.requests == ["/mirror/pkg/pkg-1.0.tar.bz2", "/mirror/pkg/pkg-1.0.tar.gz"]


# --- pip --------------------------------------------------------------------------------


class FakePip:
    """Stands in for ``python -m pip``: writes an sdist into the ``-d`` directory."""

    def __init__(self, tmp_path: Path, *, code: int = 0, files: int = 1) -> None:
        self.calls: list[list[str]] = []
        self.code = code
        self.files = files
        self.sdist = tmp_path / "index" / "foo-2.1.tar.gz"
        self.sha = write_tarball(self.sdist, top="foo-2.1")

    def __call__(self, argv: Sequence[str]) -> tuple[int, str]:
        self.calls.append(list(argv))
        target = Path(argv[argv.index("-d") + 1])
        for number in range(self.files):
            name = self.sdist.name if number == 0 else f"extra-{number}.tar.gz"
            (target / name).write_bytes(self.sdist.read_bytes())
        return self.code, "Saved foo-2.1.tar.gz\n" if self.code == 0 else "ERROR: no index\n"


def test_fetch_pypi_runs_pip_download(tmp_path: Path) -> None:
    pip = FakePip(tmp_path)
    fetcher, _ = fetcher_for(tmp_path, pip=pip, python="/opt/python")
    path = fetcher.fetch_pypi("py-foo", "2.1", pip.sha)
    assert path == tmp_path / "cache" / "py-foo" / "py-foo-2.1.tar.gz"
    (argv,) = pip.calls
    assert argv[:5] == ["/opt/python", "-m", "pip", "download", "--no-deps"]
    assert argv[argv.index("--no-binary") + 1] == "foo" and argv[-1] == "foo==2.1"
    # Cached now: pip is not asked again.
    fetcher.fetch_pypi("py-foo", "2.1", pip.sha)
    assert len(pip.calls) == 1


def test_pypi_urls_go_through_pip_before_the_url(tmp_path: Path) -> None:
    pip = FakePip(tmp_path)
    fetcher, _ = fetcher_for(tmp_path, pip=pip)
    url = "https://files.pythonhosted.org/packages/source/f/foo/foo-2.1.tar.gz"
    assert fetcher.fetch("py-foo", "2.1", url, pip.sha).name == "py-foo-2.1.tar.gz"
    assert pip.calls[0][-1] == "foo==2.1"


def test_pip_failures_are_listed(tmp_path: Path) -> None:
    fetcher, _ = fetcher_for(tmp_path, pip=FakePip(tmp_path, code=1))
    with pytest.raises(FetchError, match="pip failed: ERROR: no index"):
        fetcher.fetch_pypi("py-foo", "2.1", WRONG)
    fetcher, _ = fetcher_for(tmp_path, pip=FakePip(tmp_path, files=2))
    with pytest.raises(FetchError, match="pip wrote 2 files"):
        fetcher.fetch_pypi("py-foo", "2.1", WRONG)
    assert cache_files(tmp_path) == []


def test_pip_output_is_verified(tmp_path: Path) -> None:
    fetcher, _ = fetcher_for(tmp_path, pip=FakePip(tmp_path))
    with pytest.raises(ChecksumError, match=r"pip download foo==2\.1"):
        fetcher.fetch_pypi("py-foo", "2.1", WRONG)
    assert cache_files(tmp_path) == []


# --- naming -----------------------------------------------------------------------------


def test_source_file_names() -> None:
    archive = SourceFile.archive("lz4", "1.9.4", "https://x/archive/refs/tags/v1.9.4.tar.gz", None)
    assert archive.relative_path() == "lz4/lz4-1.9.4.tar.gz"
    assert archive.relative_path("tar.xz") == "lz4/lz4-1.9.4.tar.xz"
    sha = "ab" * 32
    patch = SourceFile.patch("xz", "https://x/fix%201.patch?full_index=1", sha)
    assert patch.relative_path() == "xz/fix 1-abababab.patch"
    assert patch.label == "patch fix 1.patch of xz"
    resource = SourceFile.resource("pkg", "data", "https://x/data.zip", sha)
    assert resource.relative_path() == "pkg/data-abababab.zip"
    assert url_basename("https://x/a/b.tar.gz#frag") == "b.tar.gz"


@pytest.mark.parametrize(
    ("url", "project"),
    [
        (
            "https://files.pythonhosted.org/packages/source/s/setuptools/setuptools-80.9.0.tar.gz",
            "setuptools",
        ),
        ("https://files.pythonhosted.org/packages/ab/cd/ef/flit_core-3.9.0.tar.gz", "flit_core"),
        ("https://pypi.org/packages/source/p/pip/pip-25.0.tar.gz", "pip"),
        ("https://example.com/pip-25.0.tar.gz", None),
    ],
)
def test_pypi_project_of(url: str, project: str | None) -> None:
    assert pypi_project_of(url) == project
