"""Counted nouns in messages: ``1 package``, ``2 packages``, ``1 dependency``."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun in its plural form unless ``count`` is 1.

    The plural adds ``s`` (``es`` after s, x, z, ch, sh; ``ies`` for a consonant + y)
    unless ``plural_form`` is given.
    """
    if count == 1:
        return f"{count} {noun}"
    if plural_form is None:
        if noun.endswith(("s", "x", "z", "ch", "sh")):
            plural_form = noun + "es"
        elif noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
            plural_form = noun[:-1] + "ies"
        else:
            plural_form = noun + "s"
    return f"{count} {plural_form}"
