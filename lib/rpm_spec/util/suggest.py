"""Did-you-mean suggestions for unknown names."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Names from ``candidates`` that look like ``word``, best first.

    Substring matches count too, so ``torch`` suggests ``py-torch``.
    """
    pool = sorted(set(candidates))
    found = difflib.get_close_matches(word, pool, n=limit, cutoff=0.6)
    for name in pool:
        if len(found) >= limit:
            break
        if word in name and name not in found:
            found.append(name)
    return found


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint sentence, or None when nothing is close."""
    matches = close_matches(word, candidates)
    if not matches:
        return None
    return "did you mean " + ", ".join(matches) + "?"
