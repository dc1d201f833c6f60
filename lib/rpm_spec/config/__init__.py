"""Configuration: scopes, merging, YAML I/O with line marks, schema validation.

Layer ``config`` may import ``util``, ``errors``, ``spec`` and ``platform``, never
anything above. Importing it is cheap: ruamel.yaml and jsonschema load only when a
file is parsed or data validated, and a :class:`ConfigCache` spares both for files
and ``-c`` values that did not change since an earlier command.
"""

from __future__ import annotations

from rpm_spec.config.blame import BlameLine
from rpm_spec.config.cache import ConfigCache
from rpm_spec.config.configuration import Configuration
from rpm_spec.config.errors import (
    ConfigError,
    ConfigOverrideError,
    ConfigSchemaError,
    ConfigSyntaxError,
    ReadOnlyScopeError,
    SchemaProblem,
    UnknownScopeError,
    UnknownSectionError,
)
from rpm_spec.config.merge import merge
from rpm_spec.config.overrides import Override, parse_override
from rpm_spec.config.scope import DirectoryScope, FileScope, MemoryScope, Scope, SectionData
from rpm_spec.config.settings import BuildSettings, ConcretizerSettings
from rpm_spec.config.substitution import substitute_path

__all__ = [
    "BlameLine",
    "BuildSettings",
    "ConcretizerSettings",
    "ConfigCache",
    "ConfigError",
    "ConfigOverrideError",
    "ConfigSchemaError",
    "ConfigSyntaxError",
    "Configuration",
    "DirectoryScope",
    "FileScope",
    "MemoryScope",
    "Override",
    "ReadOnlyScopeError",
    "SchemaProblem",
    "Scope",
    "SectionData",
    "UnknownScopeError",
    "UnknownSectionError",
    "merge",
    "parse_override",
    "substitute_path",
]
