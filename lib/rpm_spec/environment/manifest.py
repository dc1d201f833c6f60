"""``rpm-spec.yaml``: what an environment asks for, in the user's words.

::

    rpm-spec:
      specs: [hdf5+mpi, py-torch+cuda]
      view: true            # or false, or a path
      concretizer: {unify: true}
      packages: {...}       # any configuration section: the environment's config scope

The file is edited with ruamel in round-trip mode, so comments survive ``add``
and ``remove``. Configuration sections inside it form the ``environment`` scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.config.merge import key_name
from rpm_spec.config.schema import Schemas
from rpm_spec.config.yaml_io import dump, load_file, update_document
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.util.fs import atomic_write
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config.cache import ConfigCache
    from rpm_spec.config.yaml_io import LoadedYaml

MANIFEST_NAME = "rpm-spec.yaml"
TOP_KEY = "rpm-spec"
#: The keys of ``rpm-spec:`` that are not configuration sections.
OWN_KEYS = ("specs", "view")


@dataclass
class Manifest:
    """The abstract side of an environment."""

    path: Path
    specs: list[str]
    view: bool | str
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path, *, cache: ConfigCache | None = None) -> Manifest:
        """The manifest at ``path`` (through ``cache`` when given: no parse if unchanged)."""
        loaded = cache.load(path) if cache is not None else load_file(path)
        if loaded is None:
            raise EnvironmentError_(f"{path}: no such manifest")
        top = loaded.data.get(TOP_KEY) if isinstance(loaded.data, dict) else None
        if not isinstance(top, dict):
            raise EnvironmentError_(f"{path}: expected a top-level '{TOP_KEY}:' mapping")
        specs = top.get("specs") or []
        if not isinstance(specs, list) or not all(isinstance(s, str) for s in specs):
            line = loaded.lines.get((TOP_KEY, "specs"))
            where = f"{path}:{line}" if line else str(path)
            raise EnvironmentError_(f"{where}: 'specs' must be a list of spec strings")
        _check_keys(top, loaded, path)
        view = top.get("view", True)
        if not isinstance(view, bool | str):
            line = loaded.lines.get((TOP_KEY, "view"))
            where = f"{path}:{line}" if line else str(path)
            raise EnvironmentError_(f"{where}: 'view' must be true, false or a directory")
        return cls(path, list(specs), view, top)

    @classmethod
    def create(cls, path: Path, specs: list[str], *, view: bool | str = True) -> Manifest:
        manifest = cls(path, list(specs), view, {"specs": list(specs), "view": view})
        manifest.write()
        return manifest

    @property
    def unify(self) -> bool | str:
        concretizer = self.data.get("concretizer") or {}
        value = concretizer.get("unify", True) if isinstance(concretizer, dict) else True
        return value if isinstance(value, bool | str) else True

    def write(self) -> None:
        """Write back, keeping comments and the order of what was there.

        A read-modify-write: callers hold ``locked_update(path)`` around reading the
        manifest and this call (``Environment.add`` does).
        """
        self.data["specs"] = list(self.specs)
        loaded = load_file(self.path) if self.path.exists() else None
        if loaded is None:
            atomic_write(self.path, dump({TOP_KEY: self.data}))
            return
        atomic_write(self.path, dump(update_document(loaded.document, {TOP_KEY: self.data})))


def _check_keys(top: dict[str, Any], loaded: LoadedYaml, path: Path) -> None:
    """Refuse keys of ``rpm-spec:`` that are neither its own nor a configuration section."""
    sections = Schemas().sections
    known = [*OWN_KEYS, *sections]
    problems = []
    for key in top:
        if key_name(key) in known:
            continue
        line = loaded.lines.get((TOP_KEY, key_name(key)))
        where = f"{path}:{line}" if line else str(path)
        suggestion = did_you_mean(key_name(key), known)
        problems.append(
            f"{where}: {TOP_KEY}:{key}: unknown key '{key}'; expected one of: "
            + ", ".join(known)
            + (f" ({suggestion})" if suggestion else "")
        )
    if problems:
        raise EnvironmentError_("\n".join(problems))
