"""Lmod module files (Lua), including the choice among builds for several targets.

A module over builds of one package for several targets (``zen3``, ``x86_64_v3``,
``x86_64``) picks one when it is loaded, on the node where it is loaded. Why in Lua and
not by asking rpm-spec: a module must work on nodes where rpm-spec (and Python) are not
on PATH, and fast. The choice is the one :mod:`rpm_spec.store.best_build` makes: the most
specific build the CPU runs. The CPU is known from ``RPM_SPEC_TARGET`` when the site sets
it (a target name, compared with the targets archspec says run each build), else from
the ``flags``/``Features`` line of ``/proc/cpuinfo`` (which also tells x86_64 from
aarch64), compared with the features archspec lists for each build's target (its
aliases included). Either way the chosen build must
have all its features on this CPU, or loading fails naming the missing ones: never a
SIGILL later. The choice is remembered in ``RPM_SPEC_BUILD_<NAME>`` so that unloading
removes exactly what loading added. ``RPM_SPEC_CPUINFO`` replaces ``/proc/cpuinfo``
(tests use recorded CPUs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.platform.cpu_features import feature_requirements, hosts_that_run
from rpm_spec.platform.targets import family

if TYPE_CHECKING:
    from rpm_spec.modules.content import EnvOp, ModuleContent

HEADER = "-- rpm-spec: generated, do not edit ('rpm-spec module lmod refresh' rewrites it)\n"

_PICK = """\
local rpm_spec_families = { flags = "x86_64", Features = "aarch64" }
local function rpm_spec_cpu_flags()
  local flags = {}
  local file = io.open(os.getenv("RPM_SPEC_CPUINFO") or "/proc/cpuinfo", "r")
  if file == nil then return flags, nil end
  local family = nil
  for line in file:lines() do
    local key, value = line:match("^(%w+)%s*:%s*(.*)$")
    if rpm_spec_families[key] ~= nil then
      family = rpm_spec_families[key]
      for word in value:gmatch("%S+") do flags[word] = true end
      break
    end
  end
  file:close()
  return flags, family
end
local function rpm_spec_missing(build, flags)
  local missing = {}
  for _, spellings in ipairs(build.needs) do
    local found = false
    for _, name in ipairs(spellings) do
      if flags[name] then found = true end
    end
    if not found then missing[#missing + 1] = spellings[1] end
  end
  return missing
end
local rpm_spec_var = "RPM_SPEC_BUILD_" .. string.upper(string.gsub(myModuleName(), "[^%w]", "_"))
local rpm_spec_build = nil
local rpm_spec_was = os.getenv(rpm_spec_var)
if mode() ~= "load" and rpm_spec_was ~= nil then
  for _, build in ipairs(rpm_spec_builds) do
    if build.target == rpm_spec_was then rpm_spec_build = build end
  end
end
if rpm_spec_build == nil then
  local wanted = os.getenv("RPM_SPEC_TARGET")
  if wanted == "" then wanted = nil end
  local flags, family = rpm_spec_cpu_flags()
  local names = {}
  for _, build in ipairs(rpm_spec_builds) do
    names[#names + 1] = build.target
    local fits
    if wanted ~= nil then fits = build.hosts[wanted] == true
    else
      fits = (family == nil or family == build.family) and #rpm_spec_missing(build, flags) == 0
    end
    if fits and rpm_spec_build == nil then rpm_spec_build = build end
  end
  local exist = table.concat(names, ", ")
  if rpm_spec_build == nil then
    if mode() == "load" then
      LmodError(myModuleFullName() .. ": no build runs on this CPU (" ..
        (wanted or "/proc/cpuinfo") .. "); builds exist for " .. exist)
    end
    rpm_spec_build = rpm_spec_builds[#rpm_spec_builds]
  elseif mode() == "load" then
    local missing = rpm_spec_missing(rpm_spec_build, flags)
    if next(flags) ~= nil and #missing > 0 then
      LmodError(myModuleFullName() .. ": RPM_SPEC_TARGET=" .. wanted .. " selects the " ..
        rpm_spec_build.target .. " build, and this CPU lacks " .. table.concat(missing, ", "))
    end
    local why = wanted and ("best available for " .. wanted) or "most specific build this CPU runs"
    LmodMessage(myModuleFullName() .. ": " .. why .. ": " .. rpm_spec_build.target)
  end
end
setenv(rpm_spec_var, rpm_spec_build.target)
local prefix = rpm_spec_build.prefix
"""


def quote(text: str) -> str:
    """A Lua string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _value(template: str) -> str:
    """A Lua expression for a value in which ``{prefix}`` is the chosen prefix."""
    pieces = template.split("{prefix}")
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if index:
            parts.append("prefix")
        if piece:
            parts.append(quote(piece))
    return " .. ".join(parts) or '""'


def _op(op: EnvOp) -> str:
    if op.operation == "set":
        return f"setenv({quote(op.name)}, {_value(op.value)})"
    if op.operation == "unset":
        return f"unsetenv({quote(op.name)})"
    function = "prepend_path" if op.operation == "prepend" else "append_path"
    return f"{function}({quote(op.name)}, {_value(op.value)})"


def render(content: ModuleContent) -> str:
    """The text of one Lmod module file."""
    lines = [
        HEADER.rstrip("\n"),
        f"whatis({quote('Name: ' + content.package)})",
        f"whatis({quote('Version: ' + content.version)})",
        f"whatis({quote('Spec: ' + content.spec_text)})",
        f"help({quote(content.spec_text)})",
    ]
    lines.extend(f"family({quote(name)})" for name in content.families)
    lines.extend(f"conflict({quote(name)})" for name in content.conflicts)
    lines.extend(f"depends_on({quote(name)})" for name in content.autoload)
    if len(content.builds) == 1:
        lines.append(f"local prefix = {quote(content.builds[0].prefix)}")
    else:
        lines.append("local rpm_spec_builds = {")
        for build in content.builds:
            hosts = ", ".join(f"[{quote(h)}] = true" for h in hosts_that_run(build.target))
            needs = ", ".join(
                "{" + ", ".join(quote(s) for s in spellings) + "}"
                for spellings in feature_requirements(build.target)
            )
            lines.append(
                f"  {{ target = {quote(build.target)}, family = {quote(family(build.target))},\n"
                f"    prefix = {quote(build.prefix)},\n"
                f"    hosts = {{ {hosts} }},\n    needs = {{ {needs} }} }},"
            )
        lines.append("}")
        lines.append(_PICK.rstrip("\n"))
    lines.extend(f'prepend_path("MODULEPATH", {quote(path)})' for path in content.opens)
    lines.extend(_op(op) for op in content.environment)
    return "\n".join(lines) + "\n"
