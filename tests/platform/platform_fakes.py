"""Helpers for platform tests: recorded tool outputs, fake executables, a table runner."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

DATA = Path(__file__).resolve().parents[1] / "data" / "platform"


def recorded(relative: str) -> str:
    """The text of a recorded output under tests/data/platform."""
    return (DATA / relative).read_text(encoding="utf-8")


def write_tool(directory: Path, name: str, output: str = "", *, exit_code: int = 0) -> Path:
    """An executable sh script that prints ``output`` and exits with ``exit_code``."""
    directory.mkdir(parents=True, exist_ok=True)
    payload = directory / f".{name}.out"
    payload.write_text(output, encoding="utf-8")
    script = directory / name
    script.write_text(f"#!/bin/sh\ncat '{payload}'\nexit {exit_code}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


class TableRunner:
    """A Runner answering from a table keyed by the executable's file name; records calls."""

    def __init__(self, outputs: Mapping[str, str | None]) -> None:
        self.outputs = dict(outputs)
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, argv: Sequence[str]) -> str | None:
        self.calls.append(tuple(argv))
        return self.outputs.get(Path(argv[0]).name)
