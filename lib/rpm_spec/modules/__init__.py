"""The modules layer: Lmod and Tcl module files for installed specs.

Naming and projections (:mod:`naming`), the Lmod hierarchy (:mod:`hierarchy`), what a
module sets (:mod:`content`), Lua and Tcl text (:mod:`lua`, :mod:`tcl`), the plan with its
clash check (:mod:`plan`) and writing by manifest (:mod:`writer`). It sits after
``environment`` and may import every layer up to it; it never imports ``session``/``cli``.
"""

from rpm_spec.modules.errors import ForeignModuleFileError, ModuleNameClashError, ModulesError
from rpm_spec.modules.generate import find_modules, refresh_modules
from rpm_spec.modules.plan import ModuleFile, plan_modules
from rpm_spec.modules.settings import KINDS, Kind, ModuleSettings
from rpm_spec.modules.writer import MANIFEST, RefreshReport, module_names, refresh

__all__ = [
    "KINDS",
    "MANIFEST",
    "ForeignModuleFileError",
    "Kind",
    "ModuleFile",
    "ModuleNameClashError",
    "ModuleSettings",
    "ModulesError",
    "RefreshReport",
    "find_modules",
    "module_names",
    "plan_modules",
    "refresh",
    "refresh_modules",
]
