"""The store: install layout, the install database, provenance files, shell environments.

Layer ``store`` may import ``util``, ``errors``, ``spec``, ``platform``, ``config``,
``repo`` and ``solver``; never ``build``, ``environment``, ``session`` or ``cli``.
"""

from rpm_spec.store.database import Database
from rpm_spec.store.errors import (
    AmbiguousMatchError,
    DatabaseError,
    HasDependentsError,
    LayoutError,
    MissingDependencyError,
    NoMatchError,
    NotInstalledError,
    ReadOnlyStoreError,
    StoreError,
)
from rpm_spec.store.health import PrefixCheck, PrefixState, check_prefix
from rpm_spec.store.layout import Layout
from rpm_spec.store.loading import LoadPlan, plan_load, plan_unload
from rpm_spec.store.records import InstallRecord
from rpm_spec.store.reindex import ReindexReport
from rpm_spec.store.shell_env import EnvironmentModifications, shell_code
from rpm_spec.store.store import Store

__all__ = [
    "AmbiguousMatchError",
    "Database",
    "DatabaseError",
    "EnvironmentModifications",
    "HasDependentsError",
    "InstallRecord",
    "Layout",
    "LayoutError",
    "LoadPlan",
    "MissingDependencyError",
    "NoMatchError",
    "NotInstalledError",
    "PrefixCheck",
    "PrefixState",
    "ReadOnlyStoreError",
    "ReindexReport",
    "Store",
    "StoreError",
    "check_prefix",
    "plan_load",
    "plan_unload",
    "shell_code",
]
