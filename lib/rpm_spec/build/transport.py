"""Moving bytes from a URL into a local file while hashing them.

One function per kind of place: a local file (``file://`` or a plain path) and
``http(s)://`` through urllib (proxies from the usual environment variables,
a timeout, and retries for failures that may pass: connection errors, timeouts,
truncated bodies and 5xx answers; a 404 is final). Each returns the sha256 of
what it wrote. Failures are :class:`Unavailable`, whose ``reason`` the fetcher
lists in its error; they never reach the user on their own.
"""

from __future__ import annotations

import hashlib
import http.client
import ssl
import time
import urllib.error
import urllib.request
from typing import IO, TYPE_CHECKING

from rpm_spec import __version__

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

_CHUNK_BYTES = 1 << 20
_USER_AGENT = f"rpm-spec/{__version__}"


class Unavailable(Exception):
    """A place does not have the file or cannot deliver it; ``reason`` says which."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        #: True when the place answered that it has no such file (so: try elsewhere).
        self.missing = missing


def copy_stream(
    source: IO[bytes],
    target: Path,
    total_bytes: int | None,
    progress: Callable[[int, int | None], None],
) -> str:
    """Write ``source`` to ``target``; the sha256 of the bytes written."""
    digest = hashlib.sha256()
    done = 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK_BYTES):
            out.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            progress(done, total_bytes)
    if total_bytes is not None and done != total_bytes:
        raise Unavailable(f"transfer cut short: {done} of {total_bytes} bytes")
    return digest.hexdigest()


def copy_local(source: Path, target: Path, progress: Callable[[int, int | None], None]) -> str:
    """Copy a local file; :class:`Unavailable` (missing) if there is none."""
    try:
        with source.open("rb") as stream:
            return copy_stream(stream, target, source.stat().st_size, progress)
    except FileNotFoundError:
        raise Unavailable("not found", missing=True) from None
    except IsADirectoryError:
        raise Unavailable("is a directory, not a file") from None
    except OSError as error:
        raise Unavailable(f"cannot read: {error.strerror or error}") from None


def download(
    url: str,
    target: Path,
    progress: Callable[[int, int | None], None],
    *,
    timeout_s: float,
    retries: int = 1,
    retry_delay_s: float = 1.0,
    verify_ssl: bool = True,
) -> str:
    """GET ``url`` into ``target`` with up to ``retries`` more tries for passing failures."""
    context = ssl.create_default_context()
    if not verify_ssl:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    attempt = 0
    while True:
        try:
            return _get(request, target, progress, timeout_s, context)
        except Unavailable as error:
            if error.missing or attempt >= retries:
                if attempt:
                    raise Unavailable(f"{error.reason} (after {attempt + 1} tries)") from None
                raise
        attempt += 1
        time.sleep(retry_delay_s * attempt)


def _get(
    request: urllib.request.Request,
    target: Path,
    progress: Callable[[int, int | None], None],
    timeout_s: float,
    context: ssl.SSLContext,
) -> str:
    try:
        with urllib.request.urlopen(request, timeout=timeout_s, context=context) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            return copy_stream(response, target, total, progress)
    except urllib.error.HTTPError as error:
        if 400 <= error.code < 500 and error.code not in (408, 429):
            raise Unavailable(f"HTTP {error.code} {error.reason}", missing=True) from None
        raise Unavailable(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise Unavailable(f"cannot connect: {error.reason}") from None
    except (TimeoutError, ConnectionError, http.client.HTTPException) as error:
        raise Unavailable(f"transfer failed: {error or type(error).__name__}") from None
