"""Where each concrete spec is installed: a projection of its attributes under a root.

The projection is a path template such as the default
``{platform}-{target}/{compiler}/{name}-{version}-{hash}``. Placeholders:
``name namespace version platform os target compiler hash``, and ``{hash:N}``
for the first N characters of the hash. ``{compiler}`` is written ``gcc-12.2.0``
(no ``@``, which some build systems mistake for something else). A projection
must contain the hash, or two configurations of one package would share a prefix.
Externals are not laid out: they keep the prefix they were found at.

``config:install_tree:padded_length: N`` means what it means in Spack: prefixes are laid
out below the root lengthened to exactly N characters with placeholder directories
(``<root>/__rpm_spec_path_placeholder__/__rpm_spec_pa``), so that binaries built here
hold long paths that a binary cache can shorten in place into another, longer root. A
root already N characters long or longer is not padded. Only prefixes move: the install
database and its locks stay below the configured root.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.config.settings import DEFAULT_PROJECTION
from rpm_spec.store.errors import LayoutError

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteSpec

#: Per-prefix directory of rpm-spec's own files (provenance, the completion marker).
METADATA_DIR = ".rpm-spec"
#: The directory name repeated (and cut) to pad a root to ``padded_length``.
PLACEHOLDER = "__rpm_spec_path_placeholder__"

_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\d+))?\}")
_KNOWN = ("name", "namespace", "version", "platform", "os", "target", "compiler", "hash")
#: Characters we do not put into a directory name even if a version has them.
_UNSAFE = re.compile(r"[^A-Za-z0-9._+=-]")


@dataclass(frozen=True)
class Layout:
    """Maps concrete specs to prefixes below ``root``."""

    root: Path
    projection: str = DEFAULT_PROJECTION
    #: ``config:install_tree:padded_length``; 0 means no padding.
    padded_length: int = 0
    #: The directory prefixes are laid out under: ``root``, padded to ``padded_length``.
    padded_root: Path = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "padded_root", pad_root(self.root, self.padded_length))
        fields = [match.group(1) for match in _PLACEHOLDER.finditer(self.projection)]
        unknown = sorted(set(fields) - set(_KNOWN))
        if unknown:
            raise LayoutError(
                f"unknown placeholder(s) {', '.join('{' + u + '}' for u in unknown)} "
                f"in install_tree projection '{self.projection}'",
                hint=f"known placeholders: {', '.join(_KNOWN)}",
            )
        if "hash" not in fields:
            raise LayoutError(
                f"install_tree projection '{self.projection}' has no {{hash}}",
                hint="without the hash, different builds of one package share a prefix",
            )
        if self.projection.startswith("/") or ".." in Path(self.projection).parts:
            raise LayoutError(
                f"install_tree projection '{self.projection}' must stay below the root"
            )

    def relative_path(self, spec: ConcreteSpec) -> Path:
        """The prefix of ``spec`` relative to the root."""
        compiler = spec.compiler
        values = {
            "name": spec.name,
            "namespace": spec.namespace,
            "version": str(spec.version),
            "platform": spec.platform,
            "os": spec.os,
            "target": spec.target,
            "compiler": f"{compiler.name}-{compiler.version}" if compiler else "none",
            "hash": spec.hash,
        }

        def replace(match: re.Match[str]) -> str:
            value = values[match.group(1)]
            if match.group(2):
                value = value[: int(match.group(2))]
            return _UNSAFE.sub("_", value)

        return Path(_PLACEHOLDER.sub(replace, self.projection))

    def prefix_for(self, spec: ConcreteSpec) -> Path:
        """Where ``spec`` is (or will be) installed; an external's own prefix."""
        if spec.external_prefix is not None:
            return Path(spec.external_prefix)
        return self.padded_root / self.relative_path(spec)

    @staticmethod
    def metadata_dir(prefix: Path) -> Path:
        """Where rpm-spec keeps its own files inside ``prefix``."""
        return prefix / METADATA_DIR


def pad_root(root: Path, length: int) -> Path:
    """``root`` lengthened to exactly ``length`` characters with placeholder directories;
    ``root`` itself when it is that long already (or ``length`` is 0)."""
    missing = length - len(str(root))
    if missing <= 0:
        return root
    if missing == 1:
        raise LayoutError(
            f"install_tree padded_length {length} is one character longer than the root "
            f"{root}: no directory fits in one character after its '/'",
            hint=f"set config:install_tree:padded_length to {length + 1} or more",
        )
    parts: list[str] = []
    while missing > 0:
        # each part costs its '/' too; never leave exactly one character for the next part
        size = min(len(PLACEHOLDER), missing - 1)
        if missing - (size + 1) == 1:
            size -= 1
        parts.append(PLACEHOLDER[:size])
        missing -= size + 1
    return root.joinpath(*parts)
